package io.github.jnn.nn;

import io.github.jnn.tensor.Tensor;

/**
 * Mean squared error as the course defines it: {@code sum((x - t)^2) / N} with N the batch size (not the
 * element count), gradient {@code 2 (x - t) / N}.
 */
public final class MSECriterion extends Criterion {

    @Override
    protected double updateOutput(Tensor input, Tensor target) {
        double[] x = input.doubles();
        double[] t = target.doubles();
        double sum = 0.0;
        for (int i = 0; i < x.length; i++) {
            double d = x[i] - t[i];
            sum += d * d;
        }
        return sum / input.dim(0);
    }

    @Override
    protected Tensor updateGradInput(Tensor input, Tensor target) {
        gradInput = Module.reuse(gradInput, input.dim(0), input.dim(1));
        double[] x = input.doubles();
        double[] t = target.doubles();
        double[] g = gradInput.doubles();
        double scale = 2.0 / input.dim(0);
        for (int i = 0; i < x.length; i++) {
            g[i] = scale * (x[i] - t[i]);
        }
        return gradInput;
    }

    @Override
    public String toString() {
        return "MSECriterion";
    }
}
