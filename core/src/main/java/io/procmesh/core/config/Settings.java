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
