package io.github.jnn.nn;

/** {@code tanh(x)}; its gradient {@code 1 - y²} comes from the saved output. */
public final class Tanh extends ElementwiseActivation {

    @Override
    void forward(double[] x, double[] out, int len) {
        kernels().tanh(x, out, len);
    }

    @Override
    void backward(double[] x, double[] y, double[] g, double[] gradIn, int len) {
        kernels().tanhBackward(y, g, gradIn, len);
    }

    @Override
    void forward(float[] x, float[] out, int len) {
        kernels().tanh(x, out, len);
    }

    @Override
    void backward(float[] x, float[] y, float[] g, float[] gradIn, int len) {
        kernels().tanhBackward(y, g, gradIn, len);
    }

    @Override
    public String toString() {
        return "Tanh";
    }
}
