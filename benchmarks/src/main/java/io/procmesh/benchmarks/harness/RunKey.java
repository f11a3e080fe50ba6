package io.procmesh.benchmarks.harness;

/**
 * Names one measured configuration across the suite, so a subject's row can be paired with its baseline's.
 *
 * @param subject       what was measured, e.g. {@code raw-queue} or {@code procmesh}.
 * @param idle          the responder's idle strategy, or {@code -} where none applies.
 * @param payloadBytes  payload per message.
 * @param ratePerSecond fixed rate, or 0 for unthrottled.
 * @param maxInFlight   calls in flight at once.
 */
public record RunKey(String subject, String idle, int payloadBytes, int ratePerSecond, int maxInFlight)
{
    public static final String NO_IDLE = "-";

    public static RunKey of(final String subject, final String idle, final RunSpec spec)
    {
        return new RunKey(subject, idle, spec.payloadBytes(), spec.ratePerSecond(), spec.maxInFlight());
    }

    /**
     * @return the same configuration for another subject.
     */
    public RunKey withSubject(final String otherSubject)
    {
        return new RunKey(otherSubject, idle, payloadBytes, ratePerSecond, maxInFlight);
    }

    public String rateText()
    {
        if (ratePerSecond == 0)
        {
            return "unthrottled";
        }
        return ratePerSecond % 1000 == 0 ? (ratePerSecond / 1000) + "k/s" : ratePerSecond + "/s";
    }

    public String sizeText()
    {
        return payloadBytes % 1024 == 0 && payloadBytes > 0 ? (payloadBytes / 1024) + " KiB" : payloadBytes + " B";
    }

    /**
     * @return a token without spaces, tabs or commas, e.g. {@code raw-queue/busy-spin/32/10000/1}.
     */
    public String encode()
    {
        return subject + "/" + idle + "/" + payloadBytes + "/" + ratePerSecond + "/" + maxInFlight;
    }

    public static RunKey parse(final String text)
    {
        final String[] parts = text.split("/");
        if (parts.length != 5)
        {
            throw new IllegalArgumentException("run key '" + text + "' must be subject/idle/bytes/rate/inFlight");
        }
        return new RunKey(parts[0], parts[1], Integer.parseInt(parts[2]), Integer.parseInt(parts[3]),
            Integer.parseInt(parts[4]));
    }
}
