package io.procmesh.core.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JVM flags Chronicle needs on Java 17, for every JVM that uses procmesh-core: the child JVMs procmesh starts
 * (services, benchmark partners, test children) and applications that embed it.
 * <p>
 * They ship as a java argument file in the jar, {@value #ARGFILE_RESOURCE}, filtered by Maven from the root pom's
 * two lists (the one place they are kept), so the file users copy and the flags procmesh passes its children are
 * the same text. {@link #requirePresent()} turns a JVM started without them into one line that says so, before
 * Chronicle fails deep inside with an {@code InaccessibleObjectException}.
 */
public final class JvmFlags
{
    public static final String ANALYTICS_DISABLE = "-Dchronicle.analytics.disable=true";
    public static final String ARGFILE_RESOURCE = "META-INF/procmesh/jvm.options";
    private static final String ARGFILE_TEXT = load();
    private static final List<String> FLAGS = parse(ARGFILE_TEXT);

    private JvmFlags()
    {
    }

    /**
     * @return the --add-exports/--add-opens flags plus {@link #ANALYTICS_DISABLE}, ready for a command line.
     */
    public static List<String> chronicle()
    {
        return FLAGS;
    }

    /**
     * @return the argument file's text, comments included, for {@code java @jvm.options}: what
     * {@code procmesh jvm-flags} prints.
     */
    public static String argfileText()
    {
        return ARGFILE_TEXT;
    }

    /**
     * @return the --add-exports/--add-opens flags this JVM was not started with, in the argfile's order; a flag
     * for a module this runtime does not have (e.g. jdk.compiler in a jlink image) is not counted missing.
     */
    public static List<String> missing()
    {
        final Module self = JvmFlags.class.getModule();
        final List<String> missing = new ArrayList<>();
        for (final String flag : FLAGS)
        {
            final boolean opens = flag.startsWith("--add-opens=");
            if (!opens && !flag.startsWith("--add-exports="))
            {
                continue;
            }
            final String target = flag.substring(flag.indexOf('=') + 1, flag.lastIndexOf('='));
            final int slash = target.indexOf('/');
            final Optional<Module> module = ModuleLayer.boot().findModule(target.substring(0, slash));
            final String pkg = target.substring(slash + 1);
            if (module.isPresent() &&
                !(opens ? module.get().isOpen(pkg, self) : module.get().isExported(pkg, self)))
            {
                missing.add(flag);
            }
        }
        return missing;
    }

    /**
     * @throws MissingJvmFlagsException naming the missing flags and how to pass them, in one line.
     */
    public static void requirePresent()
    {
        final List<String> missing = missing();
        if (!missing.isEmpty())
        {
            throw new MissingJvmFlagsException("procmesh-core needs JVM flags this JVM was started without: " +
                String.join(" ", missing) + "; start java with @jvm.options (print it with 'procmesh jvm-flags'; " +
                "it is " + ARGFILE_RESOURCE + " in the procmesh-core jar)");
        }
    }

    /**
     * @return the java executable of the running JVM, so children run on the same Java as their parent.
     */
    public static String javaExecutable()
    {
        return ProcessHandle.current().info().command()
            .orElse(System.getProperty("java.home") + "/bin/java");
    }

    /**
     * The argfile's tokens, as the java launcher reads them: whitespace separates, {@code #} starts a comment.
     */
    static List<String> parse(final String text)
    {
        final List<String> flags = new ArrayList<>();
        for (final String line : text.split("\n"))
        {
            final int comment = line.indexOf('#');
            final String content = comment < 0 ? line : line.substring(0, comment);
            for (final String token : content.trim().split("\\s+"))
            {
                if (!token.isEmpty())
                {
                    flags.add(token);
                }
            }
        }
        if (flags.isEmpty() || flags.stream().anyMatch(flag -> flag.contains("${")))
        {
            throw new IllegalStateException(ARGFILE_RESOURCE + " in procmesh-core is empty or was not filtered: " +
                flags);
        }
        return List.copyOf(flags);
    }

    private static String load()
    {
        try (InputStream in = JvmFlags.class.getClassLoader().getResourceAsStream(ARGFILE_RESOURCE))
        {
            if (in == null)
            {
                throw new IllegalStateException(ARGFILE_RESOURCE + " is missing from procmesh-core");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
