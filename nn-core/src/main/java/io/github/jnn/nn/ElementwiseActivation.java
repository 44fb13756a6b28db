package io.github.jnn.nn;

import io.github.jnn.kernels.Activation;
import io.github.jnn.tensor.Tensor;

/**
 * An activation applied element by element to an {@code [N, features]} input, output of the same shape.
 * Those that the fused Linear kernel knows ({@link #fusedEpilogue()} not null) run inside the matmul when a
 * {@link Sequential} puts them right after a {@link Linear}.
 */
public abstract class ElementwiseActivation extends Module {

    /** The epilogue the fused Linear kernel applies for this module, or null if it cannot be fused. */
    public Activation fusedEpilogue() {
        return null;
    }

    /** The reused output buffer for an input of {@code rows × cols}. */
    final Tensor outputBuffer(int rows, int cols) {
        return reuse(output, rows, cols);
    }

    @Override
    protected final Tensor updateOutput(Tensor input) {
        requireRank2(input);
        Tensor out = outputBuffer(input.dim(0), input.dim(1));
        forward(input.doubles(), out.doubles(), input.size());
        return out;
    }

    @Override
    protected final Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        if (!input.sameShape(output)) {
            throw new IllegalArgumentException(this + ": backward input shape " + input.shapeString()
                    + " does not match the last forward's output shape " + output.shapeString());
        }
        gradInput = reuse(gradInput, output.dim(0), output.dim(1));
        backward(input.doubles(), output.doubles(), gradOutput.doubles(), gradInput.doubles(), output.size());
        return gradInput;
    }

    /** {@code out = f(x)} over {@code len} values. */
    abstract void forward(double[] x, double[] out, int len);

    /** {@code gradIn = g · f'(x)}, given both the input x and the saved output {@code y = f(x)}. */
    abstract void backward(double[] x, double[] y, double[] g, double[] gradIn, int len);
}
