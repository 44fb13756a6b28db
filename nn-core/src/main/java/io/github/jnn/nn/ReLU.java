package io.github.jnn.nn;

import io.github.jnn.kernels.Activation;

/** {@code max(x, 0)} element by element; the gradient passes where the output is positive. */
public final class ReLU extends ElementwiseActivation {

    @Override
    public Activation fusedEpilogue() {
        return Activation.RELU;
    }

    @Override
    void forward(double[] x, double[] out, int len) {
        kernels().relu(x, out, len);
    }

    @Override
    void backward(double[] x, double[] y, double[] g, double[] gradIn, int len) {
        kernels().reluBackward(y, g, gradIn, len);
    }

    @Override
    void forward(float[] x, float[] out, int len) {
        kernels().relu(x, out, len);
    }

    @Override
    void backward(float[] x, float[] y, float[] g, float[] gradIn, int len) {
        kernels().reluBackward(y, g, gradIn, len);
    }

    @Override
    public String toString() {
        return "ReLU";
    }
}
