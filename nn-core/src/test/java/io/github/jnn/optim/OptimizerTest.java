package io.github.jnn.optim;

import io.github.jnn.tensor.TestTensors;
import io.github.jnn.kernels.Kernels;
import io.github.jnn.nn.Linear;
import io.github.jnn.nn.MSECriterion;
import io.github.jnn.optim.Adam;
import io.github.jnn.optim.LearningRateSchedule;
import io.github.jnn.optim.Optimizer;
import io.github.jnn.optim.SGD;
import io.github.jnn.optim.StepDecay;
import io.github.jnn.random.NumpyRandom;
import io.github.jnn.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Random;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Optimizers against hand-computed steps, and on a convex problem with a known optimum. */
class OptimizerTest {

    private static Linear layer(Kernels k, double... w) {
        Linear l = new Linear(w.length, 1, new NumpyRandom(0));
        l.weight().copyFrom(Tensor.of(new double[][] {w}));
        l.setKernels(k);
        return l;
    }

    @ParameterizedTest
    @MethodSource("io.github.jnn.kernels.KernelSets#all")
    void sgdMomentumFollowsTheCourseFormula(Kernels k) {
        Linear l = layer(k, 1, -2);
        SGD sgd = new SGD(l, 0.1, 0.9);
        double[][] expected = {{0.95, -2.025}, {0.855, -2.0725}, {0.7195, -2.14025}};
        for (double[] w : expected) {
            l.gradWeight().copyFrom(Tensor.of(new double[][] {{0.5, 0.25}}));
            sgd.step();
            assertArrayEquals(w, l.weight().doubles(), 1e-15);
        }
    }

    @ParameterizedTest
    @MethodSource("io.github.jnn.kernels.KernelSets#all")
    void sgdWeightDecayAddsTheL2Gradient(Kernels k) {
        Linear l = layer(k, 1, -2);
        SGD sgd = new SGD(l, 0.1, 0.9, 0.1);
        l.gradWeight().copyFrom(Tensor.of(new double[][] {{0.5, 0.25}}));
        sgd.step(); // d = g + 0.1 w = [0.6, 0.05]; v = 0.1 d
        assertArrayEquals(new double[] {0.94, -2.005}, l.weight().doubles(), 1e-15);
    }

    @ParameterizedTest
    @MethodSource("io.github.jnn.kernels.KernelSets#all")
    void adamOnAKnownQuadratic(Kernels k) {
        // f(w) = (w - 3)^2 / 2, w0 = 0, lr 0.1; expected values computed with NumPy from the same formula.
        Linear l = layer(k, 0.0);
        Adam adam = new Adam(l, 0.1);
        double[] expected = {0.09999998945907558, 0.19989727481961933, 0.2996184527059369};
        for (double w : expected) {
            l.gradWeight().doubles()[0] = l.weight().doubles()[0] - 3;
            adam.step();
            assertEquals(w, l.weight().doubles()[0], 1e-15);
        }
        assertEquals(3, adam.steps());
    }

    @ParameterizedTest
    @MethodSource("io.github.jnn.kernels.KernelSets#all")
    void bothDriveLeastSquaresToItsOptimum(Kernels k) {
        assertReachesOptimum(k, l -> new SGD(l, 0.05, 0.9), 300);
        assertReachesOptimum(k, l -> new Adam(l, 0.05), 1500);
    }

    /** y = X·w* + b* exactly, so MSE's optimum is w*, b* with zero loss. */
    private static void assertReachesOptimum(Kernels k, Function<Linear, Optimizer> make, int steps) {
        Random rnd = new Random(5);
        double[] wStar = {1.5, -2.0, 0.5, 3.0, -1.0};
        double bStar = 0.7;
        Tensor x = TestTensors.gaussian(rnd, 64, wStar.length);
        Tensor y = Tensor.zeros(64, 1);
        for (int i = 0; i < 64; i++) {
            double s = bStar;
            for (int j = 0; j < wStar.length; j++) {
                s += x.get(i, j) * wStar[j];
            }
            y.set(i, 0, s);
        }
        Linear l = new Linear(wStar.length, 1, true, new NumpyRandom(3));
        l.setKernels(k);
        Optimizer opt = make.apply(l);
        MSECriterion mse = new MSECriterion();
        for (int s = 0; s < steps; s++) {
            l.zeroGradParameters();
            Tensor out = l.forward(x);
            mse.forward(out, y);
            l.backward(x, mse.backward(out, y));
            opt.step();
        }
        assertArrayEquals(wStar, l.weight().doubles(), 1e-4, opt.toString());
        assertEquals(bStar, l.bias().doubles()[0], 1e-4, opt.toString());
        assertTrue(mse.forward(l.forward(x), y) < 1e-8, opt + " final loss");
    }

    @Test
    void stepDecaySchedule() {
        StepDecay decay = new StepDecay(3, 0.5);
        assertEquals(0.1, decay.rate(0, 0.1));
        assertEquals(0.1, decay.rate(2, 0.1));
        assertEquals(0.05, decay.rate(3, 0.1));
        assertEquals(0.025, decay.rate(7, 0.1));
        SGD sgd = new SGD(new Linear(2, 1, new NumpyRandom(0)), 0.1, 0.0);
        decay.apply(sgd, 6, 0.1);
        assertEquals(0.025, sgd.learningRate());
        assertEquals(0.1, LearningRateSchedule.constant().rate(100, 0.1));
    }

    @Test
    void invalidSettingsAreRejected() {
        Linear l = new Linear(2, 1, new NumpyRandom(0));
        assertEquals("SGD: momentum must be in [0, 1), got 1.0",
                assertThrows(IllegalArgumentException.class, () -> new SGD(l, 0.1, 1.0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SGD(l, -0.1, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new Adam(l, 0.1, 1.0, 0.999, 1e-8));
        assertThrows(IllegalArgumentException.class, () -> new StepDecay(0, 0.5));
    }
}
