package io.procmesh.benchmarks.report;

import java.util.Locale;

/**
 * How numbers look in the report: latencies in microseconds with precision that follows their size.
 */
public final class Format
{
    private Format()
    {
    }

    public static String micros(final double nanos)
    {
        if (Double.isNaN(nanos))
        {
            return "n/a";
        }
        final double micros = nanos / 1_000.0;
        if (micros < 10)
        {
            return String.format(Locale.ROOT, "%.2f", micros);
        }
        if (micros < 100)
        {
            return String.format(Locale.ROOT, "%.1f", micros);
        }
        return String.format(Locale.ROOT, "%,.0f", micros);
    }

    /**
     * @return milliseconds, e.g. "2,345" or "12.3", from nanoseconds.
     */
    public static String millis(final double nanos)
    {
        if (Double.isNaN(nanos))
        {
            return "n/a";
        }
        final double millis = nanos / 1e6;
        return String.format(Locale.ROOT, millis < 100 ? "%.1f" : "%,.0f", millis);
    }

    public static String ratio(final double ratio)
    {
        if (Double.isNaN(ratio) || Double.isInfinite(ratio))
        {
            return "n/a";
        }
        return String.format(Locale.ROOT, ratio < 10 ? "%.2f×" : "%,.0f×", ratio);
    }

    /**
     * @return a share as a percentage, e.g. "63%".
     */
    public static String percent(final double share)
    {
        return Double.isNaN(share) || Double.isInfinite(share) ? "n/a" :
            String.format(Locale.ROOT, "%.0f%%", share * 100);
    }

    public static String perSecond(final double value)
    {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    public static String nanos(final double value)
    {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, value < 100 ? "%.1f" : "%,.0f", value);
    }

    public static String count(final long value)
    {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /**
     * Keeps text inside a Markdown table cell.
     */
    public static String cell(final String text)
    {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
