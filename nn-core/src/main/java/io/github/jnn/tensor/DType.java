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

    /** {@code "float64"} or {@code "float32"}, as command lines and benchmark parameters spell them. */
    public static DType byName(String name) {
        for (DType t : values()) {
            if (t.name().toLowerCase(java.util.Locale.ROOT).equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("dtype must be float64 or float32, got '" + name + "'");
    }

    /** Bytes per element. */
    public int byteSize() {
        return byteSize;
    }
}
