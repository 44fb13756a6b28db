package io.github.jnn.nn;

import io.github.jnn.tensor.DType;
import io.github.jnn.tensor.Tensor;

/** {@code log(1 + exp(x))}, computed without overflow; its gradient is {@code sigmoid(x)}. */
public final class SoftPlus extends ElementwiseActivation {

    @Override
    protected void forward(Tensor x, Tensor out) {
        ops().softplus(x, out);
    }

    @Override
    protected void backward(Tensor x, Tensor y, Tensor g, Tensor gradIn) {
        ops().softplusBackward(x, g, gradIn);
    }

    @Override
    public String toString() {
        return "SoftPlus";
    }

    /** {@link Module#to(DType)}, returning this {@code SoftPlus}. */
    @Override
    public SoftPlus to(DType dtype) {
        super.to(dtype);
        return this;
    }
}
