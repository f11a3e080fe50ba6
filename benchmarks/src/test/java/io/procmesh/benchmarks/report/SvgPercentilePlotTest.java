package io.procmesh.benchmarks.report;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SvgPercentilePlotTest
{
    @Test
    void shouldDrawOneLineAndOneLegendEntryPerSeriesInWellFormedSvg() throws Exception
    {
        final Histogram fast = new Histogram(3);
        final Histogram slow = new Histogram(3);
        for (int i = 1; i <= 10_000; i++)
        {
            fast.recordValue(500 + i % 300);
            slow.recordValue(50_000 + i * 10L);
        }
        final String svg = SvgPercentilePlot.render("a <title> & more", List.of(
            new SvgPercentilePlot.Series("raw-queue (busy-spin)", LatencySummary.of(fast)),
            new SvgPercentilePlot.Series("http", LatencySummary.of(slow))));

        final Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
            .parse(new InputSource(new StringReader(svg)));

        assertEquals("svg", document.getDocumentElement().getNodeName());
        assertEquals(2, document.getElementsByTagName("polyline").getLength());
        assertTrue(svg.contains("a &lt;title&gt; &amp; more"));
        assertTrue(svg.contains(">http<"));
        assertTrue(svg.contains("99.99%"));
    }

    @Test
    void shouldReadTheSameFiguresFromPythonPercentilesAsFromAHistogram()
    {
        final Histogram histogram = new Histogram(3);
        for (int i = 1; i <= 100_000; i++)
        {
            histogram.recordValue(i);
        }
        final LatencySummary fromHistogram = LatencySummary.of(histogram);
        final Map<Double, Double> percentiles = new java.util.TreeMap<>();
        for (final double p : new double[]{50, 90, 99, 99.9, 99.99})
        {
            percentiles.put(p, (double)histogram.getValueAtPercentile(p));
        }
        for (final double p : PlotGrid.percentiles())
        {
            percentiles.put(p, (double)histogram.getValueAtPercentile(p));
        }

        final LatencySummary fromPython = LatencySummary.of(100_000, percentiles, histogram.getMaxValue());

        assertEquals(fromHistogram.p999(), fromPython.p999());
        assertEquals(fromHistogram.max(), fromPython.max());
        assertEquals(fromHistogram.curve().length, fromPython.curve().length);
        assertEquals(fromHistogram.curve()[4], fromPython.curve()[4]);
    }
}
