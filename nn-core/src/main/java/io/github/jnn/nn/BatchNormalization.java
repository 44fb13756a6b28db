package io.github.jnn.nn;

import io.github.jnn.tensor.DType;
import io.github.jnn.tensor.Tensor;

/**
 * Normalises each feature over the batch, as the course defines it (no scale or shift: follow it with a
 * {@link ChannelwiseScaling}). Training: {@code (x - mean) / sqrt(var + 1e-3)} with the batch's mean and
 * biased variance, and {@code moving = alpha·moving + (1 - alpha)·batch} for both statistics. Evaluation uses
 * the moving statistics. They start at mean 0 and variance 1 (torch's choice) and are sized by the first
 * input.
 */
public final class BatchNormalization extends Module {
    public static final double EPS = 1e-3;
    private final double alpha;
    /** The mode the last forward ran in; backward must run in the same. */
    private boolean trainedForward;
    private double[] movingMean;
    private double[] movingVariance;
    /** 1/sqrt(var + EPS) of the last forward, per feature. */
    private double[] invStd;

    public BatchNormalization(double alpha) {
        if (!(alpha >= 0.0 && alpha <= 1.0)) {
            throw new IllegalArgumentException("BatchNormalization: alpha must be in [0, 1], got " + alpha);
        }
        this.alpha = alpha;
    }

    /** The running mean per feature (a copy), or null before the first forward. */
    public double[] movingMean() {
        return movingMean == null ? null : movingMean.clone();
    }

    /** The running variance per feature (a copy), or null before the first forward. */
    public double[] movingVariance() {
        return movingVariance == null ? null : movingVariance.clone();
    }

    @Override
    protected Tensor updateOutput(Tensor input) {
        requireRank2(input);
        int n = input.dim(0);
        int f = input.dim(1);
        if (isTraining() && n < 2) {
            // as PyTorch: one row has no variance to normalise by, zero rows would make the moving stats NaN
            throw new IllegalArgumentException(this + ": training needs a batch of at least 2 rows, got input shape "
                    + input.shapeString() + "; evaluate() uses the moving statistics for single rows");
        }
        if (movingMean == null) {
            movingMean = new double[f];
            movingVariance = new double[f];
            java.util.Arrays.fill(movingVariance, 1.0);
            invStd = new double[f];
        } else if (movingMean.length != f) {
            throw new IllegalArgumentException(this + ": input shape " + input.shapeString()
                    + " does not match the expected [N, " + movingMean.length + "] of earlier batches");
        }
        trainedForward = isTraining();
        Tensor out = reuse(output, input.dtype(), n, f);
        // Plain Java through the dtype-neutral accessors, statistics in double for both element types.
        Tensor x = input;
        for (int j = 0; j < f; j++) {
            double mean;
            double var;
            if (isTraining()) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += x.getFlat(i * f + j);
                }
                mean = s / n;
                double ss = 0;
                for (int i = 0; i < n; i++) {
                    double d = x.getFlat(i * f + j) - mean;
                    ss += d * d;
                }
                var = ss / n;
                movingMean[j] = alpha * movingMean[j] + (1 - alpha) * mean;
                movingVariance[j] = alpha * movingVariance[j] + (1 - alpha) * var;
            } else {
                mean = movingMean[j];
                var = movingVariance[j];
            }
            double inv = 1.0 / Math.sqrt(var + EPS);
            invStd[j] = inv;
            for (int i = 0; i < n; i++) {
                out.setFlat(i * f + j, (x.getFlat(i * f + j) - mean) * inv);
            }
        }
        return out;
    }

    @Override
    protected Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        if (!gradOutput.sameShape(output)) {
            throw new IllegalArgumentException(this + ": gradOutput shape " + gradOutput.shapeString()
                    + " does not match the last forward's output shape " + output.shapeString());
        }
        if (trainedForward != isTraining()) {
            throw new IllegalStateException(this + ": the last forward ran in " + (trainedForward ? "training" : "evaluation")
                    + " mode but backward runs in " + (isTraining() ? "training" : "evaluation")
                    + " mode; switch modes before a forward, not between forward and backward");
        }
        int n = gradOutput.dim(0);
        int f = gradOutput.dim(1);
        gradInput = reuse(gradInput, gradOutput.dtype(), n, f);
        Tensor g = gradOutput;
        Tensor y = output;
        Tensor gi = gradInput;
        for (int j = 0; j < f; j++) {
            double inv = invStd[j];
            if (!isTraining()) {
                for (int i = 0; i < n; i++) {
                    gi.setFlat(i * f + j, g.getFlat(i * f + j) * inv);
                }
                continue;
            }
            // dx = inv/N · (N·g - Σg - x̂·Σ(g·x̂)), x̂ being the normalised output.
            double sumG = 0;
            double sumGY = 0;
            for (int i = 0; i < n; i++) {
                sumG += g.getFlat(i * f + j);
                sumGY += g.getFlat(i * f + j) * y.getFlat(i * f + j);
            }
            for (int i = 0; i < n; i++) {
                gi.setFlat(i * f + j, inv / n * (n * g.getFlat(i * f + j) - sumG - y.getFlat(i * f + j) * sumGY));
            }
        }
        return gradInput;
    }

    @Override
    public String toString() {
        return "BatchNormalization(alpha=" + alpha + ")";
    }

    /** {@link Module#to(DType)}, returning this {@code BatchNormalization}. */
    @Override
    public BatchNormalization to(DType dtype) {
        super.to(dtype);
        return this;
    }

    @Override
    void copyStateFrom(Module source) {
        super.copyStateFrom(source);
        BatchNormalization src = (BatchNormalization) source;
        movingMean = src.movingMean == null ? null : src.movingMean.clone();
        movingVariance = src.movingVariance == null ? null : src.movingVariance.clone();
        invStd = src.invStd == null ? null : new double[src.invStd.length];
    }
}
