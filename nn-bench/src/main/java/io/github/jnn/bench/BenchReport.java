package io.github.jnn.bench;

import io.github.jnn.internal.AtomicFiles;

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
 * with GFLOP/s, ns/element or samples/s and the vector/scalar speedup) and one chart per benchmark family
 * ({@link BenchCharts}).
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.github.jnn.bench.BenchReport jmh-result.json [outDir]}.
 */
public final class BenchReport {
    static final String KERNELS = "kernels";

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

    /**
     * Writes {@code report.md}, one chart per benchmark family ({@code <Family>.svg}, linked from the
     * report) and {@code flops.json} into {@code outDir}, each file all or nothing.
     */
    public static void write(List<JmhResult> results, Path outDir, String machine) throws IOException {
        Files.createDirectories(outDir);
        List<String> charts = new ArrayList<>();
        for (BenchCharts.Figure f : BenchCharts.figures(results)) {
            AtomicFiles.writeString(outDir.resolve(chartFile(f.family)), BenchCharts.svg(f));
            charts.add(chartFile(f.family));
        }
        AtomicFiles.writeString(outDir.resolve("report.md"), markdown(results, machine));
        AtomicFiles.writeString(outDir.resolve("flops.json"), flopsJson(results));
        System.out.println("report: " + outDir.resolve("report.md") + ", charts: " + String.join(", ", charts));
    }

    static String chartFile(String family) {
        return family + ".svg";
    }

    // ----- what each benchmark's score means: its class's @Figure -----

    /** The {@link Figure} its benchmark class declares, or null (a JSON from elsewhere: time only). */
    static Figure figure(JmhResult r) {
        try {
            Class<?> c = Class.forName(BenchReport.class.getPackageName() + "." + BenchCharts.family(r), false,
                    BenchReport.class.getClassLoader());
            return c.getAnnotation(Figure.class);
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    /** Flops of one operation, or NaN when GFLOP/s does not apply. */
    static double flops(JmhResult r) {
        Figure f = figure(r);
        if (f == null) {
            return Double.NaN;
        }
        switch (f.work()) {
            case PRODUCT:
                return Shape.parse(r.params.get("shape")).productFlops();
            case CONVOLUTION:
                return ConvShape.productFlops(ConvShape.parse(r.params.get("shape")));
            case FMA_CHAINS:
                // CHAINS and STEPS are compile-time constants: no vector class is loaded here.
                int lanes = Integer.parseInt(r.params.get("bits")) / ("float32".equals(r.params.get("dtype")) ? 32 : 64);
                return 2.0 * FmaPeakBenchmark.CHAINS * FmaPeakBenchmark.STEPS * lanes;
            default:
                return Double.NaN;
        }
    }

    /**
     * The flops of one operation of each result that counts them (products, convolutions, the FMA chains), as
     * a JSON array of {@code {"benchmark", "params", "flops"}}: what nn-bench/compare/table.py needs to put
     * jnn's and the references' times beside the FMA peak without restating the benchmarks' formulas.
     */
    static String flopsJson(List<JmhResult> results) {
        StringBuilder json = new StringBuilder("[");
        for (JmhResult r : results) {
            double flops = flops(r);
            if (Double.isNaN(flops)) {
                continue;
            }
            json.append(json.length() > 1 ? ",\n " : "\n ").append("{\"benchmark\": ").append(quote(r.benchmark))
                    .append(", \"params\": {");
            String sep = "";
            for (Map.Entry<String, String> p : r.params.entrySet()) {
                json.append(sep).append(quote(p.getKey())).append(": ").append(quote(p.getValue()));
                sep = ", ";
            }
            json.append("}, \"flops\": ").append(String.format(Locale.ROOT, "%.1f", flops)).append('}');
        }
        return json.append("\n]\n").toString();
    }

    private static String quote(String s) {
        StringBuilder q = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                q.append('\\').append(c);
            } else if (c < 0x20) {
                q.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                q.append(c);
            }
        }
        return q.append('"').toString();
    }

    /** Elements processed by one operation, or NaN when ns/element does not apply. */
    static double elements(JmhResult r) {
        Figure f = figure(r);
        return f != null && f.work() == Figure.Work.ELEMENTS ? f.count() : Double.NaN;
    }

    /** Training samples per operation, or NaN when samples/s does not apply. */
    static double samples(JmhResult r) {
        Figure f = figure(r);
        if (f == null || f.work() != Figure.Work.SAMPLES) {
            return Double.NaN;
        }
        if (f.countParam().isEmpty()) {
            return f.count();
        }
        String v = r.params.get(f.countParam());
        if (v == null) {
            return f.count(); // a result from before the parameter existed
        }
        return Integer.parseInt(v.substring(v.indexOf('@') + 1));
    }

    // ----- Markdown -----

    static String markdown(List<JmhResult> results, String machine) {
        StringBuilder md = new StringBuilder("# jnn benchmark report\n\n");
        if (!results.isEmpty()) {
            md.append("JDK ").append(results.get(0).jdk).append(" (").append(results.get(0).vm).append("); ");
        }
        md.append(machine).append(".\n\nTimes are JMH averages ± the 99.9 % half-interval (NaN: fewer than 3 ")
                .append("iterations). Speedup is scalar time / vector time at the same parameters.\n");
        String family = null;
        for (Map.Entry<String, List<JmhResult>> group : groups(results).entrySet()) {
            String f = BenchCharts.family(group.getValue().get(0));
            if (!f.equals(family)) {
                family = f;
                md.append("\n# ").append(f).append("\n\n![").append(f).append("](").append(chartFile(f)).append(")\n");
            }
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

    /** The parameters other than the kernel set, {@code k=v} separated by spaces: one table row or chart bar pair. */
    static String rowKey(JmhResult r) {
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
        boolean training = !Double.isNaN(samples(first));
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
                    t.append(' ').append(String.format(Locale.ROOT, "%,.0f", samples(r) / sec)).append(" |");
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
        if (v == 0) {
            return "0";
        }
        // round to three significant digits first, so 9.9999 prints as 10.0, not 10.00
        v = new java.math.BigDecimal(v).round(new java.math.MathContext(3)).doubleValue();
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
}
