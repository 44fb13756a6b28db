package io.github.jnn.kernels;

/** Optimizer parameter updates over {@code [from, to)}; the vector set calls them for its tails. */
final class UpdateScalar {
    private UpdateScalar() {
    }

    static void sgd(double[] w, double[] g, double[] v, int from, int to, double lr, double momentum,
                    double weightDecay) {
        for (int i = from; i < to; i++) {
            double d = g[i] + weightDecay * w[i];
            v[i] = momentum * v[i] + lr * d;
            w[i] -= v[i];
        }
    }

    static void adam(double[] w, double[] g, double[] m, double[] v, int from, int to, double stepSize,
                     double beta1, double beta2, double eps) {
        for (int i = from; i < to; i++) {
            m[i] = beta1 * m[i] + (1.0 - beta1) * g[i];
            v[i] = beta2 * v[i] + (1.0 - beta2) * g[i] * g[i];
            w[i] -= stepSize * m[i] / (Math.sqrt(v[i]) + eps);
        }
    }
}
