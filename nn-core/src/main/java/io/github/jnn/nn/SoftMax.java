package io.github.jnn.nn;

import io.github.jnn.tensor.DType;
import io.github.jnn.tensor.Tensor;
import io.github.jnn.tensor.TensorOps;

/** Softmax over the last axis of an {@code [N, classes]} input; each output row sums to 1. */
public final class SoftMax extends RowSoftmax {

    @Override
    void rows(TensorOps ops, Tensor x, Tensor out) {
        ops.softmaxRows(x, out);
    }

    @Override
    void rowsBackward(TensorOps ops, Tensor y, Tensor g, Tensor gradIn) {
        ops.softmaxBackwardRows(y, g, gradIn);
    }

    @Override
    public String toString() {
        return "SoftMax";
    }

    /** {@link Module#to(DType)}, returning this {@code SoftMax}. */
    @Override
    public SoftMax to(DType dtype) {
        super.to(dtype);
        return this;
    }
}
