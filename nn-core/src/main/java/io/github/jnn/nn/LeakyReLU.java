package io.github.jnn.nn;

/** {@code x > 0 ? x : slope·x}; the course's default slope is 0.03. */
public final class LeakyReLU extends ElementwiseActivation {
    private final double slope;

    public LeakyReLU() {
        this(0.03);
    }

    public LeakyReLU(double slope) {
        if (!Double.isFinite(slope)) {
            throw new IllegalArgumentException("LeakyReLU: slope must be finite, got " + slope);
        }
        this.slope = slope;
    }

    public double slope() {
        return slope;
    }

    @Override
    void forward(double[] x, double[] out, int len) {
        kernels().leakyRelu(x, out, len, slope);
    }

    @Override
    void backward(double[] x, double[] y, double[] g, double[] gradIn, int len) {
        kernels().leakyReluBackward(x, g, gradIn, len, slope);
    }

    @Override
    void forward(float[] x, float[] out, int len) {
        kernels().leakyRelu(x, out, len, slope);
    }

    @Override
    void backward(float[] x, float[] y, float[] g, float[] gradIn, int len) {
        kernels().leakyReluBackward(x, g, gradIn, len, slope);
    }

    @Override
    public String toString() {
        return "LeakyReLU(" + slope + ")";
    }
}
