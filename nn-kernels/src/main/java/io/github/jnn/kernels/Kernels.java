package io.github.jnn.kernels;

/**
 * Stateless numeric kernels over row-major {@code double[]} ({@link DoubleKernels}) and {@code float[]}
 * ({@link FloatKernels}, generated from the former) arrays: everything a Linear layer and the elementwise
 * activations need forward and backward.
 *
 * <p>Two sets implement it: {@link #scalar()} (plain loops, the reference every test compares against) and
 * {@link #vector()} (the {@code jdk.incubator.vector} API). {@link #getDefault()} picks one once per JVM from
 * the system property {@value KernelSelection#PROPERTY} ({@code auto}, {@code scalar} or {@code vector}); a
 * test or benchmark may also hold both and call either.
 *
 * <p>Arguments are checked once, at this boundary (nulls, negative sizes, arrays too short), and every
 * failure names the kernel and the sizes involved. Matrix shapes are given as {@code m} (batch rows),
 * {@code k} (input features) and {@code n} (output features). A kernel allocates at most a small scratch
 * array per call (the vector set's fixed-order lane sums); the packed products reuse per-thread buffers. Outputs
 * must not alias the matrix inputs of the products; the elementwise kernels may work in place.
 *
 * <p>The float kernels have the double kernels' contracts on {@code float[]} (a float32 Tensor's storage).
 * Products and sums accumulate in float; transcendental functions may be evaluated in double and rounded
 * once. Hyperparameters stay double and are rounded to float once per call.
 */
public interface Kernels extends DoubleKernels, FloatKernels {

    /** Short name of this kernel set: {@code "scalar"} or {@code "vector"}. */
    String name();

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
