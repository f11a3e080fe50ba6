package io.procmesh.launcher.supervisor;

import io.procmesh.core.registry.InstanceState;
import io.procmesh.launcher.state.LauncherState;

/**
 * What the launcher last said about one instance: its reported state, why, and since when. A change calls the
 * supervisor's listener, which republishes the state file. Only the supervisor thread uses it.
 */
final class InstanceReport
{
    private final Runnable onChange;
    private InstanceState state = InstanceState.DOWN;
    private String detail = "not started";
    private long sinceMs = System.currentTimeMillis();
    private long sinceNs = System.nanoTime();

    InstanceReport(final Runnable onChange)
    {
        this.onChange = onChange;
    }

    /**
     * Reports the phase's state with its detail, if either changed since the last report.
     */
    void publish(final InstancePhase phase, final String newDetail, final long nowNs)
    {
        if (phase.reported() == state && newDetail.equals(detail))
        {
            return;
        }
        state = phase.reported();
        detail = newDetail;
        sinceMs = System.currentTimeMillis();
        sinceNs = nowNs;
        onChange.run();
    }

    /**
     * @return what the state file says about the instance.
     */
    LauncherState.Instance entry(
        final String instanceId, final String service, final InstanceProcess process, final long heartbeatTimeoutMs)
    {
        return new LauncherState.Instance(instanceId, service, state, process.pid(), process.restarts(), detail, sinceMs,
            sinceNs, process.lastExitDetectedNs(), heartbeatTimeoutMs, process.partition());
    }

    String detail()
    {
        return detail;
    }

    long sinceMs()
    {
        return sinceMs;
    }

    long sinceNs()
    {
        return sinceNs;
    }
}
