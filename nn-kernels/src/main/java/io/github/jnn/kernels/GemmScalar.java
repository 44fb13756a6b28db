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

    /**
     * {@code gradX = g·w}, row by row as a sum of scaled rows of w: every access is contiguous (a
     * dot-product order would walk w's columns with stride k and miss the cache on every element).
     */
    static void linearGradInput(double[] g, double[] w, double[] gradX, int m, int k, int n) {
        java.util.Arrays.fill(gradX, 0, m * k, 0.0);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double gij = g[i * n + j];
                for (int p = 0; p < k; p++) {
                    gradX[i * k + p] += gij * w[j * k + p];
                }
            }
        }
    }

    /** {@code gradW += gᵀ·x}, as a sum over the batch of outer products, contiguous like the above. */
    static void linearAccGradWeight(double[] g, double[] x, double[] gradW, int m, int k, int n) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double gij = g[i * n + j];
                for (int p = 0; p < k; p++) {
                    gradW[j * k + p] += gij * x[i * k + p];
                }
            }
        }
    }

    /** {@code gradB += column sums of g}. */
    static void accColumnSums(double[] g, double[] gradB, int m, int n) {
        for (int j = 0; j < n; j++) {
            // float32 sums the batch in double and rounds once: a bias gradient adds up every row
            double s = 0.0; //f32-same
            for (int i = 0; i < m; i++) {
                s += g[i * n + j];
            }
            gradB[j] += s;
        }
    }
}
