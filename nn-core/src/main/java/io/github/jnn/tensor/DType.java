package io.github.jnn.tensor;

/**
 * Element type of a {@link Tensor}. float64 is the default and what the gradient checks use; float32 halves
 * the memory traffic and doubles the lanes per vector, for training speed.
 */
public enum DType {
    FLOAT64(8),
    FLOAT32(4);

    private final int byteSize;

    DType(int byteSize) {
        this.byteSize = byteSize;
    }

    /** Bytes per element. */
    public int byteSize() {
        return byteSize;
    }
}
