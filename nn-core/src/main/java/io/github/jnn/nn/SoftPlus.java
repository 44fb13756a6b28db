package io.github.jnn.nn;

/** {@code log(1 + exp(x))}, computed without overflow; its gradient is {@code sigmoid(x)}. */
public final class SoftPlus extends ElementwiseActivation {

    @Override
    void forward(double[] x, double[] out, int len) {
        kernels().softplus(x, out, len);
    }

    @Override
    void backward(double[] x, double[] y, double[] g, double[] gradIn, int len) {
        kernels().softplusBackward(x, g, gradIn, len);
    }

    @Override
    void forward(float[] x, float[] out, int len) {
        kernels().softplus(x, out, len);
    }

    @Override
    void backward(float[] x, float[] y, float[] g, float[] gradIn, int len) {
        kernels().softplusBackward(x, g, gradIn, len);
    }

    @Override
    public String toString() {
        return "SoftPlus";
    }
}
