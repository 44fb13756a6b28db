package io.github.jnn.nn;

import io.github.jnn.random.NumpyRandom;
import io.github.jnn.random.RandomSource;
import io.github.jnn.tensor.DType;
import io.github.jnn.tensor.Tensor;

/**
 * Inverted dropout: in training each value is zeroed with probability p and the rest scaled by
 * {@code 1/(1-p)}, so evaluation is the identity. The mask is drawn from this module's random source, one
 * {@code randomSample()} per element in row-major order (kept where it is {@code >= p}), so a seeded source
 * reproduces it.
 */
public final class Dropout extends Module {
    /** The mode the last forward ran in; backward must run in the same (the mask is the forward's). */
    private boolean trainedForward;
    private final double p;
    private final RandomSource rng;
    private Tensor mask;

    /** Draws masks from {@link NumpyRandom#global()}. */
    public Dropout(double p) {
        this(p, NumpyRandom.global());
    }

    public Dropout(double p, RandomSource rng) {
        if (!(p >= 0.0 && p < 1.0)) {
            throw new IllegalArgumentException("Dropout: p must be in [0, 1), got " + p);
        }
        if (rng == null) {
            throw new IllegalArgumentException("Dropout(" + p + "): random source is null");
        }
        this.p = p;
        this.rng = rng;
    }

    public double probability() {
        return p;
    }

    /** The mask of the last training forward (0 or {@code 1/(1-p)} per element), or null. */
    public Tensor mask() {
        return mask;
    }

    @Override
    protected Tensor updateOutput(Tensor input) {
        requireRank2(input);
        Tensor out = reuse(output, input.dtype(), input.dim(0), input.dim(1));
        trainedForward = isTraining();
        if (!isTraining()) {
            return out.copyFrom(input);
        }
        // The mask stays float64 (exact 1/(1-p)) whatever the input's element type.
        mask = reuse(mask, DType.FLOAT64, input.dim(0), input.dim(1));
        double[] m = mask.doubles();
        double scale = 1.0 / (1.0 - p);
        for (int i = 0; i < m.length; i++) {
            m[i] = rng.randomSample() >= p ? scale : 0.0;
            out.setFlat(i, input.getFlat(i) * m[i]);
        }
        return out;
    }

    @Override
    protected Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        if (trainedForward != isTraining()) {
            throw new IllegalStateException(this + ": the last forward ran in " + (trainedForward ? "training" : "evaluation")
                    + " mode but backward runs in " + (isTraining() ? "training" : "evaluation")
                    + " mode (the mask belongs to the forward); switch modes before a forward, not between forward and "
                    + "backward");
        }
        if (!gradOutput.sameShape(output)) {
            throw new IllegalArgumentException(this + ": gradOutput shape " + gradOutput.shapeString()
                    + " does not match the last forward's output shape " + output.shapeString());
        }
        gradInput = reuse(gradInput, gradOutput.dtype(), gradOutput.dim(0), gradOutput.dim(1));
        if (!isTraining()) {
            return gradInput.copyFrom(gradOutput);
        }
        double[] m = mask.doubles();
        for (int i = 0; i < m.length; i++) {
            gradInput.setFlat(i, gradOutput.getFlat(i) * m[i]);
        }
        return gradInput;
    }

    @Override
    public String toString() {
        return "Dropout(" + p + ")";
    }

    /** {@link Module#to(DType)}, returning this {@code Dropout}. */
    @Override
    public Dropout to(DType dtype) {
        super.to(dtype);
        return this;
    }
}
