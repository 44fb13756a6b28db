package io.github.jnn.kernels;

/**
 * The {@code jdk.incubator.vector} kernel set. Only loaded when the module is present (see
 * {@link KernelSelection}); it overrides the fast paths and inherits nothing else it could get wrong.
 */
final class VectorKernels extends VectorFloatKernels {
    static final VectorKernels INSTANCE = new VectorKernels();

    @Override
    public String name() {
        return "vector";
    }
}
