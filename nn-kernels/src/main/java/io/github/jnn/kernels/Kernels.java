package io.github.jnn.kernels;

/**
 * Stateless numeric kernels over row-major {@code double[]} arrays: everything a Linear layer and the
 * elementwise activations need forward and backward.
 *
 * <p>Two sets implement it: {@link #scalar()} (plain loops, the reference every test compares against) and
 * {@link #vector()} (the {@code jdk.incubator.vector} API). {@link #getDefault()} picks one once per JVM from
 * the system property {@value KernelSelection#PROPERTY} ({@code auto}, {@code scalar} or {@code vector}); a
 * test or benchmark may also hold both and call either.
 *
 * <p>Arguments are checked once, at this boundary (nulls, negative sizes, arrays too short), and every
 * failure names the kernel and the sizes involved. Matrix shapes are given as {@code m} (batch rows),
 * {@code k} (input features) and {@code n} (output features). Kernels never allocate. Outputs must not
 * alias the matrix inputs of the products; the elementwise kernels may work in place.
 */
public interface Kernels {

    /** Short name of this kernel set: {@code "scalar"} or {@code "vector"}. */
    String name();

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

    // ----- float32 twins: the same contracts on float arrays (a float32 Tensor's storage). Products and
    // sums accumulate in float; transcendental functions may be evaluated in double and rounded once.
    // Hyperparameters stay double and are rounded to float once per call. -----

    /** float32 twin of {@link #linearForward(double[], double[], double[], double[], double[], int, int, int, Activation)}. */
    void linearForward(float[] x, float[] w, float[] b, float[] pre, float[] out,
                       int m, int k, int n, Activation act);

    /** float32 twin of {@link #linearGradInput(double[], double[], double[], int, int, int)}. */
    void linearGradInput(float[] g, float[] w, float[] gradX, int m, int k, int n);

    /** float32 twin of {@link #linearAccGradWeight(double[], double[], double[], int, int, int)}. */
    void linearAccGradWeight(float[] g, float[] x, float[] gradW, int m, int k, int n);

    /** float32 twin of {@link #accColumnSums(double[], double[], int, int)}. */
    void accColumnSums(float[] g, float[] gradB, int m, int n);

    /** float32 twin of {@link #sigmoid(double[], double[], int)}. */
    void sigmoid(float[] x, float[] out, int len);

    /** float32 twin of {@link #relu(double[], double[], int)}. */
    void relu(float[] x, float[] out, int len);

    /** float32 twin of {@link #sigmoidBackward(double[], double[], double[], int)}. */
    void sigmoidBackward(float[] y, float[] g, float[] gradIn, int len);

    /** float32 twin of {@link #reluBackward(double[], double[], double[], int)}. */
    void reluBackward(float[] y, float[] g, float[] gradIn, int len);

    /** float32 twin of {@link #leakyRelu(double[], double[], int, double)}. */
    void leakyRelu(float[] x, float[] out, int len, double slope);

    /** float32 twin of {@link #leakyReluBackward(double[], double[], double[], int, double)}. */
    void leakyReluBackward(float[] x, float[] g, float[] gradIn, int len, double slope);

    /** float32 twin of {@link #elu(double[], double[], int, double)}. */
    void elu(float[] x, float[] out, int len, double alpha);

    /** float32 twin of {@link #eluBackward(double[], double[], double[], double[], int, double)}. */
    void eluBackward(float[] x, float[] y, float[] g, float[] gradIn, int len, double alpha);

    /** float32 twin of {@link #softplus(double[], double[], int)}. */
    void softplus(float[] x, float[] out, int len);

    /** float32 twin of {@link #softplusBackward(double[], double[], double[], int)}. */
    void softplusBackward(float[] x, float[] g, float[] gradIn, int len);

    /** float32 twin of {@link #tanh(double[], double[], int)}. */
    void tanh(float[] x, float[] out, int len);

    /** float32 twin of {@link #tanhBackward(double[], double[], double[], int)}. */
    void tanhBackward(float[] y, float[] g, float[] gradIn, int len);

    /** float32 twin of {@link #softmaxRows(double[], double[], int, int)}. */
    void softmaxRows(float[] x, float[] out, int m, int n);

    /** float32 twin of {@link #logSoftmaxRows(double[], double[], int, int)}. */
    void logSoftmaxRows(float[] x, float[] out, int m, int n);

    /** float32 twin of {@link #softmaxBackwardRows(double[], double[], double[], int, int)}. */
    void softmaxBackwardRows(float[] y, float[] g, float[] gradIn, int m, int n);

    /** float32 twin of {@link #logSoftmaxBackwardRows(double[], double[], double[], int, int)}. */
    void logSoftmaxBackwardRows(float[] y, float[] g, float[] gradIn, int m, int n);

    /** float32 twin of {@link #sgdStep(double[], double[], double[], int, double, double, double)}. */
    void sgdStep(float[] w, float[] g, float[] velocity, int len, double lr, double momentum,
                 double weightDecay);

    /** float32 twin of {@link #adamStep(double[], double[], double[], double[], int, double, double, double, double)}. */
    void adamStep(float[] w, float[] g, float[] m, float[] v, int len, double stepSize, double beta1,
                  double beta2, double eps);

    /** The plain-loop reference set; always available. */
    static Kernels scalar() {
        return ScalarKernels.INSTANCE;
    }

    /**
     * The {@code jdk.incubator.vector} set.
     *
     * @throws IllegalStateException if the JVM was started without {@code --add-modules=jdk.incubator.vector}
     */
    static Kernels vector() {
        return KernelSelection.vector();
    }

    /** Whether {@link #vector()} can be used in this JVM. */
    static boolean vectorAvailable() {
        return KernelSelection.vectorAvailable();
    }

    /**
     * The set chosen for this JVM: the property {@value KernelSelection#PROPERTY} if set, otherwise the vector
     * set when its module is present, otherwise the scalar set (saying once on stderr how to enable vectors).
     */
    static Kernels getDefault() {
        return KernelSelection.getDefault();
    }

    /** {@code "scalar"}, {@code "vector"} or {@code "auto"} (the latter as {@link #getDefault()} decides). */
    static Kernels byName(String name) {
        return KernelSelection.byName(name);
    }
}
