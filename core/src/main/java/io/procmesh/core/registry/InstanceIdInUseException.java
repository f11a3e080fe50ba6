package io.procmesh.core.registry;

/**
 * Another live process holds this instance id: its pid is alive, it is not DOWN, and its heartbeat stayed fresh
 * for as long as a stopped or dying holder would need to go stale. Two processes on one id would share an inbox
 * and run requests twice, so the second one is refused.
 */
public final class InstanceIdInUseException extends IllegalStateException
{
    public InstanceIdInUseException(final String instanceId, final long pid, final long heartbeatAgeMs)
    {
        super("instance id '" + instanceId + "' is held by live pid " + pid + " (heartbeat " + heartbeatAgeMs +
            " ms ago): stop that process or choose another procmesh.instanceId");
    }
}
