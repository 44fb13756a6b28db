package io.github.jnn.kernels;

/**
 * The naive matrix products of a Linear layer: textbook triple loops, row-major, no blocking. They are the
 * oracle for the vector kernels and the "dumb" path the benchmarks compare against. Unchecked: callers go
 * through {@link Kernels}.
 */
final class GemmScalar {
    private GemmScalar() {
    }

    /** {@code out = act(x·wᵀ + b)}, {@code pre = x·wᵀ + b} if pre is not null. */
    static void linearForward(double[] x, double[] w, double[] b, double[] pre, double[] out,
                              int m, int k, int n, Activation act) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0.0;
                for (int p = 0; p < k; p++) {
                    s += x[i * k + p] * w[j * k + p];
                }
                if (b != null) {
                    s += b[j];
                }
                if (pre != null) {
                    pre[i * n + j] = s;
                }
                out[i * n + j] = act.apply(s);
            }
        }
    }

    /** {@code gradX = g·w}. */
    static void linearGradInput(double[] g, double[] w, double[] gradX, int m, int k, int n) {
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
                double s = 0.0;
                for (int j = 0; j < n; j++) {
                    s += g[i * n + j] * w[j * k + p];
                }
                gradX[i * k + p] = s;
            }
        }
    }

    /** {@code gradW += gᵀ·x}. */
    static void linearAccGradWeight(double[] g, double[] x, double[] gradW, int m, int k, int n) {
        for (int j = 0; j < n; j++) {
            for (int p = 0; p < k; p++) {
                double s = 0.0;
                for (int i = 0; i < m; i++) {
                    s += g[i * n + j] * x[i * k + p];
                }
                gradW[j * k + p] += s;
            }
        }
    }

    /** {@code gradB += column sums of g}. */
    static void accColumnSums(double[] g, double[] gradB, int m, int n) {
        for (int j = 0; j < n; j++) {
            double s = 0.0;
            for (int i = 0; i < m; i++) {
                s += g[i * n + j];
            }
            gradB[j] += s;
        }
    }
}
