package io.github.jnn.train;

import io.github.jnn.internal.AtomicFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The loss and accuracy of a training run as an SVG line chart (two panels), written without a charting
 * library: a few dozen lines of SVG cost less than a dependency and render in any browser.
 */
public final class HistoryChart {
    private static final int W = 420;
    private static final int H = 260;
    private static final int PAD = 48;

    private HistoryChart() {
    }

    public static String svg(List<EpochResult> history, String title) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", 2 * W, H + 44, 2 * W, H + 44));
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        s.append("<text x=\"10\" y=\"18\" font-size=\"14\" font-weight=\"bold\">").append(escape(title)).append("</text>\n");
        double[] trainLoss = history.stream().mapToDouble(r -> r.trainLoss).toArray();
        double[] testLoss = history.stream().mapToDouble(r -> r.testLoss).toArray();
        double[] trainAcc = history.stream().mapToDouble(r -> 100 * r.trainAccuracy).toArray();
        double[] testAcc = history.stream().mapToDouble(r -> 100 * r.testAccuracy).toArray();
        panel(s, 0, "loss", trainLoss, testLoss);
        panel(s, W, "accuracy, %", trainAcc, testAcc);
        return s.append("</svg>\n").toString();
    }

    /** Writes {@link #svg} to {@code file}, all or nothing. */
    public static void write(List<EpochResult> history, String title, Path file) throws IOException {
        AtomicFiles.writeString(file, svg(history, title));
    }

    private static void panel(StringBuilder s, int x0, String label, double[] a, double[] b) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] series : new double[][] {a, b}) {
            for (double v : series) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (!(hi > lo)) { // one value, or none: a unit range around it
            lo = Double.isFinite(lo) ? lo - 0.5 : 0;
            hi = lo + 1;
        }
        List<Double> yTicks = ChartTicks.linear(lo, hi, 5);
        lo = yTicks.get(0);
        hi = yTicks.get(yTicks.size() - 1);
        int top = 44;
        int left = x0 + PAD;
        int plotW = W - PAD - 16;
        int plotH = H - 40;
        int epochs = Math.max(1, Math.max(a.length, b.length));
        for (double v : yTicks) {
            double y = top + plotH - plotH * (v - lo) / (hi - lo);
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e2e2e2\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" font-size=\"10\">%s</text>%n",
                    left, y, left + plotW, y, left - 4, y + 3, ChartTicks.label(v)));
        }
        // epoch ticks: 1, whole multiples of a 1-2-5 step, and the last epoch (a multiple too close to it is left out)
        int step = (int) Math.max(1, ChartTicks.step(epochs / 8.0));
        tickX(s, 1, left, top, plotW, plotH, epochs);
        for (int e = step; e < epochs; e += step) {
            if (e > 1 && epochs - e >= step / 2.0) {
                tickX(s, e, left, top, plotW, plotH, epochs);
            }
        }
        if (epochs > 1) {
            tickX(s, epochs, left, top, plotW, plotH, epochs);
        }
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                + "stroke=\"#888\"/>%n", left, top, plotW, plotH));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", left + 4, top - 6, label));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"10\">epoch"
                + "</text>%n", left + plotW / 2, top + plotH + 26));
        line(s, a, lo, hi, left, top, plotW, plotH, "#2b6cb0", "train");
        line(s, b, lo, hi, left, top, plotW, plotH, "#dd6b20", "test");
    }

    /** A vertical grid line at epoch {@code e} (1-based) and its label. */
    private static void tickX(StringBuilder s, int e, int left, int top, int plotW, int plotH, int epochs) {
        double x = left + (epochs == 1 ? plotW / 2.0 : plotW * (e - 1) / (double) (epochs - 1));
        s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#e2e2e2\"/>"
                + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" font-size=\"10\">%d</text>%n",
                x, top, x, top + plotH, x, top + plotH + 13, e));
    }

    private static void line(StringBuilder s, double[] v, double lo, double hi, int left, int top, int plotW,
                             int plotH, String color, String name) {
        StringBuilder pts = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                continue;
            }
            double x = left + (v.length == 1 ? plotW / 2.0 : plotW * i / (double) (v.length - 1));
            double y = top + plotH - plotH * (v[i] - lo) / (hi - lo);
            pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        s.append("<polyline fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"2\" points=\"")
                .append(pts.toString().trim()).append("\"/>\n");
        int lx = "train".equals(name) ? left + plotW - 90 : left + plotW - 40;
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>%n", lx, top - 6,
                color, name));
    }

    private static String escape(String t) {
        return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
