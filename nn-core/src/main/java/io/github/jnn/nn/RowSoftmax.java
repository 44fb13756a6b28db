package io.github.jnn.nn;

import io.github.jnn.tensor.DType;
import io.github.jnn.tensor.Tensor;
import io.github.jnn.tensor.TensorOps;

/**
 * A softmax over the last axis of an {@code [N, classes]} input, forward and backward from the saved output:
 * what {@link SoftMax} and {@link LogSoftMax} share; each says which row kernels it runs.
 */
abstract class RowSoftmax extends Module {

    /** {@code out} = this softmax of each row of {@code x}. */
    abstract void rows(TensorOps ops, Tensor x, Tensor out);

    /** {@code gradIn} from the saved output {@code y} and the output gradient {@code g}. */
    abstract void rowsBackward(TensorOps ops, Tensor y, Tensor g, Tensor gradIn);

    @Override
    protected final Tensor updateOutput(Tensor input) {
        requireRank2(input);
        Tensor out = reuse(output, input.dtype(), input.dim(0), input.dim(1));
        rows(ops(), input, out);
        return out;
    }

    @Override
    protected final Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        DType dtype = output.dtype();
        requireDType(gradOutput, dtype, "gradOutput");
        if (!gradOutput.sameShape(output)) {
            throw new IllegalArgumentException(this + ": gradOutput shape " + gradOutput.shapeString()
                    + " does not match the last forward's output shape " + output.shapeString());
        }
        gradInput = reuse(gradInput, dtype, output.dim(0), output.dim(1));
        rowsBackward(ops(), output, gradOutput, gradInput);
        return gradInput;
    }
}
