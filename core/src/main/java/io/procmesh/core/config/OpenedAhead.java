package io.procmesh.core.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

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

    /**
     * Opens the file's resource unless one is already waiting for it. The opener runs outside the lock: an open
     * takes tens of milliseconds, and a take of another file must not wait behind it. So two callers racing on one
     * file may both open it; the one whose resource is not kept closes it before returning, and no second mapping
     * stays open.
     *
     * @param opener called at most once; what it throws is thrown here, and nothing is kept.
     * @return true if this call's resource now waits for the file; false if one already did.
     * @throws IllegalStateException if a resource opened twice cannot be closed (the kept one still waits).
     */
    public boolean openIfAbsent(final Path file, final Supplier<? extends T> opener)
    {
        final Path key = key(file);
        synchronized (this)
        {
            if (opened.containsKey(key))
            {
                return false;
            }
        }
        final T resource = Objects.requireNonNull(opener.get(), "opener returned no resource");
        synchronized (this)
        {
            if (opened.putIfAbsent(key, resource) == null)
            {
                return true;
            }
        }
        try
        {
            resource.close();
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException("cannot close a second open of " + key + " (another caller's is kept)",
                ex);
        }
        return false;
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
