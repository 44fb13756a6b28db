package io.github.jnn.bench;

import io.github.jnn.train.ChartTicks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One SVG bar chart per benchmark family (a benchmark class), in the unit that fits it: GFLOP/s for the
 * matrix products and the FMA ceiling, samples/s for the training step, ns/element for the elementwise
 * kernels. Where a row has both kernel sets, the dumb and the vector bar are drawn together
 * and the speedup is written beside them. Text widths are estimated generously (no font metrics without a
 * renderer), so the layout leaves room for the widest label and value instead of clipping them.
 */
final class BenchCharts {
    static final String BAR_CLASS = "bar";
    static final String ROW_CLASS = "row";
    /** Average glyph advance of sans-serif text as a fraction of its font size, rounded up (digits are 0.56). */
    static final double CHAR_WIDTH_EM = 0.62;

    private static final String SCALAR_COLOR = "#999999";
    private static final String VECTOR_COLOR = "#2b6cb0";
    private static final String ONLY_COLOR = "#2f855a";
    private static final int FONT = 12;
    private static final int SMALL_FONT = 11;
    private static final int MARGIN = 12;
    private static final int PLOT_WIDTH = 460;
    private static final int BAR_HEIGHT = 11;

    private BenchCharts() {
    }

    /** The figure's unit and how to read a score in it. */
    enum Unit {
        GFLOPS("GFLOP/s", "higher is better"),
        SAMPLES_PER_SECOND("samples/s", "higher is better"),
        NS_PER_ELEMENT("ns/element", "lower is better"),
        TIME("µs per call", "lower is better");

        final String label;
        final String direction;

        Unit(String label, String direction) {
            this.label = label;
            this.direction = direction;
        }
    }

    /** One chart: a family's name, its unit and its rows. */
    static final class Figure {
        final String family;
        final Unit unit;
        final List<String> labels = new ArrayList<>();
        /** {dumb, vector} or {value, NaN} per row; NaN where a kernel set was not measured. */
        final List<double[]> values = new ArrayList<>();
        final boolean paired;

        Figure(String family, Unit unit, boolean paired) {
            this.family = family;
            this.unit = unit;
            this.paired = paired;
        }
    }

    /** The figures of a JMH run, one per benchmark class, in the order the classes first appear. */
    static List<Figure> figures(List<JmhResult> results) {
        Map<String, List<JmhResult>> byFamily = new LinkedHashMap<>();
        for (JmhResult r : results) {
            byFamily.computeIfAbsent(family(r), k -> new ArrayList<>()).add(r);
        }
        List<Figure> out = new ArrayList<>();
        for (Map.Entry<String, List<JmhResult>> e : byFamily.entrySet()) {
            out.add(figure(e.getKey(), e.getValue()));
        }
        return out;
    }

    /** {@code LinearForwardBenchmark.forward} → {@code LinearForwardBenchmark}. */
    static String family(JmhResult r) {
        int dot = r.benchmark.indexOf('.');
        return dot < 0 ? r.benchmark : r.benchmark.substring(0, dot);
    }

    static Unit unit(JmhResult r) {
        if (!Double.isNaN(BenchReport.samples(r))) {
            return Unit.SAMPLES_PER_SECOND;
        }
        if (!Double.isNaN(BenchReport.elements(r))) {
            return Unit.NS_PER_ELEMENT;
        }
        return Double.isNaN(BenchReport.flops(r)) ? Unit.TIME : Unit.GFLOPS;
    }

    static double value(JmhResult r, Unit unit) {
        double sec = r.secondsPerOp();
        switch (unit) {
            case GFLOPS:
                return BenchReport.flops(r) / sec / 1e9;
            case SAMPLES_PER_SECOND:
                return BenchReport.samples(r) / sec;
            case NS_PER_ELEMENT:
                return sec * 1e9 / BenchReport.elements(r);
            default:
                return sec * 1e6;
        }
    }

    private static Figure figure(String family, List<JmhResult> group) {
        Unit unit = unit(group.get(0));
        boolean paired = group.stream().anyMatch(r -> r.params.containsKey(BenchReport.KERNELS));
        boolean severalMethods = group.stream().map(r -> r.benchmark).distinct().count() > 1;
        Figure f = new Figure(family, unit, paired);
        Map<String, double[]> rows = new LinkedHashMap<>();
        for (JmhResult r : group) {
            String method = severalMethods ? r.benchmark.substring(family.length() + 1) : "";
            String params = BenchReport.rowKey(r);
            String label = (method + (method.isEmpty() || params.isEmpty() ? "" : " ") + params).trim();
            double[] row = rows.computeIfAbsent(label.isEmpty() ? "(no parameters)" : label,
                    k -> new double[] {Double.NaN, Double.NaN});
            row["vector".equals(r.params.get(BenchReport.KERNELS)) ? 1 : 0] = value(r, unit);
        }
        rows.forEach((label, v) -> {
            f.labels.add(label);
            f.values.add(v);
        });
        return f;
    }

    // ----- drawing -----

    static double textWidth(String text, int fontSize) {
        return text.length() * fontSize * CHAR_WIDTH_EM;
    }

    static String svg(Figure f) {
        int rowHeight = f.paired ? 2 * BAR_HEIGHT + 10 : BAR_HEIGHT + 12;
        double labelWidth = 0;
        for (String l : f.labels) {
            labelWidth = Math.max(labelWidth, textWidth(l, FONT));
        }
        int left = MARGIN + (int) Math.ceil(labelWidth) + 10;
        Axis axis = Axis.of(f.values, PLOT_WIDTH);
        // widest annotation right of a bar: the value, and for pairs the speedup after it
        double annotation = 0;
        for (double[] v : f.values) {
            for (double x : v) {
                annotation = Math.max(annotation, textWidth(fmt(x) + (f.paired ? "  ×" + fmt(99.9) : ""), SMALL_FONT));
            }
        }
        String title = f.family.replace("Benchmark", "") + ": " + f.unit.label + " (" + f.unit.direction
                + (axis.log ? ", log scale" : "") + ")";
        int top = 48;
        int plotBottom = top + rowHeight * f.labels.size();
        int width = (int) Math.ceil(Math.max(left + PLOT_WIDTH + 6 + annotation + MARGIN,
                MARGIN + textWidth(title, 14) + MARGIN));
        int height = plotBottom + 36;

        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"%d\">%n", width, height, width, height, FONT));
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" font-size=\"14\" font-weight=\"bold\">%s</text>%n",
                MARGIN, escape(title)));
        if (f.paired) {
            legend(s, left, SCALAR_COLOR, "dumb (scalar)", 0);
            legend(s, left, VECTOR_COLOR, "vector", 120);
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"38\" font-size=\"%d\">×: vector speedup "
                    + "over dumb</text>%n", left + 200, SMALL_FONT));
        }
        for (double tick : axis.ticks) {
            double x = left + axis.x(tick);
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#dddddd\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" font-size=\"%d\">%s</text>%n",
                    x, top - 4, x, plotBottom, x, plotBottom + 14, SMALL_FONT, ChartTicks.label(tick)));
        }
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#555555\"/>%n",
                left, top - 4, left, plotBottom));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                left + PLOT_WIDTH / 2, plotBottom + 30, escape(f.unit.label)));
        for (int i = 0; i < f.labels.size(); i++) {
            int y = top + i * rowHeight;
            double[] v = f.values.get(i);
            s.append("<g class=\"").append(ROW_CLASS).append("\">");
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>",
                    left - 8, y + (f.paired ? BAR_HEIGHT + 5 : BAR_HEIGHT), escape(f.labels.get(i))));
            int bars = f.paired ? 2 : 1;
            for (int b = 0; b < bars; b++) {
                if (Double.isNaN(v[b])) {
                    continue;
                }
                double w = Math.max(1, axis.x(v[b]));
                int by = y + 3 + b * BAR_HEIGHT;
                String color = f.paired ? (b == 0 ? SCALAR_COLOR : VECTOR_COLOR) : ONLY_COLOR;
                String text = fmt(v[b]);
                if (f.paired && b == 1 && !Double.isNaN(v[0])) {
                    double speedup = f.unit == Unit.NS_PER_ELEMENT ? v[0] / v[1] : v[1] / v[0];
                    text += "  ×" + fmt(speedup);
                }
                s.append(String.format(Locale.ROOT, "<rect class=\"%s\" x=\"%d\" y=\"%d\" width=\"%.1f\" "
                        + "height=\"%d\" fill=\"%s\"/><text x=\"%.1f\" y=\"%d\" font-size=\"%d\">%s</text>",
                        BAR_CLASS, left, by, w, BAR_HEIGHT - 1, color, left + w + 4, by + 9, SMALL_FONT, text));
            }
            s.append("</g>\n");
        }
        return s.append("</svg>\n").toString();
    }

    private static void legend(StringBuilder s, int x, String color, String text, int dx) {
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"29\" width=\"12\" height=\"10\" fill=\"%s\"/>"
                + "<text x=\"%d\" y=\"38\" font-size=\"%d\">%s</text>%n", x + dx, color, x + dx + 16, SMALL_FONT, text));
    }

    /** A value axis from 0 (linear) or from a power of ten (log), with ticks in 1-2-5 steps. */
    static final class Axis {
        final boolean log;
        final double lo;
        final double hi;
        final int width;
        final List<Double> ticks = new ArrayList<>();

        private Axis(boolean log, double lo, double hi, int width) {
            this.log = log;
            this.lo = lo;
            this.hi = hi;
            this.width = width;
        }

        static Axis of(List<double[]> values, int width) {
            double min = Double.POSITIVE_INFINITY;
            double max = 0;
            for (double[] v : values) {
                for (double x : v) {
                    if (x > 0 && Double.isFinite(x)) {
                        min = Math.min(min, x);
                        max = Math.max(max, x);
                    }
                }
            }
            if (!(max > 0)) {
                Axis a = new Axis(false, 0, 1, width);
                a.ticks.add(0.0);
                a.ticks.add(1.0);
                return a;
            }
            if (max / min > 30) { // dumb vs vector often differ by 15-30x: a linear axis would hide the dumb bars
                double lo = niceBelow(min);
                double hi = ChartTicks.step(max);
                Axis a = new Axis(true, lo, hi, width);
                for (double decade = Math.pow(10, Math.floor(Math.log10(lo) + 1e-9)); decade <= hi * 1.0001;
                     decade *= 10) {
                    for (double m : new double[] {1, 2, 5}) {
                        double t = decade * m;
                        if (t >= lo * (1 - 1e-9) && t <= hi * 1.0001) {
                            a.ticks.add(Double.parseDouble(String.format(Locale.ROOT, "%.3g", t)));
                        }
                    }
                }
                return a;
            }
            List<Double> ticks = ChartTicks.linear(0, max, 5);
            Axis a = new Axis(false, 0, ticks.get(ticks.size() - 1), width);
            a.ticks.addAll(ticks);
            return a;
        }

        /** The largest 1, 2 or 5 times a power of ten that is at most {@code v}. */
        static double niceBelow(double v) {
            double decade = Math.pow(10, Math.floor(Math.log10(v)));
            for (double m : new double[] {5, 2, 1}) {
                if (m * decade <= v * (1 + 1e-9)) {
                    return m * decade;
                }
            }
            return decade;
        }

        double x(double v) {
            if (log) {
                double c = Math.max(v, lo);
                return (Math.log10(c) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)) * width;
            }
            return v / hi * width;
        }
    }

    /** Three significant digits, thousands grouped; no exponent. */
    static String fmt(double v) {
        return Math.abs(v) >= 1000 ? String.format(Locale.ROOT, "%,.0f", v) : BenchReport.fmt(v);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
