package io.github.jnn.nn;

import io.github.jnn.kernels.Activation;

/** {@code 1 / (1 + exp(-x))} element by element; its gradient {@code y(1 - y)} comes from the saved output. */
public final class Sigmoid extends ElementwiseActivation {

    @Override
    public Activation fusedEpilogue() {
        return Activation.SIGMOID;
    }

    @Override
    void forward(double[] x, double[] out, int len) {
        kernels().sigmoid(x, out, len);
    }

    @Override
    void backward(double[] x, double[] y, double[] g, double[] gradIn, int len) {
        kernels().sigmoidBackward(y, g, gradIn, len);
    }

    @Override
    void forward(float[] x, float[] out, int len) {
        kernels().sigmoid(x, out, len);
    }

    @Override
    void backward(float[] x, float[] y, float[] g, float[] gradIn, int len) {
        kernels().sigmoidBackward(y, g, gradIn, len);
    }

    @Override
    public String toString() {
        return "Sigmoid";
    }
}
