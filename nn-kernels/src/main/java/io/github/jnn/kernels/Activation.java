package io.github.jnn.kernels;

/** The activations the fused Linear kernel can apply in its epilogue, after the bias add. */
public enum Activation {
    /** Identity: the kernel stores {@code x·Wᵀ + b} as is. */
    NONE,
    /** {@code max(z, 0)}. */
    RELU,
    /** {@code 1 / (1 + exp(-z))}. */
    SIGMOID;

    /** The scalar definition every kernel set must agree with. */
    public double apply(double z) {
        switch (this) {
            case RELU:
                return Math.max(z, 0.0);
            case SIGMOID:
                return 1.0 / (1.0 + Math.exp(-z));
            default:
                return z;
        }
    }

    /** The float32 definition: the same formula, exp evaluated in double and rounded once. */
    public float apply(float z) {
        switch (this) {
            case RELU:
                return Math.max(z, 0f);
            case SIGMOID:
                return (float) (1.0 / (1.0 + Math.exp(-z)));
            default:
                return z;
        }
    }
}
