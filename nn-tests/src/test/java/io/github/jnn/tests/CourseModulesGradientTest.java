package io.github.jnn.tests;

import io.github.jnn.tensor.TestTensors;
import io.github.jnn.kernels.KernelSets;
import io.github.jnn.kernels.Kernels;
import io.github.jnn.nn.BatchNormalization;
import io.github.jnn.nn.ChannelwiseScaling;
import io.github.jnn.nn.ClassNLLCriterion;
import io.github.jnn.nn.ClassNLLCriterionUnstable;
import io.github.jnn.nn.Dropout;
import io.github.jnn.nn.ELU;
import io.github.jnn.nn.LeakyReLU;
import io.github.jnn.nn.LogSoftMax;
import io.github.jnn.nn.SoftMax;
import io.github.jnn.nn.SoftPlus;
import io.github.jnn.nn.Tanh;
import io.github.jnn.random.NumpyRandom;
import io.github.jnn.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Random;
import java.util.stream.Stream;

import static io.github.jnn.tests.GradientChecker.checkCriterion;
import static io.github.jnn.tests.GradientChecker.checkModule;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Central-difference checks ({@link GradientChecker}) of the course's further modules and criteria, both
 * kernel sets, in training and evaluation mode where they differ. Shapes include a single row, a single
 * column and widths that are not a multiple of 8.
 */
class CourseModulesGradientTest {
    /** (batch, features) */
    private static final int[][] SHAPES = {{1, 1}, {1, 9}, {4, 1}, {3, 7}, {5, 8}, {6, 17}, {9, 33}};

    static Stream<Arguments> cases() {
        return KernelSets.all().flatMap(k -> Stream.of(SHAPES).map(s -> Arguments.of(k, s[0], s[1])));
    }

    private static Tensor input(long seed, int m, int n, double scale) {
        Tensor x = TestTensors.gaussian(new Random(seed), m, n);
        double[] d = x.doubles();
        for (int i = 0; i < d.length; i++) {
            d[i] *= scale;
            if (Math.abs(d[i]) < 1e-2) {
                d[i] = d[i] < 0 ? -0.3 : 0.3; // no central difference across a kink at 0
            }
        }
        return x;
    }

    @ParameterizedTest(name = "{0} {1}x{2}")
    @MethodSource("cases")
    void leakyRelu(Kernels k, int m, int n) {
        checkModule(new LeakyReLU(), k, input(m * 31L + n, m, n, 2), new Random(1));
        checkModule(new LeakyReLU(0.2), k, input(m * 37L + n, m, n, 2), new Random(2));
    }

    @ParameterizedTest(name = "{0} {1}x{2}")
    @MethodSource("cases")
    void elu(Kernels k, int m, int n) {
        checkModule(new ELU(), k, input(m * 41L + n, m, n, 2), new Random(3));
        checkModule(new ELU(0.5), k, input(m * 43L + n, m, n, 2), new Random(4));
    }

    @ParameterizedTest(name = "{0} {1}x{2}")
    @MethodSource("cases")
    void softPlusAndTanh(Kernels k, int m, int n) {
        checkModule(new SoftPlus(), k, input(m * 47L + n, m, n, 5), new Random(5));
        checkModule(new Tanh(), k, input(m * 53L + n, m, n, 2), new Random(6));
    }

    @ParameterizedTest(name = "{0} {1}x{2}")
    @MethodSource("cases")
    void softMaxAndLogSoftMax(Kernels k, int m, int n) {
        checkModule(new SoftMax(), k, input(m * 59L + n, m, n, 3), new Random(7));
        checkModule(new LogSoftMax(), k, input(m * 61L + n, m, n, 3), new Random(8));
    }

    @ParameterizedTest(name = "{0} {1}x{2}")
    @MethodSource("cases")
    void dropoutWithAFixedMaskAndInEvaluation(Kernels k, int m, int n) {
        NumpyRandom rng = new NumpyRandom(0);
        Dropout dropout = new Dropout(0.4, rng);
        // Re-seeding before every forward gives every forward of the check the same mask.
        checkModule(dropout, k, input(m * 67L + n, m, n, 1), new Random(9), () -> rng.seed(11));
        dropout.evaluate();
        checkModule(dropout, k, input(m * 71L + n, m, n, 1), new Random(10));
    }

    @ParameterizedTest(name = "{0} {1}x{2}")
    @MethodSource("cases")
    void batchNormalizationInTrainingAndEvaluation(Kernels k, int m, int n) {
        if (m > 1) { // the batch statistics of a single row are degenerate (variance 0)
            checkModule(new BatchNormalization(0.9), k, input(m * 73L + n, m, n, 2), new Random(11));
        }
        BatchNormalization bn = new BatchNormalization(0.5);
        bn.forward(input(5, 4, n, 3)); // some moving statistics to evaluate with
        bn.evaluate();
        checkModule(bn, k, input(m * 79L + n, m, n, 2), new Random(12));
    }

    @ParameterizedTest(name = "{0} {1}x{2}")
    @MethodSource("cases")
    void channelwiseScaling(Kernels k, int m, int n) {
        checkModule(new ChannelwiseScaling(n, new NumpyRandom(n)), k, input(m * 83L + n, m, n, 1), new Random(13));
    }

    @ParameterizedTest(name = "{0} {1}x{2}")
    @MethodSource("cases")
    void classNllWithOneHotAndIndexTargets(Kernels k, int m, int n) {
        Tensor logProbs = new LogSoftMax().setKernels(k).forward(input(m * 89L + n, m, n, 2)).copy();
        Tensor indices = Tensor.zeros(m);
        Tensor oneHot = Tensor.zeros(m, n);
        for (int i = 0; i < m; i++) {
            int c = (i * 7 + 3) % n;
            indices.doubles()[i] = c;
            oneHot.set(i, c, 1.0);
        }
        checkCriterion(new ClassNLLCriterion(), logProbs, indices);
        checkCriterion(new ClassNLLCriterion(), logProbs, oneHot);
        ClassNLLCriterion a = new ClassNLLCriterion();
        ClassNLLCriterion b = new ClassNLLCriterion();
        assertTrue(a.forward(logProbs, indices) == b.forward(logProbs, oneHot), "both target forms agree");
    }

    @ParameterizedTest(name = "{0} {1}x{2}")
    @MethodSource("cases")
    void classNllUnstableOnProbabilities(Kernels k, int m, int n) {
        // A single class has probability exactly 1, clipped to 1 - 1e-15: no derivative to check.
        assumeTrue(n > 1, "needs two classes or more");
        Tensor probs = new SoftMax().setKernels(k).forward(input(m * 97L + n, m, n, 1)).copy();
        Tensor indices = Tensor.zeros(m);
        for (int i = 0; i < m; i++) {
            indices.doubles()[i] = (i * 5 + 1) % n;
        }
        checkCriterion(new ClassNLLCriterionUnstable(), probs, indices);
    }
}
