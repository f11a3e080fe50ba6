package io.procmesh.launcher.testing;

/**
 * A service whose calls a test holds in flight: what a scale-down must let finish.
 */
public interface HoldApi
{
    /**
     * Writes {@code latchFile + "." + <instance id> + ".entered"}, then returns once {@code latchFile} exists (at
     * most 60 s).
     *
     * @return the id of the instance that handled it.
     */
    String hold(String latchFile);

    /**
     * @return the id of the instance that handled it.
     */
    String whoAmI();
}
