package io.github.jnn.tensor;

import io.github.jnn.kernels.Activation;
import io.github.jnn.kernels.Conv2dShape;
import io.github.jnn.kernels.Kernels;
import io.github.jnn.kernels.Pool2dShape;

/**
 * Where a tensor's storage meets the kernels: each operation takes tensors and calls the kernel for their
 * element type, so that modules, criteria and optimizers are written once for float64 and float32 (as torch/nn
 * modules call tensor operations and never name a type). This is the only place in nn-core that chooses a
 * kernel by {@link DType}. All tensors of one call must have the element type of the first; a mismatch is an
 * {@link IllegalStateException} from {@link Tensor#doubles()} or {@link Tensor#floats()}. The kernels check
 * the sizes; callers check shapes (and name their module in the message).
 *
 * <p>A user's own {@code Module} gets one from {@code ops()}; elsewhere {@link #of(Kernels)}.
 */
public final class TensorOps {
    private final Kernels k;

    private TensorOps(Kernels kernels) {
        this.k = kernels;
    }

    /** Operations on {@code kernels}; cheap, but modules keep theirs rather than make one per call. */
    public static TensorOps of(Kernels kernels) {
        if (kernels == null) {
            throw new IllegalArgumentException("TensorOps: kernels is null");
        }
        return new TensorOps(kernels);
    }

    /** The kernel set these operations run on. */
    public Kernels kernels() {
        return k;
    }

    private static boolean f32(Tensor t) {
        return t.dtype() == DType.FLOAT32;
    }

    // ----- Linear -----

    /** {@code out[m×n] = act(x[m×k] · w[n×k]ᵀ + b)}; {@code b} and {@code pre} may be null. */
    public void linearForward(Tensor x, Tensor w, Tensor b, Tensor pre, Tensor out, int m, int kk, int n,
                              Activation act) {
        if (f32(x)) {
            k.linearForward(x.floats(), w.floats(), b == null ? null : b.floats(), pre == null ? null : pre.floats(),
                    out.floats(), m, kk, n, act);
        } else {
            k.linearForward(x.doubles(), w.doubles(), b == null ? null : b.doubles(),
                    pre == null ? null : pre.doubles(), out.doubles(), m, kk, n, act);
        }
    }

    /** {@code gradX[m×k] = g[m×n] · w[n×k]}. */
    public void linearGradInput(Tensor g, Tensor w, Tensor gradX, int m, int kk, int n) {
        if (f32(g)) {
            k.linearGradInput(g.floats(), w.floats(), gradX.floats(), m, kk, n);
        } else {
            k.linearGradInput(g.doubles(), w.doubles(), gradX.doubles(), m, kk, n);
        }
    }

    /** {@code gradW[n×k] += g[m×n]ᵀ · x[m×k]}. */
    public void linearAccGradWeight(Tensor g, Tensor x, Tensor gradW, int m, int kk, int n) {
        if (f32(g)) {
            k.linearAccGradWeight(g.floats(), x.floats(), gradW.floats(), m, kk, n);
        } else {
            k.linearAccGradWeight(g.doubles(), x.doubles(), gradW.doubles(), m, kk, n);
        }
    }

    /** {@code gradW[n×k] = g[m×n]ᵀ · x[m×k]}, overwritten. */
    public void linearGradWeight(Tensor g, Tensor x, Tensor gradW, int m, int kk, int n) {
        if (f32(g)) {
            k.linearGradWeight(g.floats(), x.floats(), gradW.floats(), m, kk, n);
        } else {
            k.linearGradWeight(g.doubles(), x.doubles(), gradW.doubles(), m, kk, n);
        }
    }

    /** {@code gradB[n] += Σ_rows g[m×n]}. */
    public void accColumnSums(Tensor g, Tensor gradB, int m, int n) {
        if (f32(g)) {
            k.accColumnSums(g.floats(), gradB.floats(), m, n);
        } else {
            k.accColumnSums(g.doubles(), gradB.doubles(), m, n);
        }
    }

    // ----- Conv2d and MaxPool2d, on [N, C, H, W] tensors -----

    /** {@code out = act(conv(x, w) + b)} for the shape {@code s}; {@code b} and {@code pre} may be null. */
    public void conv2dForward(Tensor x, Tensor w, Tensor b, Tensor pre, Tensor out, Conv2dShape s, Activation act,
                              KernelScratch scratch) {
        if (f32(x)) {
            k.conv2dForward(x.floats(), w.floats(), b == null ? null : b.floats(), pre == null ? null : pre.floats(),
                    out.floats(), s, act, scratch.floats());
        } else {
            k.conv2dForward(x.doubles(), w.doubles(), b == null ? null : b.doubles(),
                    pre == null ? null : pre.doubles(), out.doubles(), s, act, scratch.doubles());
        }
    }

    /** {@code gradX = convᵀ(g, w)}. */
    public void conv2dGradInput(Tensor g, Tensor w, Tensor gradX, Conv2dShape s, KernelScratch scratch) {
        if (f32(g)) {
            k.conv2dGradInput(g.floats(), w.floats(), gradX.floats(), s, scratch.floats());
        } else {
            k.conv2dGradInput(g.doubles(), w.doubles(), gradX.doubles(), s, scratch.doubles());
        }
    }

    /** {@code gradW += Σ g ⊗ x}, {@code gradB += Σ g} per output channel unless gradB is null. */
    public void conv2dAccGradWeight(Tensor g, Tensor x, Tensor gradW, Tensor gradB, Conv2dShape s,
                                    KernelScratch scratch) {
        if (f32(g)) {
            k.conv2dAccGradWeight(g.floats(), x.floats(), gradW.floats(), gradB == null ? null : gradB.floats(), s,
                    scratch.floats());
        } else {
            k.conv2dAccGradWeight(g.doubles(), x.doubles(), gradW.doubles(),
                    gradB == null ? null : gradB.doubles(), s, scratch.doubles());
        }
    }

    /** Window maxima into {@code out}, the flat input index of each into {@code argmax}. */
    public void maxPool2dForward(Tensor x, Tensor out, int[] argmax, Pool2dShape s) {
        if (f32(x)) {
            k.maxPool2dForward(x.floats(), out.floats(), argmax, s);
        } else {
            k.maxPool2dForward(x.doubles(), out.doubles(), argmax, s);
        }
    }

    /** {@code gradX = 0; gradX[argmax[i]] += g[i]}. */
    public void maxPool2dBackward(Tensor g, int[] argmax, Tensor gradX, Pool2dShape s) {
        if (f32(g)) {
            k.maxPool2dBackward(g.floats(), argmax, gradX.floats(), s);
        } else {
            k.maxPool2dBackward(g.doubles(), argmax, gradX.doubles(), s);
        }
    }

    // ----- elementwise, over all of x -----

    public void sigmoid(Tensor x, Tensor out) {
        if (f32(x)) {
            k.sigmoid(x.floats(), out.floats(), x.size());
        } else {
            k.sigmoid(x.doubles(), out.doubles(), x.size());
        }
    }

    public void sigmoidBackward(Tensor y, Tensor g, Tensor gradIn) {
        if (f32(y)) {
            k.sigmoidBackward(y.floats(), g.floats(), gradIn.floats(), y.size());
        } else {
            k.sigmoidBackward(y.doubles(), g.doubles(), gradIn.doubles(), y.size());
        }
    }

    public void relu(Tensor x, Tensor out) {
        if (f32(x)) {
            k.relu(x.floats(), out.floats(), x.size());
        } else {
            k.relu(x.doubles(), out.doubles(), x.size());
        }
    }

    public void reluBackward(Tensor y, Tensor g, Tensor gradIn) {
        if (f32(y)) {
            k.reluBackward(y.floats(), g.floats(), gradIn.floats(), y.size());
        } else {
            k.reluBackward(y.doubles(), g.doubles(), gradIn.doubles(), y.size());
        }
    }

    public void leakyRelu(Tensor x, Tensor out, double slope) {
        if (f32(x)) {
            k.leakyRelu(x.floats(), out.floats(), x.size(), slope);
        } else {
            k.leakyRelu(x.doubles(), out.doubles(), x.size(), slope);
        }
    }

    public void leakyReluBackward(Tensor x, Tensor g, Tensor gradIn, double slope) {
        if (f32(x)) {
            k.leakyReluBackward(x.floats(), g.floats(), gradIn.floats(), x.size(), slope);
        } else {
            k.leakyReluBackward(x.doubles(), g.doubles(), gradIn.doubles(), x.size(), slope);
        }
    }

    public void elu(Tensor x, Tensor out, double alpha) {
        if (f32(x)) {
            k.elu(x.floats(), out.floats(), x.size(), alpha);
        } else {
            k.elu(x.doubles(), out.doubles(), x.size(), alpha);
        }
    }

    public void eluBackward(Tensor x, Tensor y, Tensor g, Tensor gradIn, double alpha) {
        if (f32(x)) {
            k.eluBackward(x.floats(), y.floats(), g.floats(), gradIn.floats(), x.size(), alpha);
        } else {
            k.eluBackward(x.doubles(), y.doubles(), g.doubles(), gradIn.doubles(), x.size(), alpha);
        }
    }

    public void softplus(Tensor x, Tensor out) {
        if (f32(x)) {
            k.softplus(x.floats(), out.floats(), x.size());
        } else {
            k.softplus(x.doubles(), out.doubles(), x.size());
        }
    }

    public void softplusBackward(Tensor x, Tensor g, Tensor gradIn) {
        if (f32(x)) {
            k.softplusBackward(x.floats(), g.floats(), gradIn.floats(), x.size());
        } else {
            k.softplusBackward(x.doubles(), g.doubles(), gradIn.doubles(), x.size());
        }
    }

    public void tanh(Tensor x, Tensor out) {
        if (f32(x)) {
            k.tanh(x.floats(), out.floats(), x.size());
        } else {
            k.tanh(x.doubles(), out.doubles(), x.size());
        }
    }

    public void tanhBackward(Tensor y, Tensor g, Tensor gradIn) {
        if (f32(y)) {
            k.tanhBackward(y.floats(), g.floats(), gradIn.floats(), y.size());
        } else {
            k.tanhBackward(y.doubles(), g.doubles(), gradIn.doubles(), y.size());
        }
    }

    // ----- row softmax over [m, n] -----

    public void softmaxRows(Tensor x, Tensor out) {
        if (f32(x)) {
            k.softmaxRows(x.floats(), out.floats(), x.dim(0), x.dim(1));
        } else {
            k.softmaxRows(x.doubles(), out.doubles(), x.dim(0), x.dim(1));
        }
    }

    public void logSoftmaxRows(Tensor x, Tensor out) {
        if (f32(x)) {
            k.logSoftmaxRows(x.floats(), out.floats(), x.dim(0), x.dim(1));
        } else {
            k.logSoftmaxRows(x.doubles(), out.doubles(), x.dim(0), x.dim(1));
        }
    }

    public void softmaxBackwardRows(Tensor y, Tensor g, Tensor gradIn) {
        if (f32(y)) {
            k.softmaxBackwardRows(y.floats(), g.floats(), gradIn.floats(), y.dim(0), y.dim(1));
        } else {
            k.softmaxBackwardRows(y.doubles(), g.doubles(), gradIn.doubles(), y.dim(0), y.dim(1));
        }
    }

    public void logSoftmaxBackwardRows(Tensor y, Tensor g, Tensor gradIn) {
        if (f32(y)) {
            k.logSoftmaxBackwardRows(y.floats(), g.floats(), gradIn.floats(), y.dim(0), y.dim(1));
        } else {
            k.logSoftmaxBackwardRows(y.doubles(), g.doubles(), gradIn.doubles(), y.dim(0), y.dim(1));
        }
    }

    // ----- optimizer updates, over all of w -----

    /** Sets every element of {@code t} to zero ({@link Kernels#zero(double[], int)}): a gradient's clearing. */
    public void zero(Tensor t) {
        if (f32(t)) {
            k.zero(t.floats(), t.size());
        } else {
            k.zero(t.doubles(), t.size());
        }
    }

    public void sgdStep(Tensor w, Tensor g, Tensor velocity, double lr, double momentum, double weightDecay) {
        if (f32(w)) {
            k.sgdStep(w.floats(), g.floats(), velocity.floats(), w.size(), lr, momentum, weightDecay);
        } else {
            k.sgdStep(w.doubles(), g.doubles(), velocity.doubles(), w.size(), lr, momentum, weightDecay);
        }
    }

    public void adamStep(Tensor w, Tensor g, Tensor m, Tensor v, double stepSize, double beta1, double beta2,
                         double eps) {
        if (f32(w)) {
            k.adamStep(w.floats(), g.floats(), m.floats(), v.floats(), w.size(), stepSize, beta1, beta2, eps);
        } else {
            k.adamStep(w.doubles(), g.doubles(), m.doubles(), v.doubles(), w.size(), stepSize, beta1, beta2, eps);
        }
    }

    /** PyTorch's SGD step ({@link Kernels#sgdStepPyTorch(double[], double[], double[], int, double, double, double, boolean)}). */
    public void sgdStepPyTorch(Tensor w, Tensor g, Tensor velocity, double lr, double momentum, double weightDecay,
                               boolean nesterov) {
        if (f32(w)) {
            k.sgdStepPyTorch(w.floats(), g.floats(), velocity.floats(), w.size(), lr, momentum, weightDecay, nesterov);
        } else {
            k.sgdStepPyTorch(w.doubles(), g.doubles(), velocity.doubles(), w.size(), lr, momentum, weightDecay,
                    nesterov);
        }
    }

    /** PyTorch's Adam / AdamW step (see {@code Kernels.adamStepPyTorch}). */
    public void adamStepPyTorch(Tensor w, Tensor g, Tensor m, Tensor v, double stepSize, double bc2Sqrt,
                                double beta1, double beta2, double eps, double l2, double decay) {
        if (f32(w)) {
            k.adamStepPyTorch(w.floats(), g.floats(), m.floats(), v.floats(), w.size(), stepSize, bc2Sqrt, beta1,
                    beta2, eps, l2, decay);
        } else {
            k.adamStepPyTorch(w.doubles(), g.doubles(), m.doubles(), v.doubles(), w.size(), stepSize, bc2Sqrt,
                    beta1, beta2, eps, l2, decay);
        }
    }

    @Override
    public String toString() {
        return "TensorOps(" + k + ")";
    }
}
