package io.procmesh.core.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Files of one kind that a hot standby opened while it watched its primary, each waiting for the take-over's own
 * open of the same file, which then takes the mapped resource instead of mapping the file again. Mapping a Chronicle
 * file reads its header through Wire: tens of milliseconds each on a loaded 2-core host, and most of a take-over
 * (docs/benchmarks.md, section 10). Each is taken once; what is never taken is closed by {@link #closeUntaken}.
 * Outside a standby nothing is ever put, and an open pays one lookup in an empty map.
 */
public final class OpenedAhead<T extends AutoCloseable>
{
    private final Map<Path, T> opened = new HashMap<>();

    /**
     * @return false, and the resource is left to the caller, if one is already waiting for the file.
     */
    public synchronized boolean put(final Path file, final T resource)
    {
        return opened.putIfAbsent(key(file), resource) == null;
    }

    public synchronized boolean contains(final Path file)
    {
        return !opened.isEmpty() && opened.containsKey(key(file));
    }

    /**
     * @return the resource opened ahead for the file, now the caller's to close, or null if there is none.
     */
    public synchronized T take(final Path file)
    {
        return opened.isEmpty() ? null : opened.remove(key(file));
    }

    /**
     * Closes every resource not taken, each on its own: one that fails to close does not keep the others open.
     *
     * @param onFailure gets each failure to close.
     * @return how many were not taken.
     */
    public int closeUntaken(final Consumer<Exception> onFailure)
    {
        final List<T> untaken;
        synchronized (this)
        {
            untaken = new ArrayList<>(opened.values());
            opened.clear();
        }
        for (final T resource : untaken)
        {
            try
            {
                resource.close();
            }
            catch (final Exception ex)
            {
                onFailure.accept(ex);
            }
        }
        return untaken.size();
    }

    private static Path key(final Path file)
    {
        return file.toAbsolutePath().normalize();
    }
}
