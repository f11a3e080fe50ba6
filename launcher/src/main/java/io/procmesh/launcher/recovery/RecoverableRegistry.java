package io.procmesh.launcher.recovery;

import io.procmesh.core.config.DataDirectory;
import io.procmesh.core.registry.Registry;

/**
 * The launcher's handle on the shared registry, which it can recover in place. Recovery rewrites the map's
 * headers and locks, so every other process that maps the file must be stopped first; the supervisor does that
 * and then rebinds its health monitors to {@link #current()}.
 */
public final class RecoverableRegistry implements AutoCloseable
{
    private final DataDirectory dataDirectory;
    private final int maxInstances;
    private Registry current;

    RecoverableRegistry(final DataDirectory dataDirectory, final int maxInstances, final Registry opened)
    {
        this.dataDirectory = dataDirectory;
        this.maxInstances = maxInstances;
        this.current = opened;
    }

    public Registry current()
    {
        return current;
    }

    public String file()
    {
        return dataDirectory.registryFile().toString();
    }

    /**
     * @return true if no segment lock stays taken for longer than the probe: see {@link Registry#isResponsive}.
     */
    public boolean isResponsive(final long probeMs)
    {
        return current.isResponsive(probeMs);
    }

    /**
     * Closes this process's mapping and runs Chronicle Map's recovery on the file; entries and their counters are
     * kept. Only with every other user of the file stopped.
     *
     * @return the registry to use from now on.
     */
    public Registry recover()
    {
        final Registry wedged = current;
        current = null;
        wedged.close();
        current = Registry.recover(dataDirectory.registryFile(), maxInstances);
        return current;
    }

    @Override
    public void close()
    {
        if (current != null)
        {
            current.close();
            current = null;
        }
    }
}
