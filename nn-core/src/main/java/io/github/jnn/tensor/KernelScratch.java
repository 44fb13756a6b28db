package io.github.jnn.tensor;

import io.github.jnn.kernels.Conv2dShape;

/**
 * Scratch arrays a module keeps for the kernels that need some (the vector set's lowered convolution): one
 * holder per element type, filled by the kernels on first use and reused on every later call, so a training
 * step allocates nothing. Owned by one module, like its output buffers.
 */
public final class KernelScratch {
    private final double[][] doubles = new double[Conv2dShape.SCRATCH_SLOTS][];
    private final float[][] floats = new float[Conv2dShape.SCRATCH_SLOTS][];

    double[][] doubles() {
        return doubles;
    }

    float[][] floats() {
        return floats;
    }

    /** Drops the arrays (e.g. after a change of element type), so they can be collected. */
    public void clear() {
        java.util.Arrays.fill(doubles, null);
        java.util.Arrays.fill(floats, null);
    }
}
