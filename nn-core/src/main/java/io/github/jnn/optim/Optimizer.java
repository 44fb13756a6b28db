package io.github.jnn.optim;

import io.github.jnn.nn.Module;
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
    private final Module module;
    private TensorOps ops;
    private double learningRate;

    protected Optimizer(Module module, double learningRate) {
        if (module == null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": module is null");
        }
        this.params = new ArrayList<>(module.getParameters());
        this.grads = new ArrayList<>(module.getGradParameters());
        if (params.size() != grads.size()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": " + module + " has "
                    + params.size() + " parameters but " + grads.size() + " gradients");
        }
        for (int i = 0; i < params.size(); i++) {
            if (!params.get(i).sameShape(grads.get(i))) {
                throw new IllegalArgumentException(getClass().getSimpleName() + ": parameter " + i + " shape "
                        + params.get(i).shapeString() + " differs from its gradient's "
                        + grads.get(i).shapeString());
            }
        }
        this.module = module;
        this.ops = TensorOps.of(module.kernels());
        setLearningRate(learningRate);
    }

    /** Applies one update to every parameter. */
    public abstract void step();

    /**
     * Tensor operations on the module's kernel set as it is now: a {@code setKernels} after this optimizer
     * was built takes effect at the next step.
     */
    protected final TensorOps ops() {
        if (ops.kernels() != module.kernels()) {
            ops = TensorOps.of(module.kernels());
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
