package io.github.jnn.nn;

import io.github.jnn.tensor.DType;
import io.github.jnn.tensor.Tensor;

/** {@code tanh(x)}; its gradient {@code 1 - y²} comes from the saved output. */
public final class Tanh extends ElementwiseActivation {

    @Override
    protected void forward(Tensor x, Tensor out) {
        ops().tanh(x, out);
    }

    @Override
    protected void backward(Tensor x, Tensor y, Tensor g, Tensor gradIn) {
        ops().tanhBackward(y, g, gradIn);
    }

    @Override
    public String toString() {
        return "Tanh";
    }

    /** {@link Module#to(DType)}, returning this {@code Tanh}. */
    @Override
    public Tanh to(DType dtype) {
        super.to(dtype);
        return this;
    }
}
