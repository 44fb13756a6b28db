package io.github.jnn.nn;

import io.github.jnn.kernels.Activation;
import io.github.jnn.tensor.DType;
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
    final Tensor outputBuffer(DType dtype, int rows, int cols) {
        return reuse(output, dtype, rows, cols);
    }

    @Override
    protected final Tensor updateOutput(Tensor input) {
        requireRank2(input);
        Tensor out = outputBuffer(input.dtype(), input.dim(0), input.dim(1));
        if (input.dtype() == DType.FLOAT32) {
            forward(input.floats(), out.floats(), input.size());
        } else {
            forward(input.doubles(), out.doubles(), input.size());
        }
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
        gradInput = reuse(gradInput, dtype, output.dim(0), output.dim(1));
        if (dtype == DType.FLOAT32) {
            backward(input.floats(), output.floats(), gradOutput.floats(), gradInput.floats(), output.size());
        } else {
            backward(input.doubles(), output.doubles(), gradOutput.doubles(), gradInput.doubles(), output.size());
        }
        return gradInput;
    }

    /** {@code out = f(x)} over {@code len} values. */
    abstract void forward(double[] x, double[] out, int len);

    /** {@code gradIn = g · f'(x)}, given both the input x and the saved output {@code y = f(x)}. */
    abstract void backward(double[] x, double[] y, double[] g, double[] gradIn, int len);

    /** float32 twin of {@link #forward(double[], double[], int)}. */
    abstract void forward(float[] x, float[] out, int len);

    /** float32 twin of {@link #backward(double[], double[], double[], double[], int)}. */
    abstract void backward(float[] x, float[] y, float[] g, float[] gradIn, int len);
}
