package io.github.jnn.nn;

import io.github.jnn.kernels.Activation;
import io.github.jnn.tensor.DType;
import io.github.jnn.tensor.Tensor;

/** {@code max(x, 0)} element by element; the gradient passes where the output is positive. */
public final class ReLU extends ElementwiseActivation {

    @Override
    public Activation fusedEpilogue() {
        return Activation.RELU;
    }

    @Override
    protected void forward(Tensor x, Tensor out) {
        ops().relu(x, out);
    }

    @Override
    protected void backward(Tensor x, Tensor y, Tensor g, Tensor gradIn) {
        ops().reluBackward(y, g, gradIn);
    }

    @Override
    public String toString() {
        return "ReLU";
    }

    /** {@link Module#to(DType)}, returning this {@code ReLU}. */
    @Override
    public ReLU to(DType dtype) {
        super.to(dtype);
        return this;
    }
}
