package io.github.jnn.nn;

import io.github.jnn.kernels.Activation;
import io.github.jnn.kernels.Conv2dShape;
import io.github.jnn.random.NumpyRandom;
import io.github.jnn.random.RandomSource;
import io.github.jnn.tensor.DType;
import io.github.jnn.tensor.KernelScratch;
import io.github.jnn.tensor.Tensor;

import java.util.List;

/**
 * A 2D convolution over {@code [N, inChannels, H, W]} inputs, as PyTorch's {@code nn.Conv2d} (a
 * cross-correlation, zero padding, dilation 1, one group): weight {@code [outChannels, inChannels, kh, kw]},
 * bias {@code [outChannels]}, output {@code [N, outChannels, outH, outW]} with
 * {@code outH = (H + 2·padding - kh) / stride + 1}.
 *
 * <p>Weights, then the bias, are drawn {@code U(-1/√fanIn, 1/√fanIn)} with {@code fanIn = inChannels·kh·kw},
 * the bound of PyTorch's default initialisation. The scalar kernel set runs the plain nested loops; the vector
 * set lowers the input to patch rows and runs the Linear product on them, with the bias and a following
 * ReLU or sigmoid fused when a {@link Sequential} sees them.
 */
public class Conv2d extends Module {
    private final int inChannels;
    private final int outChannels;
    private final int kh;
    private final int kw;
    private final int stride;
    private final int padding;
    /** Set first, so that the constructor's errors describe the layer that was asked for. */
    private final boolean withBias;
    private final Tensor weight;
    private final Tensor gradWeight;
    private final Tensor bias;
    private final Tensor gradBias;
    /** {@link #getParameters()} and {@link #getGradParameters()}, made once: a step asks for them. */
    private final List<Tensor> parameters;
    private final List<Tensor> gradParameters;
    private final KernelScratch scratch = new KernelScratch();
    /** The geometry of the last input, kept while the input's shape stays the same. */
    private Conv2dShape shape;

    /** Square kernel, stride 1, no padding, with bias, weights from {@link NumpyRandom#global()}. */
    public Conv2d(int inChannels, int outChannels, int kernelSize) {
        this(inChannels, outChannels, kernelSize, 1, 0, true, NumpyRandom.global());
    }

    public Conv2d(int inChannels, int outChannels, int kernelSize, int stride, int padding, boolean withBias,
                  RandomSource rng) {
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kh = kernelSize;
        this.kw = kernelSize;
        this.stride = stride;
        this.padding = padding;
        this.withBias = withBias;
        if (inChannels <= 0 || outChannels <= 0 || kernelSize <= 0 || stride <= 0 || padding < 0) {
            throw new IllegalArgumentException(this + ": channels, kernel size and stride must be positive, "
                    + "padding non-negative");
        }
        if (rng == null) {
            throw new IllegalArgumentException(this + ": random source is null");
        }
        if ((long) outChannels * inChannels * kh * kw > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(this + ": the weight does not fit a Java array");
        }
        this.weight = Tensor.zeros(outChannels, inChannels, kh, kw);
        this.gradWeight = Tensor.zeros(outChannels, inChannels, kh, kw);
        this.bias = withBias ? Tensor.zeros(outChannels) : null;
        this.gradBias = withBias ? Tensor.zeros(outChannels) : null;
        this.parameters = bias == null ? List.of(weight) : List.of(weight, bias);
        this.gradParameters = gradBias == null ? List.of(gradWeight) : List.of(gradWeight, gradBias);
        double bound = 1.0 / Math.sqrt((double) inChannels * kh * kw);
        drawUniform(weight, bound, rng);
        if (bias != null) {
            drawUniform(bias, bound, rng);
        }
    }

    public int inChannels() {
        return inChannels;
    }

    public int outChannels() {
        return outChannels;
    }

    /** The weight tensor {@code [outChannels, inChannels, k, k]} itself; write to it to set weights. */
    public Tensor weight() {
        return weight;
    }

    /** The bias tensor {@code [outChannels]}, or null for a layer without bias. */
    public Tensor bias() {
        return bias;
    }

    public Tensor gradWeight() {
        return gradWeight;
    }

    public Tensor gradBias() {
        return gradBias;
    }

    /** The output shape for an input of {@code [n, inChannels, h, w]}; fails as forward would. */
    public int[] outputShape(int... inputShape) {
        Conv2dShape s = geometry(inputShape);
        return new int[] {s.n, s.outC, s.outH, s.outW};
    }

    @Override
    protected Tensor updateOutput(Tensor input) {
        return compute(input, null, Activation.NONE);
    }

    @Override
    boolean fusesActivation() {
        return true;
    }

    @Override
    Tensor forwardFused(Tensor input, ElementwiseActivation activation) {
        requireTensor(input, "forward", "input");
        output = compute(input, activation, activation.fusedEpilogue());
        return activation.output();
    }

    private Tensor compute(Tensor input, ElementwiseActivation fusedWith, Activation act) {
        Conv2dShape s = geometry(input);
        DType dtype = weight.dtype();
        requireDType(input, dtype, "input");
        Tensor pre = reuse(output, dtype, s.n, s.outC, s.outH, s.outW);
        Tensor out = fusedWith == null ? pre : fusedWith.outputBuffer(dtype, pre);
        ops().conv2dForward(input, weight, bias, fusedWith == null ? null : pre, out, s, act, scratch);
        if (fusedWith != null) {
            fusedWith.setOutput(out);
        }
        return pre;
    }

    @Override
    protected Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        Conv2dShape s = backwardGeometry(input, gradOutput);
        gradInput = reuseLike(gradInput, weight.dtype(), input);
        ops().conv2dGradInput(gradOutput, weight, gradInput, s, scratch);
        return gradInput;
    }

    @Override
    protected void accGradParameters(Tensor input, Tensor gradOutput) {
        Conv2dShape s = backwardGeometry(input, gradOutput);
        ops().conv2dAccGradWeight(gradOutput, input, gradWeight, gradBias, s, scratch);
    }

    private Conv2dShape backwardGeometry(Tensor input, Tensor gradOutput) {
        requireTensor(gradOutput, "backward", "gradOutput");
        Conv2dShape s = geometry(input);
        requireDType(input, weight.dtype(), "input");
        requireDType(gradOutput, weight.dtype(), "gradOutput");
        if (!gradOutput.hasShape(s.n, s.outC, s.outH, s.outW)) {
            throw new IllegalArgumentException(this + ": gradOutput shape " + gradOutput.shapeString()
                    + " does not match the output [" + s.n + ", " + s.outC + ", " + s.outH + ", " + s.outW
                    + "] for input shape " + input.shapeString());
        }
        return s;
    }

    private Conv2dShape geometry(Tensor input) {
        if (input.rank() != 4) {
            throw new IllegalArgumentException(this + ": input shape " + input.shapeString()
                    + " is not [N, C, H, W] (rank 4)");
        }
        return geometry(input.dim(0), input.dim(1), input.dim(2), input.dim(3));
    }

    private Conv2dShape geometry(int[] inputShape) {
        if (inputShape == null || inputShape.length != 4) {
            throw new IllegalArgumentException(this + ": input shape " + java.util.Arrays.toString(inputShape)
                    + " is not [N, C, H, W] (rank 4)");
        }
        return geometry(inputShape[0], inputShape[1], inputShape[2], inputShape[3]);
    }

    private Conv2dShape geometry(int n, int c, int h, int w) {
        Conv2dShape s = shape;
        if (s != null && s.n == n && s.inC == c && s.h == h && s.w == w) {
            return s;
        }
        String input = "[" + n + ", " + c + ", " + h + ", " + w + "]";
        if (c != inChannels) {
            throw new IllegalArgumentException(this + ": input shape " + input + " has " + c
                    + " channels, expected " + inChannels);
        }
        if ((long) h + 2L * padding < kh || (long) w + 2L * padding < kw) {
            throw new IllegalArgumentException(this + ": input shape " + input + " is " + h + "x" + w
                    + (padding > 0 ? " (" + (h + 2L * padding) + "x" + (w + 2L * padding) + " padded)" : "")
                    + ", smaller than the " + kh + "x" + kw + " kernel");
        }
        try {
            s = new Conv2dShape(n, c, h, w, outChannels, kh, kw, stride, stride, padding, padding);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(this + ": input shape " + input + ": " + e.getMessage(), e);
        }
        shape = s;
        return s;
    }

    @Override
    public List<Tensor> getParameters() {
        return parameters;
    }

    @Override
    protected String parameterName(int index) {
        return index == 0 ? "weight" : "bias";
    }

    @Override
    public List<Tensor> getGradParameters() {
        return gradParameters;
    }

    @Override
    public Conv2d to(DType dtype) {
        super.to(dtype);
        scratch.clear();
        return this;
    }

    @Override
    public String toString() {
        return "Conv2d(" + inChannels + " -> " + outChannels + ", " + kh + "x" + kw
                + (stride != 1 ? ", stride " + stride : "") + (padding != 0 ? ", padding " + padding : "")
                + (withBias ? "" : ", without bias") + ")";
    }
}
