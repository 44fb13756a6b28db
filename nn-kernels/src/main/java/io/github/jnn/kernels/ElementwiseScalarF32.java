package io.github.jnn.kernels;

/**
 * float32 twin of {@link ElementwiseScalar}: the same algorithm on float arrays;
 * change the two together.
 *
 * <p>Scalar elementwise kernels over {@code [from, to)}; the vector set calls them for its tails, so they take
 * a range rather than a length. Unchecked: callers go through {@link Kernels}.
 */
final class ElementwiseScalarF32 {
    private ElementwiseScalarF32() {
    }

    static void sigmoid(float[] x, float[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = (float) (1.0 / (1.0 + Math.exp(-x[i])));
        }
    }

    static void relu(float[] x, float[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            // Math.max, not a ternary: it is branch-free and C2 vectorizes it (see shared notes).
            out[i] = Math.max(x[i], 0.0f);
        }
    }

    static void sigmoidBackward(float[] y, float[] g, float[] gradIn, int from, int to) {
        for (int i = from; i < to; i++) {
            gradIn[i] = g[i] * y[i] * (1.0f - y[i]);
        }
    }

    static void reluBackward(float[] y, float[] g, float[] gradIn, int from, int to) {
        for (int i = from; i < to; i++) {
            gradIn[i] = y[i] > 0.0f ? g[i] : 0.0f;
        }
    }

    static void leakyRelu(float[] x, float[] out, int from, int to, float slope) {
        for (int i = from; i < to; i++) {
            out[i] = x[i] > 0.0f ? x[i] : slope * x[i];
        }
    }

    static void leakyReluBackward(float[] x, float[] g, float[] gradIn, int from, int to, float slope) {
        for (int i = from; i < to; i++) {
            gradIn[i] = x[i] > 0.0f ? g[i] : slope * g[i];
        }
    }

    static void elu(float[] x, float[] out, int from, int to, float alpha) {
        for (int i = from; i < to; i++) {
            out[i] = x[i] > 0.0f ? x[i] : alpha * (float) Math.expm1(x[i]);
        }
    }

    static void eluBackward(float[] x, float[] y, float[] g, float[] gradIn, int from, int to, float alpha) {
        for (int i = from; i < to; i++) {
            gradIn[i] = x[i] > 0.0f ? g[i] : g[i] * (alpha * (float) Math.exp(x[i]));
        }
    }

    static void softplus(float[] x, float[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = (float) (Math.max(x[i], 0.0) + Math.log1p(Math.exp(-Math.abs(x[i]))));
        }
    }

    static void softplusBackward(float[] x, float[] g, float[] gradIn, int from, int to) {
        for (int i = from; i < to; i++) {
            gradIn[i] = (float) (g[i] / (1.0 + Math.exp(-x[i])));
        }
    }

    static void tanh(float[] x, float[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = (float) Math.tanh(x[i]);
        }
    }

    static void tanhBackward(float[] y, float[] g, float[] gradIn, int from, int to) {
        for (int i = from; i < to; i++) {
            gradIn[i] = g[i] * (1.0f - y[i] * y[i]);
        }
    }

    /** The bias + activation epilogue over one row: {@code z += b}; {@code out = act(z)}. */
    static void biasActivation(float[] z, int zOff, float[] b, float[] out, int outOff, int from, int to,
                               Activation act) {
        for (int j = from; j < to; j++) {
            float v = z[zOff + j];
            if (b != null) {
                v += b[j];
                z[zOff + j] = v;
            }
            out[outOff + j] = act.apply(v);
        }
    }
}
