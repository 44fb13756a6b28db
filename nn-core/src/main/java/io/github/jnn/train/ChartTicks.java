package io.github.jnn.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Axis ticks in 1-2-5 steps (0, 0.2, 0.4, ... or 10, 20, 50, 100), as a reader expects of a chart; used by
 * {@link HistoryChart} and the benchmark report's charts.
 */
public final class ChartTicks {
    private ChartTicks() {
    }

    /** The smallest 1, 2 or 5 times a power of ten that is at least {@code raw} (positive and finite). */
    public static double step(double raw) {
        if (!(raw > 0) || !Double.isFinite(raw)) {
            throw new IllegalArgumentException("tick step must come from a positive finite range, got " + raw);
        }
        double decade = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * decade >= raw * (1 - 1e-9)) {
                return m * decade;
            }
        }
        return 10 * decade;
    }

    /**
     * Ticks covering {@code [lo, hi]} with about {@code target} intervals: multiples of one 1-2-5 step, the
     * first at or below {@code lo}, the last at or above {@code hi}.
     */
    public static List<Double> linear(double lo, double hi, int target) {
        if (!(hi > lo)) {
            throw new IllegalArgumentException("tick range must have hi > lo, got [" + lo + ", " + hi + "]");
        }
        double step = step((hi - lo) / Math.max(1, target));
        long first = (long) Math.floor(lo / step + 1e-9);
        long last = (long) Math.ceil(hi / step - 1e-9);
        List<Double> ticks = new ArrayList<>();
        for (long i = first; i <= last; i++) {
            ticks.add(Double.parseDouble(String.format(Locale.ROOT, "%.6g", i * step))); // 0.30000000000000004 -> 0.3
        }
        return ticks;
    }

    /** A tick value as printed: no exponent and no trailing zeros (0.05, 1, 20, 1,000). */
    public static String label(double v) {
        if (Math.abs(v) >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return new java.math.BigDecimal(String.format(Locale.ROOT, "%.3g", v)).stripTrailingZeros().toPlainString();
    }
}
