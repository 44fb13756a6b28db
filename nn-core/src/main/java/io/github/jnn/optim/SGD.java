package io.github.jnn.optim;

import io.github.jnn.nn.Module;
import io.github.jnn.nn.Parameter;
import io.github.jnn.tensor.Tensor;

import java.util.List;

/**
 * Stochastic gradient descent with momentum and optional L2 weight decay ({@code g + weightDecay·w} in place
 * of g), in one of three forms:
 * <ul>
 *   <li>{@link Form#COURSE} (the default, the course's): {@code v = momentum·v + lr·g; w -= v};
 *   <li>{@link Form#PYTORCH} ({@code torch.optim.SGD}): {@code v = momentum·v + g; w -= lr·v};
 *   <li>{@link Form#NESTEROV} ({@code torch.optim.SGD(nesterov=True)}): {@code v = momentum·v + g;
 *       w -= lr·(g + momentum·v)}.
 * </ul>
 * The course's and PyTorch's forms give the same steps while the learning rate is constant; when a schedule
 * changes it, the course's velocity still carries the old rate, PyTorch's does not.
 */
public final class SGD extends Optimizer {
    /** Which update rule; see the class comment. */
    public enum Form { COURSE, PYTORCH, NESTEROV }

    private final double momentum;
    private final double weightDecay;
    private final Form form;
    private final List<Tensor> velocity;

    public SGD(Module module, double learningRate, double momentum) {
        this(module, learningRate, momentum, 0.0);
    }

    public SGD(Module module, double learningRate, double momentum, double weightDecay) {
        this(module, learningRate, momentum, weightDecay, Form.COURSE);
    }

    public SGD(Module module, double learningRate, double momentum, double weightDecay, Form form) {
        this(parametersOf(module), module, learningRate, momentum, weightDecay, form);
    }

    /** Over an explicit list of parameters ({@code net.parameters()} or part of it). */
    public SGD(List<Parameter> parameters, double learningRate, double momentum, double weightDecay, Form form) {
        this(parameters, null, learningRate, momentum, weightDecay, form);
    }

    private SGD(List<Parameter> parameters, Module module, double learningRate, double momentum, double weightDecay,
                Form form) {
        super(parameters, module, learningRate);
        this.momentum = momentum;
        this.weightDecay = weightDecay;
        this.form = form;
        this.velocity = validatedState();
    }

    private List<Tensor> validatedState() {
        if (form == null) {
            throw new IllegalArgumentException("SGD: form is null");
        }
        if (!(momentum >= 0.0 && momentum < 1.0)) {
            throw new IllegalArgumentException("SGD: momentum must be in [0, 1), got " + momentum);
        }
        if (form == Form.NESTEROV && momentum == 0.0) {
            throw new IllegalArgumentException("SGD: Nesterov momentum needs a momentum above 0");
        }
        if (!(weightDecay >= 0.0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("SGD: weight decay must be finite and >= 0, got " + weightDecay);
        }
        return zerosLikeParams();
    }

    public Form form() {
        return form;
    }

    @Override
    public void step() {
        for (int i = 0; i < params.size(); i++) {
            Tensor w = params.get(i);
            Tensor g = grads.get(i);
            Tensor v = velocity.get(i);
            alignState(i, velocity);
            if (form == Form.COURSE) {
                ops().sgdStep(w, g, v, learningRate(), momentum, weightDecay);
            } else {
                ops().sgdStepPyTorch(w, g, v, learningRate(), momentum, weightDecay, form == Form.NESTEROV);
            }
        }
    }

    @Override
    public String toString() {
        return "SGD(lr=" + learningRate() + ", momentum=" + momentum + ", weightDecay=" + weightDecay
                + (form == Form.COURSE ? "" : ", " + form.name().toLowerCase() + " form") + ")";
    }
}
