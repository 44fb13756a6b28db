package io.github.jnn.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The forward of a stride-1 convolution with 5-wide kernels along segments of an output row: a tile holds
 * PIXELS adjacent output pixels × 2 vectors of output channels, and per input channel and kernel row loads the
 * TAPS kernel columns' vectors once and broadcasts each of the row's PIXELS + TAPS - 1 input values once, added
 * into every pixel it reaches (80 fused multiply-adds per 10 kernel loads and 12 broadcasts, where a tile per
 * patch element, {@link ConvDirect}'s, takes 33 per 80 and leaves over the columns a row's width does not fill
 * with its tiles). A row narrower than a multiple of PIXELS ends with a segment that overlaps the one before:
 * those pixels are computed twice, the same way. Each sum is one chain of fused multiply-adds over the patch in
 * its order (input channel, kernel row, kernel column), then the bias and activation ({@link ConvDirect#planes}),
 * whatever the threads (split by sample).
 */
final class ConvForwardSegments {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Kernel columns: the tile is written for exactly this width. */
    static final int TAPS = 5;
    /** Output pixels of a tile: 16 accumulators, 10 kernel vectors and a broadcast (AVX-512's 32 registers). */
    private static final int PIXELS = 8;
    /**
     * The fewest steps (input channels × kernel rows) a tile pays for its own cost with (batch 64, 28×28, 5×5
     * kernels to 32 channels, against the kernels that ran before: float32 1 channel 0.87 → 1.04 ms, 2 channels
     * 1.46 → 1.31; float64 2 channels 2.71 → 2.92, 3 channels 4.71 → 3.81): 3 channels of 5 rows in both.
     */
    private static final int MIN_STEPS = 15;
    /** Where the packed kernels start in their scratch array: on a cache line ({@link AlignedArrays}). */
    private static final int START = AlignedArrays.doubleStart();

    private ConvForwardSegments() {
    }

    /**
     * Whether {@link #forward} runs this shape: stride 1 along rows, 5-wide kernels, output channels whole pairs
     * of vectors, rows of at least PIXELS outputs, and at least MIN_STEPS steps.
     */
    static boolean applies(Conv2dShape s) {
        return s.strideW == 1 && s.kw == TAPS && s.outC % (2 * L) == 0 && s.outW >= PIXELS
                && s.inC * s.kh >= MIN_STEPS;
    }

    /**
     * {@code out[n, o, p] = act(Σ_q w[o, q] · P_n[p, q] + b[o])} on {@code image}, the input zero-padded as
     * {@link ConvLowering#padded} pads it; {@code pre} (if not null) the values before act. The packed kernels
     * (per pair of channel vectors, input channel, kernel row and column) go to scratch slot {@code slot}.
     */
    static void forward(double[] image, Conv2dShape s, double[] w, double[] b, double[] pre, double[] out,
                        Activation act, double[][] scratch, int slot) {
        int steps = s.inC * s.kh; // one input channel's kernel row a step
        int block = steps * TAPS * 2 * L; // one pair of channel vectors' kernels
        double[] packed = AlignedArrays.doubles(scratch, slot, s.outC / (2 * L) * block);
        pack(w, s, packed);
        PatchMatrix patches = s.patches();
        // step q's input row from the window's start: patch element (c, i, 0)'s
        int[] rowsAt = ThreadBuffers.ints(ROWS_AT, steps);
        for (int q = 0; q < steps; q++) {
            rowsAt[q] = patches.columns[q * TAPS];
        }
        int rowsPerChunk = Math.max(1, ConvDirect.CHUNK_VALUES / (s.outW * s.outC));
        double flops = 2.0 * s.n * s.pixels() * s.patchLength() * s.outC; //f32-same
        Split t = KernelThreads.idle(Split.SPLITS, Split::new);
        t.image = image;
        t.s = s;
        t.patches = patches;
        t.rowsAt = rowsAt;
        t.packed = packed;
        t.block = block;
        t.b = b;
        t.pre = pre;
        t.out = out;
        t.act = act;
        t.rowsPerChunk = rowsPerChunk;
        t.forRows(s.n, 1, flops);
    }

    /** {@link #forward} for samples {@code [n0, n1)}, in chunks of {@code rowsPerChunk} output rows. */
    private static void samples(double[] image, Conv2dShape s, PatchMatrix patches, int[] rowsAt, double[] packed,
                                int block, double[] b, double[] pre, double[] out, Activation act, int rowsPerChunk,
                                int n0, int n1) {
        for (int n = n0; n < n1; n++) {
            for (int oh0 = 0; oh0 < s.outH; oh0 += rowsPerChunk) {
                int oh1 = Math.min(s.outH, oh0 + rowsPerChunk);
                chunk(image, s, patches, rowsAt, packed, block, b, pre, out, act, n, oh0, oh1);
            }
        }
    }

    /** {@code packed[START + (o / 2L)·block + ((c·kh + i)·TAPS + j)·2L + o % 2L] = w[o, c, i, j]}. */
    private static void pack(double[] w, Conv2dShape s, double[] packed) {
        int k = s.patchLength();
        for (int o = 0; o < s.outC; o++) {
            int to = START + o / (2 * L) * (k * 2 * L) + o % (2 * L);
            for (int q = 0; q < k; q++) {
                packed[to + q * 2 * L] = w[o * k + q];
            }
        }
    }

    /**
     * Output rows {@code [oh0, oh1)} of sample n: the tiles' sums, pixel-major, a pair of channel vectors at a
     * time over all the rows (its kernels stay in L2), then into the planes.
     */
    private static void chunk(double[] image, Conv2dShape s, PatchMatrix patches, int[] rowsAt, double[] packed,
                              int block, double[] b, double[] pre, double[] out, Activation act, int n, int oh0,
                              int oh1) {
        int stride = s.outC;
        int p0 = oh0 * s.outW;
        int count = (oh1 - oh0) * s.outW;
        double[] rows = ConvDirect.sumRows(count * stride);
        int steps = s.inC * s.kh; // rowsAt may be longer (a per-thread buffer)
        for (int o0 = 0; o0 < s.outC; o0 += 2 * L) {
            int wb = START + o0 / (2 * L) * block;
            for (int oh = oh0; oh < oh1; oh++) {
                int at = patches.windowStart(n * s.pixels() + oh * s.outW); // the row's first window
                for (int x0 = 0; x0 < s.outW; x0 += PIXELS) {
                    int x = Math.min(x0, s.outW - PIXELS); // the last segment may overlap the one before
                    int d = ((oh - oh0) * s.outW + x) * stride + o0;
                    tile(image, at + x, rowsAt, steps, packed, wb, rows, d, stride);
                }
            }
        }
        ConvDirect.planes(rows, s, b, pre, out, act, n, p0, count);
    }

    /**
     * PIXELS output pixels from window start {@code at} × 2 vectors of channels: per step q, the input row at
     * {@code at + rowsAt[q]} and the kernels at {@code packed[wb + q·2·TAPS·L]}; sums to rows[d + p·stride].
     * (One method, one loop: C2 keeps the 16 accumulators in registers.)
     */
    private static void tile(double[] image, int at, int[] rowsAt, int steps, double[] packed, int wb,
                             double[] rows, int d, int stride) {
        DoubleVector z = DoubleVector.zero(S);
        DoubleVector a0 = z, b0 = z, a1 = z, b1 = z;
        DoubleVector a2 = z, b2 = z, a3 = z, b3 = z;
        DoubleVector a4 = z, b4 = z, a5 = z, b5 = z;
        DoubleVector a6 = z, b6 = z, a7 = z, b7 = z;
        for (int q = 0; q < steps; q++) {
            int x = at + rowsAt[q];
            int k = wb + q * (2 * TAPS * L);
            DoubleVector k00 = DoubleVector.fromArray(S, packed, k);
            DoubleVector k01 = DoubleVector.fromArray(S, packed, k + L);
            DoubleVector k10 = DoubleVector.fromArray(S, packed, k + 2 * L);
            DoubleVector k11 = DoubleVector.fromArray(S, packed, k + 3 * L);
            DoubleVector k20 = DoubleVector.fromArray(S, packed, k + 4 * L);
            DoubleVector k21 = DoubleVector.fromArray(S, packed, k + 5 * L);
            DoubleVector k30 = DoubleVector.fromArray(S, packed, k + 6 * L);
            DoubleVector k31 = DoubleVector.fromArray(S, packed, k + 7 * L);
            DoubleVector k40 = DoubleVector.fromArray(S, packed, k + 8 * L);
            DoubleVector k41 = DoubleVector.fromArray(S, packed, k + 9 * L);
            DoubleVector v = DoubleVector.broadcast(S, image[x]);
            a0 = v.fma(k00, a0);
            b0 = v.fma(k01, b0);
            v = DoubleVector.broadcast(S, image[x + 1]);
            a1 = v.fma(k00, a1);
            b1 = v.fma(k01, b1);
            a0 = v.fma(k10, a0);
            b0 = v.fma(k11, b0);
            v = DoubleVector.broadcast(S, image[x + 2]);
            a2 = v.fma(k00, a2);
            b2 = v.fma(k01, b2);
            a1 = v.fma(k10, a1);
            b1 = v.fma(k11, b1);
            a0 = v.fma(k20, a0);
            b0 = v.fma(k21, b0);
            v = DoubleVector.broadcast(S, image[x + 3]);
            a3 = v.fma(k00, a3);
            b3 = v.fma(k01, b3);
            a2 = v.fma(k10, a2);
            b2 = v.fma(k11, b2);
            a1 = v.fma(k20, a1);
            b1 = v.fma(k21, b1);
            a0 = v.fma(k30, a0);
            b0 = v.fma(k31, b0);
            v = DoubleVector.broadcast(S, image[x + 4]);
            a4 = v.fma(k00, a4);
            b4 = v.fma(k01, b4);
            a3 = v.fma(k10, a3);
            b3 = v.fma(k11, b3);
            a2 = v.fma(k20, a2);
            b2 = v.fma(k21, b2);
            a1 = v.fma(k30, a1);
            b1 = v.fma(k31, b1);
            a0 = v.fma(k40, a0);
            b0 = v.fma(k41, b0);
            v = DoubleVector.broadcast(S, image[x + 5]);
            a5 = v.fma(k00, a5);
            b5 = v.fma(k01, b5);
            a4 = v.fma(k10, a4);
            b4 = v.fma(k11, b4);
            a3 = v.fma(k20, a3);
            b3 = v.fma(k21, b3);
            a2 = v.fma(k30, a2);
            b2 = v.fma(k31, b2);
            a1 = v.fma(k40, a1);
            b1 = v.fma(k41, b1);
            v = DoubleVector.broadcast(S, image[x + 6]);
            a6 = v.fma(k00, a6);
            b6 = v.fma(k01, b6);
            a5 = v.fma(k10, a5);
            b5 = v.fma(k11, b5);
            a4 = v.fma(k20, a4);
            b4 = v.fma(k21, b4);
            a3 = v.fma(k30, a3);
            b3 = v.fma(k31, b3);
            a2 = v.fma(k40, a2);
            b2 = v.fma(k41, b2);
            v = DoubleVector.broadcast(S, image[x + 7]);
            a7 = v.fma(k00, a7);
            b7 = v.fma(k01, b7);
            a6 = v.fma(k10, a6);
            b6 = v.fma(k11, b6);
            a5 = v.fma(k20, a5);
            b5 = v.fma(k21, b5);
            a4 = v.fma(k30, a4);
            b4 = v.fma(k31, b4);
            a3 = v.fma(k40, a3);
            b3 = v.fma(k41, b3);
            v = DoubleVector.broadcast(S, image[x + 8]);
            a7 = v.fma(k10, a7);
            b7 = v.fma(k11, b7);
            a6 = v.fma(k20, a6);
            b6 = v.fma(k21, b6);
            a5 = v.fma(k30, a5);
            b5 = v.fma(k31, b5);
            a4 = v.fma(k40, a4);
            b4 = v.fma(k41, b4);
            v = DoubleVector.broadcast(S, image[x + 9]);
            a7 = v.fma(k20, a7);
            b7 = v.fma(k21, b7);
            a6 = v.fma(k30, a6);
            b6 = v.fma(k31, b6);
            a5 = v.fma(k40, a5);
            b5 = v.fma(k41, b5);
            v = DoubleVector.broadcast(S, image[x + 10]);
            a7 = v.fma(k30, a7);
            b7 = v.fma(k31, b7);
            a6 = v.fma(k40, a6);
            b6 = v.fma(k41, b6);
            v = DoubleVector.broadcast(S, image[x + 11]);
            a7 = v.fma(k40, a7);
            b7 = v.fma(k41, b7);
        }
        a0.intoArray(rows, d);
        b0.intoArray(rows, d + L);
        a1.intoArray(rows, d + stride);
        b1.intoArray(rows, d + stride + L);
        a2.intoArray(rows, d + 2 * stride);
        b2.intoArray(rows, d + 2 * stride + L);
        a3.intoArray(rows, d + 3 * stride);
        b3.intoArray(rows, d + 3 * stride + L);
        a4.intoArray(rows, d + 4 * stride);
        b4.intoArray(rows, d + 4 * stride + L);
        a5.intoArray(rows, d + 5 * stride);
        b5.intoArray(rows, d + 5 * stride + L);
        a6.intoArray(rows, d + 6 * stride);
        b6.intoArray(rows, d + 6 * stride + L);
        a7.intoArray(rows, d + 7 * stride);
        b7.intoArray(rows, d + 7 * stride + L);
    }

    /** Per thread: {@link #forward}'s input row of each step. */
    private static final ThreadLocal<int[]> ROWS_AT = ThreadLocal.withInitial(() -> new int[0]);

    /** {@link #forward}'s samples split over threads, its arguments as fields ({@link KernelThreads.Task}). */
    private static final class Split extends KernelThreads.Task {
        static final ThreadLocal<Split> SPLITS = ThreadLocal.withInitial(Split::new);
        double[] image;
        Conv2dShape s;
        PatchMatrix patches;
        int[] rowsAt;
        double[] packed;
        int block;
        double[] b;
        double[] pre;
        double[] out;
        Activation act;
        int rowsPerChunk;

        @Override
        public void run(int n0, int n1) {
            samples(image, s, patches, rowsAt, packed, block, b, pre, out, act, rowsPerChunk, n0, n1);
        }

        @Override
        void clear() {
            image = null;
            s = null;
            patches = null;
            rowsAt = null;
            packed = null;
            b = null;
            pre = null;
            out = null;
            act = null;
        }
    }
}
