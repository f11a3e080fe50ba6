package io.procmesh.launcher.health;

/**
 * Tells a stuck instance from a busy one: stuck means the inbox backlog has grown while the last handled index
 * stayed where it was, for at least the stuck threshold. Any handled message clears it.
 */
public final class ProgressTracker
{
    public enum Progress
    {
        MOVING,
        STALLED,
        STUCK
    }

    private final long stuckAfterNs;
    private boolean observed;
    private long lastHandledIndex;
    private boolean stalled;
    private long stallStartNs;
    private long stallStartBacklog;

    public ProgressTracker(final long stuckAfterNs)
    {
        this.stuckAfterNs = stuckAfterNs;
    }

    /**
     * @param lastHandledIndex the instance's read position, from its slot.
     * @param backlog          messages in its inbox after that position, from its slot.
     */
    public Progress observe(final long lastHandledIndex, final long backlog, final long nowNs)
    {
        if (!observed || lastHandledIndex != this.lastHandledIndex || backlog <= 0)
        {
            observed = true;
            this.lastHandledIndex = lastHandledIndex;
            stalled = false;
            return Progress.MOVING;
        }
        if (!stalled)
        {
            stalled = true;
            stallStartNs = nowNs;
            stallStartBacklog = backlog;
            return Progress.MOVING;
        }
        if (backlog <= stallStartBacklog)
        {
            return Progress.MOVING;
        }
        return nowNs - stallStartNs >= stuckAfterNs ? Progress.STUCK : Progress.STALLED;
    }

    /**
     * @return true if the read position differs from the last one observed: progress, whatever the backlog.
     */
    public boolean hasMoved(final long lastHandledIndex)
    {
        return !observed || lastHandledIndex != this.lastHandledIndex;
    }

    public long stalledForNs(final long nowNs)
    {
        return stalled ? nowNs - stallStartNs : 0;
    }

    public long backlogAtStall()
    {
        return stallStartBacklog;
    }

    public void reset()
    {
        observed = false;
        stalled = false;
    }
}
