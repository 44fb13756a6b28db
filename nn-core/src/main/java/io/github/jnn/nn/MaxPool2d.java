package io.github.jnn.nn;

import io.github.jnn.kernels.Pool2dShape;
import io.github.jnn.tensor.Tensor;

/**
 * Max-pooling over {@code [N, C, H, W]} inputs, as PyTorch's {@code nn.MaxPool2d} (dilation 1, floor mode):
 * the maximum of each {@code k×k} window, windows {@code stride} apart (by default {@code k}). Backward routes
 * each output gradient to the input position that won; ties go to the first in the window and NaN always
 * wins, as in PyTorch. Overlapping windows add their gradients.
 */
public class MaxPool2d extends Module {
    private final int kernelSize;
    private final int stride;
    private final int padding;
    private int[] argmax = new int[0];
    private Pool2dShape shape;

    /** Windows of {@code kernelSize} with stride {@code kernelSize}, as PyTorch's default. */
    public MaxPool2d(int kernelSize) {
        this(kernelSize, kernelSize, 0);
    }

    public MaxPool2d(int kernelSize, int stride) {
        this(kernelSize, stride, 0);
    }

    /** {@code padding} (at most half the window) pads with values that never win. */
    public MaxPool2d(int kernelSize, int stride, int padding) {
        this.kernelSize = kernelSize;
        this.stride = stride;
        this.padding = padding;
        if (kernelSize <= 0 || stride <= 0 || padding < 0 || 2 * padding > kernelSize) {
            throw new IllegalArgumentException(this + ": kernel size and stride must be positive, padding "
                    + "between 0 and half the kernel");
        }
    }

    @Override
    protected Tensor updateOutput(Tensor input) {
        Pool2dShape s = geometry(input);
        output = reuse(output, input.dtype(), s.n, s.c, s.outH, s.outW);
        if (argmax.length != (int) s.outputLength()) {
            argmax = new int[(int) s.outputLength()];
        }
        ops().maxPool2dForward(input, output, argmax, s);
        return output;
    }

    @Override
    protected Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        requireTensor(gradOutput, "backward", "gradOutput");
        Pool2dShape s = geometry(input);
        if (output == null || !input.dtype().equals(output.dtype()) || !output.hasShape(s.n, s.c, s.outH, s.outW)) {
            throw new IllegalArgumentException(this + ": backward input shape " + input.shapeString()
                    + " is not the last forward's input");
        }
        if (!gradOutput.sameShape(output)) {
            throw new IllegalArgumentException(this + ": gradOutput shape " + gradOutput.shapeString()
                    + " does not match the output " + output.shapeString() + " for input shape "
                    + input.shapeString());
        }
        requireDType(gradOutput, input.dtype(), "gradOutput");
        gradInput = reuseLike(gradInput, input.dtype(), input);
        ops().maxPool2dBackward(gradOutput, argmax, gradInput, s);
        return gradInput;
    }

    private Pool2dShape geometry(Tensor input) {
        if (input.rank() != 4) {
            throw new IllegalArgumentException(this + ": input shape " + input.shapeString()
                    + " is not [N, C, H, W] (rank 4)");
        }
        int n = input.dim(0);
        int c = input.dim(1);
        int h = input.dim(2);
        int w = input.dim(3);
        Pool2dShape s = shape;
        if (s != null && s.n == n && s.c == c && s.h == h && s.w == w) {
            return s;
        }
        if ((long) h + 2L * padding < kernelSize || (long) w + 2L * padding < kernelSize) {
            throw new IllegalArgumentException(this + ": input shape " + input.shapeString() + " is " + h + "x"
                    + w + ", smaller than the " + kernelSize + "x" + kernelSize + " window");
        }
        try {
            s = new Pool2dShape(n, c, h, w, kernelSize, kernelSize, stride, stride, padding, padding);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(this + ": input shape " + input.shapeString() + ": " + e.getMessage(), e);
        }
        shape = s;
        return s;
    }

    @Override
    public String toString() {
        return "MaxPool2d(" + kernelSize + "x" + kernelSize + (stride != kernelSize ? ", stride " + stride : "")
                + (padding != 0 ? ", padding " + padding : "") + ")";
    }
}
