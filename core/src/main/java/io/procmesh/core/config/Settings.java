package io.procmesh.core.config;

/**
 * Checks that Contexts apply to their settings in {@code conclude()}, in one place so that every component words
 * a bad value the same way: the property name, what it must be, and what it was.
 */
public final class Settings
{
    private Settings()
    {
    }

    /**
     * @param name the property name, e.g. {@link Configuration#HEARTBEAT_INTERVAL_MS_PROP_NAME}.
     * @throws IllegalArgumentException if the value is zero or negative.
     */
    public static long positive(final String name, final long value)
    {
        if (value <= 0)
        {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
        return value;
    }

    /**
     * @see #positive(String, long)
     */
    public static int positive(final String name, final int value)
    {
        return (int)positive(name, (long)value);
    }

    /**
     * @throws IllegalArgumentException if the value is negative.
     */
    public static long nonNegative(final String name, final long value)
    {
        if (value < 0)
        {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
        return value;
    }

    /**
     * The service name a process registers under: the one it asked for, else the one the launcher gave it
     * ({@link Configuration#SERVICE_NAME_PROP_NAME}), else {@code client}.
     *
     * @param requested the name set on the context, or null.
     * @param assigned  the launcher's name for this JVM, or null when not started by a launcher.
     * @throws IllegalArgumentException naming both when they differ: a main that registers as {@code user} under
     *                                  the topology name {@code inventory} would otherwise be reported UP as
     *                                  inventory while serving user's calls.
     */
    public static String serviceName(final String requested, final String assigned)
    {
        if (requested != null && assigned != null && !requested.equals(assigned))
        {
            throw new IllegalArgumentException("this JVM runs service '" + assigned + "' (" +
                Configuration.SERVICE_NAME_PROP_NAME + ", from the topology) but connects as service '" + requested +
                "': use the topology's name, or leave serviceName unset");
        }
        final String name = requested != null ? requested : assigned != null ? assigned : "client";
        return Names.requireValid("service", name);
    }

    /**
     * For a setting that only makes sense above another, e.g. the staleness limit above the heartbeat interval.
     *
     * @throws IllegalArgumentException naming both settings and their values, if {@code value <= other}.
     */
    public static long longerThan(final String name, final long value, final String otherName, final long other)
    {
        if (value <= other)
        {
            throw new IllegalArgumentException(
                name + " (" + value + ") must be longer than " + otherName + " (" + other + ")");
        }
        return value;
    }
}
