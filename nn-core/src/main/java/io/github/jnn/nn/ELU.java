package io.github.jnn.nn;

import io.github.jnn.tensor.DType;
import io.github.jnn.tensor.Tensor;

/** {@code x > 0 ? x : alpha·(exp(x) - 1)}; default alpha 1.0. */
public final class ELU extends ElementwiseActivation {
    private final double alpha;

    public ELU() {
        this(1.0);
    }

    public ELU(double alpha) {
        if (!Double.isFinite(alpha)) {
            throw new IllegalArgumentException("ELU: alpha must be finite, got " + alpha);
        }
        this.alpha = alpha;
    }

    public double alpha() {
        return alpha;
    }

    @Override
    protected void forward(Tensor x, Tensor out) {
        ops().elu(x, out, alpha);
    }

    @Override
    protected void backward(Tensor x, Tensor y, Tensor g, Tensor gradIn) {
        ops().eluBackward(x, y, g, gradIn, alpha);
    }

    @Override
    public String toString() {
        return "ELU(" + alpha + ")";
    }

    /** {@link Module#to(DType)}, returning this {@code ELU}. */
    @Override
    public ELU to(DType dtype) {
        super.to(dtype);
        return this;
    }
}
