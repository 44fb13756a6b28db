package io.github.jnn.nn;

import io.github.jnn.tensor.Tensor;

/**
 * Mean squared error as the course defines it: {@code sum((x - t)^2) / N} with N the batch size (not the
 * element count), gradient {@code 2 (x - t) / N}.
 */
public final class MSECriterion extends Criterion {

    @Override
    protected double updateOutput(Tensor input, Tensor target) {
        double sum = 0.0;
        for (int i = 0; i < input.size(); i++) {
            double d = input.getFlat(i) - target.getFlat(i);
            sum += d * d;
        }
        return sum / input.dim(0);
    }

    @Override
    protected Tensor updateGradInput(Tensor input, Tensor target) {
        // In the input's element type; the target may be of either (it is only read).
        gradInput = Module.reuse(gradInput, input.dtype(), input.dim(0), input.dim(1));
        double scale = 2.0 / input.dim(0);
        for (int i = 0; i < input.size(); i++) {
            gradInput.setFlat(i, scale * (input.getFlat(i) - target.getFlat(i)));
        }
        return gradInput;
    }

    @Override
    public String toString() {
        return "MSECriterion";
    }
}
