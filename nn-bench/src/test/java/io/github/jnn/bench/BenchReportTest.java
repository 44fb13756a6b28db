package io.github.jnn.bench;

import io.github.jnn.internal.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report generator on {@code jmh-sample.json}: six entries cut from a real default run (JDK 17,
 * 2026-11-26), raw data removed. Expected cells were worked out by hand from the sample's scores, e.g.
 * 2·256·1024·1024 flops / 214.869 ms = 2.50 GFLOP/s.
 */
class BenchReportTest {

    private static List<JmhResult> sample() throws IOException, URISyntaxException {
        return JmhResult.read(Path.of(BenchReportTest.class.getResource("/jmh-sample.json").toURI()));
    }

    @Test
    void readsEveryEntryWithItsParameters() throws Exception {
        List<JmhResult> results = sample();
        assertEquals(6, results.size());
        JmhResult r = results.get(2);
        assertEquals("LinearForwardBenchmark.forward", r.benchmark);
        assertEquals("256x1024x1024", r.params.get("shape"));
        assertEquals("scalar", r.params.get("kernels"));
        assertEquals("us/op", r.unit);
        assertEquals(0.21486902316666665, r.secondsPerOp(), 1e-15);
        assertEquals("17.0.15", r.jdk);
    }

    @Test
    void linearForwardTablePairsScalarAndVector() throws Exception {
        String md = BenchReport.markdown(sample(), "test machine");
        assertTrue(md.contains("## LinearForwardBenchmark.forward\n\n"
                + "| bias | shape | scalar time | scalar GFLOP/s | vector time | vector GFLOP/s | speedup vector/scalar |\n"
                + "|---|---|---:|---:|---:|---:|---:|\n"
                + "| false | 256x1024x1024 | 215 ± 19.9 ms | 2.50 | 12.3 ± 1.32 ms | 43.7 | 17.5× |\n"), md);
    }

    @Test
    void elementwiseTableGivesNanosecondsPerElement() throws Exception {
        String md = BenchReport.markdown(sample(), "test machine");
        assertTrue(md.contains("| scalar time | scalar ns/element | vector time | vector ns/element | speedup vector/scalar |\n"
                + "|---:|---:|---:|---:|---:|\n"
                + "| 6.71 ± 12.1 ms | 6.40 | 1.24 ± 0.418 ms | 1.18 | 5.40× |\n"), md);
    }

    @Test
    void trainingStepTableGivesSamplesPerSecond() throws Exception {
        String md = BenchReport.markdown(sample(), "test machine");
        // samples/s = 128 / 42.2 ms; no GFLOP/s column: the step is not one product
        assertTrue(md.contains("| 42.2 ± 23.1 ms | 3,032 |"), md);
        assertTrue(md.startsWith("# jnn benchmark report\n\nJDK 17.0.15 (OpenJDK 64-Bit Server VM); test machine."), md);
    }

    @Test
    void fmaPeakTableGivesGflopsFromTheVectorSize() {
        // 12 chains × 16384 steps × 8 double lanes × 2 flops = 3,145,728 flops in 62.5 us = 50.3 GFLOP/s;
        // float32 has twice the lanes: the same time is 101 GFLOP/s.
        JmhResult f64 = new JmhResult("FmaPeakBenchmark.fma", Map.of("dtype", "float64", "bits", "512"), 62.5, 1.0,
                "us/op", "17", "vm");
        JmhResult f32 = new JmhResult("FmaPeakBenchmark.fma", Map.of("dtype", "float32", "bits", "512"), 62.5, 1.0,
                "us/op", "17", "vm");
        assertEquals(3_145_728.0, BenchReport.flops(f64));
        String md = BenchReport.markdown(List.of(f64, f32), "m");
        assertTrue(md.contains(" 50.3 |"), md);
        assertTrue(md.contains(" 101 |"), md);
    }

    /** Each benchmark class declares its figure; the report reads it, and knows no benchmark by name. */
    @Test
    void everyBenchmarkDeclaresItsFigure() throws Exception {
        for (String family : List.of("LinearForwardBenchmark", "LinearBackwardBenchmark", "FusedActivationBenchmark",
                "FusedEpilogueBenchmark", "ThreadScalingBenchmark", "FmaPeakBenchmark", "ElementwiseBenchmark",
                "TrainingStepBenchmark", "Conv2dBenchmark")) {
            Class<?> c = Class.forName("io.github.jnn.bench." + family, false, getClass().getClassLoader());
            assertTrue(c.isAnnotationPresent(Figure.class), family + " has no @Figure");
            assertTrue(JnnBenchmark.class.isAssignableFrom(c), family + " does not extend JnnBenchmark");
        }
        JmhResult unknown = new JmhResult("SomethingElse.run", Map.of(), 5, 1, "us/op", "17", "vm");
        assertTrue(Double.isNaN(BenchReport.flops(unknown)) && Double.isNaN(BenchReport.elements(unknown)));
        assertTrue(BenchReport.markdown(List.of(unknown), "m").contains("| 5.00 ± 1.00 µs |"));
    }

    /** A convolution's GFLOP/s come from its shape parameter: 2·N·O·outH·outW·C·K² per product. */
    @Test
    void convolutionFlopsComeFromItsShapeParameter() {
        JmhResult conv = new JmhResult("Conv2dBenchmark.forward",
                Map.of("kernels", "vector", "dtype", "float32", "shape", "64x32x14x14-64k5p2"), 20_000, 1, "us/op",
                "17", "vm");
        assertEquals(2.0 * 64 * 64 * 14 * 14 * 32 * 25, BenchReport.flops(conv));
        JmhResult strided = new JmhResult("Conv2dBenchmark.gradWeight", Map.of("shape", "2x3x9x9-4k3s2"), 1, 1,
                "us/op", "17", "vm");
        assertEquals(2.0 * 2 * 4 * 4 * 4 * 3 * 9, BenchReport.flops(strided), "9x9, k3, stride 2: 4x4 outputs");
        assertTrue(BenchReport.markdown(List.of(conv), "m").contains("| 64.2 |"), BenchReport.markdown(List.of(conv), "m"));
    }

    @Test
    void trainingStepSamplesComeFromItsNetworkParameter() {
        JmhResult big = new JmhResult("TrainingStepBenchmark.step",
                Map.of("kernels", "vector", "dtype", "float32", "network", "784x1024x10@256"), 10_000, 1, "us/op", "17", "vm");
        assertEquals(256, BenchReport.samples(big));
        assertTrue(BenchReport.markdown(List.of(big), "m").contains("| 25,600 |"));
        JmhResult old = new JmhResult("TrainingStepBenchmark.step", Map.of("kernels", "vector"), 10_000, 1, "us/op", "17", "vm");
        assertEquals(128, BenchReport.samples(old), "results saved before the parameter: 784-256-10 at 128");
    }

    @Test
    void writeLeavesOnlyTheFinishedFiles(@TempDir Path dir) throws Exception {
        BenchReport.write(sample(), dir, "test machine");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("ElementwiseBenchmark.svg", "LinearForwardBenchmark.svg", "TrainingStepBenchmark.svg",
                    "flops.json", "report.md"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        String md = Files.readString(dir.resolve("report.md"));
        for (String family : List.of("ElementwiseBenchmark", "LinearForwardBenchmark", "TrainingStepBenchmark")) {
            assertTrue(md.contains("![" + family + "](" + family + ".svg)"), md);
        }
    }

    @Test
    void flopsJsonListsWhatCountsFlopsWithItsParameters() throws Exception {
        List<?> entries = (List<?>) Json.parse(BenchReport.flopsJson(sample()), "flops.json");
        assertEquals(2, entries.size(), "the sample's two products; its elementwise and step results count no flops");
        Map<?, ?> first = (Map<?, ?>) entries.get(0);
        assertEquals("LinearForwardBenchmark.forward", first.get("benchmark"));
        assertEquals(Map.of("kernels", "scalar", "bias", "false", "shape", "256x1024x1024"), Map.copyOf((Map<?, ?>) first.get("params")));
        assertEquals(2.0 * 256 * 1024 * 1024, ((Number) first.get("flops")).doubleValue());
        JmhResult odd = new JmhResult("FmaPeakBenchmark.fma", Map.of("bits", "512", "dtype", "float32", "note", "a\"b\\c"),
                1, 0, "us/op", "17", "vm");
        Map<?, ?> peak = (Map<?, ?>) ((List<?>) Json.parse(BenchReport.flopsJson(List.of(odd)), "peak")).get(0);
        assertEquals("a\"b\\c", ((Map<?, ?>) peak.get("params")).get("note"), "quotes and backslashes escaped");
        assertEquals(2.0 * FmaPeakBenchmark.CHAINS * FmaPeakBenchmark.STEPS * 16, ((Number) peak.get("flops")).doubleValue());
    }

    @Test
    void undefinedErrorBarAndMalformedFiles(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("two-iterations.json");
        Files.writeString(json, "[{\"benchmark\":\"a.b.ElementwiseBenchmark.relu\",\"params\":{\"kernels\":\"vector\"},"
                + "\"primaryMetric\":{\"score\":1000.0,\"scoreError\":\"NaN\",\"scoreUnit\":\"us/op\"}}]");
        JmhResult r = JmhResult.read(json).get(0);
        assertTrue(Double.isNaN(r.error));
        assertTrue(BenchReport.markdown(List.of(r), "m").contains("| 1.00 ± NaN ms | 0.954 |"));

        Path bad = dir.resolve("truncated.json");
        Files.writeString(bad, "[{\"benchmark\": \"x\", ");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JmhResult.read(bad));
        assertTrue(e.getMessage().startsWith(bad + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("at character 20"), e.getMessage());
    }

    private static int count(String s, String sub) {
        int n = 0;
        for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + 1)) {
            n++;
        }
        return n;
    }
}
