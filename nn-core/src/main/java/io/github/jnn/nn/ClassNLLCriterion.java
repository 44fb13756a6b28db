package io.github.jnn.nn;

import io.github.jnn.tensor.Tensor;

/**
 * Negative log-likelihood of log-probabilities (the output of {@link LogSoftMax}): the batch mean of
 * {@code -input[i, target_i]}. Targets are one-hot rows or class indices.
 */
public final class ClassNLLCriterion extends Criterion {
    private int[] classes;

    @Override
    protected void checkShapes(Tensor input, Tensor target, String method) {
        classes = ClassTargets.classes(this, input, target, classes);
    }

    @Override
    protected double updateOutput(Tensor input, Tensor target) {
        int c = input.dim(1);
        double sum = 0;
        for (int i = 0; i < classes.length; i++) {
            sum -= input.getFlat(i * c + classes[i]);
        }
        return sum / classes.length;
    }

    @Override
    protected Tensor updateGradInput(Tensor input, Tensor target) {
        int c = input.dim(1);
        gradInput = Module.reuse(gradInput, input.dtype(), input.dim(0), c).fill(0.0);
        for (int i = 0; i < classes.length; i++) {
            gradInput.setFlat(i * c + classes[i], -1.0 / classes.length);
        }
        return gradInput;
    }

    @Override
    public String toString() {
        return "ClassNLLCriterion";
    }
}
