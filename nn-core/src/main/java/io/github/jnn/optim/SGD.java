package io.github.jnn.optim;

import io.github.jnn.nn.Module;
import io.github.jnn.tensor.Tensor;

import java.util.List;

/**
 * Stochastic gradient descent with momentum in the course's form, {@code v = momentum·v + lr·g; w -= v}, and
 * optional L2 weight decay ({@code g + weightDecay·w} in place of g).
 */
public final class SGD extends Optimizer {
    private final double momentum;
    private final double weightDecay;
    private final List<Tensor> velocity;

    public SGD(Module module, double learningRate, double momentum) {
        this(module, learningRate, momentum, 0.0);
    }

    public SGD(Module module, double learningRate, double momentum, double weightDecay) {
        super(module, learningRate);
        if (!(momentum >= 0.0 && momentum < 1.0)) {
            throw new IllegalArgumentException("SGD: momentum must be in [0, 1), got " + momentum);
        }
        if (!(weightDecay >= 0.0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("SGD: weight decay must be finite and >= 0, got " + weightDecay);
        }
        this.momentum = momentum;
        this.weightDecay = weightDecay;
        this.velocity = zerosLikeParams();
    }

    @Override
    public void step() {
        for (int i = 0; i < params.size(); i++) {
            Tensor w = params.get(i);
            Tensor g = grads.get(i);
            Tensor v = velocity.get(i);
            alignState(i, velocity);
            ops().sgdStep(w, g, v, learningRate(), momentum, weightDecay);
        }
    }

    @Override
    public String toString() {
        return "SGD(lr=" + learningRate() + ", momentum=" + momentum + ", weightDecay=" + weightDecay + ")";
    }
}
