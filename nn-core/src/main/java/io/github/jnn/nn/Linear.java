package io.github.jnn.nn;

import io.github.jnn.kernels.Activation;
import io.github.jnn.kernels.Kernels;
import io.github.jnn.random.NumpyRandom;
import io.github.jnn.random.RandomSource;
import io.github.jnn.tensor.DType;
import io.github.jnn.tensor.Tensor;
import io.github.jnn.tensor.TensorOps;

import java.util.List;

/**
 * A fully connected layer: {@code output = input · Wᵀ (+ b)} with {@code W} of shape {@code [nOut, nIn]},
 * {@code W[j][i]} the weight from input i to output j, as in the course notebook.
 *
 * <p>Weights (then the bias, if any) are drawn {@code U(-1/√nIn, 1/√nIn)} row by row from the given
 * {@link RandomSource}; with {@code new NumpyRandom(0)} that is exactly NumPy's
 * {@code np.random.seed(0); np.random.uniform(-stdv, stdv, size=(nOut, nIn))}.
 */
public class Linear extends Module {
    /** The notebook's dumb_forward always runs the naive loops. */
    private static final TensorOps SCALAR = TensorOps.of(Kernels.scalar());
    private final int nIn;
    private final int nOut;
    private final Tensor weight;
    private final Tensor gradWeight;
    private final Tensor bias;
    private final Tensor gradBias;
    /** {@link #getParameters()} and {@link #getGradParameters()}, made once: a step asks for them. */
    private final List<Tensor> parameters;
    private final List<Tensor> gradParameters;

    /** The notebook's layer: no bias, weights from {@link NumpyRandom#global()}. */
    public Linear(int nIn, int nOut) {
        this(nIn, nOut, false, NumpyRandom.global());
    }

    /** Weights from {@link NumpyRandom#global()}, as the course's {@code Linear}; a bias if {@code withBias}. */
    public Linear(int nIn, int nOut, boolean withBias) {
        this(nIn, nOut, withBias, NumpyRandom.global());
    }

    /** No bias, weights from {@code rng}. */
    public Linear(int nIn, int nOut, RandomSource rng) {
        this(nIn, nOut, false, rng);
    }

    public Linear(int nIn, int nOut, boolean withBias, RandomSource rng) {
        if (nIn <= 0 || nOut <= 0) {
            throw new IllegalArgumentException("Linear(" + nIn + " -> " + nOut + "): sizes must be positive");
        }
        if (rng == null) {
            throw new IllegalArgumentException("Linear(" + nIn + " -> " + nOut + "): random source is null");
        }
        this.nIn = nIn;
        this.nOut = nOut;
        this.weight = Tensor.zeros(nOut, nIn);
        this.gradWeight = Tensor.zeros(nOut, nIn);
        this.bias = withBias ? Tensor.zeros(nOut) : null;
        this.gradBias = withBias ? Tensor.zeros(nOut) : null;
        this.parameters = bias == null ? List.of(weight) : List.of(weight, bias);
        this.gradParameters = gradBias == null ? List.of(gradWeight) : List.of(gradWeight, gradBias);
        double stdv = 1.0 / Math.sqrt(nIn);
        drawUniform(weight, stdv, rng);
        if (bias != null) {
            drawUniform(bias, stdv, rng);
        }
    }

    public int inputSize() {
        return nIn;
    }

    public int outputSize() {
        return nOut;
    }

    /** The weight tensor {@code [nOut, nIn]} itself; write to it (e.g. {@code copyFrom}) to set weights. */
    public Tensor weight() {
        return weight;
    }

    /** The bias tensor {@code [nOut]}, or null for a layer without bias. */
    public Tensor bias() {
        return bias;
    }

    public Tensor gradWeight() {
        return gradWeight;
    }

    public Tensor gradBias() {
        return gradBias;
    }

    /** Forward with the naive scalar loops whatever kernel set is selected (the notebook's dumb_forward). */
    public Tensor dumbForward(Tensor input) {
        requireTensor(input, "dumbForward", "input");
        output = compute(input, null, Activation.NONE, SCALAR);
        return output;
    }

    @Override
    protected Tensor updateOutput(Tensor input) {
        return compute(input, null, Activation.NONE, ops());
    }

    @Override
    boolean fusesActivation() {
        return true;
    }

    @Override
    Tensor forwardFused(Tensor input, ElementwiseActivation activation) {
        requireTensor(input, "forward", "input");
        output = compute(input, activation, activation.fusedEpilogue(), ops());
        return activation.output();
    }

    private Tensor compute(Tensor input, ElementwiseActivation fusedWith, Activation act, TensorOps ops) {
        requireFeatures(input, nIn);
        DType dtype = weight.dtype();
        requireDType(input, dtype, "input");
        int m = input.dim(0);
        Tensor pre = reuse(output, dtype, m, nOut);
        Tensor out = fusedWith == null ? pre : fusedWith.outputBuffer(dtype, pre);
        Tensor keepPre = fusedWith == null ? null : pre;
        ops.linearForward(input, weight, bias, keepPre, out, m, nIn, nOut, act);
        if (fusedWith != null) {
            fusedWith.setOutput(out);
        }
        return pre;
    }

    @Override
    protected Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        requireFeatures(input, nIn);
        requireBatch(input, gradOutput);
        int m = input.dim(0);
        DType dtype = weight.dtype();
        requireDType(gradOutput, dtype, "gradOutput");
        gradInput = reuse(gradInput, dtype, m, nIn);
        ops().linearGradInput(gradOutput, weight, gradInput, m, nIn, nOut);
        return gradInput;
    }

    @Override
    protected void accGradParameters(Tensor input, Tensor gradOutput) {
        parameterGradients(input, gradOutput, true);
    }

    /** The weight gradient written rather than added: the same bits, without reading the zeroed one. */
    @Override
    protected void setParameterGradients(Tensor input, Tensor gradOutput) {
        parameterGradients(input, gradOutput, false);
    }

    private void parameterGradients(Tensor input, Tensor gradOutput, boolean accumulate) {
        requireFeatures(input, nIn);
        requireBatch(input, gradOutput);
        int m = input.dim(0);
        requireDType(input, weight.dtype(), "input");
        if (accumulate) {
            ops().linearAccGradWeight(gradOutput, input, gradWeight, m, nIn, nOut);
        } else {
            ops().linearGradWeight(gradOutput, input, gradWeight, m, nIn, nOut);
        }
        if (bias != null) {
            if (!accumulate) {
                ops().zero(gradBias);
            }
            ops().accColumnSums(gradOutput, gradBias, m, nOut);
        }
    }

    private void requireBatch(Tensor input, Tensor gradOutput) {
        if (!gradOutput.hasShape(input.dim(0), nOut)) {
            throw new IllegalArgumentException(this + ": gradOutput shape " + gradOutput.shapeString()
                    + " does not match [" + input.dim(0) + ", " + nOut + "] for input shape "
                    + input.shapeString());
        }
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
    public String toString() {
        return "Linear(" + nIn + " -> " + nOut + ")" + (bias == null ? " without bias" : "");
    }

    /** {@link Module#to(DType)}, returning this {@code Linear}. */
    @Override
    public Linear to(DType dtype) {
        super.to(dtype);
        return this;
    }
}
