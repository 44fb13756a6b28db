package io.github.jnn.tests;

import io.github.jnn.tensor.TestTensors;
import io.github.jnn.kernels.TestArrays;
import io.github.jnn.kernels.Activation;
import io.github.jnn.kernels.KernelThreads;
import io.github.jnn.kernels.Kernels;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Random;

import static io.github.jnn.kernels.TestArrays.gaussian;
import static io.github.jnn.tensor.TestTensors.gaussian;
import static io.github.jnn.kernels.TestArrays.normRelError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The vector kernels' products give bit-identical results for 1, 2 and 3 threads (work is split by output
 * rows, every element computed the same way), and still agree with the scalar oracle. Shapes are large
 * enough to be split, on both forward paths.
 */
class ThreadDeterminismTest {
    private final int saved = KernelThreads.get();

    @AfterEach
    void restore() {
        KernelThreads.set(saved);
    }

    @ParameterizedTest(name = "{0}x{1}x{2}")
    @CsvSource({"120, 600, 170", "250, 257, 70", "330, 520, 260", "64, 784, 256"})
    void sameBitsForAnyThreadCount(int m, int k, int n) {
        Random rnd = new Random(m + k + n);
        double[] x = gaussian(rnd, m * k);
        double[] w = gaussian(rnd, n * k);
        double[] b = gaussian(rnd, n);
        double[] g = gaussian(rnd, m * n);
        Kernels v = Kernels.vector();
        double[][] out = new double[3][];
        double[][] gx = new double[3][];
        double[][] gw = new double[3][];
        for (int t = 1; t <= 3; t++) {
            KernelThreads.set(t);
            out[t - 1] = new double[m * n];
            v.linearForward(x, w, b, null, out[t - 1], m, k, n, Activation.SIGMOID);
            gx[t - 1] = new double[m * k];
            v.linearGradInput(g, w, gx[t - 1], m, k, n);
            gw[t - 1] = new double[n * k];
            v.linearAccGradWeight(g, x, gw[t - 1], m, k, n);
        }
        for (int t = 1; t < 3; t++) {
            assertArrayEquals(out[0], out[t], 0.0, "forward, " + (t + 1) + " threads");
            assertArrayEquals(gx[0], gx[t], 0.0, "gradX, " + (t + 1) + " threads");
            assertArrayEquals(gw[0], gw[t], 0.0, "gradW, " + (t + 1) + " threads");
        }
        double[] ref = new double[m * n];
        Kernels.scalar().linearForward(x, w, b, null, ref, m, k, n, Activation.SIGMOID);
        assertTrue(normRelError(out[1], ref) <= 1e-12);
    }

    @Test
    void threadCountIsValidated() {
        KernelThreads.set(1);
        assertEquals(1, KernelThreads.get());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KernelThreads.set(0));
        assertEquals("nn.threads: thread count must be 1..4096, got 0", e.getMessage());
    }
}
