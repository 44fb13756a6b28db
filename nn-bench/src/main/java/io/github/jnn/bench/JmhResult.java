package io.github.jnn.bench;

import io.github.jnn.internal.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One entry of JMH's {@code -rf json} output: what was measured, with which parameters, and the score. */
public final class JmhResult {
    /** Simple class name and method, e.g. {@code LinearForwardBenchmark.forward}. */
    public final String benchmark;
    public final Map<String, String> params;
    public final double score;
    /** Half-width of the 99.9 % interval, NaN when JMH could not compute it (fewer than 3 iterations). */
    public final double error;
    public final String unit;
    public final String jdk;
    public final String vm;

    JmhResult(String benchmark, Map<String, String> params, double score, double error, String unit,
              String jdk, String vm) {
        this.benchmark = benchmark;
        this.params = params;
        this.score = score;
        this.error = error;
        this.unit = unit;
        this.jdk = jdk;
        this.vm = vm;
    }

    /** Reads every result of a JMH JSON file; the message names the file and entry on malformed input. */
    public static List<JmhResult> read(Path file) throws IOException {
        String source = file.toString();
        Object root = Json.parse(Files.readString(file, StandardCharsets.UTF_8), source);
        if (!(root instanceof List)) {
            throw new IllegalArgumentException(source + ": expected a JSON array of JMH results");
        }
        List<JmhResult> out = new ArrayList<>();
        List<?> entries = (List<?>) root;
        for (int i = 0; i < entries.size(); i++) {
            out.add(of(entries.get(i), source + " entry " + i));
        }
        return out;
    }

    private static JmhResult of(Object entry, String where) {
        Map<?, ?> e = map(entry, where);
        String full = text(e.get("benchmark"), where + " benchmark");
        String[] parts = full.split("\\.");
        String name = parts.length >= 2 ? parts[parts.length - 2] + "." + parts[parts.length - 1] : full;
        Map<String, String> params = new LinkedHashMap<>();
        if (e.get("params") != null) {
            map(e.get("params"), where + " params").forEach((k, v) -> params.put(String.valueOf(k), String.valueOf(v)));
        }
        Map<?, ?> metric = map(e.get("primaryMetric"), where + " primaryMetric");
        return new JmhResult(name, params, number(metric.get("score"), where + " score"),
                number(metric.get("scoreError"), where + " scoreError"),
                text(metric.get("scoreUnit"), where + " scoreUnit"),
                e.get("jdkVersion") == null ? "?" : String.valueOf(e.get("jdkVersion")),
                e.get("vmName") == null ? "?" : String.valueOf(e.get("vmName")));
    }

    private static Map<?, ?> map(Object o, String where) {
        if (!(o instanceof Map)) {
            throw new IllegalArgumentException(where + ": expected a JSON object");
        }
        return (Map<?, ?>) o;
    }

    private static String text(Object o, String where) {
        if (!(o instanceof String)) {
            throw new IllegalArgumentException(where + ": expected a string");
        }
        return (String) o;
    }

    /** JMH writes "NaN" as a string when an error bar is undefined. */
    private static double number(Object o, String where) {
        if (o instanceof Double) {
            return (Double) o;
        }
        if ("NaN".equals(o)) {
            return Double.NaN;
        }
        throw new IllegalArgumentException(where + ": expected a number, got " + o);
    }

    /** e.g. {@code LinearForwardBenchmark.forward {shape=64x784x256, kernels=vector}: 656 ± 39.5 us/op}. */
    @Override
    public String toString() {
        return benchmark + " " + params + ": " + BenchReport.fmt(score) + " ± " + BenchReport.fmt(error) + " " + unit;
    }

    /** Seconds per operation, whatever the time unit and mode JMH reported in. */
    public double secondsPerOp() {
        String[] u = unit.split("/");
        if (u.length != 2) {
            throw new IllegalArgumentException(benchmark + ": unknown score unit " + unit);
        }
        if (u[0].equals("ops")) {
            return 1.0 / (score / seconds(u[1]));
        }
        return score * seconds(u[0]);
    }

    private double seconds(String timeUnit) {
        switch (timeUnit) {
            case "s":
                return 1;
            case "ms":
                return 1e-3;
            case "us":
                return 1e-6;
            case "ns":
                return 1e-9;
            case "min":
                return 60;
            default:
                throw new IllegalArgumentException(benchmark + ": unknown time unit in " + unit);
        }
    }
}
