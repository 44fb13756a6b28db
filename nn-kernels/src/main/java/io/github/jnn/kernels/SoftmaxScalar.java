package io.github.jnn.kernels;

/**
 * Row-wise softmax and log-softmax with their backward passes, in plain loops. The row maximum is
 * subtracted before exponentiating, so inputs of ±1000 give finite results. Unchecked: callers go through
 * {@link Kernels}.
 */
final class SoftmaxScalar {
    private SoftmaxScalar() {
    }

    static void softmaxRows(double[] x, double[] out, int m, int n) {
        for (int i = 0; i < m; i++) {
            int o = i * n;
            double max = rowMax(x, o, n);
            double sum = 0.0;
            for (int j = 0; j < n; j++) {
                double e = Math.exp(x[o + j] - max); //f32: float e = (float) Math.exp(x[o + j] - max);
                out[o + j] = e;
                sum += e;
            }
            double inv = 1.0 / sum;
            for (int j = 0; j < n; j++) {
                out[o + j] *= inv;
            }
        }
    }

    static void logSoftmaxRows(double[] x, double[] out, int m, int n) {
        for (int i = 0; i < m; i++) {
            int o = i * n;
            double max = rowMax(x, o, n);
            double sum = 0.0;
            for (int j = 0; j < n; j++) {
                sum += Math.exp(x[o + j] - max);
            }
            // (x - max) - log(sum), not x - (max + log(sum)): x - max is exact near the max, and at |x| ~ 1000
            // adding log(sum) to max first would round away the low bits of every output (10 bits in float32)
            double logSum = Math.log(sum); //f32: float logSum = (float) Math.log(sum);
            for (int j = 0; j < n; j++) {
                out[o + j] = (x[o + j] - max) - logSum;
            }
        }
    }

    static void softmaxBackwardRows(double[] y, double[] g, double[] gradIn, int m, int n) {
        for (int i = 0; i < m; i++) {
            int o = i * n;
            double dot = 0.0;
            for (int j = 0; j < n; j++) {
                dot += g[o + j] * y[o + j];
            }
            for (int j = 0; j < n; j++) {
                gradIn[o + j] = y[o + j] * (g[o + j] - dot);
            }
        }
    }

    static void logSoftmaxBackwardRows(double[] y, double[] g, double[] gradIn, int m, int n) {
        for (int i = 0; i < m; i++) {
            int o = i * n;
            double sum = 0.0;
            for (int j = 0; j < n; j++) {
                sum += g[o + j];
            }
            for (int j = 0; j < n; j++) {
                gradIn[o + j] = g[o + j] - Math.exp(y[o + j]) * sum; //f32: gradIn[o + j] = g[o + j] - (float) Math.exp(y[o + j]) * sum;
            }
        }
    }

    static double rowMax(double[] x, int o, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            max = Math.max(max, x[o + j]);
        }
        return max;
    }
}
