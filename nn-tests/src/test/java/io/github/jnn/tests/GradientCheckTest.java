package io.github.jnn.tests;

import io.github.jnn.tensor.TestTensors;
import io.github.jnn.kernels.KernelSets;
import io.github.jnn.kernels.Kernels;
import io.github.jnn.nn.Linear;
import io.github.jnn.nn.MSECriterion;
import io.github.jnn.nn.Module;
import io.github.jnn.nn.ReLU;
import io.github.jnn.nn.Sequential;
import io.github.jnn.nn.Sigmoid;
import io.github.jnn.random.NumpyRandom;
import io.github.jnn.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Random;
import java.util.stream.Stream;


/**
 * {@link GradientChecker} on the foundation's modules and criterion, both kernel sets. Shapes include 1 and
 * sizes that are not a multiple of the vector length (8 doubles with AVX-512).
 */
class GradientCheckTest {
    /** (batch, nIn, nOut) */
    private static final int[][] SHAPES = {
        {1, 1, 1}, {1, 3, 2}, {2, 1, 5}, {3, 7, 9}, {5, 8, 8}, {7, 9, 13}, {4, 17, 33}, {9, 33, 17}, {2, 20, 1},
    };

    static Stream<Arguments> cases() {
        return KernelSets.all().flatMap(k -> Stream.of(SHAPES).map(s -> Arguments.of(k, s[0], s[1], s[2])));
    }

    @ParameterizedTest(name = "{0} {1}x{2}x{3}")
    @MethodSource("cases")
    void linearWithoutBias(Kernels kernels, int m, int k, int n) {
        Random rnd = new Random(31L * m + 7L * k + n);
        checkModule(new Linear(k, n, new NumpyRandom(m + k + n)), kernels, TestTensors.gaussian(rnd, m, k), rnd);
    }

    @ParameterizedTest(name = "{0} {1}x{2}x{3}")
    @MethodSource("cases")
    void linearWithBias(Kernels kernels, int m, int k, int n) {
        Random rnd = new Random(17L * m + 5L * k + n);
        checkModule(new Linear(k, n, true, new NumpyRandom(m * k * n)), kernels, TestTensors.gaussian(rnd, m, k), rnd);
    }

    @ParameterizedTest(name = "{0} {1}x{2}x{3}")
    @MethodSource("cases")
    void sigmoid(Kernels kernels, int m, int k, int n) {
        Random rnd = new Random(m + 100L * k);
        Tensor x = TestTensors.gaussian(rnd, m, k);
        for (int i = 0; i < x.size(); i++) {
            x.doubles()[i] *= 4; // reach the flat tails too
        }
        checkModule(new Sigmoid(), kernels, x, rnd);
    }

    @ParameterizedTest(name = "{0} {1}x{2}x{3}")
    @MethodSource("cases")
    void relu(Kernels kernels, int m, int k, int n) {
        Random rnd = new Random(m + 1000L * n);
        Tensor x = TestTensors.gaussian(rnd, m, n);
        double[] d = x.doubles();
        for (int i = 0; i < d.length; i++) {
            if (Math.abs(d[i]) < 1e-2) {
                d[i] = d[i] < 0 ? -0.5 : 0.5; // keep eps away from the kink at 0
            }
        }
        checkModule(new ReLU(), kernels, x, rnd);
    }

    @ParameterizedTest(name = "{0} {1}x{2}x{3}")
    @MethodSource("cases")
    void sequentialOfFusedAndUnfusedLayers(Kernels kernels, int m, int k, int n) {
        Random rnd = new Random(m * 13L + k * 101L + n);
        NumpyRandom init = new NumpyRandom(k + n);
        Sequential net = new Sequential()
                .add(new Linear(k, n + 2, true, init)).add(new Sigmoid())
                .add(new Linear(n + 2, n, false, init)).add(new ReLU())
                .add(new Linear(n, 3, true, init));
        checkModule(net, kernels, TestTensors.gaussian(rnd, m, k), rnd);
    }

    @ParameterizedTest(name = "{0} {1}x{2}x{3}")
    @MethodSource("cases")
    void mseCriterion(Kernels kernels, int m, int k, int n) {
        Random rnd = new Random(m * 7L + n);
        Tensor x = TestTensors.gaussian(rnd, m, n);
        Tensor t = TestTensors.gaussian(rnd, m, n);
        GradientChecker.checkCriterion(new MSECriterion(), x, t);
    }

    private static void checkModule(Module module, Kernels kernels, Tensor x, Random rnd) {
        GradientChecker.checkModule(module, kernels, x, rnd);
    }
}
