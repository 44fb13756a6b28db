package io.github.jnn.kernels;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;

import static io.github.jnn.kernels.TestArrays.gaussian;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code linearGradWeight} (gradW overwritten) against {@code linearAccGradWeight} into a gradW of +0.0, in
 * each kernel set, both precisions and on 1 and 2 threads: the same bits, whatever gradW held before (NaN
 * here), including where every product is a zero of either sign (a unit that ReLU switched off for the whole
 * batch) and for an empty batch. The shapes reach each form of the product: rows shorter than a vector, the
 * row panels, the packed kernel with one and with several k blocks (the batch is its k).
 */
class OverwrittenWeightGradientTest {
    /** (m = batch, k = inputs, n = outputs) */
    private static final int[][] SHAPES = {
        {1, 1, 1}, {5, 4, 3}, {7, 15, 5}, {9, 17, 31}, {64, 100, 10}, {33, 64, 65}, {130, 20, 70},
        {64, 784, 256}, {600, 300, 129}, {0, 40, 33}, {17, 600, 257},
    };

    static Stream<Arguments> cases() {
        return KernelSets.all().flatMap(k -> Stream.of(1, 2).flatMap(t -> Stream.of(SHAPES)
                .map(s -> Arguments.of(k, t, s[0], s[1], s[2]))));
    }

    @AfterEach
    void oneThread() {
        KernelThreads.set(1);
    }

    @ParameterizedTest(name = "{0}, {1} thread(s), {2}x{3}x{4}")
    @MethodSource("cases")
    void sameBitsAsAccumulatingIntoZero(Kernels kernels, int threads, int m, int k, int n) {
        KernelThreads.set(threads);
        Random rnd = new Random(m * 7919L + k * 31L + n);
        double[] g = gaussian(rnd, m * n);
        double[] x = gaussian(rnd, m * k);
        for (int i = 0; i < m; i++) { // output 0 off for the whole batch, with zeros of both signs
            g[i * n] = i % 2 == 0 ? 0.0 : -0.0;
        }
        if (m > 0) {
            Arrays.fill(x, 0, k, -1.5); // and a sample of negative inputs: products of -0.0
        }

        double[] accumulated = new double[n * k];
        kernels.linearAccGradWeight(g, x, accumulated, m, k, n);
        double[] overwritten = new double[n * k];
        Arrays.fill(overwritten, Double.NaN);
        kernels.linearGradWeight(g, x, overwritten, m, k, n);
        assertArrayEquals(accumulated, overwritten, kernels + " float64 " + m + "x" + k + "x" + n);

        float[] gf = Float32KernelTest.floats(g);
        float[] xf = Float32KernelTest.floats(x);
        float[] accumulatedF = new float[n * k];
        kernels.linearAccGradWeight(gf, xf, accumulatedF, m, k, n);
        float[] overwrittenF = new float[n * k];
        Arrays.fill(overwrittenF, Float.NaN);
        kernels.linearGradWeight(gf, xf, overwrittenF, m, k, n);
        assertArrayEquals(accumulatedF, overwrittenF, kernels + " float32 " + m + "x" + k + "x" + n);
        for (int p = 0; p < k; p++) {
            assertTrue(Double.doubleToRawLongBits(overwritten[p]) == 0L, "+0.0 for the unit switched off");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.jnn.kernels.KernelSets#all")
    void checksItsArguments(Kernels kernels) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> kernels.linearGradWeight(new double[6], new double[6], new double[5], 2, 3, 3));
        assertTrue(e.getMessage().contains("linearGradWeight") && e.getMessage().contains("gradW"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> kernels.linearGradWeight(new float[6], new float[6], new float[5], 2, 3, 2));
    }
}
