package io.github.jnn.nn;

import io.github.jnn.tensor.DType;
import io.github.jnn.tensor.Tensor;
import io.github.jnn.tensor.TensorOps;

/** Log-softmax over the last axis, stable for any finite input; pair it with {@link ClassNLLCriterion}. */
public final class LogSoftMax extends RowSoftmax {

    @Override
    void rows(TensorOps ops, Tensor x, Tensor out) {
        ops.logSoftmaxRows(x, out);
    }

    @Override
    void rowsBackward(TensorOps ops, Tensor y, Tensor g, Tensor gradIn) {
        ops.logSoftmaxBackwardRows(y, g, gradIn);
    }

    @Override
    public String toString() {
        return "LogSoftMax";
    }

    /** {@link Module#to(DType)}, returning this {@code LogSoftMax}. */
    @Override
    public LogSoftMax to(DType dtype) {
        super.to(dtype);
        return this;
    }
}
