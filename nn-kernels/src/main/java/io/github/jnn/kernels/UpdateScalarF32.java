package io.github.jnn.kernels;

/** Optimizer parameter updates over {@code [from, to)}; the vector set calls them for its tails. */
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
                     float beta1, float beta2, float eps) {
        for (int i = from; i < to; i++) {
            m[i] = beta1 * m[i] + (1.0f - beta1) * g[i];
            v[i] = beta2 * v[i] + (1.0f - beta2) * g[i] * g[i];
            w[i] -= stepSize * m[i] / (Math.sqrt(v[i]) + eps);
        }
    }
}
