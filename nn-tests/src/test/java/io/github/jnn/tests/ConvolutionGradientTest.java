package io.github.jnn.tests;

import io.github.jnn.kernels.KernelSets;
import io.github.jnn.kernels.Kernels;
import io.github.jnn.nn.Conv2d;
import io.github.jnn.nn.Flatten;
import io.github.jnn.nn.Linear;
import io.github.jnn.nn.MaxPool2d;
import io.github.jnn.nn.ReLU;
import io.github.jnn.nn.Sequential;
import io.github.jnn.nn.Sigmoid;
import io.github.jnn.kernels.TestArrays;
import io.github.jnn.random.NumpyRandom;
import io.github.jnn.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Random;
import java.util.stream.Stream;

import static io.github.jnn.tests.GradientChecker.checkModule;

/**
 * Central-difference checks ({@link GradientChecker}, float64) of Conv2d, MaxPool2d and Flatten, and of a
 * small CNN through Sequential's fused Conv2d+ReLU path, on both kernel sets: odd sizes, one and several
 * channels, strides 1-3, padding 0-2, with and without bias.
 */
class ConvolutionGradientTest {
    /** n, inC, h, w, outC, kernel, stride, padding, bias (1/0) */
    private static final int[][] CONV = {
        {1, 1, 3, 3, 1, 2, 1, 0, 0}, {2, 1, 5, 5, 3, 3, 1, 1, 1}, {2, 3, 7, 6, 4, 3, 2, 1, 1},
        {3, 2, 8, 9, 5, 5, 1, 2, 1}, {1, 4, 6, 7, 2, 1, 1, 0, 1}, {2, 2, 9, 9, 3, 4, 3, 2, 0},
        {1, 3, 5, 5, 6, 5, 1, 0, 1},
    };

    /** n, c, h, w, kernel, stride, padding */
    private static final int[][] POOL = {
        {1, 1, 4, 4, 2, 2, 0}, {2, 3, 7, 5, 2, 2, 0}, {2, 2, 7, 7, 3, 2, 1}, {1, 2, 6, 5, 3, 1, 1},
        {3, 1, 5, 6, 2, 1, 0},
    };

    static Stream<Arguments> convCases() {
        return KernelSets.all().flatMap(k -> Stream.of(CONV).map(c -> Arguments.of(k, c)));
    }

    static Stream<Arguments> poolCases() {
        return KernelSets.all().flatMap(k -> Stream.of(POOL).map(c -> Arguments.of(k, c)));
    }

    private static Tensor input(long seed, int... shape) {
        int size = 1;
        for (int d : shape) {
            size *= d;
        }
        return Tensor.wrap(TestArrays.gaussian(new Random(seed), size), shape);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("convCases")
    void conv2d(Kernels k, int[] c) {
        Conv2d conv = new Conv2d(c[1], c[4], c[5], c[6], c[7], c[8] == 1, new NumpyRandom(c[0] + c[4]));
        checkModule(conv, k, input(java.util.Arrays.hashCode(c), c[0], c[1], c[2], c[3]), new Random(1));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("poolCases")
    void maxPool2d(Kernels k, int[] p) {
        // gaussian values: no two in a window within 2·EPS of each other, so no difference crosses a tie
        checkModule(new MaxPool2d(p[4], p[5], p[6]), k, input(java.util.Arrays.hashCode(p), p[0], p[1], p[2], p[3]),
                new Random(2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.jnn.kernels.KernelSets#all")
    void flatten(Kernels k) {
        checkModule(new Flatten(), k, input(3, 2, 3, 4, 5), new Random(3));
    }

    /** conv-ReLU (fused), pool, conv-sigmoid (fused), flatten, linear: every parameter through the chain. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.jnn.kernels.KernelSets#all")
    void smallCnn(Kernels k) {
        NumpyRandom rng = new NumpyRandom(7);
        Sequential net = new Sequential(
                new Conv2d(2, 4, 3, 1, 1, true, rng), new ReLU(), new MaxPool2d(2),
                new Conv2d(4, 3, 3, 1, 0, true, rng), new Sigmoid(), new Flatten(),
                new Linear(3 * 2 * 2, 5, true, rng));
        checkModule(net, k, input(11, 3, 2, 8, 9), new Random(4));
    }
}
