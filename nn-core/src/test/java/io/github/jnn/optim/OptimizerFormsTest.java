package io.github.jnn.optim;

import io.github.jnn.kernels.Kernels;
import io.github.jnn.nn.Linear;
import io.github.jnn.nn.Parameter;
import io.github.jnn.random.NumpyRandom;
import io.github.jnn.tensor.DType;
import io.github.jnn.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PyTorch's optimizer forms beside the course's, against steps worked out by hand (the arithmetic below
 * repeats torch.optim's documented update rules, not the kernels'), with a learning rate that changes at
 * step 3: the course's and PyTorch's SGD agree until then and differ after. Both kernel sets, both dtypes.
 */
class OptimizerFormsTest {
    private static final double[] W0 = {1.0, -2.0};
    private static final double[] G = {0.5, 0.25};
    private static final double[] LR = {0.1, 0.1, 0.01, 0.01, 0.01};

    static Stream<Arguments> cases() {
        return io.github.jnn.kernels.KernelSets.all()
                .flatMap(k -> Stream.of(DType.FLOAT64, DType.FLOAT32).map(d -> Arguments.of(k, d)));
    }

    private static Linear layer(Kernels k, DType dtype) {
        Linear l = new Linear(2, 1, new NumpyRandom(0));
        l.weight().copyFrom(Tensor.of(new double[][] {W0}));
        l.setKernels(k).to(dtype);
        return l;
    }

    /** Runs {@code LR.length} steps with gradient {@code g(w)} and returns w after each. */
    private static double[][] run(Linear l, Optimizer opt, boolean gradFromWeights) {
        double[][] out = new double[LR.length][];
        for (int s = 0; s < LR.length; s++) {
            for (int j = 0; j < 2; j++) {
                double w = l.weight().getFlat(j);
                l.gradWeight().setFlat(j, gradFromWeights ? w - 3 : G[j]);
            }
            opt.setLearningRate(LR[s]);
            opt.step();
            out[s] = l.weight().toDoubleArray();
        }
        return out;
    }

    private static void assertSteps(double[][] want, double[][] got, DType dtype, String what) {
        double tol = dtype == DType.FLOAT64 ? 1e-15 : 2e-6;
        for (int s = 0; s < want.length; s++) {
            for (int j = 0; j < 2; j++) {
                assertEquals(want[s][j], got[s][j], tol * Math.max(1, Math.abs(want[s][j])),
                        what + " step " + (s + 1) + " weight " + j);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void sgdFormsAgreeUntilTheLearningRateChanges(Kernels k, DType dtype) {
        double m = 0.9;
        double wd = 0.05;
        double[][] course = new double[LR.length][2];
        double[][] torch = new double[LR.length][2];
        double[][] nesterov = new double[LR.length][2];
        double[] wc = W0.clone(), wt = W0.clone(), wn = W0.clone();
        double[] vc = new double[2], vt = new double[2], vn = new double[2];
        for (int s = 0; s < LR.length; s++) {
            for (int j = 0; j < 2; j++) {
                double dc = G[j] + wd * wc[j];
                vc[j] = m * vc[j] + LR[s] * dc;
                wc[j] -= vc[j];
                double dt = G[j] + wd * wt[j];
                vt[j] = m * vt[j] + dt;
                wt[j] -= LR[s] * vt[j];
                double dn = G[j] + wd * wn[j];
                vn[j] = m * vn[j] + dn;
                wn[j] -= LR[s] * (dn + m * vn[j]);
            }
            course[s] = wc.clone();
            torch[s] = wt.clone();
            nesterov[s] = wn.clone();
        }
        Linear a = layer(k, dtype);
        assertSteps(course, run(a, new SGD(a, 0.1, m, wd), false), dtype, "course SGD");
        Linear b = layer(k, dtype);
        assertSteps(torch, run(b, new SGD(b, 0.1, m, wd, SGD.Form.PYTORCH), false), dtype, "PyTorch SGD");
        Linear c = layer(k, dtype);
        assertSteps(nesterov, run(c, new SGD(c, 0.1, m, wd, SGD.Form.NESTEROV), false), dtype, "Nesterov SGD");
        assertEquals(course[1][0], torch[1][0], 1e-15, "same while lr is constant");
        assertTrue(Math.abs(course[2][0] - torch[2][0]) > 1e-3, "the course's velocity keeps the old rate");
    }

    @ParameterizedTest
    @MethodSource("cases")
    void adamFormsAndAdamW(Kernels k, DType dtype) {
        double b1 = 0.9, b2 = 0.999, eps = 1e-3; // a large ε makes its placement visible
        double wd = 0.1;
        double[][] course = new double[LR.length][2];
        double[][] torch = new double[LR.length][2];
        double[][] adamw = new double[LR.length][2];
        double[] wc = W0.clone(), wt = W0.clone(), ww = W0.clone();
        double[] mc = new double[2], vc = new double[2], mt = new double[2], vt = new double[2];
        double[] mw = new double[2], vw = new double[2];
        for (int s = 0; s < LR.length; s++) {
            int t = s + 1;
            double bc1 = 1 - Math.pow(b1, t), bc2 = 1 - Math.pow(b2, t);
            for (int j = 0; j < 2; j++) {
                double g = wc[j] - 3;
                mc[j] = b1 * mc[j] + (1 - b1) * g;
                vc[j] = b2 * vc[j] + (1 - b2) * g * g;
                wc[j] -= LR[s] * Math.sqrt(bc2) / bc1 * mc[j] / (Math.sqrt(vc[j]) + eps);
                double gt = wt[j] - 3 + wd * wt[j];                       // torch.optim.Adam: L2 in the gradient
                mt[j] = b1 * mt[j] + (1 - b1) * gt;
                vt[j] = b2 * vt[j] + (1 - b2) * gt * gt;
                wt[j] -= LR[s] / bc1 * mt[j] / (Math.sqrt(vt[j]) / Math.sqrt(bc2) + eps);
                double gw = ww[j] - 3;                                     // AdamW: gradient at the old w ...
                ww[j] *= 1 - LR[s] * wd;                                   // ... decoupled decay ...
                mw[j] = b1 * mw[j] + (1 - b1) * gw;
                vw[j] = b2 * vw[j] + (1 - b2) * gw * gw;
                ww[j] -= LR[s] / bc1 * mw[j] / (Math.sqrt(vw[j]) / Math.sqrt(bc2) + eps);
            }
            course[s] = wc.clone();
            torch[s] = wt.clone();
            adamw[s] = ww.clone();
        }
        Linear a = layer(k, dtype);
        assertSteps(course, run(a, new Adam(a, 0.1, b1, b2, eps), true), dtype, "course Adam");
        Linear b = layer(k, dtype);
        assertSteps(torch, run(b, new Adam(b, 0.1, b1, b2, eps, wd, Adam.Form.PYTORCH), true), dtype,
                "PyTorch Adam");
        Linear c = layer(k, dtype);
        assertSteps(adamw, run(c, new AdamW(c, 0.1, b1, b2, eps, wd), true), dtype, "AdamW");
        assertTrue(Math.abs(course[4][0] - torch[4][0]) > 1e-4, "ε placement differs");
    }

    @ParameterizedTest
    @MethodSource("cases")
    void optimizersOverAnExplicitParameterList(Kernels k, DType dtype) {
        Linear l = layer(k, dtype);
        List<Parameter> ps = l.parameters();
        assertEquals(List.of("weight"), ps.stream().map(Parameter::name).toList());
        SGD sgd = new SGD(ps, 0.1, 0.0, 0.0, SGD.Form.PYTORCH);
        sgd.setKernels(k);
        l.gradWeight().setFlat(0, 1.0);
        sgd.step();
        assertEquals(0.9, l.weight().getFlat(0), 1e-7);
        assertEquals(-2.0, l.weight().getFlat(1), 0);
        assertEquals(l.gradWeight(), l.namedGradParameters().get("weight"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void invalidFormsAreRejected(Kernels k, DType dtype) {
        Linear l = layer(k, dtype);
        assertThrows(IllegalArgumentException.class, () -> new SGD(l, 0.1, 0.0, 0.0, SGD.Form.NESTEROV));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Adam(l, 0.1, 0.9, 0.999, 1e-8, 0.1, Adam.Form.COURSE));
        assertTrue(e.getMessage().contains("Form.PYTORCH"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SGD(l, 0.1, 0.9, 0.0, null));
    }
}
