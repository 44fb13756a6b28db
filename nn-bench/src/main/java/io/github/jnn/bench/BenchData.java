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

    static Tensor gaussian(int rows, int cols, long seed) {
        return Tensor.wrap(gaussian(rows * cols, seed), rows, cols);
    }
}
