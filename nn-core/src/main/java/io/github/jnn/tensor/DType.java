package io.github.jnn.tensor;

/**
 * Element type of a {@link Tensor}. Only float64 exists so far; modules never look at the element type
 * themselves (they go through the tensor's storage and the kernel facade), so float32 can be added here and
 * in the kernels without touching them.
 */
public enum DType {
    FLOAT64(8);

    private final int byteSize;

    DType(int byteSize) {
        this.byteSize = byteSize;
    }

    /** Bytes per element. */
    public int byteSize() {
        return byteSize;
    }
}
