package io.github.jnn.kernels;




import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;

import static io.github.jnn.kernels.TestArrays.gaussian;
import static io.github.jnn.kernels.TestArrays.normRelError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every float32 kernel of both sets, on 1 and 2 threads, against the float64 scalar oracle run on the same
 * (float-rounded) inputs. The float64 result is the exact answer to float precision, so this measures the
 * float32 kernels' own rounding: norm-wise relative error within a few float ulps times the sum length.
 */
class Float32KernelTest {
    /**
     * Sums of up to ~1000 float terms (products, row sums of the softmax backward passes): √k·2⁻²⁴ is ~2e-6
     * on average, a sequential sum that cancels can reach several times that.
     */
    private static final double SUM_TOLERANCE = 2e-5;
    /** One or two roundings per element. */
    private static final double ELEMENT_TOLERANCE = 1e-6;
    private static final Kernels ORACLE = Kernels.scalar();
    private final int savedThreads = KernelThreads.get();

    @AfterEach
    void restore() {
        KernelThreads.set(savedThreads);
    }

    private static final int[][] SHAPES = {
        {1, 1, 1}, {5, 4, 3}, {2, 9, 4}, {7, 17, 5}, {8, 16, 16}, {9, 33, 31}, {33, 64, 65}, {65, 129, 7},
        {3, 1030, 5}, {170, 520, 260}, {200, 300, 129}, {128, 784, 256},
        // the dot forward past one k block (2048) with 1-3 columns left after the fours; a 10-output layer's
        // row panels (rows of four and two), its input gradient of depth 10 on them too
        {6, 2100, 7}, {64, 300, 10},
    };

    static Stream<Arguments> setsAndThreads() {
        return KernelSets.all().flatMap(k -> Stream.of(1, 2).map(t -> Arguments.of(k, t)));
    }

    @ParameterizedTest(name = "{0}, {1} thread(s)")
    @MethodSource("setsAndThreads")
    void linearProducts(Kernels kernels, int threads) {
        KernelThreads.set(threads);
        for (int[] s : SHAPES) {
            int m = s[0];
            int k = s[1];
            int n = s[2];
            Random rnd = new Random(m * 1_000_003L + k * 1009L + n);
            float[] x = floats(gaussian(rnd, m * k));
            float[] w = floats(gaussian(rnd, n * k));
            float[] b = floats(gaussian(rnd, n));
            float[] g = floats(gaussian(rnd, m * n));
            String shape = kernels + " " + m + "x" + k + "x" + n;
            for (Activation act : Activation.values()) {
                double[] pre64 = new double[m * n];
                double[] out64 = new double[m * n];
                ORACLE.linearForward(doubles(x), doubles(w), doubles(b), pre64, out64, m, k, n, act);
                float[] pre = new float[m * n];
                float[] out = new float[m * n];
                kernels.linearForward(x, w, b, pre, out, m, k, n, act);
                assertClose(shape + " pre " + act, pre, pre64, SUM_TOLERANCE);
                assertClose(shape + " out " + act, out, out64, SUM_TOLERANCE);
            }
            double[] gx64 = new double[m * k];
            ORACLE.linearGradInput(doubles(g), doubles(w), gx64, m, k, n);
            float[] gx = new float[m * k];
            Arrays.fill(gx, Float.NaN); // overwritten, not accumulated
            kernels.linearGradInput(g, w, gx, m, k, n);
            assertClose(shape + " gradX", gx, gx64, SUM_TOLERANCE);

            float[] start = floats(gaussian(rnd, n * k));
            double[] gw64 = doubles(start);
            ORACLE.linearAccGradWeight(doubles(g), doubles(x), gw64, m, k, n);
            float[] gw = start.clone();
            kernels.linearAccGradWeight(g, x, gw, m, k, n);
            assertClose(shape + " gradW", gw, gw64, SUM_TOLERANCE);

            double[] gb64 = doubles(b);
            ORACLE.accColumnSums(doubles(g), gb64, m, n);
            float[] gb = b.clone();
            kernels.accColumnSums(g, gb, m, n);
            assertClose(shape + " gradB", gb, gb64, SUM_TOLERANCE);
        }
    }

    @ParameterizedTest(name = "{0}, {1} thread(s)")
    @MethodSource("setsAndThreads")
    void elementwiseSoftmaxAndUpdates(Kernels kernels, int threads) {
        KernelThreads.set(threads);
        for (int len : new int[] {1, 15, 16, 17, 100, 1023}) {
            Random rnd = new Random(len);
            float[] x = floats(gaussian(rnd, len));
            for (int i = 0; i < len; i++) {
                x[i] *= 8;
            }
            float[] g = floats(gaussian(rnd, len));
            double[] xd = doubles(x);
            double[] gd = doubles(g);
            String at = kernels + " len " + len + ": ";
            float[] y = new float[len];
            double[] yd = new double[len];

            kernels.sigmoid(x, y, len);
            ORACLE.sigmoid(xd, yd, len);
            assertClose(at + "sigmoid", y, yd, ELEMENT_TOLERANCE);
            kernels.sigmoidBackward(y, g, y.clone(), len);
            check(at + "sigmoidBackward", len, r -> kernels.sigmoidBackward(y, g, r, len),
                    r -> ORACLE.sigmoidBackward(doubles(y), gd, r, len));
            kernels.relu(x, y, len);
            ORACLE.relu(xd, yd, len);
            assertClose(at + "relu", y, yd, 0.0);
            check(at + "reluBackward", len, r -> kernels.reluBackward(y, g, r, len),
                    r -> ORACLE.reluBackward(doubles(y), gd, r, len));
            check(at + "leakyRelu", len, r -> kernels.leakyRelu(x, r, len, 0.03),
                    r -> ORACLE.leakyRelu(xd, r, len, 0.03));
            check(at + "leakyReluBackward", len, r -> kernels.leakyReluBackward(x, g, r, len, 0.03),
                    r -> ORACLE.leakyReluBackward(xd, gd, r, len, 0.03));
            kernels.elu(x, y, len, 1.5);
            ORACLE.elu(xd, yd, len, 1.5);
            assertClose(at + "elu", y, yd, ELEMENT_TOLERANCE);
            check(at + "eluBackward", len, r -> kernels.eluBackward(x, y, g, r, len, 1.5),
                    r -> ORACLE.eluBackward(xd, doubles(y), gd, r, len, 1.5));
            check(at + "softplus", len, r -> kernels.softplus(x, r, len), r -> ORACLE.softplus(xd, r, len));
            check(at + "softplusBackward", len, r -> kernels.softplusBackward(x, g, r, len),
                    r -> ORACLE.softplusBackward(xd, gd, r, len));
            kernels.tanh(x, y, len);
            ORACLE.tanh(xd, yd, len);
            assertClose(at + "tanh", y, yd, ELEMENT_TOLERANCE);
            check(at + "tanhBackward", len, r -> kernels.tanhBackward(y, g, r, len),
                    r -> ORACLE.tanhBackward(doubles(y), gd, r, len));

            float[] w = x.clone();
            float[] v = g.clone();
            double[] wd = xd.clone();
            double[] vd = gd.clone();
            kernels.sgdStep(w, g, v, len, 0.1, 0.9, 0.01);
            ORACLE.sgdStep(wd, gd, vd, len, 0.1, 0.9, 0.01);
            assertClose(at + "sgdStep w", w, wd, ELEMENT_TOLERANCE);
            assertClose(at + "sgdStep v", v, vd, ELEMENT_TOLERANCE);
            float[] m = g.clone();
            float[] sq = new float[len];
            double[] md = gd.clone();
            double[] sqd = new double[len];
            kernels.adamStep(w, x, m, sq, len, 0.01, 0.9, 0.999, 1e-8);
            ORACLE.adamStep(doubles(w.clone()), xd, md, sqd, len, 0.01, 0.9, 0.999, 1e-8);
            assertClose(at + "adamStep m", m, md, ELEMENT_TOLERANCE);
            assertClose(at + "adamStep v", sq, sqd, ELEMENT_TOLERANCE);

            int rows = len % 2 == 0 ? 2 : 1;
            int cols = len / rows;
            double[] p64 = new double[len];
            ORACLE.softmaxRows(xd, p64, rows, cols);
            float[] p = new float[len];
            kernels.softmaxRows(x, p, rows, cols);
            assertClose(at + "softmaxRows", p, p64, ELEMENT_TOLERANCE);
            check(at + "softmaxBackwardRows", len, r -> kernels.softmaxBackwardRows(p, g, r, rows, cols),
                    r -> ORACLE.softmaxBackwardRows(doubles(p), gd, r, rows, cols), SUM_TOLERANCE);
            float[] lp = new float[len];
            kernels.logSoftmaxRows(x, lp, rows, cols);
            ORACLE.logSoftmaxRows(xd, p64, rows, cols);
            assertClose(at + "logSoftmaxRows", lp, p64, ELEMENT_TOLERANCE);
            check(at + "logSoftmaxBackwardRows", len, r -> kernels.logSoftmaxBackwardRows(lp, g, r, rows, cols),
                    r -> ORACLE.logSoftmaxBackwardRows(doubles(lp), gd, r, rows, cols), SUM_TOLERANCE);
        }
    }

    /**
     * Rows shorter than a vector (ten classes, the vector set's narrow-row code) over several of its chunks,
     * each with a last partial vector, against the oracle; in place ({@code x == out}) gives the same bits.
     */
    @ParameterizedTest(name = "{0}, {1} thread(s)")
    @MethodSource("setsAndThreads")
    void narrowSoftmaxRows(Kernels kernels, int threads) {
        KernelThreads.set(threads);
        for (int[] s : new int[][] {{300, 10}, {1000, 3}, {65, 15}, {7, 1}, {129, 9}}) {
            int rows = s[0];
            int cols = s[1];
            int len = rows * cols;
            Random rnd = new Random(len);
            float[] x = floats(gaussian(rnd, len));
            for (int i = 0; i < len; i++) {
                x[i] *= 8;
            }
            float[] g = floats(gaussian(rnd, len));
            String at = kernels + " " + rows + "x" + cols + ": ";
            double[] p64 = new double[len];
            float[] p = new float[len];
            kernels.softmaxRows(x, p, rows, cols);
            ORACLE.softmaxRows(doubles(x), p64, rows, cols);
            assertClose(at + "softmaxRows", p, p64, ELEMENT_TOLERANCE);
            float[] lp = new float[len];
            kernels.logSoftmaxRows(x, lp, rows, cols);
            ORACLE.logSoftmaxRows(doubles(x), p64, rows, cols);
            assertClose(at + "logSoftmaxRows", lp, p64, ELEMENT_TOLERANCE);
            check(at + "logSoftmaxBackwardRows", len, r -> kernels.logSoftmaxBackwardRows(lp, g, r, rows, cols),
                    r -> ORACLE.logSoftmaxBackwardRows(doubles(lp), doubles(g), r, rows, cols), SUM_TOLERANCE);
            float[] inPlace = x.clone();
            kernels.logSoftmaxRows(inPlace, inPlace, rows, cols);
            assertArrayEquals(lp, inPlace, at + "logSoftmaxRows with x == out");
            inPlace = x.clone();
            kernels.softmaxRows(inPlace, inPlace, rows, cols);
            assertArrayEquals(p, inPlace, at + "softmaxRows with x == out");
        }
    }

    /**
     * The float32 packed forward split by columns (n = 260) and by rows around shared panels (n = 100), the
     * dot path (m = 12) and both backward products give the same bits for 1, 2 and 3 threads.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("setsAndThreads")
    void sameBitsForAnyThreadCount(Kernels kernels, int ignored) {
        sameBits(kernels, 330, 520, 260);
        sameBits(kernels, 200, 300, 100);
        sameBits(kernels, 12, 1700, 300);
    }

    private void sameBits(Kernels kernels, int m, int k, int n) {
        Random rnd = new Random(5);
        float[] x = floats(gaussian(rnd, m * k));
        float[] w = floats(gaussian(rnd, n * k));
        float[] g = floats(gaussian(rnd, m * n));
        float[][] out = new float[3][m * n];
        float[][] gx = new float[3][m * k];
        float[][] gw = new float[3][n * k];
        for (int t = 1; t <= 3; t++) {
            KernelThreads.set(t);
            kernels.linearForward(x, w, null, null, out[t - 1], m, k, n, Activation.SIGMOID);
            kernels.linearGradInput(g, w, gx[t - 1], m, k, n);
            kernels.linearAccGradWeight(g, x, gw[t - 1], m, k, n);
        }
        for (int t = 1; t < 3; t++) {
            String at = m + "x" + k + "x" + n + ", " + (t + 1) + " threads: ";
            assertArrayEquals(out[0], out[t], 0f, at + "forward");
            assertArrayEquals(gx[0], gx[t], 0f, at + "gradX");
            assertArrayEquals(gw[0], gw[t], 0f, at + "gradW");
        }
    }

    private interface FloatCall {
        void run(float[] result);
    }

    private interface DoubleCall {
        void run(double[] result);
    }

    private static void check(String what, int len, FloatCall f32, DoubleCall f64) {
        check(what, len, f32, f64, ELEMENT_TOLERANCE);
    }

    private static void check(String what, int len, FloatCall f32, DoubleCall f64, double tolerance) {
        float[] r = new float[len];
        double[] rd = new double[len];
        f32.run(r);
        f64.run(rd);
        assertClose(what, r, rd, tolerance);
    }

    private static void assertClose(String what, float[] actual, double[] expected, double tolerance) {
        double err = normRelError(doubles(actual), expected);
        assertTrue(err <= tolerance, what + ": float32 vs float64 relative error " + err + " > " + tolerance);
    }

    static float[] floats(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            f[i] = (float) a[i];
        }
        return f;
    }

    static double[] doubles(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }
}
