package io.github.jnn.kernels;

//#keep-double slope alpha lr momentum weightDecay stepSize beta1 beta2 eps bc2Sqrt l2 decay

/**
 * The double kernels: stateless numeric kernels over row-major {@code double[]} arrays, everything a Linear
 * layer and the elementwise activations need forward and backward. {@link Kernels} extends the double and
 * the float kernels (one generated from the other at build time, see docs/float32.md); its javadoc has the
 * kernel sets, argument checks and aliasing rules. Matrix shapes are given as {@code m} (batch rows),
 * {@code k} (input features) and {@code n} (output features).
 */
public interface DoubleKernels {

    /**
     * The fused Linear forward: {@code out[m×n] = act(x[m×k] · w[n×k]ᵀ + b[n])}.
     *
     * @param b   bias of length n, or {@code null} for none
     * @param pre if not null, receives the pre-activation {@code x·wᵀ + b} (so a Linear that was fused with
     *            the activation after it still has its own output); may be null, and must be null or
     *            distinct from {@code out} when {@code act} is not {@link Activation#NONE}
     */
    void linearForward(double[] x, double[] w, double[] b, double[] pre, double[] out,
                       int m, int k, int n, Activation act);

    /** Gradient of a Linear w.r.t. its input: {@code gradX[m×k] = g[m×n] · w[n×k]} (overwritten). */
    void linearGradInput(double[] g, double[] w, double[] gradX, int m, int k, int n);

    /** Gradient of a Linear w.r.t. its weight, accumulated: {@code gradW[n×k] += g[m×n]ᵀ · x[m×k]}. */
    void linearAccGradWeight(double[] g, double[] x, double[] gradW, int m, int k, int n);

    /**
     * Gradient of a Linear w.r.t. its weight, overwritten: {@code gradW[n×k] = g[m×n]ᵀ · x[m×k]}. The same bits
     * as {@link #linearAccGradWeight} into a gradW of {@code +0.0} (its sums start from +0.0 either way), without
     * the pass that zeroes gradW or the read of it: what a training step whose gradients start from zero needs.
     */
    void linearGradWeight(double[] g, double[] x, double[] gradW, int m, int k, int n);

    /** Gradient of a Linear w.r.t. its bias, accumulated: {@code gradB[j] += Σ_i g[i×n + j]}. */
    void accColumnSums(double[] g, double[] gradB, int m, int n);

    /** {@code out[i] = 1 / (1 + exp(-x[i]))} for {@code i < len}. */
    void sigmoid(double[] x, double[] out, int len);

    /** {@code out[i] = max(x[i], 0)} for {@code i < len}. */
    void relu(double[] x, double[] out, int len);

    /** Sigmoid backward from its saved output y: {@code gradIn[i] = g[i]·y[i]·(1 - y[i])}. */
    void sigmoidBackward(double[] y, double[] g, double[] gradIn, int len);

    /** ReLU backward from its saved output y: {@code gradIn[i] = y[i] > 0 ? g[i] : 0}. */
    void reluBackward(double[] y, double[] g, double[] gradIn, int len);

    /** {@code out[i] = x[i] > 0 ? x[i] : slope·x[i]}. */
    void leakyRelu(double[] x, double[] out, int len, double slope);

    /** LeakyReLU backward from its input: {@code gradIn[i] = x[i] > 0 ? g[i] : slope·g[i]}. */
    void leakyReluBackward(double[] x, double[] g, double[] gradIn, int len, double slope);

    /** {@code out[i] = x[i] > 0 ? x[i] : alpha·(exp(x[i]) - 1)}. */
    void elu(double[] x, double[] out, int len, double alpha);

    /**
     * ELU backward: {@code gradIn[i] = x[i] > 0 ? g[i] : g[i]·alpha·exp(x[i])}, from the input, not as
     * {@code g·(y + alpha)} from the output, which cancels to nothing in float32 for very negative x (PyTorch
     * computes it from the input too). {@code y} is the forward's output; kept in the signature, unused.
     */
    void eluBackward(double[] x, double[] y, double[] g, double[] gradIn, int len, double alpha);

    /** {@code out[i] = log(1 + exp(x[i]))}, computed as {@code max(x, 0) + log1p(exp(-|x|))} (no overflow). */
    void softplus(double[] x, double[] out, int len);

    /** SoftPlus backward from its input: {@code gradIn[i] = g[i]·sigmoid(x[i])}. */
    void softplusBackward(double[] x, double[] g, double[] gradIn, int len);

    /** {@code out[i] = tanh(x[i])}. */
    void tanh(double[] x, double[] out, int len);

    /** Tanh backward from its output: {@code gradIn[i] = g[i]·(1 - y[i]²)}. */
    void tanhBackward(double[] y, double[] g, double[] gradIn, int len);

    /** Softmax of each row of {@code x[m×n]}, the row maximum subtracted first so no exp overflows. */
    void softmaxRows(double[] x, double[] out, int m, int n);

    /** Log-softmax of each row: {@code x - max - log Σ exp(x - max)}. */
    void logSoftmaxRows(double[] x, double[] out, int m, int n);

    /** Softmax backward from its output: {@code gradIn = y ⊙ (g - Σ_row g⊙y)}. */
    void softmaxBackwardRows(double[] y, double[] g, double[] gradIn, int m, int n);

    /** Log-softmax backward from its output: {@code gradIn = g - exp(y)·Σ_row g}. */
    void logSoftmaxBackwardRows(double[] y, double[] g, double[] gradIn, int m, int n);

    /**
     * 2D convolution forward, fused as {@link #linearForward} is: {@code out = act(conv(x, w) + b)}, with x
     * {@code [n, inC, h, w]}, w {@code [outC, inC, kh, kw]}, b {@code [outC]} or null, out and pre
     * {@code [n, outC, outH, outW]} as {@code s} gives them (PyTorch's cross-correlation, zero padding).
     *
     * @param scratch null (allocate per call), or a holder of {@link Conv2dShape#SCRATCH_SLOTS} arrays that
     *                kernels may fill with scratch they reuse on later calls; a module keeps one
     */
    void conv2dForward(double[] x, double[] w, double[] b, double[] pre, double[] out, Conv2dShape s,
                       Activation act, double[][] scratch);

    /** Convolution gradient w.r.t. its input: {@code gradX = convᵀ(g, w)} (overwritten). */
    void conv2dGradInput(double[] g, double[] w, double[] gradX, Conv2dShape s, double[][] scratch);

    /**
     * Convolution gradients w.r.t. its weight and bias, accumulated: {@code gradW += Σ g ⊗ x} over the batch
     * and output pixels, {@code gradB[o] += Σ g[·, o, ·, ·]} unless gradB is null.
     */
    void conv2dAccGradWeight(double[] g, double[] x, double[] gradW, double[] gradB, Conv2dShape s,
                             double[][] scratch);

    /**
     * Max-pooling forward: {@code out} the maximum of each window, {@code argmax} the flat index into x it
     * came from. Ties go to the first in row-major window order and NaN wins, as in PyTorch.
     */
    void maxPool2dForward(double[] x, double[] out, int[] argmax, Pool2dShape s);

    /** Max-pooling backward: {@code gradX = 0}, then {@code gradX[argmax[i]] += g[i]}. */
    void maxPool2dBackward(double[] g, int[] argmax, double[] gradX, Pool2dShape s);

    /**
     * {@code a[0, len) = 0}: a parameter gradient cleared before the next batch. The vector set splits it over
     * threads as it splits the optimizer updates, so that each thread clears the part of the gradient that its
     * share of the weight gradient and of the update will touch next.
     */
    void zero(double[] a, int len);

    /**
     * One SGD step with momentum, the course's form: {@code d = g + weightDecay·w; v = momentum·v + lr·d;
     * w -= v}.
     */
    void sgdStep(double[] w, double[] g, double[] velocity, int len, double lr, double momentum,
                 double weightDecay);

    /**
     * One Adam step: {@code m = β1·m + (1-β1)·g; v = β2·v + (1-β2)·g²; w -= stepSize·m / (sqrt(v) + eps)},
     * where the caller folds the bias corrections into {@code stepSize = lr·sqrt(1-β2^t)/(1-β1^t)}.
     */
    void adamStep(double[] w, double[] g, double[] m, double[] v, int len, double stepSize, double beta1,
                  double beta2, double eps);

    /**
     * One SGD step in PyTorch's form ({@code torch.optim.SGD}, dampening 0): {@code d = g + weightDecay·w;
     * v = momentum·v + d; w -= lr·(nesterov ? d + momentum·v : v)}. Unlike the course's form the velocity
     * holds no learning rate, so a schedule that changes lr acts at once.
     */
    void sgdStepPyTorch(double[] w, double[] g, double[] velocity, int len, double lr, double momentum,
                        double weightDecay, boolean nesterov);

    /**
     * One Adam / AdamW step in PyTorch's form ({@code torch.optim.Adam}, {@code AdamW}): {@code g' = g + l2·w;
     * w *= decay; m = β1·m + (1-β1)·g'; v = β2·v + (1-β2)·g'²; w -= stepSize·m / (sqrt(v)/bc2Sqrt + eps)}, with
     * {@code stepSize = lr/(1-β1^t)}, {@code bc2Sqrt = sqrt(1-β2^t)}; Adam passes its weight decay as
     * {@code l2} and {@code decay = 1}, AdamW {@code l2 = 0} and {@code decay = 1 - lr·weightDecay}.
     */
    void adamStepPyTorch(double[] w, double[] g, double[] m, double[] v, int len, double stepSize,
                         double bc2Sqrt, double beta1, double beta2, double eps, double l2, double decay);
}
