package io.github.jnn.kernels;

/**
 * Scalar elementwise kernels over {@code [from, to)}; the vector set calls them for its tails, so they take
 * a range rather than a length. Unchecked: callers go through {@link Kernels}.
 */
final class ElementwiseScalar {
    private ElementwiseScalar() {
    }

    static void sigmoid(double[] x, double[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = 1.0 / (1.0 + Math.exp(-x[i])); //f32: out[i] = (float) (1.0 / (1.0 + Math.exp(-x[i])));
        }
    }

    static void relu(double[] x, double[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            // Math.max, not a ternary: it is branch-free and C2 vectorizes it (see shared notes).
            out[i] = Math.max(x[i], 0.0);
        }
    }

    static void sigmoidBackward(double[] y, double[] g, double[] gradIn, int from, int to) {
        for (int i = from; i < to; i++) {
            gradIn[i] = g[i] * y[i] * (1.0 - y[i]);
        }
    }

    static void reluBackward(double[] y, double[] g, double[] gradIn, int from, int to) {
        for (int i = from; i < to; i++) {
            gradIn[i] = y[i] > 0.0 ? g[i] : 0.0;
        }
    }

    static void leakyRelu(double[] x, double[] out, int from, int to, double slope) {
        for (int i = from; i < to; i++) {
            out[i] = x[i] > 0.0 ? x[i] : slope * x[i];
        }
    }

    static void leakyReluBackward(double[] x, double[] g, double[] gradIn, int from, int to, double slope) {
        for (int i = from; i < to; i++) {
            gradIn[i] = x[i] > 0.0 ? g[i] : slope * g[i];
        }
    }

    static void elu(double[] x, double[] out, int from, int to, double alpha) {
        for (int i = from; i < to; i++) {
            out[i] = x[i] > 0.0 ? x[i] : alpha * Math.expm1(x[i]); //f32: out[i] = x[i] > 0.0f ? x[i] : alpha * (float) Math.expm1(x[i]);
        }
    }

    static void eluBackward(double[] x, double[] y, double[] g, double[] gradIn, int from, int to, double alpha) {
        for (int i = from; i < to; i++) {
            gradIn[i] = x[i] > 0.0 ? g[i] : g[i] * (alpha * Math.exp(x[i])); //f32: gradIn[i] = x[i] > 0.0f ? g[i] : g[i] * (alpha * (float) Math.exp(x[i]));
        }
    }

    static void softplus(double[] x, double[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = Math.max(x[i], 0.0) + Math.log1p(Math.exp(-Math.abs(x[i]))); //f32: out[i] = (float) (Math.max(x[i], 0.0) + Math.log1p(Math.exp(-Math.abs(x[i]))));
        }
    }

    static void softplusBackward(double[] x, double[] g, double[] gradIn, int from, int to) {
        for (int i = from; i < to; i++) {
            gradIn[i] = g[i] / (1.0 + Math.exp(-x[i])); //f32: gradIn[i] = (float) (g[i] / (1.0 + Math.exp(-x[i])));
        }
    }

    static void tanh(double[] x, double[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = Math.tanh(x[i]); //f32: out[i] = (float) Math.tanh(x[i]);
        }
    }

    static void tanhBackward(double[] y, double[] g, double[] gradIn, int from, int to) {
        for (int i = from; i < to; i++) {
            gradIn[i] = g[i] * (1.0 - y[i] * y[i]);
        }
    }

    /** The bias + activation epilogue over one row: {@code z += b}; {@code out = act(z)}. */
    static void biasActivation(double[] z, int zOff, double[] b, double[] out, int outOff, int from, int to,
                               Activation act) {
        for (int j = from; j < to; j++) {
            double v = z[zOff + j];
            if (b != null) {
                v += b[j];
                z[zOff + j] = v;
            }
            out[outOff + j] = act.apply(v);
        }
    }
}
