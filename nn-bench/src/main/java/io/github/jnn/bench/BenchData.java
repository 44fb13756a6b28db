package io.github.jnn.bench;

import io.github.jnn.random.NumpyRandom;
import io.github.jnn.tensor.DType;
import io.github.jnn.tensor.Tensor;

/** Seeded inputs, so every run and every kernel set sees the same numbers. */
final class BenchData {
    private BenchData() {
    }

    static double[] gaussian(int count, long seed) {
        return new NumpyRandom(seed).randn(count);
    }

    static float[] gaussianFloats(int count, long seed) {
        double[] d = gaussian(count, seed);
        float[] f = new float[count];
        for (int i = 0; i < count; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    /** {@code "float64"} or {@code "float32"}, as the benchmarks' {@code dtype} parameter spells it. */
    static DType dtype(String name) {
        switch (name) {
            case "float64":
                return DType.FLOAT64;
            case "float32":
                return DType.FLOAT32;
            default:
                throw new IllegalArgumentException("dtype must be float64 or float32, got '" + name + "'");
        }
    }

    static Tensor gaussian(int rows, int cols, long seed) {
        return Tensor.wrap(gaussian(rows * cols, seed), rows, cols);
    }
}
