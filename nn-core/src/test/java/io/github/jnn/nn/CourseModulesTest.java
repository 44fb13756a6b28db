package io.github.jnn.nn;

import io.github.jnn.tensor.TestTensors;
import io.github.jnn.kernels.Kernels;
import io.github.jnn.nn.BatchNormalization;
import io.github.jnn.nn.ClassNLLCriterion;
import io.github.jnn.nn.ClassNLLCriterionUnstable;
import io.github.jnn.nn.Dropout;
import io.github.jnn.nn.ELU;
import io.github.jnn.nn.LeakyReLU;
import io.github.jnn.nn.Linear;
import io.github.jnn.nn.LogSoftMax;
import io.github.jnn.nn.Sequential;
import io.github.jnn.nn.SoftMax;
import io.github.jnn.nn.SoftPlus;
import io.github.jnn.nn.Tanh;
import io.github.jnn.random.NumpyRandom;
import io.github.jnn.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Values, modes and errors of the course's further modules and criteria. */
class CourseModulesTest {

    @ParameterizedTest
    @MethodSource("io.github.jnn.kernels.KernelSets#all")
    void softMaxRowsSumToOneAndLogSoftMaxIsItsLog(Kernels k) {
        Tensor x = TestTensors.gaussian(new Random(1), 13, 37);
        for (int i = 0; i < x.size(); i++) {
            x.doubles()[i] *= 20;
        }
        Tensor p = new SoftMax().setKernels(k).forward(x);
        Tensor lp = new LogSoftMax().setKernels(k).forward(x);
        for (int i = 0; i < 13; i++) {
            double sum = 0;
            for (int j = 0; j < 37; j++) {
                sum += p.get(i, j);
                assertEquals(Math.log(p.get(i, j)), lp.get(i, j), 1e-12 * Math.max(1, Math.abs(lp.get(i, j))));
            }
            assertEquals(1.0, sum, 1e-12);
        }
    }

    @ParameterizedTest
    @MethodSource("io.github.jnn.kernels.KernelSets#all")
    void extremeInputsGiveFiniteOutputs(Kernels k) {
        double[] row = {1000, -1000, 0, 999, -999, 500, -500, 1, 2, 3, 1000};
        Tensor x = Tensor.wrap(row.clone(), 1, row.length);
        Tensor p = new SoftMax().setKernels(k).forward(x);
        Tensor lp = new LogSoftMax().setKernels(k).forward(x);
        for (int j = 0; j < row.length; j++) {
            assertTrue(Double.isFinite(p.get(0, j)), "softmax " + j);
            assertTrue(Double.isFinite(lp.get(0, j)), "log-softmax " + j);
        }
        assertEquals(1 / (2 + Math.exp(-1)), p.get(0, 0), 1e-12, "two equal maxima and one 1 below");
        assertEquals(-2000 - Math.log(2 + Math.exp(-1)), lp.get(0, 1), 1e-9);
        Tensor sp = new SoftPlus().setKernels(k).forward(x);
        assertEquals(1000.0, sp.get(0, 0));
        assertEquals(0.0, sp.get(0, 1));
        Tensor th = new Tanh().setKernels(k).forward(x);
        assertEquals(1.0, th.get(0, 0));
        Tensor e = new ELU().setKernels(k).forward(x);
        assertEquals(-1.0, e.get(0, 1));
    }

    @ParameterizedTest
    @MethodSource("io.github.jnn.kernels.KernelSets#all")
    void activationValues(Kernels k) {
        Tensor x = Tensor.of(new double[][] {{-2, -0.5, 0, 0.5, 2, -1, 1, 3, -3}});
        assertArrayEquals(new double[] {-0.06, -0.015, 0, 0.5, 2, -0.03, 1, 3, -0.09},
                new LeakyReLU().setKernels(k).forward(x).doubles(), 1e-15);
        double[] elu = new ELU(2.0).setKernels(k).forward(x).doubles();
        assertEquals(2 * Math.expm1(-2), elu[0], 1e-15);
        assertEquals(0.5, elu[3]);
        assertEquals(Math.log1p(Math.exp(0.5)), new SoftPlus().setKernels(k).forward(x).doubles()[3], 1e-15);
        assertEquals(Math.tanh(-0.5), new Tanh().setKernels(k).forward(x).doubles()[1], 1e-15);
    }

    @Test
    void dropoutIsInvertedSeededAndIdentityInEvaluation() {
        Tensor x = Tensor.zeros(100, 50).fill(1.0);
        Dropout a = new Dropout(0.3, new NumpyRandom(7));
        Dropout b = new Dropout(0.3, new NumpyRandom(7));
        double[] ya = a.forward(x).doubles();
        assertArrayEquals(ya, b.forward(x).doubles(), 0.0, "same seed, same mask");
        int kept = 0;
        for (double v : ya) {
            assertTrue(v == 0.0 || Math.abs(v - 1 / 0.7) < 1e-15, "0 or 1/(1-p), got " + v);
            kept += v == 0.0 ? 0 : 1;
        }
        assertEquals(0.7, kept / 5000.0, 0.03);
        assertNotEquals(0.0, ya[0] + ya[1] + ya[2] + ya[3]);
        a.evaluate();
        assertArrayEquals(x.doubles(), a.forward(x).doubles(), 0.0);
        assertThrows(IllegalArgumentException.class, () -> new Dropout(1.0));
    }

    @Test
    void batchNormalizationNormalisesAndTracksMovingStatistics() {
        Tensor x = Tensor.of(new double[][] {{1, 10}, {3, 10}, {5, 16}});
        BatchNormalization bn = new BatchNormalization(0.9);
        Tensor y = bn.forward(x);
        double var0 = 8.0 / 3; // biased variance of 1, 3, 5
        assertEquals((1 - 3) / Math.sqrt(var0 + 1e-3), y.get(0, 0), 1e-12);
        assertArrayEquals(new double[] {0.1 * 3, 0.1 * 12}, bn.movingMean(), 1e-12);
        assertArrayEquals(new double[] {0.9 + 0.1 * var0, 0.9 + 0.1 * 8}, bn.movingVariance(), 1e-12);
        bn.evaluate();
        Tensor e = bn.forward(x);
        assertEquals((1 - 0.3) / Math.sqrt(0.9 + 0.1 * var0 + 1e-3), e.get(0, 0), 1e-12);
        assertArrayEquals(new double[] {0.3, 1.2}, bn.movingMean(), 1e-12, "evaluation leaves them alone");
        IllegalArgumentException err = assertThrows(IllegalArgumentException.class,
                () -> bn.forward(Tensor.zeros(3, 3)));
        assertEquals("BatchNormalization(alpha=0.9): input shape [3, 3] does not match the expected [N, 2] of "
                + "earlier batches", err.getMessage());
    }

    @Test
    void trainAndEvaluateReachDropoutAndBatchNormInsideSequential() {
        Dropout d = new Dropout(0.5, new NumpyRandom(0));
        BatchNormalization bn = new BatchNormalization(0.9);
        Sequential s = new Sequential(new Linear(3, 3, new NumpyRandom(0)), bn, d);
        s.evaluate();
        assertFalse(d.isTraining());
        assertFalse(bn.isTraining());
        Tensor x = Tensor.of(new double[][] {{1, 2, 3}});
        assertArrayEquals(s.get(1).forward(s.get(0).forward(x)).doubles(), s.forward(x).doubles(), 0.0);
        s.train();
        assertTrue(d.isTraining() && bn.isTraining());
    }

    @Test
    void classNllValuesAndTargetErrors() {
        Tensor logProbs = Tensor.of(new double[][] {{Math.log(0.2), Math.log(0.8)}, {Math.log(0.6), Math.log(0.4)}});
        ClassNLLCriterion nll = new ClassNLLCriterion();
        assertEquals(-(Math.log(0.8) + Math.log(0.6)) / 2, nll.forward(logProbs, Tensor.vector(1, 0)), 1e-15);
        assertArrayEquals(new double[] {0, -0.5, -0.5, 0}, nll.backward(logProbs, Tensor.vector(1, 0)).doubles());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> nll.forward(logProbs, Tensor.vector(1, 2)));
        assertEquals("ClassNLLCriterion: target[1] = 2.0 is not a class index in [0, 2)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> nll.forward(logProbs, Tensor.vector(0.5, 1)));
        assertEquals("ClassNLLCriterion: target[0] = 0.5 is not a class index in [0, 2)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> nll.forward(logProbs, Tensor.of(new double[][] {{0, 1}, {1, 1}})));
        assertEquals("ClassNLLCriterion: target row 1 is not one-hot: [1.0, 1.0]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> nll.forward(logProbs, Tensor.zeros(3)));
        assertEquals("ClassNLLCriterion: target shape [3] fits neither one-hot rows [2, 2] nor class indices [2]",
                e.getMessage());
    }

    @Test
    void unstableNllClipsProbabilities() {
        Tensor p = Tensor.of(new double[][] {{0.0, 1.0}});
        ClassNLLCriterionUnstable nll = new ClassNLLCriterionUnstable();
        assertEquals(-Math.log(1e-15), nll.forward(p, Tensor.vector(0)), 1e-9);
        assertTrue(Double.isFinite(nll.backward(p, Tensor.vector(0)).get(0, 0)));
        assertEquals(-Math.log(1 - 1e-15), nll.forward(p, Tensor.vector(1)), 1e-20);
    }

    @Test
    void toStrings() {
        assertEquals("LeakyReLU(0.03)", new LeakyReLU().toString());
        assertEquals("ELU(1.0)", new ELU().toString());
        assertEquals("Dropout(0.5)", new Dropout(0.5).toString());
        assertEquals("BatchNormalization(alpha=0.9)", new BatchNormalization(0.9).toString());
    }
}
