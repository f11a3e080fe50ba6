package io.procmesh.core.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * This host's boot, as a number: heartbeats and deadlines are CLOCK_MONOTONIC values, which restart near 0 at
 * boot, so a value kept in a file means something only with the boot it was taken in.
 * <p>
 * Read once from {@code /proc/sys/kernel/random/boot_id}. Tests simulate another boot with the system property
 * {@value #BOOT_ID_PROP_NAME} (a UUID); nothing else should set it. Where the file is absent (not Linux) the value
 * is {@link #UNKNOWN}, and values are never judged to be from another boot.
 */
public final class BootId
{
    public static final String BOOT_ID_PROP_NAME = "procmesh.bootId";
    public static final long UNKNOWN = 0;
    private static final Path BOOT_ID_FILE = Path.of("/proc/sys/kernel/random/boot_id");
    private static final long CURRENT = read();

    private BootId()
    {
    }

    public static long current()
    {
        return CURRENT;
    }

    /**
     * @return whether a value recorded with {@code recordedBootId} was taken in an earlier boot of this host.
     */
    public static boolean isOtherBoot(final long recordedBootId)
    {
        return recordedBootId != CURRENT && recordedBootId != UNKNOWN && CURRENT != UNKNOWN;
    }

    static long parse(final String text)
    {
        final UUID uuid = UUID.fromString(text.trim());
        final long folded = uuid.getMostSignificantBits() ^ uuid.getLeastSignificantBits();
        return folded == UNKNOWN ? 1 : folded;
    }

    private static long read()
    {
        final String injected = System.getProperty(BOOT_ID_PROP_NAME);
        if (injected != null)
        {
            return parse(injected);
        }
        try
        {
            return parse(Files.readString(BOOT_ID_FILE, StandardCharsets.US_ASCII));
        }
        catch (final IOException | IllegalArgumentException ex)
        {
            return UNKNOWN;
        }
    }
}
