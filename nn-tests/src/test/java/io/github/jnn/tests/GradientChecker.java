package io.github.jnn.tests;

import io.github.jnn.tensor.TestTensors;
import io.github.jnn.kernels.Kernels;
import io.github.jnn.nn.Criterion;
import io.github.jnn.nn.Module;
import io.github.jnn.tensor.Tensor;

import java.util.List;
import java.util.Random;
import java.util.function.DoubleSupplier;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Central differences ({@code eps = 1e-6}) against a module's or criterion's backward, w.r.t. the input and
 * every parameter, with a norm-wise relative error of at most 1e-6. A module's loss is
 * {@code L = Σ output ⊙ R} for a fixed random R, so {@code dL/dOutput = R} reaches every output element.
 */
public final class GradientChecker {
    public static final double EPS = 1e-6;
    public static final double TOLERANCE = 1e-6;

    private GradientChecker() {
    }

    /** Checks {@code module} at {@code x}; {@code beforeForward} runs before every forward (e.g. a reseed). */
    public static void checkModule(Module module, Kernels kernels, Tensor x, Random rnd, Runnable beforeForward) {
        module.setKernels(kernels);
        beforeForward.run();
        Tensor out = module.forward(x);
        // the same draws as a [rows, cols] tensor; shaped as the output, whatever its rank
        Tensor r = Tensor.wrap(TestTensors.gaussian(rnd, 1, out.size()).doubles(), out.shape());
        DoubleSupplier loss = () -> {
            beforeForward.run();
            return dot(module.forward(x).doubles(), r.doubles());
        };

        module.zeroGradParameters();
        beforeForward.run();
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

    public static void checkModule(Module module, Kernels kernels, Tensor x, Random rnd) {
        checkModule(module, kernels, x, rnd, () -> { });
    }

    /** Checks a criterion's gradient w.r.t. its input. */
    public static void checkCriterion(Criterion criterion, Tensor x, Tensor target) {
        double[] analytic = criterion.backward(x, target).doubles().clone();
        double[] numeric = numericGradient(() -> criterion.forward(x, target), x.doubles());
        assertClose(criterion + " input", analytic, numeric);
    }

    public static double[] numericGradient(DoubleSupplier loss, double[] values) {
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

    public static void assertClose(String what, double[] analytic, double[] numeric) {
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
