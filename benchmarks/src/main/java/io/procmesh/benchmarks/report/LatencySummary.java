package io.procmesh.benchmarks.report;

import org.HdrHistogram.Histogram;

import java.util.Map;

/**
 * The figures a report shows for one latency distribution, in nanoseconds, and its curve on {@link PlotGrid}.
 */
public record LatencySummary(
    long count,
    double p50,
    double p90,
    double p99,
    double p999,
    double p9999,
    double max,
    double[] curve)
{
    public static LatencySummary of(final Histogram histogram)
    {
        final double[] percentiles = PlotGrid.percentiles();
        final double[] curve = new double[percentiles.length];
        for (int i = 0; i < percentiles.length; i++)
        {
            curve[i] = histogram.getValueAtPercentile(percentiles[i]);
        }
        return new LatencySummary(histogram.getTotalCount(),
            histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(90),
            histogram.getValueAtPercentile(99), histogram.getValueAtPercentile(99.9),
            histogram.getValueAtPercentile(99.99), histogram.getMaxValue(), curve);
    }

    /**
     * From percentiles computed elsewhere (the Python baseline): keys are percentiles as text, e.g. "99.9".
     */
    public static LatencySummary of(final long count, final Map<Double, Double> nsByPercentile, final double maxNs)
    {
        final double[] percentiles = PlotGrid.percentiles();
        final double[] curve = new double[percentiles.length];
        for (int i = 0; i < percentiles.length; i++)
        {
            curve[i] = nearest(nsByPercentile, percentiles[i]);
        }
        return new LatencySummary(count, nearest(nsByPercentile, 50), nearest(nsByPercentile, 90),
            nearest(nsByPercentile, 99), nearest(nsByPercentile, 99.9), nearest(nsByPercentile, 99.99), maxNs, curve);
    }

    private static double nearest(final Map<Double, Double> nsByPercentile, final double percentile)
    {
        double bestKey = Double.NaN;
        for (final double key : nsByPercentile.keySet())
        {
            if (Double.isNaN(bestKey) || Math.abs(key - percentile) < Math.abs(bestKey - percentile))
            {
                bestKey = key;
            }
        }
        if (Double.isNaN(bestKey) || Math.abs(bestKey - percentile) > 1e-6)
        {
            throw new IllegalArgumentException("no value for percentile " + percentile + " in " +
                nsByPercentile.keySet());
        }
        return nsByPercentile.get(bestKey);
    }

    /**
     * @return the figure at one of the report's columns: 50, 90, 99, 99.9, 99.99 or 100 (max).
     */
    public double at(final double percentile)
    {
        if (percentile == 50)
        {
            return p50;
        }
        if (percentile == 90)
        {
            return p90;
        }
        if (percentile == 99)
        {
            return p99;
        }
        if (percentile == 99.9)
        {
            return p999;
        }
        if (percentile == 99.99)
        {
            return p9999;
        }
        if (percentile == 100)
        {
            return max;
        }
        throw new IllegalArgumentException("the report has no column for percentile " + percentile);
    }
}
