package io.github.jnn.optim;

import io.github.jnn.nn.Module;
import io.github.jnn.tensor.Tensor;

import java.util.List;

/**
 * Adam with bias correction, in the course's form: at step t, {@code m = β1·m + (1-β1)·g},
 * {@code v = β2·v + (1-β2)·g²}, {@code w -= lr·sqrt(1-β2^t)/(1-β1^t) · m / (sqrt(v) + ε)}.
 */
public final class Adam extends Optimizer {
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final List<Tensor> m;
    private final List<Tensor> v;
    private long t;

    /** β1 = 0.9, β2 = 0.999, ε = 1e-8. */
    public Adam(Module module, double learningRate) {
        this(module, learningRate, 0.9, 0.999, 1e-8);
    }

    public Adam(Module module, double learningRate, double beta1, double beta2, double epsilon) {
        super(module, learningRate);
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Adam: betas must be in [0, 1), got " + beta1 + ", " + beta2);
        }
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("Adam: epsilon must be finite and > 0, got " + epsilon);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.m = zerosLikeParams();
        this.v = zerosLikeParams();
    }

    /** Steps taken so far. */
    public long steps() {
        return t;
    }

    @Override
    public void step() {
        t++;
        double stepSize = learningRate() * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t));
        for (int i = 0; i < params.size(); i++) {
            Tensor w = params.get(i);
            Tensor g = grads.get(i);
            alignState(i, m);
            alignState(i, v);
            ops().adamStep(w, g, m.get(i), v.get(i), stepSize, beta1, beta2, epsilon);
        }
    }

    @Override
    public String toString() {
        return "Adam(lr=" + learningRate() + ", beta1=" + beta1 + ", beta2=" + beta2 + ", eps=" + epsilon + ")";
    }
}
