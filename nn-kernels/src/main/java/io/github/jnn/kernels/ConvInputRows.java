package io.github.jnn.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The input gradient of a stride-1 convolution with 5-wide kernels, taken from the output gradient's rows as
 * they are (a transposed convolution, source-stationary): {@code gradX[n, c, y, x] = Σ_{o, i, j}
 * g[n, o, y - i + padH, x - j + padW] · w[o, c, i, j]}. A tile holds one input row's SOURCES + TAPS - 1
 * pixels × one vector of input channels, for two samples; per output channel and kernel row it loads the TAPS
 * kernel columns as vectors and broadcasts SOURCES output-gradient values of each sample's row, each added
 * into the TAPS pixels it reaches. So no product is taken with the padding's zeros: run as the forward of the
 * spread gradient, the zeros around a narrow output row (8 wide for 12-wide inputs) cost half as many flops
 * again, and col2im's product had only as many columns as output channels and then a scatter pass. A row goes
 * in segments of SOURCES or SEVEN values ({@link #sevens}; zeros fill the last one where the row is shorter),
 * whose pixels overlap by TAPS - 1; a segment adds into what the one before left. Each input value's sum is
 * one chain of fused multiply-adds in a fixed order (segments, then output channels by kernel row, then
 * kernel columns), whatever the threads (split by sample). The forward of a convolution padded by (k - 1) / 2
 * or more is the input gradient of its transposed convolution, and runs here too ({@link #forward}).
 */
final class ConvInputRows {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Kernel columns: the tile is written for exactly this width. */
    static final int TAPS = 5;
    /** Output-gradient values a tile broadcasts per sample, kernel row and channel: 2 × 12 accumulators. */
    private static final int SOURCES = 8;
    /**
     * Per thread: one input row's sums, pixel-major ({@code (SOURCES·segments + TAPS - 1) × inC}), from
     * {@link #START}.
     */
    private static final ThreadLocal<double[]> ROW = ThreadLocal.withInitial(() -> new double[0]);
    /** Per thread: the offsets {@code 0, h·w, ..., (L - 1)·h·w} of L input channels' planes. */
    private static final ThreadLocal<int[]> PLANES = ThreadLocal.withInitial(() -> new int[L]);
    /**
     * Where the flipped kernels and the row sums start in their arrays: on a cache line ({@link AlignedArrays}).
     * Every kernel vector a tile loads and every sum it keeps is then one line, where from index 0 of a placed
     * array each was 16 bytes into one line and split across two (float32, batch 64, KernelBuildsAB, JDK 17, an
     * Intel Xeon, minima over separate JVMs: 12×12 k5 32→64 3.02-3.06 → 2.88-2.89 ms, padded 14×14 7.05-7.16 →
     * 6.91-6.94; JDK 25 did not move).
     */
    private static final int START = AlignedArrays.doubleStart();

    private ConvInputRows() {
    }

    /** Whether {@link #gradInput} runs this shape: stride 1, kernels 5 wide, input channels whole vectors. */
    static boolean applies(Conv2dShape s) {
        return s.strideH == 1 && s.strideW == 1 && s.kw == TAPS && s.inC % L == 0;
    }

    /** Sources of the narrower tile ({@link #tilePair7}). */
    private static final int SEVEN = 7;

    /**
     * Segments of SEVEN sources per row (after those of SOURCES): as many as make the segments' total width
     * the least (14 wide rows: 7 + 7 instead of 8 + 8 with two zeros, an eighth of the flops).
     */
    static int sevens(int outW) {
        int best = 0;
        for (int a = 1; a * SEVEN <= outW + SEVEN - 1; a++) {
            if (width(outW, a) < width(outW, best)) {
                best = a;
            }
        }
        return best;
    }

    /** Segments' total width with {@code sevens} segments of SEVEN and the rest of SOURCES. */
    private static int width(int outW, int sevens) {
        int rest = Math.max(0, outW - sevens * SEVEN);
        return sevens * SEVEN + (rest + SOURCES - 1) / SOURCES * SOURCES;
    }

    /**
     * {@code gradX = ∂/∂x} of the convolution (written, not added) from the output gradient {@code g}; the
     * gradient's rows and the flipped kernels go to scratch slots 0 and 1.
     */
    static void gradInput(double[] g, double[] w, double[] gradX, Conv2dShape s, double[][] scratch) {
        double[] kernels = AlignedArrays.doubles(scratch, 1, (int) s.weightLength());
        flipRows(w, s, kernels);
        rowsOf(g, kernels, null, gradX, s, scratch);
    }

    /**
     * Whether {@link #forward} runs the convolution of this shape: stride 1, kernels 5 wide, output channels
     * whole vectors, at least a vector of input channels (a first layer's single channel, 5 tile steps per
     * segment: 1.2 → 1.9 ms, float32, batch 64, 28×28), and padding from (k - 1) / 2 to k - 1 on each axis, so
     * that the transposed convolution it runs pads by at most as much (a 12×12 input without padding, as an 8×8
     * one padded by 4, took 4.5 ms against ConvDirect's 2.9).
     */
    static boolean appliesToForward(Conv2dShape s) {
        return s.strideH == 1 && s.strideW == 1 && s.kw == TAPS && s.outC % L == 0 && s.inC >= L
                && 2 * s.padH >= s.kh - 1 && s.padH < s.kh && 2 * s.padW >= s.kw - 1 && s.padW < s.kw;
    }

    /**
     * The convolution itself, {@code out = act(pre)}, {@code pre = conv(x, w) + b} (pre kept where not null, b
     * may be null), as the input gradient of the transposed convolution: that of shape {@code t} whose output is
     * x (channels and rows swapped, padding k - 1 - pad) with the kernels flipped, whose tiles then add each
     * input value into the 5 outputs it reaches (the padded 14×14 layer, float32: 8.8 → 7.3-7.8 ms on JDK 25,
     * 8.6 → 8.2 on JDK 17 against {@link ConvDirect}). Scratch slots 0-2.
     */
    static void forward(double[] x, double[] w, double[] b, double[] pre, double[] out, Activation act,
                        Conv2dShape s, double[][] scratch) {
        Conv2dShape t = s.transposed();
        double[] flipped = ConvLowering.scratch(scratch, 2, (int) s.weightLength());
        ConvLowering.flipKernels(w, s, flipped);
        double[] kernels = AlignedArrays.doubles(scratch, 1, (int) t.weightLength());
        flipRows(flipped, t, kernels);
        int length = s.n * s.outC * s.pixels();
        if (act == Activation.NONE) {
            rowsOf(x, kernels, b, out, t, scratch);
            return;
        }
        double[] sums = pre != null ? pre : out;
        rowsOf(x, kernels, b, sums, t, scratch);
        if (act == Activation.RELU) {
            ElementwiseVector.relu(sums, out, length);
        } else {
            ElementwiseVector.sigmoid(sums, out, length);
        }
    }

    /** {@code gradX} of shape s from g and the flipped {@code kernels}, plus b per input channel (b may be null). */
    private static void rowsOf(double[] g, double[] kernels, double[] b, double[] gradX, Conv2dShape s,
                               double[][] scratch) {
        int sevens = sevens(s.outW);
        int width = width(s.outW, sevens); // the gradient's rows as the tiles read them: zeros after outW
        int eights = width - sevens * SEVEN; // where the segments of SOURCES end
        double[] rows = ConvLowering.scratch(scratch, 0, s.n * s.outH * s.outC * width);
        double flops = 2.0 * s.n * s.pixels() * s.patchLength() * s.outC; //f32-same
        Split t = KernelThreads.idle(Split.SPLITS, Split::new);
        t.g = g;
        t.kernels = kernels;
        t.b = b;
        t.gradX = gradX;
        t.s = s;
        t.rows = rows;
        t.width = width;
        t.eights = eights;
        t.forRows((s.n + 1) / 2, 1, flops);
    }

    /** {@link #rowsOf} for the pairs of samples {@code [u0, u1)}. */
    private static void pairs(double[] g, double[] kernels, double[] b, double[] gradX, Conv2dShape s, double[] rows,
                              int width, int eights, int u0, int u1) {
        int n0 = 2 * u0;
        int n1 = Math.min(s.n, 2 * u1);
        gradientRows(g, s, rows, width, n0, n1);
        for (int n = n0; n < n1; n += 2) {
            samples(rows, kernels, b, gradX, s, width, eights, n, n + 1 < n1);
        }
    }

    /**
     * {@code kernels[START + ((r·outC + o)·TAPS + j)·inC + c] = w[o, c, kh - 1 - r, j]}: per kernel row (last
     * first, so that one index walks the gradient's rows down and the kernels forward) and output channel, the
     * TAPS columns' input channels as one contiguous run each.
     */
    private static void flipRows(double[] w, Conv2dShape s, double[] kernels) {
        for (int o = 0; o < s.outC; o++) {
            for (int c = 0; c < s.inC; c++) {
                for (int i = 0; i < s.kh; i++) {
                    int from = ((o * s.inC + c) * s.kh + i) * TAPS;
                    int to = START + (((s.kh - 1 - i) * s.outC + o) * TAPS) * s.inC + c;
                    for (int j = 0; j < TAPS; j++) {
                        kernels[to + j * s.inC] = w[from + j];
                    }
                }
            }
        }
    }

    /** Samples {@code [n0, n1)} of g as {@code rows[((n·outH + y)·outC + o)·width + x]}, zeros from outW. */
    private static void gradientRows(double[] g, Conv2dShape s, double[] rows, int width, int n0, int n1) {
        for (int n = n0; n < n1; n++) {
            for (int o = 0; o < s.outC; o++) {
                for (int y = 0; y < s.outH; y++) {
                    int from = ((n * s.outC + o) * s.outH + y) * s.outW;
                    int to = ((n * s.outH + y) * s.outC + o) * width;
                    System.arraycopy(g, from, rows, to, s.outW);
                    java.util.Arrays.fill(rows, to + s.outW, to + width, 0.0);
                }
            }
        }
    }

    /**
     * Samples n and, if {@code pair}, n + 1, one input row at a time: its sums, then into the planes. Two
     * samples share each tile's kernel vectors ({@link #tilePair}); each sum is the same with or without a pair.
     * The gradient's rows are {@code width} long, in segments of SOURCES up to {@code eights}, then of SEVEN.
     */
    private static void samples(double[] rows, double[] kernels, double[] b, double[] gradX, Conv2dShape s,
                                int width, int eights, int n, boolean pair) {
        int span = width + TAPS - 1; // the row's pixels from -padW
        int sumsNext = span * s.inC; // sample n + 1's sums
        double[] sums = AlignedArrays.doubles(ROW, 2 * sumsNext);
        int perRow = s.outC * width; // one output row of all channels in rows
        int next = s.outH * perRow; // sample n + 1's rows
        int step = TAPS * s.inC; // one output channel of one kernel row in kernels
        int plane = s.h * s.w;
        int[] planes = ConvDirect.across(PLANES.get(), plane); //f32: int[] planes = ConvDirectF32.across(PLANES.get(), plane);
        for (int y = 0; y < s.h; y++) {
            java.util.Arrays.fill(sums, START, START + 2 * sumsNext, 0.0);
            int top = y + s.padH - (s.kh - 1); // the output row that kernel row kh - 1 (r = 0) reads
            int r0 = Math.max(0, -top);
            int r1 = Math.min(s.kh, s.outH - top);
            if (r0 < r1) {
                int j0 = r0 * s.outC;
                int j1 = r1 * s.outC;
                // + j·width: output row top + r, channel o, for j = r·outC + o
                int base = (n * s.outH + top) * perRow;
                for (int x0 = 0; x0 < width; x0 += x0 < eights ? SOURCES : SEVEN) {
                    for (int c0 = 0; c0 < s.inC; c0 += L) {
                        // a sample without a pair runs as its own twin: the same sums, the copy's ignored;
                        // a segment's pixel p is input column x0 + p - padW: at a padded edge, its first two
                        // (p = 0, 1) or last two (p = 9, 10 of SEVEN + TAPS - 1) are never read
                        if (x0 < eights) {
                            tilePair(rows, base + x0, pair ? next : 0, width, kernels, START + c0, s.inC, step, j0, j1,
                                    sums, START + x0 * s.inC + c0, sumsNext);
                        } else if (x0 + 1 < s.padW && x0 + SEVEN + TAPS - 3 - s.padW < s.w) {
                            tilePair7Left(rows, base + x0, pair ? next : 0, width, kernels, START + c0, s.inC, step,
                                    j0, j1, sums, START + x0 * s.inC + c0, sumsNext);
                        } else if (x0 + SEVEN + TAPS - 3 - s.padW >= s.w) {
                            tilePair7Right(rows, base + x0, pair ? next : 0, width, kernels, START + c0, s.inC, step,
                                    j0, j1, sums, START + x0 * s.inC + c0, sumsNext);
                        } else {
                            tilePair7(rows, base + x0, pair ? next : 0, width, kernels, START + c0, s.inC, step, j0, j1,
                                    sums, START + x0 * s.inC + c0, sumsNext);
                        }
                    }
                }
            }
            for (int m = 0; m < (pair ? 2 : 1); m++) { // pixel-major sums into the planes: L channels a scatter
                int to = ((n + m) * s.inC * s.h + y) * s.w;
                int from = START + m * sumsNext + s.padW * s.inC;
                for (int x = 0; x < s.w; x++) {
                    for (int c0 = 0; c0 < s.inC; c0 += L) {
                        if (!ConvDirect.INDEXED_MOVES) { // value by value, as ConvDirect's float64 moves
                            for (int c = c0; c < c0 + L; c++) {
                                double v = sums[from + x * s.inC + c];
                                gradX[to + c * plane + x] = b != null ? v + b[c] : v;
                            }
                            continue;
                        }
                        DoubleVector v = DoubleVector.fromArray(S, sums, from + x * s.inC + c0);
                        if (b != null) {
                            v = v.add(DoubleVector.fromArray(S, b, c0));
                        }
                        v.intoArray(gradX, to + c0 * plane + x, planes, 0);
                    }
                }
            }
        }
    }

    /**
     * One tile for two samples, {@code next} apart in rows and {@code sumsNext} in sums: pixels from {@code at}
     * in sums (stride inC), channels from c0, adding output channels and kernel rows {@code j ∈ [j0, j1)}:
     * gradient values at {@code g + j·width}, kernels at {@code j·step + c0} (c0 counting from their START); the
     * kernel vectors serve both.
     */
    private static void tilePair(double[] rows, int g, int next, int width, double[] kernels, int c0, int inC,
                                 int step, int j0, int j1, double[] sums, int at, int sumsNext) {
        DoubleVector a0 = DoubleVector.fromArray(S, sums, at);
        DoubleVector a1 = DoubleVector.fromArray(S, sums, at + inC);
        DoubleVector a2 = DoubleVector.fromArray(S, sums, at + 2 * inC);
        DoubleVector a3 = DoubleVector.fromArray(S, sums, at + 3 * inC);
        DoubleVector a4 = DoubleVector.fromArray(S, sums, at + 4 * inC);
        DoubleVector a5 = DoubleVector.fromArray(S, sums, at + 5 * inC);
        DoubleVector a6 = DoubleVector.fromArray(S, sums, at + 6 * inC);
        DoubleVector a7 = DoubleVector.fromArray(S, sums, at + 7 * inC);
        DoubleVector a8 = DoubleVector.fromArray(S, sums, at + 8 * inC);
        DoubleVector a9 = DoubleVector.fromArray(S, sums, at + 9 * inC);
        DoubleVector a10 = DoubleVector.fromArray(S, sums, at + 10 * inC);
        DoubleVector a11 = DoubleVector.fromArray(S, sums, at + 11 * inC);
        DoubleVector b0 = DoubleVector.fromArray(S, sums, at + sumsNext);
        DoubleVector b1 = DoubleVector.fromArray(S, sums, at + sumsNext + inC);
        DoubleVector b2 = DoubleVector.fromArray(S, sums, at + sumsNext + 2 * inC);
        DoubleVector b3 = DoubleVector.fromArray(S, sums, at + sumsNext + 3 * inC);
        DoubleVector b4 = DoubleVector.fromArray(S, sums, at + sumsNext + 4 * inC);
        DoubleVector b5 = DoubleVector.fromArray(S, sums, at + sumsNext + 5 * inC);
        DoubleVector b6 = DoubleVector.fromArray(S, sums, at + sumsNext + 6 * inC);
        DoubleVector b7 = DoubleVector.fromArray(S, sums, at + sumsNext + 7 * inC);
        DoubleVector b8 = DoubleVector.fromArray(S, sums, at + sumsNext + 8 * inC);
        DoubleVector b9 = DoubleVector.fromArray(S, sums, at + sumsNext + 9 * inC);
        DoubleVector b10 = DoubleVector.fromArray(S, sums, at + sumsNext + 10 * inC);
        DoubleVector b11 = DoubleVector.fromArray(S, sums, at + sumsNext + 11 * inC);
        for (int j = j0; j < j1; j++) {
            int k = j * step + c0;
            DoubleVector k0 = DoubleVector.fromArray(S, kernels, k);
            DoubleVector k1 = DoubleVector.fromArray(S, kernels, k + inC);
            DoubleVector k2 = DoubleVector.fromArray(S, kernels, k + 2 * inC);
            DoubleVector k3 = DoubleVector.fromArray(S, kernels, k + 3 * inC);
            DoubleVector k4 = DoubleVector.fromArray(S, kernels, k + 4 * inC);
            int x = g + j * width;
            int y = x + next;
            DoubleVector v = DoubleVector.broadcast(S, rows[x]);
            a0 = v.fma(k0, a0);
            a1 = v.fma(k1, a1);
            a2 = v.fma(k2, a2);
            a3 = v.fma(k3, a3);
            a4 = v.fma(k4, a4);
            v = DoubleVector.broadcast(S, rows[x + 1]);
            a1 = v.fma(k0, a1);
            a2 = v.fma(k1, a2);
            a3 = v.fma(k2, a3);
            a4 = v.fma(k3, a4);
            a5 = v.fma(k4, a5);
            v = DoubleVector.broadcast(S, rows[x + 2]);
            a2 = v.fma(k0, a2);
            a3 = v.fma(k1, a3);
            a4 = v.fma(k2, a4);
            a5 = v.fma(k3, a5);
            a6 = v.fma(k4, a6);
            v = DoubleVector.broadcast(S, rows[x + 3]);
            a3 = v.fma(k0, a3);
            a4 = v.fma(k1, a4);
            a5 = v.fma(k2, a5);
            a6 = v.fma(k3, a6);
            a7 = v.fma(k4, a7);
            v = DoubleVector.broadcast(S, rows[x + 4]);
            a4 = v.fma(k0, a4);
            a5 = v.fma(k1, a5);
            a6 = v.fma(k2, a6);
            a7 = v.fma(k3, a7);
            a8 = v.fma(k4, a8);
            v = DoubleVector.broadcast(S, rows[x + 5]);
            a5 = v.fma(k0, a5);
            a6 = v.fma(k1, a6);
            a7 = v.fma(k2, a7);
            a8 = v.fma(k3, a8);
            a9 = v.fma(k4, a9);
            v = DoubleVector.broadcast(S, rows[x + 6]);
            a6 = v.fma(k0, a6);
            a7 = v.fma(k1, a7);
            a8 = v.fma(k2, a8);
            a9 = v.fma(k3, a9);
            a10 = v.fma(k4, a10);
            v = DoubleVector.broadcast(S, rows[x + 7]);
            a7 = v.fma(k0, a7);
            a8 = v.fma(k1, a8);
            a9 = v.fma(k2, a9);
            a10 = v.fma(k3, a10);
            a11 = v.fma(k4, a11);
            v = DoubleVector.broadcast(S, rows[y]);
            b0 = v.fma(k0, b0);
            b1 = v.fma(k1, b1);
            b2 = v.fma(k2, b2);
            b3 = v.fma(k3, b3);
            b4 = v.fma(k4, b4);
            v = DoubleVector.broadcast(S, rows[y + 1]);
            b1 = v.fma(k0, b1);
            b2 = v.fma(k1, b2);
            b3 = v.fma(k2, b3);
            b4 = v.fma(k3, b4);
            b5 = v.fma(k4, b5);
            v = DoubleVector.broadcast(S, rows[y + 2]);
            b2 = v.fma(k0, b2);
            b3 = v.fma(k1, b3);
            b4 = v.fma(k2, b4);
            b5 = v.fma(k3, b5);
            b6 = v.fma(k4, b6);
            v = DoubleVector.broadcast(S, rows[y + 3]);
            b3 = v.fma(k0, b3);
            b4 = v.fma(k1, b4);
            b5 = v.fma(k2, b5);
            b6 = v.fma(k3, b6);
            b7 = v.fma(k4, b7);
            v = DoubleVector.broadcast(S, rows[y + 4]);
            b4 = v.fma(k0, b4);
            b5 = v.fma(k1, b5);
            b6 = v.fma(k2, b6);
            b7 = v.fma(k3, b7);
            b8 = v.fma(k4, b8);
            v = DoubleVector.broadcast(S, rows[y + 5]);
            b5 = v.fma(k0, b5);
            b6 = v.fma(k1, b6);
            b7 = v.fma(k2, b7);
            b8 = v.fma(k3, b8);
            b9 = v.fma(k4, b9);
            v = DoubleVector.broadcast(S, rows[y + 6]);
            b6 = v.fma(k0, b6);
            b7 = v.fma(k1, b7);
            b8 = v.fma(k2, b8);
            b9 = v.fma(k3, b9);
            b10 = v.fma(k4, b10);
            v = DoubleVector.broadcast(S, rows[y + 7]);
            b7 = v.fma(k0, b7);
            b8 = v.fma(k1, b8);
            b9 = v.fma(k2, b9);
            b10 = v.fma(k3, b10);
            b11 = v.fma(k4, b11);
        }
        a0.intoArray(sums, at);
        a1.intoArray(sums, at + inC);
        a2.intoArray(sums, at + 2 * inC);
        a3.intoArray(sums, at + 3 * inC);
        a4.intoArray(sums, at + 4 * inC);
        a5.intoArray(sums, at + 5 * inC);
        a6.intoArray(sums, at + 6 * inC);
        a7.intoArray(sums, at + 7 * inC);
        a8.intoArray(sums, at + 8 * inC);
        a9.intoArray(sums, at + 9 * inC);
        a10.intoArray(sums, at + 10 * inC);
        a11.intoArray(sums, at + 11 * inC);
        b0.intoArray(sums, at + sumsNext);
        b1.intoArray(sums, at + sumsNext + inC);
        b2.intoArray(sums, at + sumsNext + 2 * inC);
        b3.intoArray(sums, at + sumsNext + 3 * inC);
        b4.intoArray(sums, at + sumsNext + 4 * inC);
        b5.intoArray(sums, at + sumsNext + 5 * inC);
        b6.intoArray(sums, at + sumsNext + 6 * inC);
        b7.intoArray(sums, at + sumsNext + 7 * inC);
        b8.intoArray(sums, at + sumsNext + 8 * inC);
        b9.intoArray(sums, at + sumsNext + 9 * inC);
        b10.intoArray(sums, at + sumsNext + 10 * inC);
        b11.intoArray(sums, at + sumsNext + 11 * inC);
    }

    /** {@link #tilePair} for segments of SEVEN sources: rows whose width they tile better (14 = 7 + 7). */
    private static void tilePair7(double[] rows, int g, int next, int width, double[] kernels, int c0, int inC,
                                  int step, int j0, int j1, double[] sums, int at, int sumsNext) {
        DoubleVector a0 = DoubleVector.fromArray(S, sums, at);
        DoubleVector a1 = DoubleVector.fromArray(S, sums, at + inC);
        DoubleVector a2 = DoubleVector.fromArray(S, sums, at + 2 * inC);
        DoubleVector a3 = DoubleVector.fromArray(S, sums, at + 3 * inC);
        DoubleVector a4 = DoubleVector.fromArray(S, sums, at + 4 * inC);
        DoubleVector a5 = DoubleVector.fromArray(S, sums, at + 5 * inC);
        DoubleVector a6 = DoubleVector.fromArray(S, sums, at + 6 * inC);
        DoubleVector a7 = DoubleVector.fromArray(S, sums, at + 7 * inC);
        DoubleVector a8 = DoubleVector.fromArray(S, sums, at + 8 * inC);
        DoubleVector a9 = DoubleVector.fromArray(S, sums, at + 9 * inC);
        DoubleVector a10 = DoubleVector.fromArray(S, sums, at + 10 * inC);
        DoubleVector b0 = DoubleVector.fromArray(S, sums, at + sumsNext);
        DoubleVector b1 = DoubleVector.fromArray(S, sums, at + sumsNext + inC);
        DoubleVector b2 = DoubleVector.fromArray(S, sums, at + sumsNext + 2 * inC);
        DoubleVector b3 = DoubleVector.fromArray(S, sums, at + sumsNext + 3 * inC);
        DoubleVector b4 = DoubleVector.fromArray(S, sums, at + sumsNext + 4 * inC);
        DoubleVector b5 = DoubleVector.fromArray(S, sums, at + sumsNext + 5 * inC);
        DoubleVector b6 = DoubleVector.fromArray(S, sums, at + sumsNext + 6 * inC);
        DoubleVector b7 = DoubleVector.fromArray(S, sums, at + sumsNext + 7 * inC);
        DoubleVector b8 = DoubleVector.fromArray(S, sums, at + sumsNext + 8 * inC);
        DoubleVector b9 = DoubleVector.fromArray(S, sums, at + sumsNext + 9 * inC);
        DoubleVector b10 = DoubleVector.fromArray(S, sums, at + sumsNext + 10 * inC);
        for (int j = j0; j < j1; j++) {
            int k = j * step + c0;
            DoubleVector k0 = DoubleVector.fromArray(S, kernels, k);
            DoubleVector k1 = DoubleVector.fromArray(S, kernels, k + inC);
            DoubleVector k2 = DoubleVector.fromArray(S, kernels, k + 2 * inC);
            DoubleVector k3 = DoubleVector.fromArray(S, kernels, k + 3 * inC);
            DoubleVector k4 = DoubleVector.fromArray(S, kernels, k + 4 * inC);
            int x = g + j * width;
            int y = x + next;
            DoubleVector v = DoubleVector.broadcast(S, rows[x]);
            a0 = v.fma(k0, a0);
            a1 = v.fma(k1, a1);
            a2 = v.fma(k2, a2);
            a3 = v.fma(k3, a3);
            a4 = v.fma(k4, a4);
            v = DoubleVector.broadcast(S, rows[x + 1]);
            a1 = v.fma(k0, a1);
            a2 = v.fma(k1, a2);
            a3 = v.fma(k2, a3);
            a4 = v.fma(k3, a4);
            a5 = v.fma(k4, a5);
            v = DoubleVector.broadcast(S, rows[x + 2]);
            a2 = v.fma(k0, a2);
            a3 = v.fma(k1, a3);
            a4 = v.fma(k2, a4);
            a5 = v.fma(k3, a5);
            a6 = v.fma(k4, a6);
            v = DoubleVector.broadcast(S, rows[x + 3]);
            a3 = v.fma(k0, a3);
            a4 = v.fma(k1, a4);
            a5 = v.fma(k2, a5);
            a6 = v.fma(k3, a6);
            a7 = v.fma(k4, a7);
            v = DoubleVector.broadcast(S, rows[x + 4]);
            a4 = v.fma(k0, a4);
            a5 = v.fma(k1, a5);
            a6 = v.fma(k2, a6);
            a7 = v.fma(k3, a7);
            a8 = v.fma(k4, a8);
            v = DoubleVector.broadcast(S, rows[x + 5]);
            a5 = v.fma(k0, a5);
            a6 = v.fma(k1, a6);
            a7 = v.fma(k2, a7);
            a8 = v.fma(k3, a8);
            a9 = v.fma(k4, a9);
            v = DoubleVector.broadcast(S, rows[x + 6]);
            a6 = v.fma(k0, a6);
            a7 = v.fma(k1, a7);
            a8 = v.fma(k2, a8);
            a9 = v.fma(k3, a9);
            a10 = v.fma(k4, a10);
            v = DoubleVector.broadcast(S, rows[y]);
            b0 = v.fma(k0, b0);
            b1 = v.fma(k1, b1);
            b2 = v.fma(k2, b2);
            b3 = v.fma(k3, b3);
            b4 = v.fma(k4, b4);
            v = DoubleVector.broadcast(S, rows[y + 1]);
            b1 = v.fma(k0, b1);
            b2 = v.fma(k1, b2);
            b3 = v.fma(k2, b3);
            b4 = v.fma(k3, b4);
            b5 = v.fma(k4, b5);
            v = DoubleVector.broadcast(S, rows[y + 2]);
            b2 = v.fma(k0, b2);
            b3 = v.fma(k1, b3);
            b4 = v.fma(k2, b4);
            b5 = v.fma(k3, b5);
            b6 = v.fma(k4, b6);
            v = DoubleVector.broadcast(S, rows[y + 3]);
            b3 = v.fma(k0, b3);
            b4 = v.fma(k1, b4);
            b5 = v.fma(k2, b5);
            b6 = v.fma(k3, b6);
            b7 = v.fma(k4, b7);
            v = DoubleVector.broadcast(S, rows[y + 4]);
            b4 = v.fma(k0, b4);
            b5 = v.fma(k1, b5);
            b6 = v.fma(k2, b6);
            b7 = v.fma(k3, b7);
            b8 = v.fma(k4, b8);
            v = DoubleVector.broadcast(S, rows[y + 5]);
            b5 = v.fma(k0, b5);
            b6 = v.fma(k1, b6);
            b7 = v.fma(k2, b7);
            b8 = v.fma(k3, b8);
            b9 = v.fma(k4, b9);
            v = DoubleVector.broadcast(S, rows[y + 6]);
            b6 = v.fma(k0, b6);
            b7 = v.fma(k1, b7);
            b8 = v.fma(k2, b8);
            b9 = v.fma(k3, b9);
            b10 = v.fma(k4, b10);
        }
        a0.intoArray(sums, at);
        a1.intoArray(sums, at + inC);
        a2.intoArray(sums, at + 2 * inC);
        a3.intoArray(sums, at + 3 * inC);
        a4.intoArray(sums, at + 4 * inC);
        a5.intoArray(sums, at + 5 * inC);
        a6.intoArray(sums, at + 6 * inC);
        a7.intoArray(sums, at + 7 * inC);
        a8.intoArray(sums, at + 8 * inC);
        a9.intoArray(sums, at + 9 * inC);
        a10.intoArray(sums, at + 10 * inC);
        b0.intoArray(sums, at + sumsNext);
        b1.intoArray(sums, at + sumsNext + inC);
        b2.intoArray(sums, at + sumsNext + 2 * inC);
        b3.intoArray(sums, at + sumsNext + 3 * inC);
        b4.intoArray(sums, at + sumsNext + 4 * inC);
        b5.intoArray(sums, at + sumsNext + 5 * inC);
        b6.intoArray(sums, at + sumsNext + 6 * inC);
        b7.intoArray(sums, at + sumsNext + 7 * inC);
        b8.intoArray(sums, at + sumsNext + 8 * inC);
        b9.intoArray(sums, at + sumsNext + 9 * inC);
        b10.intoArray(sums, at + sumsNext + 10 * inC);
    }

    /**
     * {@link #tilePair7} without its first two pixels, which lie in the left padding: the segment at a row's
     * start where the padding is at least 2 (the padded 14×14 layer: 6 of the 70 products per source row).
     */
    private static void tilePair7Left(double[] rows, int g, int next, int width, double[] kernels, int c0, int inC,
                                  int step, int j0, int j1, double[] sums, int at, int sumsNext) {
        DoubleVector a2 = DoubleVector.fromArray(S, sums, at + 2 * inC);
        DoubleVector a3 = DoubleVector.fromArray(S, sums, at + 3 * inC);
        DoubleVector a4 = DoubleVector.fromArray(S, sums, at + 4 * inC);
        DoubleVector a5 = DoubleVector.fromArray(S, sums, at + 5 * inC);
        DoubleVector a6 = DoubleVector.fromArray(S, sums, at + 6 * inC);
        DoubleVector a7 = DoubleVector.fromArray(S, sums, at + 7 * inC);
        DoubleVector a8 = DoubleVector.fromArray(S, sums, at + 8 * inC);
        DoubleVector a9 = DoubleVector.fromArray(S, sums, at + 9 * inC);
        DoubleVector a10 = DoubleVector.fromArray(S, sums, at + 10 * inC);
        DoubleVector b2 = DoubleVector.fromArray(S, sums, at + sumsNext + 2 * inC);
        DoubleVector b3 = DoubleVector.fromArray(S, sums, at + sumsNext + 3 * inC);
        DoubleVector b4 = DoubleVector.fromArray(S, sums, at + sumsNext + 4 * inC);
        DoubleVector b5 = DoubleVector.fromArray(S, sums, at + sumsNext + 5 * inC);
        DoubleVector b6 = DoubleVector.fromArray(S, sums, at + sumsNext + 6 * inC);
        DoubleVector b7 = DoubleVector.fromArray(S, sums, at + sumsNext + 7 * inC);
        DoubleVector b8 = DoubleVector.fromArray(S, sums, at + sumsNext + 8 * inC);
        DoubleVector b9 = DoubleVector.fromArray(S, sums, at + sumsNext + 9 * inC);
        DoubleVector b10 = DoubleVector.fromArray(S, sums, at + sumsNext + 10 * inC);
        for (int j = j0; j < j1; j++) {
            int k = j * step + c0;
            DoubleVector k0 = DoubleVector.fromArray(S, kernels, k);
            DoubleVector k1 = DoubleVector.fromArray(S, kernels, k + inC);
            DoubleVector k2 = DoubleVector.fromArray(S, kernels, k + 2 * inC);
            DoubleVector k3 = DoubleVector.fromArray(S, kernels, k + 3 * inC);
            DoubleVector k4 = DoubleVector.fromArray(S, kernels, k + 4 * inC);
            int x = g + j * width;
            int y = x + next;
            DoubleVector v = DoubleVector.broadcast(S, rows[x]);
            a2 = v.fma(k2, a2);
            a3 = v.fma(k3, a3);
            a4 = v.fma(k4, a4);
            v = DoubleVector.broadcast(S, rows[x + 1]);
            a2 = v.fma(k1, a2);
            a3 = v.fma(k2, a3);
            a4 = v.fma(k3, a4);
            a5 = v.fma(k4, a5);
            v = DoubleVector.broadcast(S, rows[x + 2]);
            a2 = v.fma(k0, a2);
            a3 = v.fma(k1, a3);
            a4 = v.fma(k2, a4);
            a5 = v.fma(k3, a5);
            a6 = v.fma(k4, a6);
            v = DoubleVector.broadcast(S, rows[x + 3]);
            a3 = v.fma(k0, a3);
            a4 = v.fma(k1, a4);
            a5 = v.fma(k2, a5);
            a6 = v.fma(k3, a6);
            a7 = v.fma(k4, a7);
            v = DoubleVector.broadcast(S, rows[x + 4]);
            a4 = v.fma(k0, a4);
            a5 = v.fma(k1, a5);
            a6 = v.fma(k2, a6);
            a7 = v.fma(k3, a7);
            a8 = v.fma(k4, a8);
            v = DoubleVector.broadcast(S, rows[x + 5]);
            a5 = v.fma(k0, a5);
            a6 = v.fma(k1, a6);
            a7 = v.fma(k2, a7);
            a8 = v.fma(k3, a8);
            a9 = v.fma(k4, a9);
            v = DoubleVector.broadcast(S, rows[x + 6]);
            a6 = v.fma(k0, a6);
            a7 = v.fma(k1, a7);
            a8 = v.fma(k2, a8);
            a9 = v.fma(k3, a9);
            a10 = v.fma(k4, a10);
            v = DoubleVector.broadcast(S, rows[y]);
            b2 = v.fma(k2, b2);
            b3 = v.fma(k3, b3);
            b4 = v.fma(k4, b4);
            v = DoubleVector.broadcast(S, rows[y + 1]);
            b2 = v.fma(k1, b2);
            b3 = v.fma(k2, b3);
            b4 = v.fma(k3, b4);
            b5 = v.fma(k4, b5);
            v = DoubleVector.broadcast(S, rows[y + 2]);
            b2 = v.fma(k0, b2);
            b3 = v.fma(k1, b3);
            b4 = v.fma(k2, b4);
            b5 = v.fma(k3, b5);
            b6 = v.fma(k4, b6);
            v = DoubleVector.broadcast(S, rows[y + 3]);
            b3 = v.fma(k0, b3);
            b4 = v.fma(k1, b4);
            b5 = v.fma(k2, b5);
            b6 = v.fma(k3, b6);
            b7 = v.fma(k4, b7);
            v = DoubleVector.broadcast(S, rows[y + 4]);
            b4 = v.fma(k0, b4);
            b5 = v.fma(k1, b5);
            b6 = v.fma(k2, b6);
            b7 = v.fma(k3, b7);
            b8 = v.fma(k4, b8);
            v = DoubleVector.broadcast(S, rows[y + 5]);
            b5 = v.fma(k0, b5);
            b6 = v.fma(k1, b6);
            b7 = v.fma(k2, b7);
            b8 = v.fma(k3, b8);
            b9 = v.fma(k4, b9);
            v = DoubleVector.broadcast(S, rows[y + 6]);
            b6 = v.fma(k0, b6);
            b7 = v.fma(k1, b7);
            b8 = v.fma(k2, b8);
            b9 = v.fma(k3, b9);
            b10 = v.fma(k4, b10);
        }
        a2.intoArray(sums, at + 2 * inC);
        a3.intoArray(sums, at + 3 * inC);
        a4.intoArray(sums, at + 4 * inC);
        a5.intoArray(sums, at + 5 * inC);
        a6.intoArray(sums, at + 6 * inC);
        a7.intoArray(sums, at + 7 * inC);
        a8.intoArray(sums, at + 8 * inC);
        a9.intoArray(sums, at + 9 * inC);
        a10.intoArray(sums, at + 10 * inC);
        b2.intoArray(sums, at + sumsNext + 2 * inC);
        b3.intoArray(sums, at + sumsNext + 3 * inC);
        b4.intoArray(sums, at + sumsNext + 4 * inC);
        b5.intoArray(sums, at + sumsNext + 5 * inC);
        b6.intoArray(sums, at + sumsNext + 6 * inC);
        b7.intoArray(sums, at + sumsNext + 7 * inC);
        b8.intoArray(sums, at + sumsNext + 8 * inC);
        b9.intoArray(sums, at + sumsNext + 9 * inC);
        b10.intoArray(sums, at + sumsNext + 10 * inC);
    }

    /** {@link #tilePair7} without its last two pixels, which lie in the right padding. */
    private static void tilePair7Right(double[] rows, int g, int next, int width, double[] kernels, int c0, int inC,
                                  int step, int j0, int j1, double[] sums, int at, int sumsNext) {
        DoubleVector a0 = DoubleVector.fromArray(S, sums, at);
        DoubleVector a1 = DoubleVector.fromArray(S, sums, at + inC);
        DoubleVector a2 = DoubleVector.fromArray(S, sums, at + 2 * inC);
        DoubleVector a3 = DoubleVector.fromArray(S, sums, at + 3 * inC);
        DoubleVector a4 = DoubleVector.fromArray(S, sums, at + 4 * inC);
        DoubleVector a5 = DoubleVector.fromArray(S, sums, at + 5 * inC);
        DoubleVector a6 = DoubleVector.fromArray(S, sums, at + 6 * inC);
        DoubleVector a7 = DoubleVector.fromArray(S, sums, at + 7 * inC);
        DoubleVector a8 = DoubleVector.fromArray(S, sums, at + 8 * inC);
        DoubleVector b0 = DoubleVector.fromArray(S, sums, at + sumsNext);
        DoubleVector b1 = DoubleVector.fromArray(S, sums, at + sumsNext + inC);
        DoubleVector b2 = DoubleVector.fromArray(S, sums, at + sumsNext + 2 * inC);
        DoubleVector b3 = DoubleVector.fromArray(S, sums, at + sumsNext + 3 * inC);
        DoubleVector b4 = DoubleVector.fromArray(S, sums, at + sumsNext + 4 * inC);
        DoubleVector b5 = DoubleVector.fromArray(S, sums, at + sumsNext + 5 * inC);
        DoubleVector b6 = DoubleVector.fromArray(S, sums, at + sumsNext + 6 * inC);
        DoubleVector b7 = DoubleVector.fromArray(S, sums, at + sumsNext + 7 * inC);
        DoubleVector b8 = DoubleVector.fromArray(S, sums, at + sumsNext + 8 * inC);
        for (int j = j0; j < j1; j++) {
            int k = j * step + c0;
            DoubleVector k0 = DoubleVector.fromArray(S, kernels, k);
            DoubleVector k1 = DoubleVector.fromArray(S, kernels, k + inC);
            DoubleVector k2 = DoubleVector.fromArray(S, kernels, k + 2 * inC);
            DoubleVector k3 = DoubleVector.fromArray(S, kernels, k + 3 * inC);
            DoubleVector k4 = DoubleVector.fromArray(S, kernels, k + 4 * inC);
            int x = g + j * width;
            int y = x + next;
            DoubleVector v = DoubleVector.broadcast(S, rows[x]);
            a0 = v.fma(k0, a0);
            a1 = v.fma(k1, a1);
            a2 = v.fma(k2, a2);
            a3 = v.fma(k3, a3);
            a4 = v.fma(k4, a4);
            v = DoubleVector.broadcast(S, rows[x + 1]);
            a1 = v.fma(k0, a1);
            a2 = v.fma(k1, a2);
            a3 = v.fma(k2, a3);
            a4 = v.fma(k3, a4);
            a5 = v.fma(k4, a5);
            v = DoubleVector.broadcast(S, rows[x + 2]);
            a2 = v.fma(k0, a2);
            a3 = v.fma(k1, a3);
            a4 = v.fma(k2, a4);
            a5 = v.fma(k3, a5);
            a6 = v.fma(k4, a6);
            v = DoubleVector.broadcast(S, rows[x + 3]);
            a3 = v.fma(k0, a3);
            a4 = v.fma(k1, a4);
            a5 = v.fma(k2, a5);
            a6 = v.fma(k3, a6);
            a7 = v.fma(k4, a7);
            v = DoubleVector.broadcast(S, rows[x + 4]);
            a4 = v.fma(k0, a4);
            a5 = v.fma(k1, a5);
            a6 = v.fma(k2, a6);
            a7 = v.fma(k3, a7);
            a8 = v.fma(k4, a8);
            v = DoubleVector.broadcast(S, rows[x + 5]);
            a5 = v.fma(k0, a5);
            a6 = v.fma(k1, a6);
            a7 = v.fma(k2, a7);
            a8 = v.fma(k3, a8);
            v = DoubleVector.broadcast(S, rows[x + 6]);
            a6 = v.fma(k0, a6);
            a7 = v.fma(k1, a7);
            a8 = v.fma(k2, a8);
            v = DoubleVector.broadcast(S, rows[y]);
            b0 = v.fma(k0, b0);
            b1 = v.fma(k1, b1);
            b2 = v.fma(k2, b2);
            b3 = v.fma(k3, b3);
            b4 = v.fma(k4, b4);
            v = DoubleVector.broadcast(S, rows[y + 1]);
            b1 = v.fma(k0, b1);
            b2 = v.fma(k1, b2);
            b3 = v.fma(k2, b3);
            b4 = v.fma(k3, b4);
            b5 = v.fma(k4, b5);
            v = DoubleVector.broadcast(S, rows[y + 2]);
            b2 = v.fma(k0, b2);
            b3 = v.fma(k1, b3);
            b4 = v.fma(k2, b4);
            b5 = v.fma(k3, b5);
            b6 = v.fma(k4, b6);
            v = DoubleVector.broadcast(S, rows[y + 3]);
            b3 = v.fma(k0, b3);
            b4 = v.fma(k1, b4);
            b5 = v.fma(k2, b5);
            b6 = v.fma(k3, b6);
            b7 = v.fma(k4, b7);
            v = DoubleVector.broadcast(S, rows[y + 4]);
            b4 = v.fma(k0, b4);
            b5 = v.fma(k1, b5);
            b6 = v.fma(k2, b6);
            b7 = v.fma(k3, b7);
            b8 = v.fma(k4, b8);
            v = DoubleVector.broadcast(S, rows[y + 5]);
            b5 = v.fma(k0, b5);
            b6 = v.fma(k1, b6);
            b7 = v.fma(k2, b7);
            b8 = v.fma(k3, b8);
            v = DoubleVector.broadcast(S, rows[y + 6]);
            b6 = v.fma(k0, b6);
            b7 = v.fma(k1, b7);
            b8 = v.fma(k2, b8);
        }
        a0.intoArray(sums, at);
        a1.intoArray(sums, at + inC);
        a2.intoArray(sums, at + 2 * inC);
        a3.intoArray(sums, at + 3 * inC);
        a4.intoArray(sums, at + 4 * inC);
        a5.intoArray(sums, at + 5 * inC);
        a6.intoArray(sums, at + 6 * inC);
        a7.intoArray(sums, at + 7 * inC);
        a8.intoArray(sums, at + 8 * inC);
        b0.intoArray(sums, at + sumsNext);
        b1.intoArray(sums, at + sumsNext + inC);
        b2.intoArray(sums, at + sumsNext + 2 * inC);
        b3.intoArray(sums, at + sumsNext + 3 * inC);
        b4.intoArray(sums, at + sumsNext + 4 * inC);
        b5.intoArray(sums, at + sumsNext + 5 * inC);
        b6.intoArray(sums, at + sumsNext + 6 * inC);
        b7.intoArray(sums, at + sumsNext + 7 * inC);
        b8.intoArray(sums, at + sumsNext + 8 * inC);
    }

    /** {@link #rowsOf}'s pairs of samples split over threads, its arguments as fields ({@link KernelThreads.Task}). */
    private static final class Split extends KernelThreads.Task {
        static final ThreadLocal<Split> SPLITS = ThreadLocal.withInitial(Split::new);
        double[] g;
        double[] kernels;
        double[] b;
        double[] gradX;
        Conv2dShape s;
        double[] rows;
        int width;
        int eights;

        @Override
        public void run(int u0, int u1) {
            pairs(g, kernels, b, gradX, s, rows, width, eights, u0, u1);
        }

        @Override
        void clear() {
            g = null;
            kernels = null;
            b = null;
            gradX = null;
            s = null;
            rows = null;
        }
    }
}
