package io.github.jnn.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The weight gradient of a stride-1 convolution with small patches (a first layer: one input channel, 5×5),
 * as dot products over each sample's output pixels: {@code gradW[o, c, i, j] += Σ_p g[n, o, p] · x[n, c, oh + i,
 * ow + j]} for p = (oh, ow). Each sample's (zero-padded) input is first copied once per kernel column j into
 * planes of the output's width, {@code x_j[c, y, ow] = x[c, y, ow + j]}, so that pixel p's input for kernel
 * row i lies at {@code p + i·outW} of x_j: the sums run over a whole plane in vectors, g read as it lies, with no
 * lane lost where a row ends (a row of 24 took two vectors of 16 when the sums ran along rows) and no lane to
 * mask. A tile holds 4 output channels × TAPS kernel columns of one kernel row as vectors of per-lane partial
 * sums and runs over a block of one sample's pixels, whose g and copies stay in L1 while every tile of the
 * thread passes; it takes its running sums from an array and puts them back, so each lane's sum is one chain of
 * fused multiply-adds in a fixed order whatever the threads (split by tile). The lanes are added in
 * {@link VectorMath#sumLanes}' order, then the pixels past the plane's last whole vector, summed one by one.
 */
final class ConvWeightRows {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Output channels of a tile. */
    private static final int CHANNELS = 4;
    /** Kernel columns of a tile: 20 accumulators, 4 gradient vectors and an input vector. */
    private static final int TAPS = 5;
    /**
     * Vectors of pixels per block, a sample's split evenly: a tile's g (4 channels) and the copies it reads,
     * 8 + 14 KB in float64 (first layer), stay in L1 (32 KB) while the tiles pass.
     */
    private static final int BLOCK_VECTORS = 40;
    /**
     * Where the copies start in their array ({@link #shift}): on a cache line ({@link AlignedArrays}), so that the
     * copies of even kernel rows are read in whole lines (float64 first layer, JDK 17: 1.50 → 1.38 ms; float32 and
     * JDK 25 level).
     */
    static final int START = AlignedArrays.doubleStart();

    /** Per thread: one sample's shifted copies, kept so that a training step allocates none. */
    private static final ThreadLocal<double[]> SHIFTED = ThreadLocal.withInitial(() -> new double[0]);

    private ConvWeightRows() {
    }

    /**
     * Whether {@link #accGradWeight} runs this shape: stride 1, output channels a multiple of 4, kernel rows of
     * at most TAPS, output rows of at least a vector, patches too small for {@link ConvDirect}, and a sample's
     * copies within one array.
     */
    static boolean applies(Conv2dShape s) {
        return s.strideH == 1 && s.strideW == 1 && s.outC % CHANNELS == 0 && s.kw <= TAPS && s.outW >= L
                && !ConvDirect.appliesToWeights(s)
                && AlignedArrays.fits(s.shiftedLength());
    }

    /**
     * {@code gradW += G ⋆ x}, x zero-padded into {@code image} as {@link ConvLowering#padded} pads it; sums in
     * scratch slot {@code slot}. With {@code gradB} not null, also the bias gradient, each sample's planes summed
     * while they are still in cache from the tiles, as {@link ConvLowering#accChannelSums} sums them.
     */
    static void accGradWeight(double[] g, double[] image, Conv2dShape s, double[] gradW, double[] gradB,
                              double[][] scratch, int slot) {
        int tiles = s.outC / CHANNELS * s.inC * s.kh;
        int tails = tiles * CHANNELS * TAPS * L; // where the sums of the pixels past the last vector start
        int length = tails + tiles * CHANNELS * TAPS;
        double[] sums = ConvLowering.scratch(scratch, slot, length);
        java.util.Arrays.fill(sums, 0, length, 0.0);
        double flops = 2.0 * s.n * s.pixels() * s.patchLength() * s.outC; //f32-same
        double[] biasSums = gradB == null ? null : ConvLowering.channelSumsScratch(s.outC); //f32: double[] biasSums = gradB == null ? null : ConvLoweringF32.channelSumsScratch(s.outC);
        Split split = KernelThreads.idle(Split.SPLITS, Split::new);
        split.g = g;
        split.image = image;
        split.s = s;
        split.sums = sums;
        split.tails = tails;
        split.biasSums = biasSums;
        split.forRows(tiles, 1, flops);
        if (gradB != null) {
            ConvLowering.addChannelSums(biasSums, s.outC, gradB);
        }
        int window = s.kh * s.kw;
        for (int t = 0; t < tiles; t++) {
            int o0 = t / (s.inC * s.kh) * CHANNELS;
            int ci = t % (s.inC * s.kh); // c·kh + i
            for (int r = 0; r < CHANNELS; r++) {
                for (int j = 0; j < s.kw; j++) {
                    int at = (t * CHANNELS + r) * TAPS + j;
                    gradW[(o0 + r) * s.inC * window + ci * s.kw + j] += VectorMath.sumLanes(sums, at * L)
                            + sums[tails + at];
                }
            }
        }
    }

    /**
     * Tiles {@code [t0, t1)}: output channels from 4·(t / (inC·kh)), kernel row t % (inC·kh), over all samples;
     * the tiles of the first kernel row also take their channels' bias sums, if {@code biasSums} is not null.
     */
    private static void tiles(double[] g, double[] image, Conv2dShape s, double[] sums, int tails,
                              double[] biasSums, int t0, int t1) { //f32: double[] biasSums, int t0, int t1) {
        int pixels = s.pixels();
        int plane = s.shiftedPlane();
        double[] shifted = AlignedArrays.doubles(SHIFTED, (int) s.shiftedLength());
        int vectors = pixels / L;
        int whole = vectors * L;
        int blocks = (vectors + BLOCK_VECTORS - 1) / BLOCK_VECTORS;
        for (int n = 0; n < s.n; n++) {
            shift(image, s, n, shifted);
            int gSample = n * s.outC * pixels;
            for (int b = 0; b < blocks; b++) {
                int from = vectors * b / blocks * L;
                int to = vectors * (b + 1) / blocks * L;
                boolean last = b == blocks - 1;
                for (int t = t0; t < t1; t++) {
                    int o0 = t / (s.inC * s.kh) * CHANNELS;
                    int ci = t % (s.inC * s.kh); // c·kh + i
                    int xFrom = START + ci / s.kh * s.kw * plane + ci % s.kh * s.outW; // copy (c, 0), kernel row i
                    tile(g, shifted, sums, t * CHANNELS * TAPS * L, gSample + o0 * pixels + from, xFrom + from,
                            to - from, pixels, plane, s.kw);
                    if (last && whole < pixels) {
                        tail(g, shifted, sums, tails + t * CHANNELS * TAPS, gSample + o0 * pixels + whole,
                                xFrom + whole, pixels - whole, pixels, plane, s.kw);
                    }
                    if (last && biasSums != null && ci == 0) { // the first kernel row's tile takes the bias
                        for (int o = o0; o < o0 + CHANNELS; o++) {
                            ConvLowering.planeSums(g, gSample + o * pixels, pixels, biasSums,
                                    o * ConvLowering.CHANNEL_SUMS_STRIDE);
                        }
                    }
                }
            }
        }
    }

    /**
     * Sample n's copies: {@code shifted[START + (c·kw + j)·plane + y·outW + ow] = image[n, c, y, ow + j]}, a row in
     * vectors, its last overlapping the one before.
     */
    static void shift(double[] image, Conv2dShape s, int n, double[] shifted) {
        int plane = s.shiftedPlane();
        int paddedH = s.h + 2 * s.padH;
        int paddedW = s.w + 2 * s.padW;
        int last = s.outW - L;
        for (int c = 0; c < s.inC; c++) {
            int from = (n * s.inC + c) * paddedH * paddedW;
            for (int j = 0; j < s.kw; j++) {
                int to = START + (c * s.kw + j) * plane;
                for (int y = 0; y < paddedH; y++) {
                    for (int w = 0; w < s.outW; w += L) {
                        int at = Math.min(w, last);
                        DoubleVector.fromArray(S, image, from + y * paddedW + j + at)
                                .intoArray(shifted, to + y * s.outW + at);
                    }
                }
            }
        }
    }

    /**
     * One tile over {@code count} pixels (whole vectors) of one sample: g of its 4 channels from {@code gFrom},
     * a plane ({@code pixels}) apart, and the copies from {@code xFrom}, kernel columns a copy ({@code plane})
     * apart; its running sums at {@code at} in sums (4 channels × TAPS × L).
     */
    private static void tile(double[] g, double[] x, double[] sums, int at, int gFrom, int xFrom, int count,
                             int pixels, int plane, int kw) {
        int tap1 = Math.min(1, kw - 1) * plane; // kernel columns past kw repeat the last one, summed into spare sums
        int tap2 = Math.min(2, kw - 1) * plane;
        int tap3 = Math.min(3, kw - 1) * plane;
        int tap4 = Math.min(4, kw - 1) * plane;
        DoubleVector a00 = DoubleVector.fromArray(S, sums, at), a01 = DoubleVector.fromArray(S, sums, at + L);
        DoubleVector a02 = DoubleVector.fromArray(S, sums, at + 2 * L), a03 = DoubleVector.fromArray(S, sums, at + 3 * L);
        DoubleVector a04 = DoubleVector.fromArray(S, sums, at + 4 * L), a10 = DoubleVector.fromArray(S, sums, at + 5 * L);
        DoubleVector a11 = DoubleVector.fromArray(S, sums, at + 6 * L), a12 = DoubleVector.fromArray(S, sums, at + 7 * L);
        DoubleVector a13 = DoubleVector.fromArray(S, sums, at + 8 * L), a14 = DoubleVector.fromArray(S, sums, at + 9 * L);
        DoubleVector a20 = DoubleVector.fromArray(S, sums, at + 10 * L), a21 = DoubleVector.fromArray(S, sums, at + 11 * L);
        DoubleVector a22 = DoubleVector.fromArray(S, sums, at + 12 * L), a23 = DoubleVector.fromArray(S, sums, at + 13 * L);
        DoubleVector a24 = DoubleVector.fromArray(S, sums, at + 14 * L), a30 = DoubleVector.fromArray(S, sums, at + 15 * L);
        DoubleVector a31 = DoubleVector.fromArray(S, sums, at + 16 * L), a32 = DoubleVector.fromArray(S, sums, at + 17 * L);
        DoubleVector a33 = DoubleVector.fromArray(S, sums, at + 18 * L), a34 = DoubleVector.fromArray(S, sums, at + 19 * L);
        for (int v = 0; v < count; v += L) {
            int gi = gFrom + v;
            DoubleVector g0 = DoubleVector.fromArray(S, g, gi);
            DoubleVector g1 = DoubleVector.fromArray(S, g, gi + pixels);
            DoubleVector g2 = DoubleVector.fromArray(S, g, gi + 2 * pixels);
            DoubleVector g3 = DoubleVector.fromArray(S, g, gi + 3 * pixels);
            int xi = xFrom + v;
            DoubleVector u = DoubleVector.fromArray(S, x, xi);
            a00 = g0.fma(u, a00);
            a10 = g1.fma(u, a10);
            a20 = g2.fma(u, a20);
            a30 = g3.fma(u, a30);
            u = DoubleVector.fromArray(S, x, xi + tap1);
            a01 = g0.fma(u, a01);
            a11 = g1.fma(u, a11);
            a21 = g2.fma(u, a21);
            a31 = g3.fma(u, a31);
            u = DoubleVector.fromArray(S, x, xi + tap2);
            a02 = g0.fma(u, a02);
            a12 = g1.fma(u, a12);
            a22 = g2.fma(u, a22);
            a32 = g3.fma(u, a32);
            u = DoubleVector.fromArray(S, x, xi + tap3);
            a03 = g0.fma(u, a03);
            a13 = g1.fma(u, a13);
            a23 = g2.fma(u, a23);
            a33 = g3.fma(u, a33);
            u = DoubleVector.fromArray(S, x, xi + tap4);
            a04 = g0.fma(u, a04);
            a14 = g1.fma(u, a14);
            a24 = g2.fma(u, a24);
            a34 = g3.fma(u, a34);
        }
        a00.intoArray(sums, at);
        a01.intoArray(sums, at + L);
        a02.intoArray(sums, at + 2 * L);
        a03.intoArray(sums, at + 3 * L);
        a04.intoArray(sums, at + 4 * L);
        a10.intoArray(sums, at + 5 * L);
        a11.intoArray(sums, at + 6 * L);
        a12.intoArray(sums, at + 7 * L);
        a13.intoArray(sums, at + 8 * L);
        a14.intoArray(sums, at + 9 * L);
        a20.intoArray(sums, at + 10 * L);
        a21.intoArray(sums, at + 11 * L);
        a22.intoArray(sums, at + 12 * L);
        a23.intoArray(sums, at + 13 * L);
        a24.intoArray(sums, at + 14 * L);
        a30.intoArray(sums, at + 15 * L);
        a31.intoArray(sums, at + 16 * L);
        a32.intoArray(sums, at + 17 * L);
        a33.intoArray(sums, at + 18 * L);
        a34.intoArray(sums, at + 19 * L);
    }

    /**
     * {@link #tile}'s sums for the {@code count} pixels past the last whole vector, one by one in order, at
     * {@code at} in sums (4 channels × TAPS).
     */
    private static void tail(double[] g, double[] x, double[] sums, int at, int gFrom, int xFrom, int count,
                             int pixels, int plane, int kw) {
        for (int r = 0; r < CHANNELS; r++) {
            for (int j = 0; j < kw; j++) {
                double sum = sums[at + r * TAPS + j];
                for (int p = 0; p < count; p++) {
                    sum = Math.fma(g[gFrom + r * pixels + p], x[xFrom + j * plane + p], sum);
                }
                sums[at + r * TAPS + j] = sum;
            }
        }
    }

    /** {@link #accGradWeight}'s tiles split over threads, its arguments as fields ({@link KernelThreads.Task}). */
    private static final class Split extends KernelThreads.Task {
        static final ThreadLocal<Split> SPLITS = ThreadLocal.withInitial(Split::new);
        double[] g;
        double[] image;
        Conv2dShape s;
        double[] sums;
        int tails;
        double[] biasSums; //f32-same

        @Override
        public void run(int t0, int t1) {
            tiles(g, image, s, sums, tails, biasSums, t0, t1);
        }

        @Override
        void clear() {
            g = null;
            image = null;
            s = null;
            sums = null;
            biasSums = null;
        }
    }
}
