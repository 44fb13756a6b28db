package io.github.jnn.nn;

import io.github.jnn.tensor.Tensor;

/**
 * A loss: {@link #forward} returns the scalar loss of {@code input} against {@code target}, {@link #backward}
 * its gradient w.r.t. {@code input}. Both check the shapes once and name this criterion in any error.
 */
public abstract class Criterion {
    protected double output;
    protected Tensor gradInput;
    private Tensor classTargets;

    public final double forward(Tensor input, Tensor target) {
        checkShapes(input, target, "forward");
        output = updateOutput(input, target);
        return output;
    }

    public final Tensor backward(Tensor input, Tensor target) {
        checkShapes(input, target, "backward");
        gradInput = updateGradInput(input, target);
        return gradInput;
    }

    /** {@link #forward(Tensor, Tensor)} with class indices as targets (the NLL criteria's index form). */
    public final double forward(Tensor input, int[] classes) {
        return forward(input, classTensor(classes, "forward"));
    }

    /** {@link #backward(Tensor, Tensor)} with class indices as targets. */
    public final Tensor backward(Tensor input, int[] classes) {
        return backward(input, classTensor(classes, "backward"));
    }

    /**
     * The class indices as the float64 tensor the Tensor forms take, one kept per criterion and refilled, so
     * that a training step allocates nothing for its targets.
     */
    private Tensor classTensor(int[] classes, String method) {
        if (classes == null) {
            throw new IllegalArgumentException(this + ": " + method + " got null class indices");
        }
        if (classTargets == null || !classTargets.hasShape(classes.length)) {
            classTargets = Tensor.classes(classes);
            return classTargets;
        }
        double[] v = classTargets.doubles();
        for (int i = 0; i < classes.length; i++) {
            if (classes[i] < 0) {
                return Tensor.classes(classes); // throws, naming the index, as for a new tensor
            }
            v[i] = classes[i];
        }
        return classTargets;
    }

    protected abstract double updateOutput(Tensor input, Tensor target);

    protected abstract Tensor updateGradInput(Tensor input, Tensor target);

    /** The loss of the last forward. */
    public double output() {
        return output;
    }

    /** The gradient of the last backward, or null before the first. */
    public Tensor gradInput() {
        return gradInput;
    }

    /** By default input and target must be {@code [N, features]} with equal shapes. */
    protected void checkShapes(Tensor input, Tensor target, String method) {
        if (input == null || target == null) {
            throw new IllegalArgumentException(this + ": " + method + " got a null "
                    + (input == null ? "input" : "target"));
        }
        if (input.rank() != 2 || !input.sameShape(target)) {
            throw new IllegalArgumentException(this + ": input shape " + input.shapeString()
                    + " and target shape " + target.shapeString() + " must be the same [N, features]");
        }
        requireRows(input);
    }

    /** A loss is a mean over the batch: a batch of no rows has none (it would be NaN). */
    protected final void requireRows(Tensor input) {
        if (input.dim(0) == 0) {
            throw new IllegalArgumentException(this + ": input shape " + input.shapeString()
                    + " has no rows; a loss over an empty batch is undefined");
        }
    }
}
