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
            out[i] = 1.0 / (1.0 + Math.exp(-x[i]));
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
