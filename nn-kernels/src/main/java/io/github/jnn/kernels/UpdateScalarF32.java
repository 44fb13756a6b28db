package io.github.jnn.kernels;

/**
 * float32 twin of {@link UpdateScalar}: the same algorithm on float arrays;
 * change the two together.
 *
 * <p>Optimizer parameter updates over {@code [from, to)}; the vector set calls them for its tails.
 */
final class UpdateScalarF32 {
    private UpdateScalarF32() {
    }

    static void sgd(float[] w, float[] g, float[] v, int from, int to, float lr, float momentum,
                    float weightDecay) {
        for (int i = from; i < to; i++) {
            float d = g[i] + weightDecay * w[i];
            v[i] = momentum * v[i] + lr * d;
            w[i] -= v[i];
        }
    }

    static void adam(float[] w, float[] g, float[] m, float[] v, int from, int to, float stepSize,
                     double beta1, double beta2, float eps) {
        // 1 - β in double, rounded once: 1 - 0.999f would be 0.0010000467, 5e-5 off.
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float c1 = (float) (1.0 - beta1);
        float c2 = (float) (1.0 - beta2);
        for (int i = from; i < to; i++) {
            m[i] = b1 * m[i] + c1 * g[i];
            v[i] = b2 * v[i] + c2 * g[i] * g[i];
            w[i] -= stepSize * m[i] / (Math.sqrt(v[i]) + eps);
        }
    }
}
