package io.github.jnn.random;

/** Where modules draw their random numbers: weight initialisation now, dropout masks and shuffles later. */
public interface RandomSource {

    /** Uniform on {@code [0, 1)}. */
    double randomSample();

    /** Standard normal. */
    double randn();

    /** Uniform on {@code [low, high)}, as NumPy computes it: {@code low + (high - low) * randomSample()}. */
    default double uniform(double low, double high) {
        return low + (high - low) * randomSample();
    }
}
