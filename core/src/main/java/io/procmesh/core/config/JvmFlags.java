package io.procmesh.core.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The JVM flags Chronicle needs on Java 17, for every child JVM procmesh starts (services, benchmark partners,
 * test children). The lists come from the root pom through a filtered resource, so they are kept in one place.
 */
public final class JvmFlags
{
    public static final String ANALYTICS_DISABLE = "-Dchronicle.analytics.disable=true";
    private static final List<String> FLAGS = load();

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
     * @return the java executable of the running JVM, so children run on the same Java as their parent.
     */
    public static String javaExecutable()
    {
        return ProcessHandle.current().info().command()
            .orElse(System.getProperty("java.home") + "/bin/java");
    }

    private static List<String> load()
    {
        final Properties properties = new Properties();
        try (InputStream in = JvmFlags.class.getResourceAsStream("jvm-flags.properties"))
        {
            if (in == null)
            {
                throw new IllegalStateException("jvm-flags.properties is missing from procmesh-core");
            }
            properties.load(in);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }

        final List<String> flags = new ArrayList<>();
        for (final String export : properties.getProperty("exports").trim().split("\\s+"))
        {
            flags.add("--add-exports=" + export + "=ALL-UNNAMED");
        }
        for (final String open : properties.getProperty("opens").trim().split("\\s+"))
        {
            flags.add("--add-opens=" + open + "=ALL-UNNAMED");
        }
        flags.add(ANALYTICS_DISABLE);
        return List.copyOf(flags);
    }
}
