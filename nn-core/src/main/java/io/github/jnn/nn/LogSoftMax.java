package io.github.jnn.nn;

import io.github.jnn.tensor.DType;
import io.github.jnn.tensor.Tensor;

/** Log-softmax over the last axis, stable for any finite input; pair it with {@link ClassNLLCriterion}. */
public final class LogSoftMax extends Module {

    @Override
    protected Tensor updateOutput(Tensor input) {
        requireRank2(input);
        Tensor out = reuse(output, input.dtype(), input.dim(0), input.dim(1));
        if (input.dtype() == DType.FLOAT32) {
            kernels().logSoftmaxRows(input.floats(), out.floats(), input.dim(0), input.dim(1));
        } else {
            kernels().logSoftmaxRows(input.doubles(), out.doubles(), input.dim(0), input.dim(1));
        }
        return out;
    }

    @Override
    protected Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        DType dtype = output.dtype();
        requireDType(gradOutput, dtype, "gradOutput");
        gradInput = reuse(gradInput, dtype, output.dim(0), output.dim(1));
        if (dtype == DType.FLOAT32) {
            kernels().logSoftmaxBackwardRows(output.floats(), gradOutput.floats(), gradInput.floats(),
                    output.dim(0), output.dim(1));
        } else {
            kernels().logSoftmaxBackwardRows(output.doubles(), gradOutput.doubles(), gradInput.doubles(),
                    output.dim(0), output.dim(1));
        }
        return gradInput;
    }

    @Override
    public String toString() {
        return "LogSoftMax";
    }
}
