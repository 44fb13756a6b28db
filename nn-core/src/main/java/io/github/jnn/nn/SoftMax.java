package io.github.jnn.nn;

import io.github.jnn.tensor.Tensor;

/** Softmax over the last axis of an {@code [N, classes]} input; each output row sums to 1. */
public final class SoftMax extends Module {

    @Override
    protected Tensor updateOutput(Tensor input) {
        requireRank2(input);
        Tensor out = reuse(output, input.dim(0), input.dim(1));
        kernels().softmaxRows(input.doubles(), out.doubles(), input.dim(0), input.dim(1));
        return out;
    }

    @Override
    protected Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        gradInput = reuse(gradInput, output.dim(0), output.dim(1));
        kernels().softmaxBackwardRows(output.doubles(), gradOutput.doubles(), gradInput.doubles(),
                output.dim(0), output.dim(1));
        return gradInput;
    }

    @Override
    public String toString() {
        return "SoftMax";
    }
}
