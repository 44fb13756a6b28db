package io.github.jnn.nn;

import io.github.jnn.random.NumpyRandom;
import io.github.jnn.random.RandomSource;
import io.github.jnn.tensor.DType;
import io.github.jnn.tensor.Tensor;
import java.util.List;

/**
 * A learnable per-feature scale and shift, {@code y = x·gamma + beta}; with {@link BatchNormalization} before
 * it, the two make the usual affine batch norm. gamma then beta are drawn {@code U(±1/√n)}, as in the course.
 */
public final class ChannelwiseScaling extends Module {
    private final int n;
    private final Tensor gamma;
    private final Tensor beta;
    private final Tensor gradGamma;
    private final Tensor gradBeta;
    /** {@link #getParameters()} and {@link #getGradParameters()}, made once: a step asks for them. */
    private final List<Tensor> parameters;
    private final List<Tensor> gradParameters;

    public ChannelwiseScaling(int n) {
        this(n, NumpyRandom.global());
    }

    public ChannelwiseScaling(int n, RandomSource rng) {
        if (n <= 0) {
            throw new IllegalArgumentException("ChannelwiseScaling(" + n + "): size must be positive");
        }
        if (rng == null) {
            throw new IllegalArgumentException("ChannelwiseScaling(" + n + "): random source is null");
        }
        this.n = n;
        gamma = Tensor.zeros(n);
        beta = Tensor.zeros(n);
        gradGamma = Tensor.zeros(n);
        gradBeta = Tensor.zeros(n);
        parameters = List.of(gamma, beta);
        gradParameters = List.of(gradGamma, gradBeta);
        double stdv = 1.0 / Math.sqrt(n);
        for (int j = 0; j < n; j++) {
            gamma.setFlat(j, rng.uniform(-stdv, stdv));
        }
        for (int j = 0; j < n; j++) {
            beta.setFlat(j, rng.uniform(-stdv, stdv));
        }
    }

    public Tensor gamma() {
        return gamma;
    }

    public Tensor beta() {
        return beta;
    }

    @Override
    protected Tensor updateOutput(Tensor input) {
        requireFeatures(input, n);
        int rows = input.dim(0);
        requireDType(input, gamma.dtype(), "input");
        Tensor out = reuse(output, input.dtype(), rows, n);
        // Plain Java through the dtype-neutral accessors: not a hot path, and one loop serves both types.
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < n; j++) {
                out.setFlat(i * n + j, input.getFlat(i * n + j) * gamma.getFlat(j) + beta.getFlat(j));
            }
        }
        return out;
    }

    @Override
    protected Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        requireFeatures(input, n);
        int rows = input.dim(0);
        gradInput = reuse(gradInput, input.dtype(), rows, n);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < n; j++) {
                gradInput.setFlat(i * n + j, gradOutput.getFlat(i * n + j) * gamma.getFlat(j));
            }
        }
        return gradInput;
    }

    @Override
    protected void accGradParameters(Tensor input, Tensor gradOutput) {
        int rows = input.dim(0);
        for (int j = 0; j < n; j++) {
            double sumGX = 0;
            double sumG = 0;
            for (int i = 0; i < rows; i++) {
                double g = gradOutput.getFlat(i * n + j);
                sumGX += g * input.getFlat(i * n + j);
                sumG += g;
            }
            gradGamma.setFlat(j, gradGamma.getFlat(j) + sumGX);
            gradBeta.setFlat(j, gradBeta.getFlat(j) + sumG);
        }
    }

    @Override
    public List<Tensor> getParameters() {
        return parameters;
    }

    @Override
    protected String parameterName(int index) {
        return index == 0 ? "gamma" : "beta";
    }

    @Override
    public List<Tensor> getGradParameters() {
        return gradParameters;
    }

    @Override
    public String toString() {
        return "ChannelwiseScaling(" + n + ")";
    }

    /** {@link Module#to(DType)}, returning this {@code ChannelwiseScaling}. */
    @Override
    public ChannelwiseScaling to(DType dtype) {
        super.to(dtype);
        return this;
    }
}
