package io.github.jnn.optim;

import io.github.jnn.kernels.Kernels;
import io.github.jnn.nn.Module;
import io.github.jnn.nn.Parameter;
import io.github.jnn.tensor.DType;
import io.github.jnn.tensor.Tensor;
import io.github.jnn.tensor.TensorOps;

import java.util.ArrayList;
import java.util.List;

/**
 * Updates a module's parameters from their gradients. Call {@link #step()} after {@code backward}; zeroing
 * the gradients before the next batch is the caller's job ({@code module.zeroGradParameters()}), as in the
 * course. State (velocities, moments) is kept per parameter tensor.
 */
public abstract class Optimizer {
    protected final List<Tensor> params;
    protected final List<Tensor> grads;
    /** The module whose kernel set the updates follow, or null for an explicit parameter list. */
    private final Module module;
    /** Chosen with {@link #setKernels}; null: follow the module. */
    private Kernels kernels;
    private TensorOps ops;
    private double learningRate;

    /** Over all of {@code module}'s parameters, on the module's kernel set (as it is at each step). */
    protected Optimizer(Module module, double learningRate) {
        this(parametersOf(module), module, learningRate);
    }

    /**
     * Over an explicit list of parameters (all of {@code module.parameters()}, or a part of them), on the
     * default kernel set or the one {@link #setKernels} chooses.
     */
    protected Optimizer(List<Parameter> parameters, double learningRate) {
        this(parameters, null, learningRate);
    }

    /**
     * Over {@code parameters}, following {@code module}'s kernel set at each step, or the default kernel set
     * when {@code module} is null; lets a subclass write one constructor for both sources.
     */
    protected Optimizer(List<Parameter> parameters, Module module, double learningRate) {
        if (parameters == null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": parameters are null");
        }
        this.params = new ArrayList<>();
        this.grads = new ArrayList<>();
        for (Parameter p : parameters) {
            if (p == null) {
                throw new IllegalArgumentException(getClass().getSimpleName() + ": a parameter is null");
            }
            params.add(p.value());
            grads.add(p.grad());
        }
        this.module = module;
        this.kernels = module == null ? Kernels.getDefault() : null;
        this.ops = TensorOps.of(currentKernels());
        setLearningRate(learningRate);
    }

    /** {@code module.parameters()}, with an error naming the optimizer's argument when it is null. */
    protected static List<Parameter> parametersOf(Module module) {
        if (module == null) {
            throw new IllegalArgumentException("optimizer: module is null");
        }
        return module.parameters();
    }

    /** Runs the updates on {@code kernels} from the next step on, whatever the module's kernel set. */
    public Optimizer setKernels(Kernels kernels) {
        if (kernels == null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": kernels is null");
        }
        this.kernels = kernels;
        return this;
    }

    private Kernels currentKernels() {
        return kernels != null ? kernels : module.kernels();
    }

    /**
     * Whether this optimizer updates at least one of {@code parameters} (the same tensors, not equal values):
     * {@code Trainer} checks that its optimizer was built over its model.
     */
    public boolean updatesAny(List<Parameter> parameters) {
        if (parameters == null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ".updatesAny: parameters are null");
        }
        for (Parameter p : parameters) {
            for (Tensor t : params) {
                if (t == p.value()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Applies one update to every parameter. */
    public abstract void step();

    /**
     * Tensor operations on the kernel set as it is now: the module's (a {@code setKernels} on it after this
     * optimizer was built takes effect at the next step) unless {@link #setKernels} chose one.
     */
    protected final TensorOps ops() {
        Kernels k = currentKernels();
        if (ops.kernels() != k) {
            ops = TensorOps.of(k);
        }
        return ops;
    }

    public double learningRate() {
        return learningRate;
    }

    public void setLearningRate(double learningRate) {
        if (!(learningRate >= 0.0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": learning rate must be finite and "
                    + ">= 0, got " + learningRate);
        }
        this.learningRate = learningRate;
    }

    /** Zeroed state buffers shaped and typed like the parameters. */
    protected final List<Tensor> zerosLikeParams() {
        List<Tensor> state = new ArrayList<>();
        for (Tensor p : params) {
            state.add(Tensor.zeros(p.dtype(), p.shape()));
        }
        return state;
    }

    /**
     * The element type of parameter {@code i}, after bringing its gradient and {@code state} to it: a
     * {@code model.to(...)} after this optimizer was built converts the parameters in place, and the state
     * follows here (values kept, rounded if narrowed).
     */
    protected final DType alignState(int i, List<Tensor> state) {
        DType dtype = params.get(i).dtype();
        if (grads.get(i).dtype() != dtype) {
            throw new IllegalStateException(getClass().getSimpleName() + ": parameter " + i + " is "
                    + dtype + " but its gradient is " + grads.get(i).dtype());
        }
        state.get(i).convertTo(dtype);
        return dtype;
    }
}
