package io.procmesh.core.breaker;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a circuit breaker decides, with Resilience4j's meanings and defaults chosen for one host, where a sick target
 * is seen within seconds:
 * <ul>
 *     <li>{@code failureRate} (percent, default 50): at or above it, over at least {@code minimumCalls} calls in
 *     the window, the breaker opens. A failure is a call that timed out or that the target failed with INTERNAL.</li>
 *     <li>{@code slowCallRate} (percent, default 50) of calls that succeeded in {@code slowCallMs} (default 10000)
 *     or more: the same.</li>
 *     <li>{@code minimumCalls} (default 10) in the window before either rate counts.</li>
 *     <li>{@code windowMs} (default 10000): the sliding window, kept as {@value BreakerTable#BUCKETS} buckets.</li>
 *     <li>{@code waitMs} (default 5000): how long an open breaker refuses calls before it lets trial calls
 *     through.</li>
 *     <li>{@code halfOpenCalls} (default 3): the trial calls; all of them must succeed to close the breaker, and
 *     one failure or slow call reopens it.</li>
 *     <li>{@code retryBudget} (percent, default 10): retries of idempotent calls allowed, as a share of the calls
 *     in the window (at least {@value #MIN_RETRIES_PER_WINDOW} per window).</li>
 *     <li>{@code enabled} (default true): false lets every call through and records nothing.</li>
 *     <li>{@code perOperation} (default false): one breaker per operation of the target instead of one for the
 *     whole target, so that a sick operation does not close off the others.</li>
 * </ul>
 * Written as {@code name=value} pairs separated by commas, as the launcher passes a topology's {@code breaker:}.
 */
public record BreakerSettings(
    boolean enabled,
    int failureRatePercent,
    int slowCallRatePercent,
    long slowCallMs,
    int minimumCalls,
    long windowMs,
    long waitMs,
    int halfOpenCalls,
    int retryBudgetPercent,
    boolean perOperation)
{
    public static final int MIN_RETRIES_PER_WINDOW = 3;
    public static final int MAX_HALF_OPEN_CALLS = 1_000;
    public static final BreakerSettings DEFAULT =
        new BreakerSettings(true, 50, 50, 10_000, 10, 10_000, 5_000, 3, 10, false);

    /**
     * @throws IllegalArgumentException naming the setting, if one is out of range.
     */
    public BreakerSettings
    {
        requireRange("failureRate", failureRatePercent, 1, 100);
        requireRange("slowCallRate", slowCallRatePercent, 1, 100);
        requireRange("slowCallMs", slowCallMs, 1, Integer.MAX_VALUE);
        requireRange("minimumCalls", minimumCalls, 1, Integer.MAX_VALUE);
        requireRange("windowMs", windowMs, BreakerTable.BUCKETS, Integer.MAX_VALUE);
        requireRange("waitMs", waitMs, 1, Integer.MAX_VALUE);
        requireRange("halfOpenCalls", halfOpenCalls, 1, MAX_HALF_OPEN_CALLS);
        requireRange("retryBudget", retryBudgetPercent, 0, 100);
    }

    /**
     * @param what names the settings in an error, e.g. {@code procmesh.breaker.user}.
     * @param text {@code name=value[,name=value...]}; names not given keep their defaults.
     * @throws IllegalArgumentException one line naming {@code what} and the setting.
     */
    public static BreakerSettings parse(final String what, final String text)
    {
        final Map<String, String> values = new LinkedHashMap<>();
        for (final String pair : text.split(","))
        {
            if (pair.isBlank())
            {
                continue;
            }
            final int equals = pair.indexOf('=');
            if (equals <= 0)
            {
                throw new IllegalArgumentException(what + ": '" + pair.trim() + "' is not name=value");
            }
            values.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
        }
        try
        {
            final BreakerSettings settings = new BreakerSettings(
                bool(values.remove("enabled"), DEFAULT.enabled, "enabled"),
                intNumber(values.remove("failureRate"), DEFAULT.failureRatePercent, "failureRate"),
                intNumber(values.remove("slowCallRate"), DEFAULT.slowCallRatePercent, "slowCallRate"),
                number(values.remove("slowCallMs"), DEFAULT.slowCallMs, "slowCallMs"),
                intNumber(values.remove("minimumCalls"), DEFAULT.minimumCalls, "minimumCalls"),
                number(values.remove("windowMs"), DEFAULT.windowMs, "windowMs"),
                number(values.remove("waitMs"), DEFAULT.waitMs, "waitMs"),
                intNumber(values.remove("halfOpenCalls"), DEFAULT.halfOpenCalls, "halfOpenCalls"),
                intNumber(values.remove("retryBudget"), DEFAULT.retryBudgetPercent, "retryBudget"),
                bool(values.remove("perOperation"), DEFAULT.perOperation, "perOperation"));
            if (!values.isEmpty())
            {
                throw new IllegalArgumentException("unknown setting '" + values.keySet().iterator().next() +
                    "' (known: enabled, failureRate, slowCallRate, slowCallMs, minimumCalls, windowMs, waitMs, " +
                    "halfOpenCalls, retryBudget, perOperation)");
            }
            return settings;
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(what + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * @return the text {@link #parse} reads back to these settings.
     */
    public String toText()
    {
        return "enabled=" + enabled + ",failureRate=" + failureRatePercent + ",slowCallRate=" + slowCallRatePercent +
            ",slowCallMs=" + slowCallMs + ",minimumCalls=" + minimumCalls + ",windowMs=" + windowMs + ",waitMs=" +
            waitMs + ",halfOpenCalls=" + halfOpenCalls + ",retryBudget=" + retryBudgetPercent + ",perOperation=" +
            perOperation;
    }

    long bucketMs()
    {
        return windowMs / BreakerTable.BUCKETS;
    }

    private static boolean bool(final String text, final boolean fallback, final String name)
    {
        if (text == null)
        {
            return fallback;
        }
        if (!text.equals("true") && !text.equals("false"))
        {
            throw new IllegalArgumentException(name + " must be true or false, was '" + text + "'");
        }
        return Boolean.parseBoolean(text);
    }

    private static long number(final String text, final long fallback, final String name)
    {
        if (text == null)
        {
            return fallback;
        }
        try
        {
            return Long.parseLong(text);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + text + "'");
        }
    }

    private static int intNumber(final String text, final long fallback, final String name)
    {
        final long value = number(text, fallback, name);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException(name + " is out of range: " + value);
        }
        return (int)value;
    }

    private static void requireRange(final String name, final long value, final long min, final long max)
    {
        if (value < min || value > max)
        {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + value);
        }
    }
}
