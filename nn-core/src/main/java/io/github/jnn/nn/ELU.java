package io.github.jnn.nn;

/** {@code x > 0 ? x : alpha·(exp(x) - 1)}; default alpha 1.0. */
public final class ELU extends ElementwiseActivation {
    private final double alpha;

    public ELU() {
        this(1.0);
    }

    public ELU(double alpha) {
        if (!Double.isFinite(alpha)) {
            throw new IllegalArgumentException("ELU: alpha must be finite, got " + alpha);
        }
        this.alpha = alpha;
    }

    public double alpha() {
        return alpha;
    }

    @Override
    void forward(double[] x, double[] out, int len) {
        kernels().elu(x, out, len, alpha);
    }

    @Override
    void backward(double[] x, double[] y, double[] g, double[] gradIn, int len) {
        kernels().eluBackward(x, y, g, gradIn, len, alpha);
    }

    @Override
    void forward(float[] x, float[] out, int len) {
        kernels().elu(x, out, len, alpha);
    }

    @Override
    void backward(float[] x, float[] y, float[] g, float[] gradIn, int len) {
        kernels().eluBackward(x, y, g, gradIn, len, alpha);
    }

    @Override
    public String toString() {
        return "ELU(" + alpha + ")";
    }
}
