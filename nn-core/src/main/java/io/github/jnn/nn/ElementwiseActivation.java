package io.github.jnn.nn;

import io.github.jnn.kernels.Activation;
import io.github.jnn.tensor.Tensor;

/**
 * An activation applied element by element, whose backward needs only its own output. A {@link Sequential}
 * fuses it into the {@link Linear} before it (one kernel pass for matmul, bias and activation).
 */
public abstract class ElementwiseActivation extends Module {

    /** Which epilogue the fused Linear kernel applies for this module. */
    public abstract Activation activation();

    /** The reused output buffer for an input of {@code rows × cols}. */
    final Tensor outputBuffer(int rows, int cols) {
        return reuse(output, rows, cols);
    }

    @Override
    protected final Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        if (!input.sameShape(output)) {
            throw new IllegalArgumentException(this + ": backward input shape " + input.shapeString()
                    + " does not match the last forward's output shape " + output.shapeString());
        }
        gradInput = reuse(gradInput, output.dim(0), output.dim(1));
        backwardFromOutput(output.doubles(), gradOutput.doubles(), gradInput.doubles(), output.size());
        return gradInput;
    }

    @Override
    protected final Tensor updateOutput(Tensor input) {
        requireRank2(input);
        Tensor out = outputBuffer(input.dim(0), input.dim(1));
        forward(input.doubles(), out.doubles(), input.size());
        return out;
    }

    /** {@code out = f(x)} over {@code len} values. */
    abstract void forward(double[] x, double[] out, int len);

    /** {@code gradIn = g · f'(x)} written in terms of {@code y = f(x)}. */
    abstract void backwardFromOutput(double[] y, double[] g, double[] gradIn, int len);
}
