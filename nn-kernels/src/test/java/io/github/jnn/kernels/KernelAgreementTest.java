package io.github.jnn.kernels;



import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;

import static io.github.jnn.kernels.TestArrays.gaussian;
import static io.github.jnn.kernels.TestArrays.normRelError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The vector kernels against the scalar oracle on random data of many shapes: 1×1 up to a few hundred, odd
 * sizes, and sizes past the vector kernels' cache blocks and both forward paths (dot tiles below 16 rows,
 * packed panels from 16 rows and 32 outputs, with row counts that leave a zero-padded last sliver). The
 * measure is norm-wise ({@link Numerics#normRelError}): the two sets add in different orders, so an element
 * that cancels to near zero can differ by more than 1e-12 of itself but never of the result's scale.
 */
class KernelAgreementTest {
    private static final double TOLERANCE = 1e-12;
    private static Kernels scalar;
    private static Kernels vector;

    /** (m, k, n) */
    private static final int[][] SHAPES = {
        {1, 1, 1}, {5, 4, 3}, {1, 8, 1}, {2, 9, 4}, {7, 15, 5}, {8, 16, 16}, {9, 17, 31}, {33, 64, 65},
        {64, 100, 10}, {65, 129, 7}, {130, 20, 70}, {3, 1030, 5}, {200, 300, 129}, {17, 600, 257}, {300, 31, 3},
        {170, 520, 260}, {12, 300, 70}, {15, 40, 33}, {6, 2100, 7},
        {95, 70, 40}, {191, 300, 90}, // m blocks whose last 8-row tiles run past them (12-row tiles first)
    };

    @BeforeAll
    static void kernels() {
        scalar = Kernels.scalar();
        vector = KernelSets.all().filter(k -> k != scalar).findFirst().orElseThrow();
    }

    static Stream<Arguments> shapes() {
        return Stream.of(SHAPES).flatMap(s -> Stream.of(Activation.values())
                .flatMap(a -> Stream.of(true, false).map(bias -> Arguments.of(s[0], s[1], s[2], a, bias))));
    }

    @ParameterizedTest(name = "{0}x{1}x{2} {3} bias={4}")
    @MethodSource("shapes")
    void linearForward(int m, int k, int n, Activation act, boolean withBias) {
        Random rnd = new Random(m * 1_000_003L + k * 1009L + n);
        double[] x = gaussian(rnd, m * k);
        double[] w = gaussian(rnd, n * k);
        double[] b = withBias ? gaussian(rnd, n) : null;
        double[][] outs = new double[2][m * n];
        double[][] pres = new double[2][m * n];
        Kernels[] sets = {scalar, vector};
        for (int s = 0; s < 2; s++) {
            sets[s].linearForward(x, w, b, pres[s], outs[s], m, k, n, act);
        }
        assertAgree("pre", pres[1], pres[0]);
        assertAgree("out", outs[1], outs[0]);

        // Without a pre buffer the result must be the same as with one.
        double[] outOnly = new double[m * n];
        vector.linearForward(x, w, b, null, outOnly, m, k, n, act);
        assertAgree("out without pre", outOnly, outs[0]);
    }

    @ParameterizedTest(name = "{0}x{1}x{2}")
    @MethodSource("gemmShapes")
    void backwardProducts(int m, int k, int n) {
        Random rnd = new Random(m * 7919L + k * 31L + n);
        double[] g = gaussian(rnd, m * n);
        double[] w = gaussian(rnd, n * k);
        double[] x = gaussian(rnd, m * k);
        double[] start = gaussian(rnd, n * k);
        double[] startB = gaussian(rnd, n);

        double[] gxS = new double[m * k];
        double[] gxV = new double[m * k];
        Arrays.fill(gxV, Double.NaN); // overwritten, not accumulated
        scalar.linearGradInput(g, w, gxS, m, k, n);
        vector.linearGradInput(g, w, gxV, m, k, n);
        assertAgree("gradX", gxV, gxS);

        double[] gwS = start.clone();
        double[] gwV = start.clone();
        scalar.linearAccGradWeight(g, x, gwS, m, k, n);
        vector.linearAccGradWeight(g, x, gwV, m, k, n);
        assertAgree("gradW", gwV, gwS);

        double[] owS = new double[n * k];
        double[] owV = new double[n * k];
        Arrays.fill(owV, Double.NaN); // overwritten, not accumulated
        scalar.linearGradWeight(g, x, owS, m, k, n);
        vector.linearGradWeight(g, x, owV, m, k, n);
        assertAgree("gradW overwritten", owV, owS);

        double[] gbS = startB.clone();
        double[] gbV = startB.clone();
        scalar.accColumnSums(g, gbS, m, n);
        vector.accColumnSums(g, gbV, m, n);
        assertAgree("gradB", gbV, gbS);
    }

    static Stream<Arguments> gemmShapes() {
        return Stream.concat(Stream.of(SHAPES), Stream.of(new int[][] {{300, 40, 33}, {2, 70, 600}}))
                .map(s -> Arguments.of(s[0], s[1], s[2]));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 8, 9, 15, 16, 17, 100, 1023, 4096})
    void elementwise(int len) {
        Random rnd = new Random(len);
        double[] x = gaussian(rnd, len);
        for (int i = 0; i < len; i++) {
            x[i] *= 10;
        }
        double[] g = gaussian(rnd, len);
        double[] a = new double[len];
        double[] b = new double[len];

        scalar.sigmoid(x, a, len);
        vector.sigmoid(x, b, len);
        assertAgree("sigmoid", b, a);
        double[] y = a.clone();
        scalar.sigmoidBackward(y, g, a, len);
        vector.sigmoidBackward(y, g, b, len);
        assertAgree("sigmoidBackward", b, a);

        scalar.relu(x, a, len);
        vector.relu(x, b, len);
        assertAgree("relu", b, a);
        y = a.clone();
        scalar.reluBackward(y, g, a, len);
        vector.reluBackward(y, g, b, len);
        assertAgree("reluBackward", b, a);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 8, 9, 17, 100, 1023})
    void courseActivationsAndUpdates(int len) {
        Random rnd = new Random(len + 77);
        double[] x = gaussian(rnd, len);
        for (int i = 0; i < len; i++) {
            x[i] *= 6;
        }
        double[] g = gaussian(rnd, len);
        double[][] r = new double[2][len];
        double[][] y = new double[2][len];
        Kernels[] sets = {scalar, vector};
        for (int s = 0; s < 2; s++) {
            sets[s].leakyRelu(x, r[s], len, 0.03);
        }
        assertAgree("leakyRelu", r[1], r[0]);
        for (int s = 0; s < 2; s++) {
            sets[s].leakyReluBackward(x, g, r[s], len, 0.03);
        }
        assertAgree("leakyReluBackward", r[1], r[0]);
        for (int s = 0; s < 2; s++) {
            sets[s].elu(x, y[s], len, 1.5);
        }
        assertAgree("elu", y[1], y[0]);
        for (int s = 0; s < 2; s++) {
            sets[s].eluBackward(x, y[0], g, r[s], len, 1.5);
        }
        assertAgree("eluBackward", r[1], r[0]);
        for (int s = 0; s < 2; s++) {
            sets[s].softplus(x, r[s], len);
        }
        assertAgree("softplus", r[1], r[0]);
        for (int s = 0; s < 2; s++) {
            sets[s].softplusBackward(x, g, r[s], len);
        }
        assertAgree("softplusBackward", r[1], r[0]);
        for (int s = 0; s < 2; s++) {
            sets[s].tanh(x, y[s], len);
        }
        assertAgree("tanh", y[1], y[0]);
        for (int s = 0; s < 2; s++) {
            sets[s].tanhBackward(y[0], g, r[s], len);
        }
        assertAgree("tanhBackward", r[1], r[0]);

        double[][] w = {x.clone(), x.clone()};
        double[][] v = {g.clone(), g.clone()};
        for (int s = 0; s < 2; s++) {
            sets[s].sgdStep(w[s], g, v[s], len, 0.1, 0.9, 0.01);
        }
        assertAgree("sgdStep w", w[1], w[0]);
        assertAgree("sgdStep v", v[1], v[0]);
        double[][] m = {g.clone(), g.clone()};
        double[][] sq = {new double[len], new double[len]};
        for (int s = 0; s < 2; s++) {
            sets[s].adamStep(w[s], x, m[s], sq[s], len, 0.01, 0.9, 0.999, 1e-8);
        }
        assertAgree("adamStep w", w[1], w[0]);
        assertAgree("adamStep m", m[1], m[0]);
        assertAgree("adamStep v", sq[1], sq[0]);
    }

    /**
     * PyTorch's SGD by vectors does each element's operations as the scalar loop does: the same bits, in both
     * precisions, plain and Nesterov, tails included.
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 8, 9, 15, 16, 17, 100, 1023})
    void pyTorchSgdGivesTheScalarBits(int len) {
        Random rnd = new Random(len + 5);
        double[] w0 = gaussian(rnd, len);
        double[] g = gaussian(rnd, len);
        double[] v0 = gaussian(rnd, len);
        float[] gf = Float32KernelTest.floats(g);
        for (boolean nesterov : new boolean[] {false, true}) {
            double[][] w = {w0.clone(), w0.clone()};
            double[][] v = {v0.clone(), v0.clone()};
            float[][] wf = {Float32KernelTest.floats(w0), Float32KernelTest.floats(w0)};
            float[][] vf = {Float32KernelTest.floats(v0), Float32KernelTest.floats(v0)};
            Kernels[] sets = {scalar, vector};
            for (int s = 0; s < 2; s++) {
                for (int step = 0; step < 2; step++) {
                    sets[s].sgdStepPyTorch(w[s], g, v[s], len, 0.1, 0.9, 0.01, nesterov);
                    sets[s].sgdStepPyTorch(wf[s], gf, vf[s], len, 0.1, 0.9, 0.01, nesterov);
                }
            }
            String form = nesterov ? "Nesterov" : "plain";
            assertTrue(Arrays.equals(w[1], w[0]), form + " float64 w");
            assertTrue(Arrays.equals(v[1], v[0]), form + " float64 velocity");
            assertTrue(Arrays.equals(wf[1], wf[0]), form + " float32 w");
            assertTrue(Arrays.equals(vf[1], vf[0]), form + " float32 velocity");
            if (len > 0) {
                assertTrue(w[1][0] != w0[0], "the step moved w");
            }
        }
    }

    /**
     * Updates long enough to be split over 2 threads (32 flops a value) give the bits of 1 thread, in both
     * precisions; PyTorch's SGD split so still gives the scalar loop's bits.
     */
    @Test
    void updatesOnTwoThreadsGiveTheBitsOfOne() {
        int saved = KernelThreads.get();
        try {
            int len = 600_001;
            Random rnd = new Random(3);
            double[] w0 = gaussian(rnd, len);
            double[] g = gaussian(rnd, len);
            float[] gf = Float32KernelTest.floats(g);
            Kernels[] sets = {scalar, vector, vector};
            double[][] w = new double[3][];
            float[][] wf = new float[3][];
            for (int run = 0; run < 3; run++) { // scalar, vector on 1 thread, vector on 2
                KernelThreads.set(run == 2 ? 2 : 1);
                w[run] = w0.clone();
                wf[run] = Float32KernelTest.floats(w0);
                double[] velocity = new double[len];
                float[] velocityF = new float[len];
                for (int step = 0; step < 2; step++) { // plain, then Nesterov
                    sets[run].sgdStepPyTorch(w[run], g, velocity, len, 0.1, 0.9, 0.01, step == 1);
                    sets[run].sgdStepPyTorch(wf[run], gf, velocityF, len, 0.1, 0.9, 0.01, step == 1);
                }
                if (run == 0) { // the scalar run: PyTorch's SGD only
                    continue;
                }
                assertTrue(Arrays.equals(w[run], w[0]), "PyTorch's SGD, float64, run " + run);
                assertTrue(Arrays.equals(wf[run], wf[0]), "PyTorch's SGD, float32, run " + run);
                double[] courseVelocity = new double[len];
                double[] m = new double[len];
                double[] sq = new double[len];
                float[] courseVelocityF = new float[len];
                float[] mf = new float[len];
                float[] sqf = new float[len];
                for (int step = 0; step < 2; step++) {
                    sets[run].sgdStep(w[run], g, courseVelocity, len, 0.1, 0.9, 0.01);
                    sets[run].adamStep(w[run], g, m, sq, len, 0.01, 0.9, 0.999, 1e-8);
                    sets[run].sgdStep(wf[run], gf, courseVelocityF, len, 0.1, 0.9, 0.01);
                    sets[run].adamStep(wf[run], gf, mf, sqf, len, 0.01, 0.9, 0.999, 1e-8);
                }
            }
            assertTrue(Arrays.equals(w[2], w[1]), "float64: 2 threads against 1");
            assertTrue(Arrays.equals(wf[2], wf[1]), "float32: 2 threads against 1");
        } finally {
            KernelThreads.set(saved);
        }
    }

    /**
     * {@code zero} clears exactly {@code [0, len)} in both sets and precisions, on 1 and 2 threads (600,001
     * values are split, as the updates are), and names itself when its arguments are wrong.
     */
    @Test
    void zeroClearsTheFirstLenValues() {
        int saved = KernelThreads.get();
        try {
            for (int threads : new int[] {1, 2}) {
                KernelThreads.set(threads);
                for (Kernels set : new Kernels[] {scalar, vector}) {
                    for (int len : new int[] {0, 1, 17, 600_001}) {
                        double[] a = gaussian(new Random(len), len + 3);
                        float[] f = Float32KernelTest.floats(a);
                        double[] before = a.clone();
                        set.zero(a, len);
                        set.zero(f, len);
                        String what = set + ", " + threads + " thread(s), len " + len;
                        for (int i = 0; i < len; i++) {
                            if (a[i] != 0 || f[i] != 0) {
                                fail(what + ": value " + i + " not cleared");
                            }
                        }
                        for (int i = len; i < len + 3; i++) {
                            assertEquals(before[i], a[i], what + ": value " + i + " past len changed");
                            assertEquals((float) before[i], f[i], what + ": float value " + i + " past len changed");
                        }
                    }
                    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                            () -> set.zero(new double[4], 5));
                    assertTrue(e.getMessage().startsWith("zero: a has 4 elements"), e.getMessage());
                    e = assertThrows(IllegalArgumentException.class, () -> set.zero(new float[4], -1));
                    assertTrue(e.getMessage().contains("negative length"), e.getMessage());
                }
            }
        } finally {
            KernelThreads.set(saved);
        }
    }

    /**
     * The column sums and the ReLU and sigmoid backward at sizes the vector set splits over threads (by columns;
     * by chunks of values): on 2 threads the same bits as on 1 in both precisions, and the column sums within
     * the usual tolerance of the scalar oracle (the backward passes give the same bits as it).
     */
    @Test
    void splitColumnSumsAndActivationBackwardKeepTheirBits() {
        int saved = KernelThreads.get();
        int m = 300;
        int n = 1001; // 1001 % 8 and % 16 columns left after the whole vectors
        Random rnd = new Random(42);
        double[] g = gaussian(rnd, m * n);
        double[] y = gaussian(rnd, m * n);
        for (int i = 0; i < y.length; i += 3) {
            y[i] = 0; // ReLU's edge
        }
        double[] start = gaussian(rnd, n);
        float[] gf = Float32KernelTest.floats(g);
        float[] yf = Float32KernelTest.floats(y);
        try {
            double[][] sums = new double[2][];
            float[][] sumsF = new float[2][];
            double[][] relu = new double[2][];
            float[][] sigmoidF = new float[2][];
            for (int threads = 1; threads <= 2; threads++) {
                KernelThreads.set(threads);
                sums[threads - 1] = start.clone();
                vector.accColumnSums(g, sums[threads - 1], m, n);
                sumsF[threads - 1] = Float32KernelTest.floats(start);
                vector.accColumnSums(gf, sumsF[threads - 1], m, n);
                relu[threads - 1] = new double[m * n];
                vector.reluBackward(y, g, relu[threads - 1], m * n);
                sigmoidF[threads - 1] = new float[m * n];
                vector.sigmoidBackward(yf, gf, sigmoidF[threads - 1], m * n);
            }
            assertArrayEquals(sums[0], sums[1], "float64 column sums, 2 threads against 1");
            assertArrayEquals(sumsF[0], sumsF[1], "float32 column sums, 2 threads against 1");
            assertArrayEquals(relu[0], relu[1], "ReLU backward, 2 threads against 1");
            assertArrayEquals(sigmoidF[0], sigmoidF[1], "float32 sigmoid backward, 2 threads against 1");
            double[] oracle = start.clone();
            scalar.accColumnSums(g, oracle, m, n);
            assertTrue(normRelError(sums[1], oracle) < TOLERANCE, "column sums against the scalar set");
            double[] reluOracle = new double[m * n];
            scalar.reluBackward(y, g, reluOracle, m * n);
            assertArrayEquals(reluOracle, relu[1], "ReLU backward against the scalar set");
            float[] sigmoidOracle = new float[m * n];
            scalar.sigmoidBackward(yf, gf, sigmoidOracle, m * n);
            assertArrayEquals(sigmoidOracle, sigmoidF[1], "float32 sigmoid backward against the scalar set");
        } finally {
            KernelThreads.set(saved);
        }
    }

    @ParameterizedTest(name = "{0}x{1}")
    @MethodSource("softmaxShapes")
    void softmaxRows(int m, int n) {
        Random rnd = new Random(m * 131L + n);
        double[] x = gaussian(rnd, m * n);
        for (int i = 0; i < x.length; i++) {
            x[i] *= 30;
        }
        double[] g = gaussian(rnd, m * n);
        double[][] y = new double[2][m * n];
        double[][] lp = new double[2][m * n];
        double[][] gi = new double[2][m * n];
        Kernels[] sets = {scalar, vector};
        for (int s = 0; s < 2; s++) {
            sets[s].softmaxRows(x, y[s], m, n);
            sets[s].logSoftmaxRows(x, lp[s], m, n);
        }
        assertAgree("softmaxRows", y[1], y[0]);
        assertAgree("logSoftmaxRows", lp[1], lp[0]);
        for (int s = 0; s < 2; s++) {
            sets[s].softmaxBackwardRows(y[0], g, gi[s], m, n);
        }
        assertAgree("softmaxBackwardRows", gi[1], gi[0]);
        for (int s = 0; s < 2; s++) {
            sets[s].logSoftmaxBackwardRows(lp[0], g, gi[s], m, n);
        }
        assertAgree("logSoftmaxBackwardRows", gi[1], gi[0]);
        double[] inPlace = x.clone();
        vector.logSoftmaxRows(inPlace, inPlace, m, n);
        assertArrayEquals(lp[1], inPlace, "logSoftmaxRows with x == out");
        inPlace = x.clone();
        vector.softmaxRows(inPlace, inPlace, m, n);
        assertArrayEquals(y[1], inPlace, "softmaxRows with x == out");
    }

    static Stream<Arguments> softmaxShapes() {
        return Stream.of(new int[][] {{1, 1}, {3, 7}, {2, 8}, {5, 9}, {4, 10}, {7, 33}, {64, 100}, {2, 1000},
            {0, 3}, {3, 0}, {200, 7}, {300, 10}, {1000, 1}})
                .map(s -> Arguments.of(s[0], s[1]));
    }

    @Test
    void extremeInputsStayFiniteAndNaNPropagates() {
        double[] x = {-1000, -710, -40, -0.0, 0.0, 40, 710, 1000, Double.NaN, Double.NEGATIVE_INFINITY,
            Double.POSITIVE_INFINITY, 1e-300, -1e-300, 5, -5, 0.5, 3};
        int len = x.length;
        for (Kernels k : new Kernels[] {scalar, vector}) {
            double[] s = new double[len];
            k.sigmoid(x, s, len);
            assertEquals(0.0, s[0], k + " sigmoid(-1000)");
            assertEquals(1.0, s[7], k + " sigmoid(1000)");
            assertEquals(0.5, s[4], k + " sigmoid(0)");
            assertTrue(Double.isNaN(s[8]), k + " sigmoid(NaN)");
            assertEquals(0.0, s[9], k + " sigmoid(-inf)");
            assertEquals(1.0, s[10], k + " sigmoid(+inf)");
            double[] r = new double[len];
            k.relu(x, r, len);
            assertEquals(0.0, r[0]);
            assertEquals(1000.0, r[7]);
            assertTrue(Double.isNaN(r[8]), k + " relu(NaN)");
        }
    }

    @Test
    void inPlaceElementwiseIsAllowed() {
        Random rnd = new Random(3);
        double[] x = gaussian(rnd, 37);
        double[] expected = new double[37];
        scalar.sigmoid(x, expected, 37);
        vector.sigmoid(x, x, 37);
        assertAgree("in-place sigmoid", x, expected);
    }

    private static void assertAgree(String what, double[] actual, double[] expected) {
        double err = normRelError(actual, expected);
        assertTrue(err <= TOLERANCE, what + ": vector vs scalar relative error " + err);
    }
}
