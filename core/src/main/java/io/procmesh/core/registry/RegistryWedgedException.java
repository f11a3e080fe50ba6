package io.procmesh.core.registry;

/**
 * A registry segment lock was not free within the time a live holder would need: a process most likely died
 * holding it. The map stays unusable for that segment until it is recovered with every user stopped, which the
 * launcher does on its own ({@link Registry#isResponsive}, {@link Registry#recover}).
 */
public final class RegistryWedgedException extends IllegalStateException
{
    public RegistryWedgedException(final String file, final String instanceId, final long waitedMs)
    {
        super("registry " + file + " is wedged: the segment lock for '" + instanceId + "' was not free after " +
            waitedMs + " ms (a process probably died holding it; the launcher recovers the map)");
    }
}
