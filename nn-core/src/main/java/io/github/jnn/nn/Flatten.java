package io.github.jnn.nn;

import io.github.jnn.tensor.Tensor;

/**
 * {@code [N, d1, d2, ...]} to {@code [N, d1·d2·...]}, as PyTorch's {@code nn.Flatten}: the same values in the
 * same order, so a {@link Linear} can follow a {@link Conv2d} or {@link MaxPool2d}. A view, not a copy:
 * the output shares the input's storage, and backward gives the gradient back the input's shape.
 */
public class Flatten extends Module {
    /** The last views made, handed out again while they fit: a step allocates nothing. */
    private Tensor view;
    private Tensor gradView;

    @Override
    protected Tensor updateOutput(Tensor input) {
        if (input.rank() < 2) {
            throw new IllegalArgumentException(this + ": input shape " + input.shapeString()
                    + " has no batch dimension to keep");
        }
        int f = features(input);
        if (view == null || !view.sharesStorage(input) || !view.hasShape(input.dim(0), f)) {
            view = input.reshape(input.dim(0), f);
        }
        return view;
    }

    @Override
    protected Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        requireTensor(gradOutput, "backward", "gradOutput");
        if (input.rank() < 2 || !gradOutput.hasShape(input.dim(0), features(input))) {
            throw new IllegalArgumentException(this + ": gradOutput shape " + gradOutput.shapeString()
                    + " does not match the flattened input of input shape " + input.shapeString());
        }
        if (gradView == null || !gradView.sharesStorage(gradOutput) || !gradView.sameShape(input)) {
            gradView = gradOutput.reshape(input.shape());
        }
        return gradView;
    }

    /** {@code d1·d2·...}: the product of all but the batch dimension (defined for an empty batch too). */
    private static int features(Tensor input) {
        int f = 1;
        for (int axis = 1; axis < input.rank(); axis++) {
            f *= input.dim(axis);
        }
        return f;
    }

    @Override
    public String toString() {
        return "Flatten";
    }
}
