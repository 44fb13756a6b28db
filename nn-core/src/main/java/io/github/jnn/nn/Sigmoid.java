package io.github.jnn.nn;

import io.github.jnn.kernels.Activation;
import io.github.jnn.tensor.DType;
import io.github.jnn.tensor.Tensor;

/** {@code 1 / (1 + exp(-x))} element by element; its gradient {@code y(1 - y)} comes from the saved output. */
public final class Sigmoid extends ElementwiseActivation {

    @Override
    public Activation fusedEpilogue() {
        return Activation.SIGMOID;
    }

    @Override
    protected void forward(Tensor x, Tensor out) {
        ops().sigmoid(x, out);
    }

    @Override
    protected void backward(Tensor x, Tensor y, Tensor g, Tensor gradIn) {
        ops().sigmoidBackward(y, g, gradIn);
    }

    @Override
    public String toString() {
        return "Sigmoid";
    }

    /** {@link Module#to(DType)}, returning this {@code Sigmoid}. */
    @Override
    public Sigmoid to(DType dtype) {
        super.to(dtype);
        return this;
    }
}
