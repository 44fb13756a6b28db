package io.github.jnn.nn;

import io.github.jnn.tensor.Tensor;

/**
 * Negative log-likelihood of probabilities (the output of {@link SoftMax}), the course's "unstable" form:
 * inputs are clipped to {@code [1e-15, 1 - 1e-15]} before the log; loss is the batch mean of
 * {@code -log p[i, target_i]}, gradient {@code -1 / (N·p)} at the target class.
 */
public final class ClassNLLCriterionUnstable extends Criterion {
    public static final double EPS = 1e-15;
    private int[] classes;

    @Override
    protected void checkShapes(Tensor input, Tensor target, String method) {
        classes = ClassTargets.classes(this, input, target, classes);
    }

    private static double clip(double p) {
        return Math.min(Math.max(p, EPS), 1.0 - EPS);
    }

    @Override
    protected double updateOutput(Tensor input, Tensor target) {
        int c = input.dim(1);
        double sum = 0;
        for (int i = 0; i < classes.length; i++) {
            sum -= Math.log(clip(input.getFlat(i * c + classes[i])));
        }
        return sum / classes.length;
    }

    @Override
    protected Tensor updateGradInput(Tensor input, Tensor target) {
        int c = input.dim(1);
        gradInput = Module.reuse(gradInput, input.dtype(), input.dim(0), c).fill(0.0);
        for (int i = 0; i < classes.length; i++) {
            int at = i * c + classes[i];
            gradInput.setFlat(at, -1.0 / (classes.length * clip(input.getFlat(at))));
        }
        return gradInput;
    }

    @Override
    public String toString() {
        return "ClassNLLCriterionUnstable";
    }
}
