package io.procmesh.core.store;

/**
 * How large a {@link ChronicleStore} is made. Chronicle Map sizes its file when it creates it and keeps that
 * sizing in the file: options given when an existing file is opened do not resize it.
 * <p>
 * The file gets its full size when it is created, about {@code maxEntries * (averageKeyBytes + averageValueBytes)}
 * plus Chronicle's overhead: 37 MiB for the defaults, on disk, however few entries it holds (measured on ext4).
 * Past {@code maxEntries} the map grows in extra tiers, up to {@link #MAX_BLOAT_FACTOR} times, and
 * then a put fails; values much larger than {@code averageValueBytes} fill it sooner.
 *
 * @param maxEntries        how many entries the store is sized for (default {@value #MAX_ENTRIES_DEFAULT}).
 * @param averageKeyBytes   the keys' average UTF-8 length (default {@value #AVERAGE_KEY_BYTES_DEFAULT}).
 * @param averageValueBytes the values' average JSON length (default {@value #AVERAGE_VALUE_BYTES_DEFAULT}).
 */
public record StoreOptions(long maxEntries, int averageKeyBytes, int averageValueBytes)
{
    public static final long MAX_ENTRIES_DEFAULT = 100_000;
    public static final int AVERAGE_KEY_BYTES_DEFAULT = 24;
    public static final int AVERAGE_VALUE_BYTES_DEFAULT = 256;

    /**
     * How far past {@code maxEntries} the map may grow (in extra segment tiers) before a put fails.
     */
    public static final double MAX_BLOAT_FACTOR = 4.0;

    public static final StoreOptions DEFAULT =
        new StoreOptions(MAX_ENTRIES_DEFAULT, AVERAGE_KEY_BYTES_DEFAULT, AVERAGE_VALUE_BYTES_DEFAULT);

    public StoreOptions
    {
        if (maxEntries < 1)
        {
            throw new IllegalArgumentException("store maxEntries must be at least 1, was " + maxEntries);
        }
        if (averageKeyBytes < 1)
        {
            throw new IllegalArgumentException("store averageKeyBytes must be at least 1, was " + averageKeyBytes);
        }
        if (averageValueBytes < 1)
        {
            throw new IllegalArgumentException("store averageValueBytes must be at least 1, was " + averageValueBytes);
        }
    }

    public static StoreOptions of(final long maxEntries, final int averageValueBytes)
    {
        return new StoreOptions(maxEntries, AVERAGE_KEY_BYTES_DEFAULT, averageValueBytes);
    }

    public StoreOptions withMaxEntries(final long value)
    {
        return new StoreOptions(value, averageKeyBytes, averageValueBytes);
    }

    public StoreOptions withAverageKeyBytes(final int value)
    {
        return new StoreOptions(maxEntries, value, averageValueBytes);
    }

    public StoreOptions withAverageValueBytes(final int value)
    {
        return new StoreOptions(maxEntries, averageKeyBytes, value);
    }
}
