package io.github.jnn.kernels;

/**
 * float32 twin of {@link SoftmaxScalar}: the same algorithm on float arrays;
 * change the two together.
 *
 * <p>Row-wise softmax and log-softmax with their backward passes, in plain loops. The row maximum is
 * subtracted before exponentiating, so inputs of ±1000 give finite results. Unchecked: callers go through
 * {@link Kernels}.
 */
final class SoftmaxScalarF32 {
    private SoftmaxScalarF32() {
    }

    static void softmaxRows(float[] x, float[] out, int m, int n) {
        for (int i = 0; i < m; i++) {
            int o = i * n;
            float max = rowMax(x, o, n);
            float sum = 0.0f;
            for (int j = 0; j < n; j++) {
                float e = (float) Math.exp(x[o + j] - max);
                out[o + j] = e;
                sum += e;
            }
            float inv = 1.0f / sum;
            for (int j = 0; j < n; j++) {
                out[o + j] *= inv;
            }
        }
    }

    static void logSoftmaxRows(float[] x, float[] out, int m, int n) {
        for (int i = 0; i < m; i++) {
            int o = i * n;
            float max = rowMax(x, o, n);
            float sum = 0.0f;
            for (int j = 0; j < n; j++) {
                sum += Math.exp(x[o + j] - max);
            }
            // (x - max) - log(sum), not x - (max + log(sum)): x - max is exact near the max, and at |x| ~ 1000
            // adding log(sum) to max first would round away the low bits of every output (10 bits in float32)
            float logSum = (float) Math.log(sum);
            for (int j = 0; j < n; j++) {
                out[o + j] = (x[o + j] - max) - logSum;
            }
        }
    }

    static void softmaxBackwardRows(float[] y, float[] g, float[] gradIn, int m, int n) {
        for (int i = 0; i < m; i++) {
            int o = i * n;
            float dot = 0.0f;
            for (int j = 0; j < n; j++) {
                dot += g[o + j] * y[o + j];
            }
            for (int j = 0; j < n; j++) {
                gradIn[o + j] = y[o + j] * (g[o + j] - dot);
            }
        }
    }

    static void logSoftmaxBackwardRows(float[] y, float[] g, float[] gradIn, int m, int n) {
        for (int i = 0; i < m; i++) {
            int o = i * n;
            float sum = 0.0f;
            for (int j = 0; j < n; j++) {
                sum += g[o + j];
            }
            for (int j = 0; j < n; j++) {
                gradIn[o + j] = g[o + j] - (float) Math.exp(y[o + j]) * sum;
            }
        }
    }

    static float rowMax(float[] x, int o, int n) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            max = Math.max(max, x[o + j]);
        }
        return max;
    }
}
