package io.github.jnn.nn;

import io.github.jnn.tensor.DType;
import io.github.jnn.tensor.Tensor;

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
    protected void forward(Tensor x, Tensor out) {
        ops().leakyRelu(x, out, slope);
    }

    @Override
    protected void backward(Tensor x, Tensor y, Tensor g, Tensor gradIn) {
        ops().leakyReluBackward(x, g, gradIn, slope);
    }

    @Override
    public String toString() {
        return "LeakyReLU(" + slope + ")";
    }

    /** {@link Module#to(DType)}, returning this {@code LeakyReLU}. */
    @Override
    public LeakyReLU to(DType dtype) {
        super.to(dtype);
        return this;
    }
}
