package io.github.jnn.kernels;

/** The reference kernel set: plain loops, no SIMD beyond what the JIT finds by itself. */
class ScalarKernels extends ScalarFloatKernels {
    static final ScalarKernels INSTANCE = new ScalarKernels();

    @Override
    public String name() {
        return "scalar";
    }
}
