package io.procmesh.launcher.gateway;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text format (version 0.0.4) for tests: every line must be a comment,
 * blank, or {@code name{labels} value}; anything else fails the parse, naming the line.
 */
final class PrometheusText
{
    private static final Pattern SAMPLE = Pattern.compile(
        "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\]|\\\\.)*\",?)*})? " +
            "([-+]?(?:[0-9.]+(?:[eE][-+]?[0-9]+)?|NaN|Inf))( [0-9]+)?");
    private static final Pattern COMMENT = Pattern.compile("# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .*|#.*");

    private final Map<String, Double> samples;

    private PrometheusText(final Map<String, Double> samples)
    {
        this.samples = samples;
    }

    static PrometheusText parse(final String text)
    {
        final Map<String, Double> samples = new LinkedHashMap<>();
        int lineNumber = 0;
        for (final String line : text.split("\n"))
        {
            lineNumber++;
            if (line.isBlank() || COMMENT.matcher(line).matches())
            {
                continue;
            }
            final Matcher matcher = SAMPLE.matcher(line);
            if (!matcher.matches())
            {
                throw new AssertionError("line " + lineNumber + " is not Prometheus text: " + line);
            }
            final String series = matcher.group(1) + (matcher.group(2) == null ? "" : matcher.group(2));
            samples.put(series, Double.parseDouble(matcher.group(3).replace("Inf", "Infinity")));
        }
        if (samples.isEmpty())
        {
            throw new AssertionError("no samples in:\n" + text);
        }
        return new PrometheusText(samples);
    }

    /**
     * @param series the metric name with its labels exactly as exposed, e.g. {@code x_total{a="b"}}.
     */
    double value(final String series)
    {
        final Double value = samples.get(series);
        if (value == null)
        {
            throw new AssertionError("no series " + series);
        }
        return value;
    }

    double valueOr(final String series, final double absent)
    {
        return samples.getOrDefault(series, absent);
    }

    /**
     * @return every series whose name and labels start with the prefix, in exposition order.
     */
    List<String> seriesStartingWith(final String prefix)
    {
        return samples.keySet().stream().filter(series -> series.startsWith(prefix)).toList();
    }

    boolean has(final String metricName)
    {
        for (final String series : samples.keySet())
        {
            if (series.equals(metricName) || series.startsWith(metricName + "{"))
            {
                return true;
            }
        }
        return false;
    }
}
