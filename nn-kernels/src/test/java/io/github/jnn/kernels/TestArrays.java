package io.github.jnn.kernels;

import java.util.Random;

/** Error measures and random arrays shared by the tests of every module (published in nn-kernels' test jar). */
public final class TestArrays {
    private TestArrays() {
    }

    /**
     * The notebook's {@code rel_error}: {@code max |x - y| / max(1e-8, |x| + |y|)}, element by element.
     */
    public static double notebookRelError(double[] x, double[] y) {
        check(x, y);
        double worst = 0.0;
        for (int i = 0; i < x.length; i++) {
            worst = Math.max(worst, Math.abs(x[i] - y[i]) / Math.max(1e-8, Math.abs(x[i]) + Math.abs(y[i])));
        }
        return worst;
    }

    /**
     * Norm-wise relative error {@code max|x - y| / max(1, max|y|)}: the measure for results that are sums of
     * many terms, where one element near zero would make an element-wise ratio meaningless.
     */
    public static double normRelError(double[] x, double[] y) {
        check(x, y);
        double diff = 0.0;
        double scale = 1.0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isNaN(x[i]) != Double.isNaN(y[i])) {
                return Double.POSITIVE_INFINITY;
            }
            if (!Double.isNaN(x[i])) {
                diff = Math.max(diff, Math.abs(x[i] - y[i]));
                scale = Math.max(scale, Math.abs(y[i]));
            }
        }
        return diff / scale;
    }

    private static void check(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new AssertionError("lengths differ: " + x.length + " vs " + y.length);
        }
    }

    public static double[] gaussian(Random rnd, int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = rnd.nextGaussian();
        }
        return a;
    }

    /** The rows one after another (row-major), as a Tensor's storage holds them. */
    public static double[] flatten(double[][] rows) {
        return java.util.Arrays.stream(rows).flatMapToDouble(java.util.Arrays::stream).toArray();
    }
}
