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
