package io.github.jnn.kernels;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Random;
import java.util.stream.Stream;

import static io.github.jnn.kernels.TestArrays.gaussian;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Products with more than one form must give the same bits in each. The packed Linear forward computes
 * {@code x·wᵀ} either row-major or as {@code (w·xᵀ)ᵀ} (C stored transposed, where the outputs outnumber the
 * rows): both forms must give the same bits, pre-activation and output, on 1 and 2 threads, whichever one
 * {@link GemmPacked#linearForward} picks. Shapes reach a last sliver and panel with padding, k past one k
 * block (and, for a handful of rows, past the longer blocks a narrow C gets, so the transposed C is read back
 * between blocks), and several n blocks. The input gradient of a few rows reads W's whole panels in place
 * instead of packing them ({@code GemmPacked.readsBInPlace}): the same bits as with W packed, on 1 and 2
 * threads.
 */
class GemmPackedFormsTest {
    private final int savedThreads = KernelThreads.get();

    @AfterEach
    void restore() {
        KernelThreads.set(savedThreads);
    }

    /** (m, k, n) × threads 1 and 2 × every activation. */
    static Stream<Arguments> shapes() {
        int[][] shapes = {
            {64, 784, 256}, {17, 1200, 257}, {5, 40, 3}, {100, 1300, 37}, {3, 33100, 7}, {1100, 9, 2300},
        };
        return Stream.of(shapes).flatMap(s -> Stream.of(1, 2).flatMap(t -> Stream.of(Activation.values())
                .map(a -> Arguments.of(s[0], s[1], s[2], t, a))));
    }

    @ParameterizedTest(name = "{0}x{1}x{2} threads={3} {4}")
    @MethodSource("shapes")
    void transposedFormGivesTheSameBits(int m, int k, int n, int threads, Activation act) {
        KernelThreads.set(threads);
        Random rnd = new Random(m * 31L + k * 7L + n);
        double[] x = gaussian(rnd, m * k);
        double[] w = gaussian(rnd, n * k);
        double[] b = gaussian(rnd, n);
        double[][] pre = new double[2][m * n];
        double[][] out = new double[2][m * n];
        for (int form = 0; form < 2; form++) {
            GemmPacked.linearForward(x, w, b, pre[form], out[form], m, k, n, act, form == 1);
        }
        assertArrayEquals(pre[0], pre[1], "pre, float64");
        assertArrayEquals(out[0], out[1], "out, float64");
        double[] noPreRows = new double[m * n];
        GemmPacked.linearForward(x, w, null, null, noPreRows, m, k, n, act, false);
        double[] noPreTransposed = new double[m * n];
        GemmPacked.linearForward(x, w, null, null, noPreTransposed, m, k, n, act, true);
        assertArrayEquals(noPreRows, noPreTransposed, "out without bias or pre, float64");

        float[] xf = Float32KernelTest.floats(x);
        float[] wf = Float32KernelTest.floats(w);
        float[] bf = Float32KernelTest.floats(b);
        float[][] pref = new float[2][m * n];
        float[][] outf = new float[2][m * n];
        for (int form = 0; form < 2; form++) {
            GemmPackedF32.linearForward(xf, wf, bf, pref[form], outf[form], m, k, n, act, form == 1);
        }
        assertArrayEquals(pref[0], pref[1], "pre, float32");
        assertArrayEquals(outf[0], outf[1], "out, float32");
        // and the forward is the product it claims (one element, summed in double)
        int i = m - 1;
        int j = n / 2;
        assertEquals(b[j] + rowDot(x, w, i, j, k), pre[1][i * n + j], 1e-9 * Math.sqrt(k));
    }

    /**
     * (m, k, n) of {@code gradX[m×k] = g[m×n]·w[n×k]}: W read in place (m ≤ 192), with a partial last panel,
     * k blocks, n blocks.
     */
    static Stream<Arguments> inputGradientShapes() {
        int[][] shapes = {
            {64, 784, 256}, {17, 1300, 300}, {100, 70, 600}, {192, 600, 257}, {5, 40, 3}, {9, 512, 70},
            {95, 300, 70},
        };
        return Stream.of(shapes).map(s -> Arguments.of(s[0], s[1], s[2]));
    }

    @ParameterizedTest(name = "{0}x{1}x{2}")
    @MethodSource("inputGradientShapes")
    void inputGradientWithWInPlaceGivesTheSameBits(int m, int k, int n) {
        Random rnd = new Random(m * 131L + k * 17L + n);
        double[] g = gaussian(rnd, m * n);
        double[] w = gaussian(rnd, n * k);
        double[] packed = new double[m * k];
        GemmPacked.linearGradInput(g, w, packed, m, k, n, true);
        double[] inPlace = new double[m * k];
        GemmPacked.linearGradInput(g, w, inPlace, m, k, n, false);
        assertArrayEquals(packed, inPlace, "W in place against W packed, float64");
        for (int threads = 1; threads <= 2; threads++) {
            KernelThreads.set(threads);
            double[] chosen = new double[m * k];
            GemmPacked.linearGradInput(g, w, chosen, m, k, n);
            assertArrayEquals(packed, chosen, "the form chosen on " + threads + " thread(s), float64");
        }
        // and it is the product: the first element, and the last (in the last panel, partial where k is not a
        // multiple of the panel width), summed in double
        assertEquals(sum(g, w, 0, 0, k, n), inPlace[0], 1e-9 * Math.sqrt(n));
        assertEquals(sum(g, w, m - 1, k - 1, k, n), inPlace[m * k - 1], 1e-9 * Math.sqrt(n));

        float[] gf = Float32KernelTest.floats(g);
        float[] wf = Float32KernelTest.floats(w);
        float[] packedF = new float[m * k];
        GemmPackedF32.linearGradInput(gf, wf, packedF, m, k, n, true);
        float[] inPlaceF = new float[m * k];
        GemmPackedF32.linearGradInput(gf, wf, inPlaceF, m, k, n, false);
        assertArrayEquals(packedF, inPlaceF, "W in place against W packed, float32");
        for (int threads = 1; threads <= 2; threads++) {
            KernelThreads.set(threads);
            float[] chosen = new float[m * k];
            GemmPackedF32.linearGradInput(gf, wf, chosen, m, k, n);
            assertArrayEquals(packedF, chosen, "the form chosen on " + threads + " thread(s), float32");
        }
        assertEquals(sum(g, w, 0, 0, k, n), inPlaceF[0], 1e-4 * Math.sqrt(n));
    }

    /**
     * (m, k, n) whose products have more rows of k than one pass takes at their width, so that their n blocks
     * are narrowed ({@code GemmPacked.columnBlock}): the forwards and input gradients of the first three (float64
     * down to NC/4, in one pass and in two; float32 to NC/2 or NC/4), the float64 weight gradient of the last.
     */
    static Stream<Arguments> longShapes() {
        return Stream.of(Arguments.of(40, 1100, 1100), Arguments.of(24, 2100, 600), Arguments.of(40, 2100, 1100),
                Arguments.of(1100, 600, 40));
    }

    /**
     * An element's bits do not depend on the width of the n blocks nor on the thread count: the first (up to 300)
     * output columns of {@code x·wᵀ} are the product with those rows of w alone (one n block, one pass over k),
     * and the forward, input and weight gradients are the same on 1, 2 and 3 threads.
     */
    @ParameterizedTest(name = "{0}x{1}x{2}")
    @MethodSource("longShapes")
    void narrowedColumnBlocksGiveTheSameBits(int m, int k, int n) {
        Random rnd = new Random(m * 7L + k * 13L + n);
        double[] x = gaussian(rnd, m * k);
        double[] w = gaussian(rnd, n * k);
        double[] g = gaussian(rnd, m * n);
        int part = Math.min(300, n);
        double[][] out = new double[3][m * n];
        double[][] gradX = new double[3][m * k];
        double[][] gradW = new double[3][n * k];
        float[] xf = Float32KernelTest.floats(x);
        float[] wf = Float32KernelTest.floats(w);
        float[] gf = Float32KernelTest.floats(g);
        float[][] outF = new float[3][m * n];
        float[][] gradXF = new float[3][m * k];
        float[][] gradWF = new float[3][n * k];
        for (int t = 1; t <= 3; t++) {
            KernelThreads.set(t);
            GemmPacked.linearForward(x, w, null, null, out[t - 1], m, k, n, Activation.NONE, false);
            GemmPacked.linearGradInput(g, w, gradX[t - 1], m, k, n);
            GemmPacked.linearGradWeight(g, x, gradW[t - 1], m, k, n, false);
            GemmPackedF32.linearForward(xf, wf, null, null, outF[t - 1], m, k, n, Activation.NONE, false);
            GemmPackedF32.linearGradInput(gf, wf, gradXF[t - 1], m, k, n);
            GemmPackedF32.linearGradWeight(gf, xf, gradWF[t - 1], m, k, n, false);
        }
        for (int t = 2; t <= 3; t++) {
            assertArrayEquals(out[0], out[t - 1], "forward, float64, " + t + " threads");
            assertArrayEquals(gradX[0], gradX[t - 1], "input gradient, float64, " + t + " threads");
            assertArrayEquals(gradW[0], gradW[t - 1], "weight gradient, float64, " + t + " threads");
            assertArrayEquals(outF[0], outF[t - 1], "forward, float32, " + t + " threads");
            assertArrayEquals(gradXF[0], gradXF[t - 1], "input gradient, float32, " + t + " threads");
            assertArrayEquals(gradWF[0], gradWF[t - 1], "weight gradient, float32, " + t + " threads");
        }
        KernelThreads.set(1);
        double[] narrow = new double[m * part];
        GemmPacked.linearForward(x, java.util.Arrays.copyOf(w, part * k), null, null, narrow, m, k, part,
                Activation.NONE, false);
        float[] narrowF = new float[m * part];
        GemmPackedF32.linearForward(xf, java.util.Arrays.copyOf(wf, part * k), null, null, narrowF, m, k, part,
                Activation.NONE, false);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < part; j++) {
                assertEquals(narrow[i * part + j], out[0][i * n + j], 0.0, "float64 (" + i + ", " + j + ")");
                assertEquals(narrowF[i * part + j], outF[0][i * n + j], 0.0f, "float32 (" + i + ", " + j + ")");
            }
        }
        // and the last element is the product's, summed in double
        assertEquals(rowDot(x, w, m - 1, n - 1, k), out[0][m * n - 1], 1e-9 * Math.sqrt(k));
    }

    /** Row i of x against row j of w (k values each): element (i, j) of {@code x·wᵀ}, summed in double. */
    private static double rowDot(double[] x, double[] w, int i, int j, int k) {
        double s = 0;
        for (int p = 0; p < k; p++) {
            s += x[i * k + p] * w[j * k + p];
        }
        return s;
    }

    private static double sum(double[] g, double[] w, int i, int j, int k, int n) {
        double s = 0;
        for (int p = 0; p < n; p++) {
            s += g[i * n + p] * w[p * k + j];
        }
        return s;
    }
}
