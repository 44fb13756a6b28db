package io.github.jnn.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The weight gradient of a stride-1 convolution with small patches (a first layer: one input channel, 5×5),
 * as dot products along output rows: {@code gradW[o, c, i, j] += Σ g[n, o, oh, ·] · x[n, c, oh + i, j + ·]}.
 * The output gradient and the (zero-padded) input are read as they lie, a row of L outputs at a time, so
 * nothing is packed or transposed (the im2col product packed each of the few patch values for a product with
 * only as many rows as output channels, and laid g's planes side by side first). A tile holds 4
 * output channels × TAPS kernel columns of one kernel row as vectors of per-lane partial sums; a row narrower
 * than a multiple of L ends with a vector that overlaps the one before, its repeated lanes of g zeroed. Samples
 * go in blocks whose g and x stay in L2 while every tile passes; a tile takes its running sums from an array
 * and puts them back, so each lane's sum is one chain of fused multiply-adds in a fixed order whatever the
 * blocks or the threads (split by tile); its lanes are added in {@link VectorMath#sumLanes}' fixed order.
 */
final class ConvWeightRows {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Output channels of a tile. */
    private static final int CHANNELS = 4;
    /** Kernel columns of a tile: 20 accumulators, 4 gradient vectors and an input vector. */
    private static final int TAPS = 5;
    /** Output values per sample block: g's block (256 KB in float32) and the input's stay in L2. */
    private static final int BLOCK_VALUES = 64 * 1024;

    /** Per thread: the step tables of {@link #tiles} and its lane masks, kept so that a training step allocates none. */
    private static final ThreadLocal<int[]> G_AT = ThreadLocal.withInitial(() -> new int[0]);
    private static final ThreadLocal<int[]> X_AT = ThreadLocal.withInitial(() -> new int[0]);
    private static final ThreadLocal<int[]> KEEP_AT = ThreadLocal.withInitial(() -> new int[0]);
    private static final ThreadLocal<boolean[]> FRESH = ThreadLocal.withInitial(() -> new boolean[2 * L]);

    private ConvWeightRows() {
    }

    /**
     * Whether {@link #accGradWeight} runs this shape: stride 1, output channels a multiple of 4, kernel rows of
     * at most TAPS, output rows of at least a vector, and patches too small for {@link ConvDirect}.
     */
    static boolean applies(Conv2dShape s) {
        return s.strideH == 1 && s.strideW == 1 && s.outC % CHANNELS == 0 && s.kw <= TAPS && s.outW >= L
                && !ConvDirect.appliesToWeights(s);
    }

    /** {@code gradW += G ⋆ x}, x zero-padded into {@code image} as {@link ConvLowering#padded} pads it; sums in scratch slot {@code slot}. */
    static void accGradWeight(double[] g, double[] image, Conv2dShape s, double[] gradW, double[][] scratch,
                              int slot) {
        int tiles = s.outC / CHANNELS * s.inC * s.kh;
        double[] sums = ConvLowering.scratch(scratch, slot, tiles * CHANNELS * TAPS * L);
        java.util.Arrays.fill(sums, 0, tiles * CHANNELS * TAPS * L, 0.0);
        double flops = 2.0 * s.n * s.pixels() * s.patchLength() * s.outC; //f32-same
        KernelThreads.forRows(tiles, 1, flops, (t0, t1) -> tiles(g, image, s, sums, t0, t1));
        int window = s.kh * s.kw;
        for (int t = 0; t < tiles; t++) {
            int o0 = t / (s.inC * s.kh) * CHANNELS;
            int ci = t % (s.inC * s.kh); // c·kh + i
            for (int r = 0; r < CHANNELS; r++) {
                for (int j = 0; j < s.kw; j++) {
                    int at = ((t * CHANNELS + r) * TAPS + j) * L;
                    gradW[(o0 + r) * s.inC * window + ci * s.kw + j] += VectorMath.sumLanes(sums, at);
                }
            }
        }
    }

    /** Tiles {@code [t0, t1)}: output channels from 4·(t / (inC·kh)), kernel row t % (inC·kh), over all samples. */
    private static void tiles(double[] g, double[] image, Conv2dShape s, double[] sums, int t0, int t1) {
        int pixels = s.pixels();
        int samples = Math.max(1, BLOCK_VALUES / (s.outC * pixels));
        int paddedH = s.h + 2 * s.padH;
        int paddedW = s.w + 2 * s.padW;
        int last = s.outW - L; // the last vector of a row starts here, overlapping the one before
        int perRow = (s.outW + L - 1) / L;
        boolean[] fresh = FRESH.get(); // from 0: all lanes; from L: the lanes a row's overlapping last vector adds
        for (int lane = 0; lane < 2 * L; lane++) {
            fresh[lane] = lane < L || lane - L >= (L - s.outW % L) % L;
        }
        // The steps of a block of samples, one vector of a row each, as offsets: one loop in the tile (vectors
        // carried around nested loops were boxed by C2 on JDK 17, 10× slower)
        int[] gAt = ThreadBuffers.ints(G_AT, samples * s.outH * perRow);
        int[] xAt = ThreadBuffers.ints(X_AT, gAt.length);
        int[] keepAt = ThreadBuffers.ints(KEEP_AT, gAt.length);
        for (int n0 = 0; n0 < s.n; n0 += samples) {
            int n1 = Math.min(s.n, n0 + samples);
            int steps = 0;
            for (int n = n0; n < n1; n++) {
                for (int oh = 0; oh < s.outH; oh++) {
                    for (int ow = 0; ow < s.outW; ow += L) {
                        int w = Math.min(ow, last);
                        gAt[steps] = n * s.outC * pixels + oh * s.outW + w;
                        xAt[steps] = (n * s.inC * paddedH + oh) * paddedW + w;
                        keepAt[steps++] = ow > last ? L : 0;
                    }
                }
            }
            for (int t = t0; t < t1; t++) {
                int o0 = t / (s.inC * s.kh) * CHANNELS;
                int ci = t % (s.inC * s.kh); // c·kh + i
                int c = ci / s.kh;
                int i = ci % s.kh;
                tile(g, image, sums, t * CHANNELS * TAPS * L, gAt, xAt, keepAt, steps, o0 * pixels, pixels,
                        (c * paddedH + i) * paddedW, s.kw, fresh);
            }
        }
    }

    /**
     * One tile over {@code steps} vectors of output rows: sample and row offsets {@code gAt, xAt} (plus
     * {@code gShift}, {@code xShift}: the tile's first channel, its input channel and kernel row), lanes to keep
     * from {@code fresh} at {@code keepAt}; its running sums at {@code at} in sums (4 channels × TAPS × L).
     */
    private static void tile(double[] g, double[] image, double[] sums, int at, int[] gAt, int[] xAt, int[] keepAt,
                             int steps, int gShift, int pixels, int xShift, int kw, boolean[] fresh) {
        int tap1 = Math.min(1, kw - 1); // kernel columns past kw repeat the last one, summed into spare sums
        int tap2 = Math.min(2, kw - 1);
        int tap3 = Math.min(3, kw - 1);
        int tap4 = Math.min(4, kw - 1);
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
        DoubleVector zero = DoubleVector.zero(S);
        for (int step = 0; step < steps; step++) {
            int gi = gAt[step] + gShift;
            // lanes the vector before has summed are zeroed
            VectorMask<Double> keep = VectorMask.fromArray(S, fresh, keepAt[step]);
            DoubleVector g0 = zero.blend(DoubleVector.fromArray(S, g, gi), keep);
            DoubleVector g1 = zero.blend(DoubleVector.fromArray(S, g, gi + pixels), keep);
            DoubleVector g2 = zero.blend(DoubleVector.fromArray(S, g, gi + 2 * pixels), keep);
            DoubleVector g3 = zero.blend(DoubleVector.fromArray(S, g, gi + 3 * pixels), keep);
            int x = xAt[step] + xShift;
            DoubleVector v = DoubleVector.fromArray(S, image, x);
            a00 = g0.fma(v, a00);
            a10 = g1.fma(v, a10);
            a20 = g2.fma(v, a20);
            a30 = g3.fma(v, a30);
            v = DoubleVector.fromArray(S, image, x + tap1);
            a01 = g0.fma(v, a01);
            a11 = g1.fma(v, a11);
            a21 = g2.fma(v, a21);
            a31 = g3.fma(v, a31);
            v = DoubleVector.fromArray(S, image, x + tap2);
            a02 = g0.fma(v, a02);
            a12 = g1.fma(v, a12);
            a22 = g2.fma(v, a22);
            a32 = g3.fma(v, a32);
            v = DoubleVector.fromArray(S, image, x + tap3);
            a03 = g0.fma(v, a03);
            a13 = g1.fma(v, a13);
            a23 = g2.fma(v, a23);
            a33 = g3.fma(v, a33);
            v = DoubleVector.fromArray(S, image, x + tap4);
            a04 = g0.fma(v, a04);
            a14 = g1.fma(v, a14);
            a24 = g2.fma(v, a24);
            a34 = g3.fma(v, a34);
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
}
