package io.github.jnn.kernels;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;

import static io.github.jnn.kernels.TestArrays.gaussian;
import static io.github.jnn.kernels.TestArrays.normRelError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The convolution and max-pooling kernels: hand-computed cases, the adjoint identities that tie backward to
 * forward, the vector set against the scalar oracle (odd sizes, strides, padding, more samples than one
 * chunk), thread-count independence, float32 against float64, and the boundary checks.
 */
class ConvKernelsTest {

    /** n, inC, h, w, outC, kh, kw, strideH, strideW, padH, padW */
    private static final int[][] SHAPES = {
        {1, 1, 3, 3, 1, 2, 2, 1, 1, 0, 0}, {2, 3, 7, 5, 4, 3, 3, 1, 1, 1, 1}, {3, 2, 9, 8, 5, 3, 2, 2, 1, 0, 1},
        {2, 1, 28, 28, 6, 5, 5, 1, 1, 2, 2}, {1, 4, 6, 6, 3, 1, 1, 1, 1, 0, 0}, {2, 5, 11, 13, 7, 4, 3, 3, 2, 2, 1},
        {4, 8, 12, 12, 16, 5, 5, 1, 1, 0, 0}, {1, 2, 5, 5, 3, 5, 5, 1, 1, 0, 0}, {2, 3, 4, 4, 2, 3, 3, 2, 2, 2, 2},
        // 70 samples of 12x12 with 16 channels: one product over more samples than the others
        {70, 16, 12, 12, 9, 3, 3, 1, 1, 1, 1},
        // stride 2 with 400-element patches: the scattered input gradient in two chunks of samples
        {40, 16, 30, 30, 8, 5, 5, 2, 2, 2, 2},
        // stride 1 with 8 channels, the input gradient as a convolution: padding k - 1, padding beyond k - 1
        // (the spread gradient cropped), padding that differs between the axes
        {2, 8, 6, 5, 3, 3, 3, 1, 1, 2, 2}, {2, 8, 5, 6, 4, 1, 1, 1, 1, 1, 1}, {2, 9, 7, 9, 5, 3, 5, 1, 1, 0, 2},
        // 2,500-element patches: two passes of k, the second over two k blocks (C read back into the sums)
        {2, 100, 6, 6, 5, 5, 5, 1, 1, 1, 1},
        // ConvDirect (output channels a multiple of 2 vectors, stride 1 along rows): rows of 17 and 15 that
        // leave pixels over, channel blocks of 2 and of 4 + 2 vectors, a vertical stride, rows of 300 (one row
        // per chunk), and a 16-channel input gradient as a direct convolution
        {3, 8, 9, 17, 16, 3, 3, 1, 1, 1, 1}, {2, 8, 10, 11, 48, 3, 3, 2, 1, 1, 0}, {1, 8, 40, 300, 32, 3, 3, 1, 1, 1, 1},
        {2, 16, 7, 13, 32, 3, 3, 1, 1, 1, 1},
        // ConvDirect with padding wider than the kernel: output rows whose windows lie in the padding only
        {2, 16, 5, 7, 16, 2, 2, 1, 1, 2, 2},
        // ConvWeightRows (small patches): 169 pixels (one past the last whole vector, summed alone), 3×3
        // kernels (kernel columns past kw), 3 input channels, 40 samples, 576 pixels in two blocks of vectors
        {3, 1, 13, 13, 8, 5, 5, 1, 1, 2, 2}, {2, 3, 10, 20, 12, 3, 3, 1, 1, 0, 1}, {40, 1, 16, 16, 8, 5, 5, 1, 1, 2, 2},
        {2, 1, 28, 28, 8, 5, 5, 1, 1, 0, 0},
        // ConvInputRows (5-wide kernels, input channels whole vectors): an odd sample count (a pair, then one
        // sample alone), rows of 25 outputs (four segments of 7, the last partly zeros) with padding that differs
        // between the axes, padding wider than the kernel (input rows that no output row reaches), and rows of
        // 22 (a segment of 8, then two of 7)
        {3, 8, 12, 12, 16, 5, 5, 1, 1, 0, 0}, {2, 16, 9, 23, 4, 5, 5, 1, 1, 1, 3}, {2, 8, 3, 4, 5, 5, 5, 1, 1, 4, 6},
        {3, 8, 6, 22, 16, 5, 5, 1, 1, 2, 2},
        // rows of 14 padded by 2, in two segments of 7 whose outer two pixels lie in the padding (left and right
        // tiles without them); ConvDirect's rows of 14 leave columns 0 and 13 over
        {2, 8, 14, 14, 16, 5, 5, 1, 1, 2, 2},
        // ConvDirect's rows as segments of 14 on JDK 17 (blocks of 4 vectors of float64 channels): rows of 14
        // padded by 2, rows of 28 (two segments) with a block of 2 vectors after the block of 4 (row tiles and
        // gathered tiles)
        {2, 8, 14, 14, 32, 5, 5, 1, 1, 2, 2}, {2, 8, 28, 28, 48, 3, 3, 1, 1, 1, 1},
        // ConvDirect's rows of 8 (blocks of 4 vectors): row tiles of 6 leave 2 columns, 16 pixels a sample, taken as
        // two tiles of 3 rows × 2 columns and one of 4 pixels
        {3, 4, 12, 12, 64, 5, 5, 1, 1, 0, 0},
        // ConvForwardRows (small patches, the forward along rows) also runs {40, 1, 16, 16, 8, ...} and
        // {2, 3, 10, 20, 12, ...} above, as ConvInputPlanes (few input channels) runs their input gradients and
        // those of {2, 1, 28, 28, 6, ...} (padded); here 7 output rows (the last tile overlaps the one above) of 9
        {2, 2, 7, 9, 4, 3, 3, 1, 1, 1, 1},
        // ConvInputPlanes by whole rows (output rows of 24: three float64 vectors on AVX-512, six on AVX2), with
        // 3×3 kernels (spare kernel columns) padded by 1 from two channels, and padding wider than the kernel;
        // output channels not a multiple of 4 (JDK 17's row tiles otherwise take them four at a time)
        {3, 2, 20, 24, 6, 3, 3, 1, 1, 1, 1}, {2, 1, 5, 18, 4, 3, 3, 1, 1, 4, 4}, {2, 1, 26, 28, 7, 5, 5, 1, 1, 1, 0},
        // one output pixel per plane (the packed product's C stored as planes of one pixel, that is transposed),
        // more channels than one m block
        {40, 3, 4, 4, 100, 4, 4, 1, 1, 0, 0},
        // ConvDirect's weight gradient as row tiles (5-wide kernels, rows of whole segments of 7): rows of 21
        // padded by 2 (a middle segment between the edge tiles) in two blocks of rows, 4 blocks of 2 vectors of
        // float32 channels; rows of 7 (one segment, no edge tile) from a 3×3 input padded wider than the kernel
        // (kernel rows that read padding only), 3 kernel rows
        {2, 4, 21, 21, 128, 5, 5, 1, 1, 2, 2}, {3, 16, 3, 3, 32, 3, 5, 1, 1, 4, 4},
        // ConvInputRows' forward (the transposed convolution's input gradient): padding 3 × 2 (the transposed
        // one's 1 × 2), rows of 13 (a segment of 8, then one of 7 partly zeros), 16 input channels
        {3, 16, 10, 13, 32, 5, 5, 1, 1, 3, 2},
        // ConvForwardSegments (5-wide kernels, output channels whole pairs of vectors; also the rows of 8, 14 and
        // 21 above): a vertical stride, padding 1, rows of 10 (two segments of 8 that overlap)
        {2, 8, 11, 12, 32, 5, 5, 2, 1, 1, 1},
    };

    static Stream<Arguments> shapes() {
        return Stream.of(SHAPES).flatMap(s -> Stream.of(Activation.values())
                .flatMap(a -> Stream.of(true, false).map(bias -> Arguments.of(shape(s), a, bias))));
    }

    static Stream<Conv2dShape> convShapes() {
        return Stream.of(SHAPES).map(ConvKernelsTest::shape);
    }

    static Stream<Conv2dShape> threadedShapes() {
        return Stream.of(new Conv2dShape(70, 16, 12, 12, 32, 3, 3, 1, 1, 1, 1),
                new Conv2dShape(40, 1, 16, 16, 32, 5, 5, 1, 1, 2, 2), // 16 Mflop: two tasks
                new Conv2dShape(24, 1, 28, 28, 32, 5, 5, 1, 1, 0, 0), // ConvInputPlanes by rows, 22 Mflop
                new Conv2dShape(24, 1, 28, 28, 32, 5, 5, 1, 1, 2, 2), // ConvForwardRows by planes (rows of 28)
                new Conv2dShape(41, 16, 12, 12, 32, 5, 5, 1, 1, 0, 0), // ConvInputRows: pairs of samples per task
                // rows of 14 padded: ConvInputRows in segments of 7, ConvDirect's 3-pixel tile at the padding's rows
                new Conv2dShape(9, 16, 14, 14, 32, 5, 5, 1, 1, 2, 2),
                // ConvDirect's weight-gradient row tiles, units split over the threads in both precisions
                new Conv2dShape(8, 16, 14, 14, 64, 5, 5, 1, 1, 2, 2));
    }

    private static Conv2dShape shape(int[] s) {
        return new Conv2dShape(s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8], s[9], s[10]);
    }

    @ParameterizedTest
    @MethodSource("io.github.jnn.kernels.KernelSets#all")
    void handComputedConvolution(Kernels k) {
        double[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        double[] w = {1, 1, 1, 1};
        double[] out = new double[4];
        k.conv2dForward(x, w, null, null, out, new Conv2dShape(1, 1, 3, 3, 1, 2, 2, 1, 1, 0, 0), Activation.NONE, null);
        assertArrayEquals(new double[] {12, 16, 24, 28}, out);
        // padding 1, stride 2: windows at (-1,-1), (-1,1), (1,-1), (1,1); weight [[1, 2], [3, 4]], bias 10
        double[] w2 = {1, 2, 3, 4};
        double[] out2 = new double[4];
        k.conv2dForward(x, w2, new double[] {10}, null, out2, new Conv2dShape(1, 1, 3, 3, 1, 2, 2, 2, 2, 1, 1),
                Activation.NONE, null);
        assertArrayEquals(new double[] {10 + 4 * 1, 10 + 3 * 2 + 4 * 3, 10 + 2 * 4 + 4 * 7,
            10 + 1 * 5 + 2 * 6 + 3 * 8 + 4 * 9}, out2);
    }

    /**
     * {@code <conv(x), g> = <x, gradInput(g)> = <w, gradWeight(g, x)>} and {@code <b-gradient, 1> = Σ g}: the
     * backward kernels are the forward's adjoints, in both sets.
     */
    @Test
    void backwardIsTheForwardsAdjoint() {
        KernelSets.all().forEach(k -> convShapes().forEach(s -> {
            Random rnd = new Random(s.hashCode());
            double[] x = gaussian(rnd, (int) s.inputLength());
            double[] w = gaussian(rnd, (int) s.weightLength());
            double[] g = gaussian(rnd, (int) s.outputLength());
            double[] y = new double[(int) s.outputLength()];
            k.conv2dForward(x, w, null, null, y, s, Activation.NONE, null);
            double[] gx = new double[x.length];
            k.conv2dGradInput(g, w, gx, s, null);
            double[] gw = new double[w.length];
            double[] gb = new double[s.outC];
            k.conv2dAccGradWeight(g, x, gw, gb, s, null);
            double yg = dot(y, g);
            assertEquals(yg, dot(x, gx), 1e-10 * (1 + Math.abs(yg)), k + " " + s + ": <conv x, g> vs <x, gradX>");
            assertEquals(yg, dot(w, gw), 1e-10 * (1 + Math.abs(yg)), k + " " + s + ": <conv x, g> vs <w, gradW>");
            double sumG = 0;
            for (double v : g) {
                sumG += v;
            }
            double sumB = 0;
            for (double v : gb) {
                sumB += v;
            }
            assertEquals(sumG, sumB, 1e-10 * (1 + Math.abs(sumG)), k + " " + s + ": bias gradient");
        }));
    }

    @ParameterizedTest(name = "{0} {1} bias={2}")
    @MethodSource("shapes")
    void vectorForwardAgreesWithScalar(Conv2dShape s, Activation act, boolean withBias) {
        Random rnd = new Random(s.hashCode() * 31L + act.ordinal());
        double[] x = gaussian(rnd, (int) s.inputLength());
        double[] w = gaussian(rnd, (int) s.weightLength());
        double[] b = withBias ? gaussian(rnd, s.outC) : null;
        int len = (int) s.outputLength();
        double[] pre0 = new double[len];
        double[] out0 = new double[len];
        Kernels.scalar().conv2dForward(x, w, b, pre0, out0, s, act, null);
        double[] pre1 = new double[len];
        double[] out1 = new double[len];
        double[][] scratch = new double[Conv2dShape.SCRATCH_SLOTS][];
        Kernels.vector().conv2dForward(x, w, b, pre1, out1, s, act, scratch);
        assertTrue(normRelError(pre1, pre0) < 1e-12, s + " pre");
        assertTrue(normRelError(out1, out0) < 1e-12, s + " out");
        double[] again = new double[len];
        Kernels.vector().conv2dForward(x, w, b, null, again, s, act, scratch); // reused scratch, no pre
        assertArrayEquals(out1, again, s + ": reusing the scratch or dropping pre changed the result");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("convShapes")
    void vectorBackwardAgreesWithScalar(Conv2dShape s) {
        Random rnd = new Random(s.hashCode() * 17L);
        double[] x = gaussian(rnd, (int) s.inputLength());
        double[] w = gaussian(rnd, (int) s.weightLength());
        double[] g = gaussian(rnd, (int) s.outputLength());
        double[] startW = gaussian(rnd, w.length);
        double[] startB = gaussian(rnd, s.outC);
        double[][] gx = new double[2][x.length];
        double[][] gw = {startW.clone(), startW.clone()};
        double[][] gb = {startB.clone(), startB.clone()};
        Kernels[] sets = {Kernels.scalar(), Kernels.vector()};
        for (int i = 0; i < 2; i++) {
            java.util.Arrays.fill(gx[i], 99); // overwritten, not accumulated
            sets[i].conv2dGradInput(g, w, gx[i], s, new double[3][]);
            sets[i].conv2dAccGradWeight(g, x, gw[i], gb[i], s, new double[3][]);
        }
        assertTrue(normRelError(gx[1], gx[0]) < 1e-12, s + " gradX");
        assertTrue(normRelError(gw[1], gw[0]) < 1e-12, s + " gradW");
        assertTrue(normRelError(gb[1], gb[0]) < 1e-12, s + " gradB");
    }

    /**
     * A module hands the same scratch to its forward, input gradient and weight gradient, which lay out different
     * things in the same slots (the zero-padded input, the spread output gradient, packed kernels): each call must
     * write every scratch element it reads. Every slot is filled with NaN before each call; the results stay the
     * bits of calls with scratch of their own.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("convShapes")
    void scratchLeftByEarlierCallsIsNotRead(Conv2dShape s) {
        Random rnd = new Random(s.hashCode() * 7L);
        double[] x = gaussian(rnd, (int) s.inputLength());
        double[] w = gaussian(rnd, (int) s.weightLength());
        double[] b = gaussian(rnd, s.outC);
        double[] g = gaussian(rnd, (int) s.outputLength());
        double[][] alone = vectorProducts(s, x, w, b, g, null); // scratch allocated per call
        double[][] shared = new double[Conv2dShape.SCRATCH_SLOTS][];
        vectorProducts(s, x, w, b, g, shared); // every slot allocated and used by some call, as a step leaves them
        double[][] reused = vectorProducts(s, x, w, b, g, shared);
        String[] names = {"forward", "input gradient", "weight gradient", "bias gradient"};
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(alone[i], reused[i], s + ": " + names[i] + " read scratch left by another call");
        }
    }

    /** The vector set's forward (ReLU), input gradient and weight + bias gradients, scratch slots NaN before each. */
    private static double[][] vectorProducts(Conv2dShape s, double[] x, double[] w, double[] b, double[] g,
                                             double[][] scratch) {
        double[] out = new double[(int) s.outputLength()];
        double[] gx = new double[x.length];
        double[] gw = new double[w.length];
        double[] gb = new double[s.outC];
        for (int call = 0; call < 3; call++) {
            for (int slot = 0; scratch != null && slot < scratch.length; slot++) {
                if (scratch[slot] != null) {
                    Arrays.fill(scratch[slot], Double.NaN);
                }
            }
            switch (call) {
                case 0 -> Kernels.vector().conv2dForward(x, w, b, null, out, s, Activation.RELU, scratch);
                case 1 -> Kernels.vector().conv2dGradInput(g, w, gx, s, scratch);
                default -> Kernels.vector().conv2dAccGradWeight(g, x, gw, gb, s, scratch);
            }
        }
        return new double[][] {out, gx, gw, gb};
    }

    /**
     * The same bits on one thread and on four: ConvDirect (float64, 32 channels), and the first shape's input
     * gradient as a convolution; ConvWeightRows (the second shape's weight gradient, split by tile);
     * ConvInputRows (the last two shapes' input gradients, split by pairs of samples, the last in segments of 7).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("threadedShapes")
    void vectorResultsDoNotDependOnTheThreadCount(Conv2dShape s) {
        Random rnd = new Random(5);
        double[] x = gaussian(rnd, (int) s.inputLength());
        double[] w = gaussian(rnd, (int) s.weightLength());
        double[] b = gaussian(rnd, s.outC);
        double[] g = gaussian(rnd, (int) s.outputLength());
        int before = KernelThreads.get();
        double[][][] results = new double[2][][];
        try {
            int[] counts = {1, 4};
            for (int t = 0; t < 2; t++) {
                KernelThreads.set(counts[t]);
                double[] out = new double[(int) s.outputLength()];
                double[] gx = new double[x.length];
                double[] gw = new double[w.length];
                double[] gb = new double[s.outC];
                Kernels.vector().conv2dForward(x, w, b, null, out, s, Activation.RELU, null);
                Kernels.vector().conv2dGradInput(g, w, gx, s, null);
                Kernels.vector().conv2dAccGradWeight(g, x, gw, gb, s, null);
                results[t] = new double[][] {out, gx, gw, gb};
            }
        } finally {
            KernelThreads.set(before);
        }
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(results[0][i], results[1][i], "result " + i + " differs between 1 and 4 threads");
        }
    }

    /** ConvInputRows' segments: of 8 where rows are whole eights, of 7 where those leave fewer zeros. */
    @Test
    void inputRowsSegmentsLeaveTheFewestZeros() {
        assertEquals(0, ConvInputRows.sevens(8));
        assertEquals(0, ConvInputRows.sevens(24));
        assertEquals(2, ConvInputRows.sevens(14)); // 7 + 7, not 8 + 8
        assertEquals(2, ConvInputRows.sevens(22)); // 8 + 7 + 7
        assertEquals(4, ConvInputRows.sevens(25)); // 28: 3 zeros, not 7
        assertEquals(1, ConvInputRows.sevens(5));
    }

    /** The shapes above meant to run ConvDirect or ConvWeightRows do, in both dtypes, with 256- and 512-bit vectors. */
    @Test
    void shapesRunTheKernelsTheyAreMeantFor() {
        assertTrue(ConvWeightRows.applies(new Conv2dShape(3, 1, 13, 13, 8, 5, 5, 1, 1, 2, 2)));
        assertTrue(ConvWeightRows.applies(new Conv2dShape(2, 3, 10, 20, 12, 3, 3, 1, 1, 0, 1)));
        assertTrue(ConvWeightRows.applies(new Conv2dShape(40, 1, 16, 16, 8, 5, 5, 1, 1, 2, 2)));
        assertTrue(ConvWeightRows.applies(new Conv2dShape(2, 1, 28, 28, 8, 5, 5, 1, 1, 0, 0)));
        assertTrue(ConvWeightRowsF32.applies(ROWS_F32));
        assertTrue(ConvWeightRows.applies(new Conv2dShape(40, 1, 16, 16, 32, 5, 5, 1, 1, 2, 2)));
        assertTrue(ConvDirect.applies(new Conv2dShape(3, 8, 9, 17, 16, 3, 3, 1, 1, 1, 1)));
        assertTrue(ConvDirect.applies(new Conv2dShape(2, 8, 10, 11, 48, 3, 3, 2, 1, 1, 0)));
        assertTrue(ConvDirect.applies(new Conv2dShape(1, 8, 40, 300, 32, 3, 3, 1, 1, 1, 1)));
        assertTrue(ConvDirect.applies(new Conv2dShape(2, 16, 5, 7, 16, 2, 2, 1, 1, 2, 2)));
        assertTrue(ConvDirect.applies(new Conv2dShape(2, 16, 7, 13, 32, 3, 3, 1, 1, 1, 1).inputGradient()));
        assertTrue(ConvDirectF32.applies(DIRECT_F32));
        assertTrue(ConvDirectF32.applies(DIRECT_F32.inputGradient()));
        assertTrue(ConvInputRows.applies(new Conv2dShape(4, 8, 12, 12, 16, 5, 5, 1, 1, 0, 0)));
        assertTrue(ConvInputRows.applies(new Conv2dShape(3, 8, 12, 12, 16, 5, 5, 1, 1, 0, 0)));
        assertTrue(ConvInputRows.applies(new Conv2dShape(2, 16, 9, 23, 4, 5, 5, 1, 1, 1, 3)));
        assertTrue(ConvInputRows.applies(new Conv2dShape(2, 8, 3, 4, 5, 5, 5, 1, 1, 4, 6)));
        assertTrue(ConvInputRows.applies(new Conv2dShape(41, 16, 12, 12, 32, 5, 5, 1, 1, 0, 0)));
        assertTrue(ConvInputRows.applies(new Conv2dShape(3, 8, 6, 22, 16, 5, 5, 1, 1, 2, 2)));
        assertTrue(ConvInputRowsF32.applies(INPUT_ROWS_F32));
        assertTrue(ConvForwardRows.applies(new Conv2dShape(40, 1, 16, 16, 8, 5, 5, 1, 1, 2, 2)));
        assertTrue(ConvForwardRows.applies(new Conv2dShape(2, 3, 10, 20, 12, 3, 3, 1, 1, 0, 1)));
        assertTrue(ConvForwardRows.applies(new Conv2dShape(2, 2, 7, 9, 4, 3, 3, 1, 1, 1, 1)));
        assertTrue(ConvForwardRows.applies(new Conv2dShape(40, 1, 16, 16, 32, 5, 5, 1, 1, 2, 2)));
        assertTrue(ConvForwardRowsF32.applies(ROWS_F32));
        // whole planes where rows are not whole vectors (rows of 20 and 9 in float64, of 21 in float32): the
        // second's last tile overlaps the one before
        assertTrue(ConvForwardRows.flat(new Conv2dShape(2, 3, 10, 20, 12, 3, 3, 1, 1, 0, 1)));
        assertTrue(ConvForwardRows.flat(new Conv2dShape(2, 2, 7, 9, 4, 3, 3, 1, 1, 1, 1)));
        assertTrue(ConvForwardRowsF32.flat(ROWS_F32));
        assertFalse(ConvForwardRows.flat(new Conv2dShape(40, 1, 16, 16, 8, 5, 5, 1, 1, 2, 2)));
        assertTrue(ConvInputPlanes.applies(new Conv2dShape(2, 1, 28, 28, 6, 5, 5, 1, 1, 2, 2)));
        assertTrue(ConvInputPlanes.applies(new Conv2dShape(2, 3, 10, 20, 12, 3, 3, 1, 1, 0, 1)));
        assertTrue(ConvInputPlanes.applies(new Conv2dShape(2, 2, 7, 9, 4, 3, 3, 1, 1, 1, 1)));
        assertTrue(ConvInputPlanes.applies(new Conv2dShape(40, 1, 16, 16, 32, 5, 5, 1, 1, 2, 2)));
        assertTrue(ConvInputPlanesF32.applies(ROWS_F32));
        assertTrue(ConvInputPlanes.byRows(new Conv2dShape(2, 1, 28, 28, 8, 5, 5, 1, 1, 0, 0)));
        assertTrue(ConvInputPlanes.byRows(new Conv2dShape(3, 2, 20, 24, 6, 3, 3, 1, 1, 1, 1)));
        assertTrue(ConvInputPlanes.byRows(new Conv2dShape(2, 1, 5, 18, 4, 3, 3, 1, 1, 4, 4)));
        assertTrue(ConvInputPlanes.byRows(new Conv2dShape(2, 1, 26, 28, 7, 5, 5, 1, 1, 1, 0)));
        assertFalse(ConvInputPlanes.byRows(new Conv2dShape(2, 1, 28, 28, 6, 5, 5, 1, 1, 2, 2)));
        assertTrue(ConvInputPlanesF32.applies(PLANE_ROWS_F32) && ConvInputPlanesF32.byRows(PLANE_ROWS_F32));
    }

    /**
     * ConvWeightRows takes the bias sums sample by sample while its tiles pass: the bits of the separate pass
     * over g (169 pixels: 32 per vector step, 9 in the scalar rest).
     */
    @Test
    void weightRowsBiasSumsAreTheSeparateSums() {
        Conv2dShape s = new Conv2dShape(3, 1, 13, 13, 8, 5, 5, 1, 1, 2, 2);
        assertTrue(ConvWeightRows.applies(s));
        Random rnd = new Random(13);
        double[] g = gaussian(rnd, (int) s.outputLength());
        double[] start = gaussian(rnd, s.outC);
        double[] fused = start.clone();
        Kernels.vector().conv2dAccGradWeight(g, gaussian(rnd, (int) s.inputLength()), new double[(int) s.weightLength()],
                fused, s, null);
        double[] separate = start.clone();
        ConvLowering.accChannelSums(g, s, false, separate);
        assertArrayEquals(separate, fused);
    }

    /**
     * Float32 small patches: the weight gradient over 378 pixels (10 past the last whole vector), the input
     * gradient from 2 channels.
     */
    private static final Conv2dShape ROWS_F32 = new Conv2dShape(3, 2, 18, 21, 8, 5, 5, 1, 1, 2, 2);

    /** Float32 forward with 4 vectors of channels, its input gradient (32 channels) with 2, both direct. */
    private static final Conv2dShape DIRECT_F32 = new Conv2dShape(3, 32, 9, 15, 64, 3, 3, 1, 1, 1, 1);

    /** Float32 forward in segments of whole rows on JDK 17 (rows of 14, 4 vectors of channels), padded by 2. */
    private static final Conv2dShape SEGMENTS_F32 = new Conv2dShape(3, 8, 14, 14, 64, 5, 5, 1, 1, 2, 2);

    /** Float32 input gradient by ConvInputRows: 32 channels, an odd sample count, rows of 13 outputs. */
    private static final Conv2dShape INPUT_ROWS_F32 = new Conv2dShape(3, 32, 10, 13, 8, 5, 5, 1, 1, 1, 2);

    /** Float32 input gradient by ConvInputPlanes' whole rows: rows of 48 outputs, padded by 2. */
    private static final Conv2dShape PLANE_ROWS_F32 = new Conv2dShape(3, 2, 12, 48, 4, 5, 5, 1, 1, 2, 2);

    static Stream<Arguments> float32Cases() {
        // float32 rounds each of the patch's products: larger patches and sums over more windows drift further
        Conv2dShape strided = new Conv2dShape(3, 4, 10, 9, 6, 3, 3, 1, 2, 1, 0);
        return KernelSets.all().flatMap(k -> Stream.of(Arguments.of(k, strided, 1e-6),
                Arguments.of(k, DIRECT_F32, 1e-5), Arguments.of(k, SEGMENTS_F32, 1e-5), Arguments.of(k, ROWS_F32, 1e-5),
                Arguments.of(k, INPUT_ROWS_F32, 1e-5), Arguments.of(k, PLANE_ROWS_F32, 1e-5)));
    }

    @ParameterizedTest
    @MethodSource("float32Cases")
    void float32FollowsFloat64(Kernels k, Conv2dShape s, double tolerance) {
        Random rnd = new Random(11);
        double[] x = gaussian(rnd, (int) s.inputLength());
        double[] w = gaussian(rnd, (int) s.weightLength());
        double[] b = gaussian(rnd, s.outC);
        double[] g = gaussian(rnd, (int) s.outputLength());
        double[] out = new double[(int) s.outputLength()];
        double[] gx = new double[x.length];
        double[] gw = new double[w.length];
        double[] gb = new double[s.outC];
        k.conv2dForward(x, w, b, null, out, s, Activation.SIGMOID, null);
        k.conv2dGradInput(g, w, gx, s, null);
        k.conv2dAccGradWeight(g, x, gw, gb, s, null);
        float[] outF = new float[out.length];
        float[] gxF = new float[gx.length];
        float[] gwF = new float[gw.length];
        float[] gbF = new float[gb.length];
        k.conv2dForward(f(x), f(w), f(b), null, outF, s, Activation.SIGMOID, new float[3][]);
        k.conv2dGradInput(f(g), f(w), gxF, s, new float[3][]);
        k.conv2dAccGradWeight(f(g), f(x), gwF, gbF, s, new float[3][]);
        assertTrue(normRelError(d(outF), out) < tolerance, "float32 forward");
        assertTrue(normRelError(d(gxF), gx) < tolerance, "float32 gradX");
        assertTrue(normRelError(d(gwF), gw) < tolerance, "float32 gradW");
        assertTrue(normRelError(d(gbF), gb) < tolerance, "float32 gradB");
    }

    @ParameterizedTest
    @MethodSource("io.github.jnn.kernels.KernelSets#all")
    void maxPoolTakesTheFirstOfTiesAndNaN(Kernels k) {
        // one 4x4 plane, window 2, stride 2: ties in the first window, a NaN in the second
        double[] x = {
            1, 1, 0, 2,
            0, 1, Double.NaN, 5,
            -1, -3, 7, 7,
            -2, -1, 7, 3,
        };
        Pool2dShape s = new Pool2dShape(1, 1, 4, 4, 2, 2, 2, 2, 0, 0);
        double[] out = new double[4];
        int[] arg = new int[4];
        k.maxPool2dForward(x, out, arg, s);
        assertArrayEquals(new double[] {1, Double.NaN, -1, 7}, out);
        assertArrayEquals(new int[] {0, 6, 8, 10}, arg);
        double[] gx = new double[16];
        k.maxPool2dBackward(new double[] {1, 2, 3, 4}, arg, gx, s);
        assertArrayEquals(new double[] {1, 0, 0, 0, 0, 0, 2, 0, 3, 0, 4, 0, 0, 0, 0, 0}, gx);
        // float32 resolves them alike
        float[] outF = new float[4];
        int[] argF = new int[4];
        k.maxPool2dForward(f(x), outF, argF, s);
        assertArrayEquals(arg, argF);
    }

    /**
     * The vector set pools 2×2 windows at stride 2 lane by lane: the same maxima and positions as the scalar
     * loop, bit for bit, with ties (values from five integers and both zeros) and NaNs everywhere, for widths
     * around the vector lengths (whole vectors, tails, rows shorter than a vector, odd widths).
     */
    @Test
    void vectorPoolingTakesTheScalarLoopsValuesAndPositions() {
        Random rnd = new Random(13);
        for (int h : new int[] {2, 3, 5, 8}) {
            for (int w : new int[] {2, 3, 7, 8, 9, 16, 17, 24, 25, 33}) {
                Pool2dShape s = new Pool2dShape(2, 3, h, w, 2, 2, 2, 2, 0, 0);
                double[] x = new double[(int) s.inputLength()];
                for (int i = 0; i < x.length; i++) {
                    int r = rnd.nextInt(14);
                    x[i] = r == 0 ? Double.NaN : r == 1 ? -0.0 : r % 5 - 2;
                }
                int length = (int) s.outputLength() + 20; // longer than the output: its tail stays as it was
                double[][] out = new double[2][length];
                int[][] arg = new int[2][length];
                float[][] outF = new float[2][length];
                int[][] argF = new int[2][length];
                Kernels[] sets = {Kernels.scalar(), Kernels.vector()};
                for (int i = 0; i < 2; i++) {
                    Arrays.fill(out[i], 7.0);
                    Arrays.fill(arg[i], -1);
                    Arrays.fill(outF[i], 7.0f);
                    Arrays.fill(argF[i], -1);
                    sets[i].maxPool2dForward(x, out[i], arg[i], s);
                    sets[i].maxPool2dForward(f(x), outF[i], argF[i], s);
                }
                for (int i = (int) s.outputLength(); i < length; i++) {
                    assertTrue(out[1][i] == 7.0 && arg[1][i] == -1 && outF[1][i] == 7.0f && argF[1][i] == -1,
                            s + ": element " + i + ", past the output, was written");
                }
                assertArrayEquals(arg[0], arg[1], s + " float64 positions");
                assertArrayEquals(out[0], out[1], s + " float64 maxima");
                assertArrayEquals(argF[0], argF[1], s + " float32 positions");
                assertArrayEquals(outF[0], outF[1], s + " float32 maxima");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("io.github.jnn.kernels.KernelSets#all")
    void overlappingWindowsAddTheirGradientsAndPaddingNeverWins(Kernels k) {
        double[] x = {-5, -4, -3, -6, -9, -2, -7, -8, -1}; // 3x3, all negative: a padded 0 would win if counted
        Pool2dShape s = new Pool2dShape(1, 1, 3, 3, 3, 3, 1, 1, 1, 1); // window 3, stride 1, padding 1: 3x3 out
        double[] out = new double[9];
        int[] arg = new int[9];
        k.maxPool2dForward(x, out, arg, s);
        assertArrayEquals(new double[] {-4, -2, -2, -4, -1, -1, -6, -1, -1}, out);
        double[] gx = new double[9];
        k.maxPool2dBackward(new double[] {1, 1, 1, 1, 1, 1, 1, 1, 1}, arg, gx, s);
        assertArrayEquals(new double[] {0, 2, 0, 1, 0, 2, 0, 0, 4}, gx);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("convShapes")
    void windowStartsStepThroughTheWindowsAsWindowStartComputesThem(Conv2dShape s) {
        PatchMatrix p = s.patches();
        int windows = s.n * s.pixels();
        int[] starts = new int[windows + 1];
        for (int r0 : new int[] {0, 1, s.outW - 1, s.pixels() - 1, windows / 2, windows - 1}) {
            if (r0 < 0 || r0 >= windows) {
                continue;
            }
            java.util.Arrays.fill(starts, -1);
            p.windowStarts(r0, windows - r0, starts);
            for (int i = 0; i < windows - r0; i++) {
                assertEquals(p.windowStart(r0 + i), starts[i], s + ": window " + (r0 + i) + " from " + r0);
            }
            assertEquals(-1, starts[windows - r0], s + ": past the count");
        }
    }

    /**
     * A layer whose input gradient as a convolution would need rows past a Java array's size (4096 filters
     * 3x3 over 256x256: 65,536 pixels × 36,880) takes the scattering path instead of failing.
     */
    @Test
    void theInputGradientAsAConvolutionIsOnlyMadeWhereItsArraysFit() {
        assertNull(new Conv2dShape(1, 8, 256, 256, 4096, 3, 3, 1, 1, 1, 1).inputGradient());
        Conv2dShape t = new Conv2dShape(2, 8, 12, 12, 16, 3, 3, 1, 1, 1, 1).inputGradient();
        assertEquals(new Conv2dShape(2, 16, 14, 14, 8, 3, 3, 1, 1, 0, 0), t);
    }

    @Test
    void shapesRefuseWhatCannotBeComputed() {
        IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
                () -> new Conv2dShape(2, 1, 4, 4, 3, 5, 5, 1, 1, 0, 0));
        assertTrue(small.getMessage().contains("smaller than the kernel 5x5"), small.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Conv2dShape(2, 0, 4, 4, 3, 3, 3, 1, 1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Conv2dShape(2, 1, 4, 4, 3, 3, 3, 0, 1, 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new Conv2dShape(1, 1 << 16, 1 << 8, 1 << 8, 1, 1, 1, 1, 1, 0, 0));
        IllegalArgumentException pad = assertThrows(IllegalArgumentException.class,
                () -> new Pool2dShape(1, 1, 4, 4, 2, 2, 2, 2, 2, 0));
        assertTrue(pad.getMessage().contains("half the window"), pad.getMessage());
    }

    @ParameterizedTest
    @MethodSource("io.github.jnn.kernels.KernelSets#all")
    void kernelsCheckArraysAgainstTheShape(Kernels k) {
        Conv2dShape s = new Conv2dShape(2, 3, 5, 5, 4, 3, 3, 1, 1, 0, 0);
        double[] x = new double[(int) s.inputLength()];
        double[] w = new double[(int) s.weightLength()];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> k.conv2dForward(x, w, null, null, new double[10], s, Activation.NONE, null));
        assertTrue(e.getMessage().contains("conv2dForward: out has 10 elements, needs the output size 72"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> k.conv2dForward(x, new double[5], null, null, new double[72], s, Activation.NONE, null));
        assertThrows(IllegalArgumentException.class,
                () -> k.conv2dGradInput(new double[72], w, x, s, new double[1][]));
        Pool2dShape p = new Pool2dShape(1, 1, 4, 4, 2, 2, 2, 2, 0, 0);
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> k.maxPool2dBackward(new double[4], new int[] {0, 1, 16, 2}, new double[16], p));
        assertTrue(bad.getMessage().contains("argmax[2] = 16"), bad.getMessage());
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static float[] f(double[] a) {
        float[] r = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = (float) a[i];
        }
        return r;
    }

    private static double[] d(float[] a) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i];
        }
        return r;
    }
}
