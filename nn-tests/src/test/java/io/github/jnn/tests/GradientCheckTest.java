package io.github.jnn.tests;

import io.github.jnn.kernels.Kernels;
import io.github.jnn.nn.Criterion;
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

import java.util.List;
import java.util.Random;
import java.util.function.DoubleSupplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Central-difference checks of every module's and criterion's backward, w.r.t. inputs and parameters, with
 * {@code eps = 1e-6} and a norm-wise relative error of at most 1e-6. A module's loss is
 * {@code L = Σ output ⊙ R} for a fixed random R, so {@code dL/dOutput = R} exercises every output element.
 * Shapes include 1 and sizes that are not a multiple of the vector length (8 doubles with AVX-512).
 */
class GradientCheckTest {
    private static final double EPS = 1e-6;
    private static final double TOLERANCE = 1e-6;

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
        checkModule(new Linear(k, n, new NumpyRandom(m + k + n)), kernels, Numerics.gaussian(rnd, m, k), rnd);
    }

    @ParameterizedTest(name = "{0} {1}x{2}x{3}")
    @MethodSource("cases")
    void linearWithBias(Kernels kernels, int m, int k, int n) {
        Random rnd = new Random(17L * m + 5L * k + n);
        checkModule(new Linear(k, n, true, new NumpyRandom(m * k * n)), kernels, Numerics.gaussian(rnd, m, k), rnd);
    }

    @ParameterizedTest(name = "{0} {1}x{2}x{3}")
    @MethodSource("cases")
    void sigmoid(Kernels kernels, int m, int k, int n) {
        Random rnd = new Random(m + 100L * k);
        Tensor x = Numerics.gaussian(rnd, m, k);
        for (int i = 0; i < x.size(); i++) {
            x.doubles()[i] *= 4; // reach the flat tails too
        }
        checkModule(new Sigmoid(), kernels, x, rnd);
    }

    @ParameterizedTest(name = "{0} {1}x{2}x{3}")
    @MethodSource("cases")
    void relu(Kernels kernels, int m, int k, int n) {
        Random rnd = new Random(m + 1000L * n);
        Tensor x = Numerics.gaussian(rnd, m, n);
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
        checkModule(net, kernels, Numerics.gaussian(rnd, m, k), rnd);
    }

    @ParameterizedTest(name = "{0} {1}x{2}x{3}")
    @MethodSource("cases")
    void mseCriterion(Kernels kernels, int m, int k, int n) {
        Random rnd = new Random(m * 7L + n);
        Tensor x = Numerics.gaussian(rnd, m, n);
        Tensor t = Numerics.gaussian(rnd, m, n);
        Criterion mse = new MSECriterion();
        double[] analytic = mse.backward(x, t).doubles().clone();
        double[] numeric = numericGradient(() -> mse.forward(x, t), x.doubles());
        assertClose("MSECriterion input", analytic, numeric);
    }

    /** Checks dL/dInput and dL/dParameters of {@code module} at {@code x} against central differences. */
    private static void checkModule(Module module, Kernels kernels, Tensor x, Random rnd) {
        module.setKernels(kernels);
        Tensor out = module.forward(x);
        Tensor r = Numerics.gaussian(rnd, out.dim(0), out.dim(1));
        DoubleSupplier loss = () -> dot(module.forward(x).doubles(), r.doubles());

        module.zeroGradParameters();
        module.forward(x);
        double[] gradInput = module.backward(x, r).doubles().clone();
        List<Tensor> params = module.getParameters();
        List<Tensor> grads = module.getGradParameters();
        double[][] gradParams = new double[grads.size()][];
        for (int i = 0; i < grads.size(); i++) {
            gradParams[i] = grads.get(i).doubles().clone();
        }

        assertClose(module + " input", gradInput, numericGradient(loss, x.doubles()));
        for (int i = 0; i < params.size(); i++) {
            assertClose(module + " parameter " + i, gradParams[i], numericGradient(loss, params.get(i).doubles()));
        }
    }

    private static double[] numericGradient(DoubleSupplier loss, double[] values) {
        double[] grad = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            double saved = values[i];
            values[i] = saved + EPS;
            double plus = loss.getAsDouble();
            values[i] = saved - EPS;
            double minus = loss.getAsDouble();
            values[i] = saved;
            grad[i] = (plus - minus) / (2 * EPS);
        }
        return grad;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static void assertClose(String what, double[] analytic, double[] numeric) {
        double diff = 0;
        double scale = 1e-12;
        for (int i = 0; i < analytic.length; i++) {
            diff = Math.max(diff, Math.abs(analytic[i] - numeric[i]));
            scale = Math.max(scale, Math.max(Math.abs(analytic[i]), Math.abs(numeric[i])));
        }
        double err = diff / scale;
        assertTrue(err <= TOLERANCE, what + ": relative error " + err + " > " + TOLERANCE);
    }
}
