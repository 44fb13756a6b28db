package io.github.jnn.nn;

import io.github.jnn.tensor.Tensor;

/**
 * A trainable tensor with its name and its gradient, as torch's {@code Parameter} carries {@code .grad}:
 * what {@link Module#parameters()} lists and an optimizer takes. Both tensors are the module's own (not
 * copies); names are those of {@link Module#namedParameters()} ({@code 0.weight}, {@code 0.bias}, ...).
 */
public final class Parameter {
    private final String name;
    private final Tensor value;
    private final Tensor grad;

    public Parameter(String name, Tensor value, Tensor grad) {
        if (name == null || value == null || grad == null) {
            throw new IllegalArgumentException("Parameter: name, value and grad must not be null");
        }
        if (!value.sameShape(grad)) {
            throw new IllegalArgumentException("Parameter " + name + ": value shape " + value.shapeString()
                    + " differs from its gradient's " + grad.shapeString());
        }
        this.name = name;
        this.value = value;
        this.grad = grad;
    }

    public String name() {
        return name;
    }

    /** The parameter tensor itself. */
    public Tensor value() {
        return value;
    }

    /** Its gradient tensor, where backward accumulates. */
    public Tensor grad() {
        return grad;
    }

    /** e.g. {@code Parameter(0.weight [256, 64] float64)}. */
    @Override
    public String toString() {
        return "Parameter(" + name + " " + value.shapeString() + " " + value.dtype().name().toLowerCase() + ")";
    }
}
