package io.procmesh.core.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of every child JVM procmesh starts (service instances, the class-data training JVM, benchmark
 * partners, test children), built in one order:
 * <pre>
 * [prefix] java &lt;Chronicle flags&gt; [class-data option] &lt;JVM options&gt; &lt;system properties&gt;
 *     -cp &lt;class path&gt; &lt;main class&gt; &lt;args&gt;
 * [prefix] java -Dchronicle.analytics.disable=true &lt;JVM options&gt; &lt;system properties&gt;
 *     -jar &lt;jar&gt; &lt;args&gt;
 * </pre>
 * A jar carries the --add-exports/--add-opens in its manifest, so only the analytics flag is added for one. The
 * class-data option comes before the JVM options so that one of those (e.g. -Xshare:off) wins; the class path is
 * this JVM's unless set.
 */
public final class JavaCommand
{
    private final String mainClass;
    private final Path jar;
    private final List<String> prefix = new ArrayList<>();
    private final List<String> classData = new ArrayList<>();
    private final List<String> jvmOptions = new ArrayList<>();
    private final List<String> systemProperties = new ArrayList<>();
    private final List<String> args = new ArrayList<>();
    private String classPath = System.getProperty("java.class.path");

    private JavaCommand(final String mainClass, final Path jar)
    {
        this.mainClass = mainClass;
        this.jar = jar;
    }

    public static JavaCommand mainClass(final String mainClass)
    {
        return new JavaCommand(mainClass, null);
    }

    public static JavaCommand mainClass(final Class<?> mainClass)
    {
        return mainClass(mainClass.getName());
    }

    /**
     * {@code java -jar}: the jar's manifest names the main class and carries the Chronicle flags.
     */
    public static JavaCommand jar(final Path jar)
    {
        return new JavaCommand(null, jar);
    }

    /**
     * @param wrapper a command that runs java, e.g. setsid(1) or {@code nice -n 19}.
     */
    public JavaCommand prefix(final List<String> wrapper)
    {
        prefix.addAll(wrapper);
        return this;
    }

    /**
     * @param archive a class-data-sharing archive to map, or null for none.
     */
    public JavaCommand sharedArchive(final Path archive)
    {
        if (archive != null)
        {
            classData.add("-XX:SharedArchiveFile=" + archive);
        }
        return this;
    }

    /**
     * @param archive where this JVM writes a dynamic class-data-sharing archive when it exits normally.
     */
    public JavaCommand archiveClassesAtExit(final Path archive)
    {
        classData.add("-XX:ArchiveClassesAtExit=" + archive);
        return this;
    }

    public JavaCommand jvmOptions(final List<String> options)
    {
        jvmOptions.addAll(options);
        return this;
    }

    public JavaCommand systemProperty(final String name, final Object value)
    {
        systemProperties.add("-D" + name + "=" + value);
        return this;
    }

    /**
     * @param definitions each in the form {@code -Dname=value}.
     */
    public JavaCommand systemProperties(final List<String> definitions)
    {
        systemProperties.addAll(definitions);
        return this;
    }

    public JavaCommand classPath(final String value)
    {
        classPath = value;
        return this;
    }

    public JavaCommand args(final List<String> values)
    {
        args.addAll(values);
        return this;
    }

    public JavaCommand args(final String... values)
    {
        return args(List.of(values));
    }

    public List<String> build()
    {
        final List<String> command = new ArrayList<>(prefix);
        command.add(JvmFlags.javaExecutable());
        if (jar != null)
        {
            command.add(JvmFlags.ANALYTICS_DISABLE);
        }
        else
        {
            command.addAll(JvmFlags.chronicle());
        }
        command.addAll(classData);
        command.addAll(jvmOptions);
        command.addAll(systemProperties);
        if (jar != null)
        {
            command.add("-jar");
            command.add(jar.toString());
        }
        else
        {
            command.add("-cp");
            command.add(classPath);
            command.add(mainClass);
        }
        command.addAll(args);
        return List.copyOf(command);
    }
}
