package io.github.jnn.bench;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The per-family charts, checked as a reader would look at them: each figure in its own unit, every row with a
 * bar, every text inside the view box (with a glyph width estimate independent of the layout's, wider than
 * sans-serif's average), and axis ticks in 1-2-5 steps. Run over the sample and a synthetic full suite that
 * has every benchmark family, including those without a kernels parameter.
 */
class BenchChartsTest {
    /** Wider than the layout's own estimate, so a label that only just fits there still fails here. */
    private static final double CHECK_CHAR_WIDTH_EM = 0.60;

    private static List<JmhResult> sample() throws Exception {
        return JmhResult.read(Path.of(BenchChartsTest.class.getResource("/jmh-sample.json").toURI()));
    }

    /** One result per family the suite has, with and without kernels parameters, long labels included. */
    private static List<JmhResult> everyFamily() {
        List<JmhResult> r = new ArrayList<>();
        for (String k : List.of("scalar", "vector")) {
            r.add(result("LinearForwardBenchmark.forward", Map.of("bias", "true", "dtype", "float32",
                    "shape", "1024x1024x1024", "kernels", k), k.equals("scalar") ? 870_000 : 26_800));
            r.add(result("LinearBackwardBenchmark.gradInput", Map.of("shape", "256x1024x1024", "kernels", k),
                    k.equals("scalar") ? 130_000 : 13_000));
            r.add(result("LinearBackwardBenchmark.gradWeight", Map.of("shape", "256x1024x1024", "kernels", k),
                    k.equals("scalar") ? 80_000 : 14_000));
            r.add(result("ElementwiseBenchmark.sigmoid", Map.of("dtype", "float64", "kernels", k),
                    k.equals("scalar") ? 6_100 : 1_380));
            r.add(result("TrainingStepBenchmark.step", Map.of("dtype", "float64", "kernels", k),
                    k.equals("scalar") ? 42_000 : 4_200));
        }
        r.add(result("FmaPeakBenchmark.fma", Map.of("bits", "512", "dtype", "float64"), 54.2));
        r.add(result("FmaPeakBenchmark.fma", Map.of("bits", "512", "dtype", "float32"), 54.2));
        r.add(result("FusedEpilogueBenchmark.forward", Map.of("activation", "sigmoid", "dtype", "float64",
                "keepPre", "true", "shape", "256x1024x1024"), 13_900));
        r.add(result("ThreadScalingBenchmark.forward", Map.of("dtype", "float64", "shape", "256x1024x1024",
                "threads", "1"), 13_500));
        r.add(result("ThreadScalingBenchmark.forward", Map.of("dtype", "float64", "shape", "256x1024x1024",
                "threads", "2"), 7_210));
        return r;
    }

    private static JmhResult result(String benchmark, Map<String, String> params, double microseconds) {
        return new JmhResult(benchmark, new java.util.TreeMap<>(params), microseconds, 1, "us/op", "17", "vm");
    }

    @Test
    void oneFigurePerFamilyInItsUnit() {
        List<BenchCharts.Figure> figures = BenchCharts.figures(everyFamily());
        List<String> seen = new ArrayList<>();
        for (BenchCharts.Figure f : figures) {
            seen.add(f.family + ":" + f.unit);
        }
        assertEquals(List.of("LinearForwardBenchmark:GFLOPS", "LinearBackwardBenchmark:GFLOPS",
                "ElementwiseBenchmark:NS_PER_ELEMENT", "TrainingStepBenchmark:SAMPLES_PER_SECOND",
                "FmaPeakBenchmark:GFLOPS", "FusedEpilogueBenchmark:GFLOPS", "ThreadScalingBenchmark:GFLOPS"), seen);
        BenchCharts.Figure backward = figures.get(1);
        assertEquals(List.of("gradInput shape=256x1024x1024", "gradWeight shape=256x1024x1024"), backward.labels);
        assertTrue(backward.paired);
        assertFalse(figures.get(4).paired);
    }

    @Test
    void speedupIsWrittenBesideEachPair() throws Exception {
        BenchCharts.Figure step = BenchCharts.figures(everyFamily()).get(3);
        // 128 samples / 4.2 ms = 30,476 samples/s vector, 3,048 dumb: 10.0x
        String svg = BenchCharts.svg(step);
        assertTrue(svg.contains(">30,476  ×10.0</text>"), svg);
        assertTrue(svg.contains(">3,048</text>"), svg);
        // ns/element: lower is better, the speedup is still dumb time / vector time (6.1 / 1.38 = 4.42)
        String sigmoid = BenchCharts.svg(BenchCharts.figures(everyFamily()).get(2));
        assertTrue(sigmoid.contains("  ×4.42</text>"), sigmoid);
        assertTrue(sigmoid.contains("lower is better"), sigmoid);
    }

    @Test
    void everyRowHasABarAndEveryTextIsInsideTheViewBox() throws Exception {
        List<JmhResult> all = new ArrayList<>(sample());
        all.addAll(everyFamily());
        for (BenchCharts.Figure f : BenchCharts.figures(all)) {
            checkLayout(f.family, BenchCharts.svg(f));
        }
    }

    @Test
    void ticksAreOneTwoFiveSteps() {
        BenchCharts.Axis linear = BenchCharts.Axis.of(List.of(new double[] {37.3, 81.2}), 400);
        assertFalse(linear.log);
        assertEquals(List.of(0.0, 20.0, 40.0, 60.0, 80.0, 100.0), linear.ticks);
        BenchCharts.Axis log = BenchCharts.Axis.of(List.of(new double[] {2.47, 80.2}), 400);
        assertTrue(log.log);
        assertEquals(List.of(2.0, 5.0, 10.0, 20.0, 50.0, 100.0), log.ticks);
        assertEquals(List.of(0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0),
                BenchCharts.Axis.of(List.of(new double[] {0.089, 6.41}), 400).ticks);
    }

    static void checkLayout(String name, String svg) throws Exception {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        Element root = doc.getDocumentElement();
        String[] box = root.getAttribute("viewBox").split(" ");
        double width = Double.parseDouble(box[2]);
        double height = Double.parseDouble(box[3]);
        double rootFont = Double.parseDouble(root.getAttribute("font-size"));
        NodeList texts = doc.getElementsByTagName("text");
        assertTrue(texts.getLength() > 0, name);
        for (int i = 0; i < texts.getLength(); i++) {
            Element t = (Element) texts.item(i);
            double font = t.hasAttribute("font-size") ? Double.parseDouble(t.getAttribute("font-size")) : rootFont;
            double x = Double.parseDouble(t.getAttribute("x"));
            double y = Double.parseDouble(t.getAttribute("y"));
            double w = t.getTextContent().length() * font * CHECK_CHAR_WIDTH_EM;
            String anchor = t.getAttribute("text-anchor");
            double x0 = anchor.equals("end") ? x - w : anchor.equals("middle") ? x - w / 2 : x;
            String where = name + ": '" + t.getTextContent() + "' spans x " + x0 + ".." + (x0 + w) + ", y " + y;
            assertTrue(x0 >= 0 && x0 + w <= width, where + " outside width " + width);
            assertTrue(y - font >= 0 && y + 0.3 * font <= height, where + " outside height " + height);
        }
        NodeList groups = doc.getElementsByTagName("g");
        int rows = 0;
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if (!BenchCharts.ROW_CLASS.equals(g.getAttribute("class"))) {
                continue;
            }
            rows++;
            int bars = 0;
            NodeList rects = g.getElementsByTagName("rect");
            for (int j = 0; j < rects.getLength(); j++) {
                Element r = (Element) rects.item(j);
                if (BenchCharts.BAR_CLASS.equals(r.getAttribute("class"))
                        && Double.parseDouble(r.getAttribute("width")) >= 1) {
                    bars++;
                }
            }
            assertTrue(bars >= 1, name + ": row '" + g.getElementsByTagName("text").item(0).getTextContent()
                    + "' has no bar");
        }
        assertTrue(rows > 0, name + " has no rows");
    }
}
