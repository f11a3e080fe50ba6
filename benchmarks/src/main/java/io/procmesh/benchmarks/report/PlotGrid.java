package io.procmesh.benchmarks.report;

/**
 * The percentiles a latency curve is sampled at, evenly spaced on the classic HdrHistogram percentile axis
 * {@code x = log10(1 / (1 - p))}: 0 is the minimum, 1 is p90, 2 p99, 3 p99.9 ... up to p99.999.
 * The Python baseline is given the same list, so every curve has the same points.
 */
public final class PlotGrid
{
    public static final double X_STEP = 0.25;
    public static final double X_MAX = 5.0;
    private static final double[] X = build();
    private static final double[] PERCENTILES = percentilesOf(X);

    private PlotGrid()
    {
    }

    private static double[] build()
    {
        final int points = (int)Math.round(X_MAX / X_STEP) + 1;
        final double[] x = new double[points];
        for (int i = 0; i < points; i++)
        {
            x[i] = i * X_STEP;
        }
        return x;
    }

    private static double[] percentilesOf(final double[] x)
    {
        final double[] percentiles = new double[x.length];
        for (int i = 0; i < x.length; i++)
        {
            percentiles[i] = 100.0 * (1.0 - Math.pow(10, -x[i]));
        }
        return percentiles;
    }

    public static double[] x()
    {
        return X.clone();
    }

    /**
     * @return the percentiles (0 to 100) matching {@link #x()}.
     */
    public static double[] percentiles()
    {
        return PERCENTILES.clone();
    }
}
