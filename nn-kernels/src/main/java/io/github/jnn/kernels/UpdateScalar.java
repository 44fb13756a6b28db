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
                     double beta1, double beta2, double eps) { //f32: double beta1, double beta2, float eps) {
        // 1 - β in double, rounded once: in float32, 1 - 0.999f would be 0.0010000467, 5e-5 off. //f32-same
        double b1 = beta1; //f32: float b1 = (float) beta1;
        double b2 = beta2; //f32: float b2 = (float) beta2;
        double c1 = 1.0 - beta1; //f32: float c1 = (float) (1.0 - beta1);
        double c2 = 1.0 - beta2; //f32: float c2 = (float) (1.0 - beta2);
        for (int i = from; i < to; i++) {
            m[i] = b1 * m[i] + c1 * g[i];
            v[i] = b2 * v[i] + c2 * g[i] * g[i];
            w[i] -= stepSize * m[i] / (Math.sqrt(v[i]) + eps);
        }
    }
}
