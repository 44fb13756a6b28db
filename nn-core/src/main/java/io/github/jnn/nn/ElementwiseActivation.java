package io.github.jnn.nn;

import io.github.jnn.kernels.Activation;
import io.github.jnn.tensor.DType;
import io.github.jnn.tensor.Tensor;

/**
 * An activation applied element by element to an {@code [N, ...]} input (features, or channels and pixels
 * after a {@link Conv2d}), output of the same shape.
 * Those that the fused Linear kernel knows ({@link #fusedEpilogue()} not null) run inside the matmul when a
 * {@link Sequential} puts them right after a {@link Linear}. A user's own activation implements
 * {@link #forward(Tensor, Tensor)} and {@link #backward(Tensor, Tensor, Tensor, Tensor)}; shapes, element
 * types and buffers are handled here.
 */
public abstract class ElementwiseActivation extends Module {

    /** The epilogue the fused Linear kernel applies for this module, or null if it cannot be fused. */
    public Activation fusedEpilogue() {
        return null;
    }

    /** The reused output buffer for an input shaped as {@code like}. */
    final Tensor outputBuffer(DType dtype, Tensor like) {
        return reuseLike(output, dtype, like);
    }

    @Override
    protected final Tensor updateOutput(Tensor input) {
        if (input.rank() < 2) {
            throw new IllegalArgumentException(this + ": input shape " + input.shapeString()
                    + " is not [N, features] nor [N, C, H, W]");
        }
        Tensor out = outputBuffer(input.dtype(), input);
        forward(input, out);
        return out;
    }

    @Override
    protected final Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        if (!input.sameShape(output)) {
            throw new IllegalArgumentException(this + ": backward input shape " + input.shapeString()
                    + " does not match the last forward's output shape " + output.shapeString());
        }
        DType dtype = output.dtype();
        requireDType(input, dtype, "backward input");
        requireDType(gradOutput, dtype, "gradOutput");
        gradInput = reuseLike(gradInput, dtype, output);
        backward(input, output, gradOutput, gradInput);
        return gradInput;
    }

    /**
     * {@code out = f(x)}, element by element; {@code out} has x's shape and element type (usually through
     * {@link #ops()}, e.g. {@code ops().relu(x, out)}).
     */
    protected abstract void forward(Tensor x, Tensor out);

    /** {@code gradIn = g · f'(x)}, given both the input x and the saved output {@code y = f(x)}; all one shape. */
    protected abstract void backward(Tensor x, Tensor y, Tensor g, Tensor gradIn);
}
