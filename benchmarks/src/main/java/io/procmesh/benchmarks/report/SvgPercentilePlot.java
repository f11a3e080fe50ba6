package io.procmesh.benchmarks.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A latency-by-percentile chart as a standalone SVG, both axes logarithmic: x is {@code log10(1/(1-p))}
 * (median, p90, p99 ... as equal steps, the way HdrHistogram plots are read), y is latency in microseconds.
 * One polyline per series, the maximum drawn as a last point past p99.999.
 */
public final class SvgPercentilePlot
{
    private static final int WIDTH = 980;
    private static final int HEIGHT = 580;
    private static final int LEFT = 80;
    private static final int RIGHT = 300;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;
    private static final double MAX_X = PlotGrid.X_MAX + 0.5;
    private static final String[] COLOURS = {
        "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"};

    /**
     * One line of the chart.
     *
     * @param label   legend text.
     * @param latency its distribution.
     */
    public record Series(String label, LatencySummary latency)
    {
    }

    private SvgPercentilePlot()
    {
    }

    public static void write(final Path file, final String title, final List<Series> series)
    {
        try
        {
            Files.writeString(file, render(title, series), StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + file + ": " + ex.getMessage(), ex);
        }
    }

    public static String render(final String title, final List<Series> series)
    {
        double minNs = Double.MAX_VALUE;
        double maxNs = 1;
        for (final Series line : series)
        {
            for (final double value : line.latency().curve())
            {
                minNs = Math.min(minNs, Math.max(value, 1));
            }
            maxNs = Math.max(maxNs, line.latency().max());
        }
        final int lowDecade = series.isEmpty() ? 2 : (int)Math.floor(Math.log10(Math.max(minNs, 1)));
        final int highDecade = series.isEmpty() ? 6 : Math.max(lowDecade + 1, (int)Math.ceil(Math.log10(maxNs)));

        final StringBuilder svg = new StringBuilder(16 * 1024);
        svg.append(String.format(Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" " +
            "font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(String.format(Locale.ROOT,
            "<text x=\"%d\" y=\"28\" font-size=\"16\" font-weight=\"bold\">%s</text>%n", LEFT, escape(title)));
        yAxis(svg, lowDecade, highDecade);
        xAxis(svg);
        for (int i = 0; i < series.size(); i++)
        {
            line(svg, series.get(i), COLOURS[i % COLOURS.length], lowDecade, highDecade);
            legend(svg, series.get(i).label(), COLOURS[i % COLOURS.length], i);
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void yAxis(final StringBuilder svg, final int lowDecade, final int highDecade)
    {
        for (int decade = lowDecade; decade <= highDecade; decade++)
        {
            final double y = yOf(Math.pow(10, decade), lowDecade, highDecade);
            svg.append(String.format(Locale.ROOT,
                "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n", LEFT, y, WIDTH - RIGHT, y));
            svg.append(String.format(Locale.ROOT,
                "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT - 6, y + 4,
                escape(decadeLabel(decade))));
        }
        svg.append(String.format(Locale.ROOT,
            "<text x=\"18\" y=\"%d\" transform=\"rotate(-90 18 %d)\" text-anchor=\"middle\">round-trip latency " +
            "(log scale)</text>%n", TOP + plotHeight() / 2, TOP + plotHeight() / 2));
    }

    private static void xAxis(final StringBuilder svg)
    {
        final String[] labels = {"0%", "90%", "99%", "99.9%", "99.99%", "99.999%"};
        for (int i = 0; i < labels.length; i++)
        {
            tick(svg, xOf(i), labels[i]);
        }
        tick(svg, xOf(MAX_X), "max");
        svg.append(String.format(Locale.ROOT,
            "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">percentile</text>%n",
            LEFT + plotWidth() / 2, HEIGHT - 18));
        svg.append(String.format(Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#888\"/>%n",
            LEFT, TOP, plotWidth(), plotHeight()));
    }

    private static void tick(final StringBuilder svg, final double x, final String label)
    {
        svg.append(String.format(Locale.ROOT,
            "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>%n", x, TOP, x, TOP + plotHeight()));
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
            x, TOP + plotHeight() + 18, escape(label)));
    }

    private static void line(
        final StringBuilder svg,
        final Series series,
        final String colour,
        final int lowDecade,
        final int highDecade)
    {
        final double[] x = PlotGrid.x();
        final double[] curve = series.latency().curve();
        final StringBuilder points = new StringBuilder();
        for (int i = 0; i < curve.length; i++)
        {
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", xOf(x[i]), yOf(curve[i], lowDecade, highDecade)));
        }
        points.append(String.format(Locale.ROOT, "%.1f,%.1f", xOf(MAX_X),
            yOf(series.latency().max(), lowDecade, highDecade)));
        svg.append(String.format(Locale.ROOT,
            "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n", colour, points));
    }

    private static void legend(final StringBuilder svg, final String label, final String colour, final int index)
    {
        final int x = WIDTH - RIGHT + 16;
        final int y = TOP + 10 + index * 20;
        svg.append(String.format(Locale.ROOT,
            "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"3\"/>%n",
            x, y, x + 22, y, colour));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", x + 28, y + 4, escape(label)));
    }

    private static double xOf(final double percentileX)
    {
        return LEFT + percentileX / MAX_X * plotWidth();
    }

    private static double yOf(final double nanos, final int lowDecade, final int highDecade)
    {
        final double decades = Math.log10(Math.max(nanos, 1)) - lowDecade;
        return TOP + plotHeight() - decades / (highDecade - lowDecade) * plotHeight();
    }

    private static int plotWidth()
    {
        return WIDTH - LEFT - RIGHT;
    }

    private static int plotHeight()
    {
        return HEIGHT - TOP - BOTTOM;
    }

    private static String decadeLabel(final int decadeOfNanos)
    {
        final String[] units = {"ns", "µs", "ms", "s"};
        final int unit = Math.min(units.length - 1, Math.max(0, decadeOfNanos / 3));
        final double value = Math.pow(10, decadeOfNanos - unit * 3);
        return (value >= 1 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%s", value)) +
            " " + units[unit];
    }

    private static String escape(final String text)
    {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
