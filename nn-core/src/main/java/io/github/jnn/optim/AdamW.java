package io.github.jnn.optim;

import io.github.jnn.nn.Module;
import io.github.jnn.nn.Parameter;

import java.util.List;

/**
 * AdamW ({@code torch.optim.AdamW}): PyTorch's Adam with decoupled weight decay, {@code w *= 1 -
 * lr·weightDecay} before each step instead of an L2 term in the gradient. PyTorch's defaults: β1 = 0.9,
 * β2 = 0.999, ε = 1e-8, weight decay 0.01.
 */
public final class AdamW extends Adam {

    public AdamW(Module module, double learningRate) {
        this(module, learningRate, 0.9, 0.999, 1e-8, 0.01);
    }

    public AdamW(Module module, double learningRate, double beta1, double beta2, double epsilon,
                 double weightDecay) {
        super(module, learningRate, beta1, beta2, epsilon, weightDecay, Form.PYTORCH);
    }

    public AdamW(List<Parameter> parameters, double learningRate, double beta1, double beta2, double epsilon,
                 double weightDecay) {
        super(parameters, learningRate, beta1, beta2, epsilon, weightDecay, Form.PYTORCH);
    }

    @Override
    double l2() {
        return 0.0;
    }

    @Override
    double decay() {
        return 1 - learningRate() * weightDecay();
    }
}
