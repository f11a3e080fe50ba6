package io.procmesh.launcher.supervisor;

import java.util.concurrent.TimeUnit;

/**
 * The intensity limit of OTP supervisors and systemd's StartLimitBurst: at most {@code maxRestarts} restarts in
 * any window of {@code withinSeconds}. One more means the service is crash-looping and is given up on.
 * Keeps the last {@code maxRestarts} restart times in a ring, so checking allocates nothing.
 */
public final class RestartIntensity
{
    private final int maxRestarts;
    private final long windowNs;
    private final long[] restartTimesNs;
    private int count;
    private int next;

    public RestartIntensity(final int maxRestarts, final int withinSeconds)
    {
        if (maxRestarts < 0 || withinSeconds < 1)
        {
            throw new IllegalArgumentException("intensity needs maxRestarts >= 0 and withinSeconds >= 1");
        }
        this.maxRestarts = maxRestarts;
        this.windowNs = TimeUnit.SECONDS.toNanos(withinSeconds);
        this.restartTimesNs = new long[Math.max(1, maxRestarts)];
    }

    /**
     * Records a restart if the limit allows it.
     *
     * @return false if this restart would be one more than {@code maxRestarts} within the window.
     */
    public boolean tryRecord(final long nowNs)
    {
        if (maxRestarts == 0)
        {
            return false;
        }
        if (count == maxRestarts)
        {
            final long oldestNs = restartTimesNs[next];
            if (nowNs - oldestNs < windowNs)
            {
                return false;
            }
        }
        else
        {
            count++;
        }
        restartTimesNs[next] = nowNs;
        next = (next + 1) % maxRestarts;
        return true;
    }

    /**
     * @return restarts recorded within the window ending now.
     */
    public int recentRestarts(final long nowNs)
    {
        int recent = 0;
        for (int i = 0; i < count; i++)
        {
            if (nowNs - restartTimesNs[i] < windowNs)
            {
                recent++;
            }
        }
        return recent;
    }

    public void reset()
    {
        count = 0;
        next = 0;
    }

    public int maxRestarts()
    {
        return maxRestarts;
    }

    public long windowSeconds()
    {
        return TimeUnit.NANOSECONDS.toSeconds(windowNs);
    }
}
