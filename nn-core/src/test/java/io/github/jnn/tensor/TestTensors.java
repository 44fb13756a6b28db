package io.github.jnn.tensor;

import io.github.jnn.kernels.TestArrays;

import java.util.Random;

/** Random tensors shared by the tests of nn-core and nn-tests (published in nn-core's test jar). */
public final class TestTensors {
    private TestTensors() {
    }

    /** A {@code [rows, cols]} float64 tensor of standard normal values from {@code rnd}. */
    public static Tensor gaussian(Random rnd, int rows, int cols) {
        return Tensor.wrap(TestArrays.gaussian(rnd, rows * cols), rows, cols);
    }
}
