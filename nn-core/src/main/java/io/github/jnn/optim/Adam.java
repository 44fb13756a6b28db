package io.github.jnn.optim;

import io.github.jnn.nn.Module;
import io.github.jnn.nn.Parameter;
import io.github.jnn.tensor.Tensor;

import java.util.List;

/**
 * Adam with bias correction, at step t {@code m = β1·m + (1-β1)·g}, {@code v = β2·v + (1-β2)·g²}, then in one
 * of two forms:
 * <ul>
 *   <li>{@link Form#COURSE} (the default, the course's): {@code w -= lr·sqrt(1-β2^t)/(1-β1^t) · m / (sqrt(v)
 *       + ε)}: ε is added before the bias correction;
 *   <li>{@link Form#PYTORCH} ({@code torch.optim.Adam}): {@code w -= lr/(1-β1^t) · m / (sqrt(v)/sqrt(1-β2^t)
 *       + ε)}: ε after it; with optional L2 weight decay ({@code g + weightDecay·w} in place of g).
 * </ul>
 * The two differ by about ε/sqrt(v̂) relative per step (1.3e-6 after five steps in the parity replay). For
 * decoupled weight decay see {@link AdamW}.
 */
public class Adam extends Optimizer {
    /** Which update rule; see the class comment. */
    public enum Form { COURSE, PYTORCH }

    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private final Form form;
    private final List<Tensor> m;
    private final List<Tensor> v;
    private long t;

    /** β1 = 0.9, β2 = 0.999, ε = 1e-8. */
    public Adam(Module module, double learningRate) {
        this(module, learningRate, 0.9, 0.999, 1e-8);
    }

    public Adam(Module module, double learningRate, double beta1, double beta2, double epsilon) {
        this(module, learningRate, beta1, beta2, epsilon, 0.0, Form.COURSE);
    }

    public Adam(Module module, double learningRate, double beta1, double beta2, double epsilon, double weightDecay,
                Form form) {
        this(parametersOf(module), module, learningRate, beta1, beta2, epsilon, weightDecay, form);
    }

    /** Over an explicit list of parameters ({@code net.parameters()} or part of it). */
    public Adam(List<Parameter> parameters, double learningRate, double beta1, double beta2, double epsilon,
                double weightDecay, Form form) {
        this(parameters, null, learningRate, beta1, beta2, epsilon, weightDecay, form);
    }

    private Adam(List<Parameter> parameters, Module module, double learningRate, double beta1, double beta2,
                 double epsilon, double weightDecay, Form form) {
        super(parameters, module, learningRate);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
        this.form = form;
        validate();
        this.m = zerosLikeParams();
        this.v = zerosLikeParams();
    }

    private void validate() {
        String name = getClass().getSimpleName();
        if (form == null) {
            throw new IllegalArgumentException(name + ": form is null");
        }
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException(name + ": betas must be in [0, 1), got " + beta1 + ", " + beta2);
        }
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException(name + ": epsilon must be finite and > 0, got " + epsilon);
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException(name + ": weight decay must be finite and >= 0, got " + weightDecay);
        }
        if (form == Form.COURSE && weightDecay != 0) {
            throw new IllegalArgumentException(name + ": the course's Adam has no weight decay; use Form.PYTORCH "
                    + "(L2, as torch.optim.Adam) or AdamW (decoupled)");
        }
    }

    /** Steps taken so far. */
    public long steps() {
        return t;
    }

    public Form form() {
        return form;
    }

    /** Adam's L2 weight decay, added to the gradient; AdamW's decoupled decay overrides {@link #decay}. */
    double l2() {
        return weightDecay;
    }

    /** The factor the PyTorch form multiplies each weight by before the step: 1 for Adam. */
    double decay() {
        return 1.0;
    }

    @Override
    public void step() {
        t++;
        double bc1 = 1 - Math.pow(beta1, t);
        double bc2 = 1 - Math.pow(beta2, t);
        for (int i = 0; i < params.size(); i++) {
            Tensor w = params.get(i);
            Tensor g = grads.get(i);
            alignState(i, m);
            alignState(i, v);
            if (form == Form.COURSE) {
                ops().adamStep(w, g, m.get(i), v.get(i), learningRate() * Math.sqrt(bc2) / bc1, beta1, beta2,
                        epsilon);
            } else {
                ops().adamStepPyTorch(w, g, m.get(i), v.get(i), learningRate() / bc1, Math.sqrt(bc2), beta1, beta2,
                        epsilon, l2(), decay());
            }
        }
    }

    double weightDecay() {
        return weightDecay;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(lr=" + learningRate() + ", beta1=" + beta1 + ", beta2=" + beta2
                + ", eps=" + epsilon + (weightDecay == 0 ? "" : ", weightDecay=" + weightDecay)
                + (form == Form.COURSE ? "" : ", " + form.name().toLowerCase() + " form") + ")";
    }
}
