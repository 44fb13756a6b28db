package io.github.jnn.bench;

import io.github.jnn.random.NumpyRandom;
import io.github.jnn.tensor.Tensor;

/** Seeded inputs, so every run and every kernel set sees the same numbers. */
final class BenchData {
    private BenchData() {
    }

    static double[] gaussian(int count, long seed) {
        return new NumpyRandom(seed).randn(count);
    }

    static float[] gaussianFloats(int count, long seed) {
        return floats(gaussian(count, seed));
    }

    /** {@code d} rounded to float. */
    static float[] floats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    static Tensor gaussian(int rows, int cols, long seed) {
        return Tensor.wrap(gaussian(rows * cols, seed), rows, cols);
    }
}
