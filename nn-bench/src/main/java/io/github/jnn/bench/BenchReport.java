package io.github.jnn.bench;

import io.github.jnn.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns JMH's JSON results into a Markdown report (one table per benchmark, scalar and vector side by side
 * with GFLOP/s or ns/element and the vector/scalar speedup) and an SVG bar chart of GFLOP/s.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.github.jnn.bench.BenchReport jmh-result.json [outDir]}.
 */
public final class BenchReport {
    static final String KERNELS = "kernels";
    private static final int TRAINING_BATCH = TrainingStepBenchmark.BATCH;
    /** Forward + gradInput + gradWeight products of the 784-256-10 step: three times the forward flops. */
    static final double TRAINING_STEP_FLOPS = 3 * 2.0 * TRAINING_BATCH * (784 * 256 + 256 * 10);

    private BenchReport() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: BenchReport <jmh-result.json> [outDir]");
            System.exit(2);
        }
        Path json = Path.of(args[0]);
        Path outDir = args.length > 1 ? Path.of(args[1]) : json.toAbsolutePath().getParent();
        write(JmhResult.read(json), outDir, Machine.describe());
    }

    /** Writes {@code report.md} and {@code gflops.svg} into {@code outDir}, each all or nothing. */
    public static void write(List<JmhResult> results, Path outDir, String machine) throws IOException {
        Files.createDirectories(outDir);
        AtomicFiles.writeString(outDir.resolve("report.md"), markdown(results, machine));
        AtomicFiles.writeString(outDir.resolve("gflops.svg"), svg(results));
        System.out.println("report: " + outDir.resolve("report.md") + ", chart: " + outDir.resolve("gflops.svg"));
    }

    // ----- what each benchmark's score means -----

    /** Flops of one operation, or NaN when GFLOP/s does not apply. */
    static double flops(JmhResult r) {
        if (r.benchmark.startsWith("TrainingStepBenchmark.")) {
            return TRAINING_STEP_FLOPS;
        }
        if (r.benchmark.startsWith("FmaPeakBenchmark.")) {
            // CHAINS and STEPS are compile-time constants: no vector class is loaded here.
            int lanes = Integer.parseInt(r.params.get("bits")) / ("float32".equals(r.params.get("dtype")) ? 32 : 64);
            return 2.0 * FmaPeakBenchmark.CHAINS * FmaPeakBenchmark.STEPS * lanes;
        }
        String shape = r.params.get("shape");
        return shape == null || r.benchmark.startsWith("ElementwiseBenchmark.")
                ? Double.NaN : Shape.parse(shape).productFlops();
    }

    /** Elements processed by one operation, or NaN when ns/element does not apply. */
    static double elements(JmhResult r) {
        return r.benchmark.startsWith("ElementwiseBenchmark.") ? ElementwiseBenchmark.LENGTH : Double.NaN;
    }

    // ----- Markdown -----

    static String markdown(List<JmhResult> results, String machine) {
        StringBuilder md = new StringBuilder("# jnn benchmark report\n\n");
        if (!results.isEmpty()) {
            md.append("JDK ").append(results.get(0).jdk).append(" (").append(results.get(0).vm).append("); ");
        }
        md.append(machine).append(".\n\nTimes are JMH averages ± the 99.9 % half-interval (NaN: fewer than 3 ")
                .append("iterations). Speedup is scalar time / vector time at the same parameters.\n");
        for (Map.Entry<String, List<JmhResult>> group : groups(results).entrySet()) {
            md.append('\n').append(table(group.getKey(), group.getValue()));
        }
        return md.toString();
    }

    private static Map<String, List<JmhResult>> groups(List<JmhResult> results) {
        Map<String, List<JmhResult>> groups = new LinkedHashMap<>();
        for (JmhResult r : results) {
            groups.computeIfAbsent(r.benchmark, k -> new ArrayList<>()).add(r);
        }
        return groups;
    }

    /** One row per parameter combination other than the kernel set. */
    private static Map<String, Map<String, JmhResult>> rows(List<JmhResult> group) {
        Map<String, Map<String, JmhResult>> rows = new LinkedHashMap<>();
        for (JmhResult r : group) {
            rows.computeIfAbsent(rowKey(r), k -> new LinkedHashMap<>())
                    .put(r.params.getOrDefault(KERNELS, "-"), r);
        }
        return rows;
    }

    private static String rowKey(JmhResult r) {
        StringBuilder sb = new StringBuilder();
        r.params.forEach((k, v) -> {
            if (!k.equals(KERNELS)) {
                sb.append(sb.length() == 0 ? "" : " ").append(k).append('=').append(v);
            }
        });
        return sb.toString();
    }

    static String table(String benchmark, List<JmhResult> group) {
        JmhResult first = group.get(0);
        boolean gflops = !Double.isNaN(flops(first));
        boolean perElement = !Double.isNaN(elements(first));
        boolean training = benchmark.startsWith("TrainingStepBenchmark.");
        List<String> sets = new ArrayList<>();
        for (JmhResult r : group) {
            String k = r.params.getOrDefault(KERNELS, "-");
            if (!sets.contains(k)) {
                sets.add(k);
            }
        }
        List<String> paramNames = new ArrayList<>();
        for (String p : first.params.keySet()) {
            if (!p.equals(KERNELS)) {
                paramNames.add(p);
            }
        }

        StringBuilder t = new StringBuilder("## ").append(benchmark).append("\n\n|");
        StringBuilder rule = new StringBuilder("|");
        for (String p : paramNames) {
            t.append(' ').append(p).append(" |");
            rule.append("---|");
        }
        for (String s : sets) {
            String prefix = s.equals("-") ? "" : s + " "; // benchmarks without a kernels parameter
            t.append(' ').append(prefix).append("time |");
            rule.append("---:|");
            if (gflops) {
                t.append(' ').append(prefix).append("GFLOP/s |");
                rule.append("---:|");
            }
            if (perElement) {
                t.append(' ').append(prefix).append("ns/element |");
                rule.append("---:|");
            }
            if (training) {
                t.append(' ').append(prefix).append("samples/s |");
                rule.append("---:|");
            }
        }
        boolean speedup = sets.contains("scalar") && sets.contains("vector");
        if (speedup) {
            t.append(" speedup vector/scalar |");
            rule.append("---:|");
        }
        t.append('\n').append(rule).append('\n');

        for (Map<String, JmhResult> row : rows(group).values()) {
            JmhResult any = row.values().iterator().next();
            t.append('|');
            for (String p : paramNames) {
                t.append(' ').append(any.params.get(p)).append(" |");
            }
            for (String s : sets) {
                JmhResult r = row.get(s);
                if (r == null) {
                    t.append(" – |").append(gflops ? " – |" : "").append(perElement ? " – |" : "")
                            .append(training ? " – |" : "");
                    continue;
                }
                double sec = r.secondsPerOp();
                t.append(' ').append(time(sec, r.error / r.score * sec)).append(" |");
                if (gflops) {
                    t.append(' ').append(fmt(flops(r) / sec / 1e9)).append(" |");
                }
                if (perElement) {
                    t.append(' ').append(fmt(sec * 1e9 / elements(r))).append(" |");
                }
                if (training) {
                    t.append(' ').append(String.format(Locale.ROOT, "%,.0f", TRAINING_BATCH / sec)).append(" |");
                }
            }
            if (speedup) {
                JmhResult s = row.get("scalar");
                JmhResult v = row.get("vector");
                t.append(' ').append(s == null || v == null ? "–"
                        : fmt(s.secondsPerOp() / v.secondsPerOp()) + "×").append(" |");
            }
            t.append('\n');
        }
        return t.toString();
    }

    /** Three significant digits, no exponent. */
    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        double a = Math.abs(v);
        String pattern = a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, pattern, v);
    }

    /** e.g. {@code 14.8 ± 0.21 ms}, in the unit that keeps the number between 1 and 1000. */
    static String time(double seconds, double errorSeconds) {
        String[] units = {"s", "ms", "µs", "ns"};
        double scale = 1;
        int u = 0;
        while (u < units.length - 1 && seconds * scale < 1) {
            scale *= 1000;
            u++;
        }
        return fmt(seconds * scale) + " ± " + fmt(errorSeconds * scale) + " " + units[u];
    }

    // ----- SVG chart -----

    /** Horizontal bars of GFLOP/s on a log scale, scalar and vector side by side for each configuration. */
    static String svg(List<JmhResult> results) {
        List<String> labels = new ArrayList<>();
        List<double[]> values = new ArrayList<>(); // {scalar, vector} GFLOP/s, NaN if absent
        for (Map.Entry<String, List<JmhResult>> group : groups(results).entrySet()) {
            if (Double.isNaN(flops(group.getValue().get(0)))) {
                continue;
            }
            for (Map.Entry<String, Map<String, JmhResult>> row : rows(group.getValue()).entrySet()) {
                labels.add(group.getKey().replace("Benchmark.", ".") + " " + row.getKey());
                values.add(new double[] {gflops(row.getValue().get("scalar")), gflops(row.getValue().get("vector"))});
            }
        }
        double max = 1;
        for (double[] v : values) {
            for (double x : v) {
                if (!Double.isNaN(x)) {
                    max = Math.max(max, x);
                }
            }
        }
        double lo = 0.1;
        double hi = Math.pow(10, Math.ceil(Math.log10(max)));
        int labelW = 430;
        int plotW = 520;
        int rowH = 26;
        int top = 56;
        int height = top + rowH * values.size() + 40;
        int width = labelW + plotW + 40;
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">\n", width, height));
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" font-size=\"15\" font-weight=\"bold\">"
                + "GFLOP/s per configuration (log scale)</text>\n", 10));
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"30\" width=\"12\" height=\"10\" fill=\"#999999\"/>"
                + "<text x=\"%d\" y=\"39\">scalar (dumb)</text>\n", labelW, labelW + 16));
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"30\" width=\"12\" height=\"10\" fill=\"#2b6cb0\"/>"
                + "<text x=\"%d\" y=\"39\">vector</text>\n", labelW + 120, labelW + 136));
        for (double tick = lo; tick <= hi * 1.0001; tick *= 10) {
            double x = labelW + xOf(tick, lo, hi, plotW);
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#dddddd\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
                    x, top - 4, x, top + rowH * values.size(), x, top + rowH * values.size() + 16, fmt(tick)));
        }
        for (int i = 0; i < values.size(); i++) {
            int y = top + i * rowH;
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>\n",
                    labelW - 8, y + 16, escape(labels.get(i))));
            String[] colors = {"#999999", "#2b6cb0"};
            for (int b = 0; b < 2; b++) {
                double v = values.get(i)[b];
                if (Double.isNaN(v)) {
                    continue;
                }
                double w = Math.max(1, xOf(Math.max(v, lo), lo, hi, plotW));
                int by = y + 3 + b * 11;
                s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"10\" fill=\"%s\"/>"
                        + "<text x=\"%.1f\" y=\"%d\" font-size=\"10\">%s</text>\n",
                        labelW, by, w, colors[b], labelW + w + 4, by + 9, fmt(v)));
            }
        }
        return s.append("</svg>\n").toString();
    }

    private static double gflops(JmhResult r) {
        return r == null ? Double.NaN : flops(r) / r.secondsPerOp() / 1e9;
    }

    private static double xOf(double v, double lo, double hi, int plotW) {
        return (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)) * plotW;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
