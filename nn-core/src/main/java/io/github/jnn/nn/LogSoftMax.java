package io.github.jnn.nn;

import io.github.jnn.tensor.Tensor;

/** Log-softmax over the last axis, stable for any finite input; pair it with {@link ClassNLLCriterion}. */
public final class LogSoftMax extends Module {

    @Override
    protected Tensor updateOutput(Tensor input) {
        requireRank2(input);
        Tensor out = reuse(output, input.dim(0), input.dim(1));
        kernels().logSoftmaxRows(input.doubles(), out.doubles(), input.dim(0), input.dim(1));
        return out;
    }

    @Override
    protected Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        gradInput = reuse(gradInput, output.dim(0), output.dim(1));
        kernels().logSoftmaxBackwardRows(output.doubles(), gradOutput.doubles(), gradInput.doubles(),
                output.dim(0), output.dim(1));
        return gradInput;
    }

    @Override
    public String toString() {
        return "LogSoftMax";
    }
}
