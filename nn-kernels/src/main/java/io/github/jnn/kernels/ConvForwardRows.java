package io.github.jnn.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The forward of a stride-1 convolution with small patches (a first layer: one input channel, 5×5), computed
 * along output rows: a tile holds ROWS output rows × CHANNELS output channels, each a vector of L adjacent
 * outputs of a row, and per patch element loads one input vector per row and broadcasts one kernel value per
 * channel. The sums are the output pixels themselves, so they go straight into the NCHW planes with bias and
 * activation; nothing is packed but the kernels' values (per block of channels, patch element by element). A
 * row narrower than a multiple of L ends with a vector that overlaps the one before, and the last tile of a
 * plane may overlap the rows above it: those outputs are computed twice, the same way. Where the output's rows
 * are not whole vectors (rows of 24 or 28 in float32 on AVX-512 took 32 lanes each), the tile's rows are instead
 * ROWS adjacent vectors of a whole plane: each sample's input is copied once per kernel column at the output's
 * width ({@link ConvWeightRows#shift}), so that patch element (c, i, j) of pixel p lies at {@code p + i·outW} of
 * copy (c, j), and no lane is lost where a row ends. Each output is one chain of fused multiply-adds over the
 * patch in order, then the bias and activation, whatever the tiling or the threads (split by sample).
 */
final class ConvForwardRows {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Output channels of a tile. */
    private static final int CHANNELS = 4;
    /** Output rows of a tile: 24 accumulators, 6 input vectors or 4 kernel broadcasts at a time. */
    private static final int ROWS = 6;

    /** Per thread: one sample's copies per kernel column ({@link ConvWeightRows#shift}), for the flat tiles. */
    private static final ThreadLocal<double[]> SHIFTED = ThreadLocal.withInitial(() -> new double[0]);

    private ConvForwardRows() {
    }

    /**
     * Whether {@link #forward} runs this shape: stride 1, output channels a multiple of 4, planes of at least
     * ROWS rows of a vector each, and patches too small for {@link ConvDirect}.
     */
    static boolean applies(Conv2dShape s) {
        return s.strideH == 1 && s.strideW == 1 && s.outC % CHANNELS == 0 && s.outW >= L && s.outH >= ROWS
                && !ConvDirect.applies(s);
    }

    /**
     * {@code out[n, o, p] = act(Σ_q w[o, q] · P_n[p, q] + b[o])} on {@code image}, the input zero-padded as
     * {@link ConvLowering#padded} pads it; {@code pre} (if not null) the values before act. The kernels'
     * values, per block of CHANNELS output channels and patch element, then the biases, go to scratch slot
     * {@code slot}.
     */
    static void forward(double[] image, Conv2dShape s, double[] w, double[] b, double[] pre, double[] out,
                        Activation act, double[][] scratch, int slot) {
        int k = s.patchLength();
        double[] packed = ConvLowering.scratch(scratch, slot, s.outC * (k + 1));
        for (int o0 = 0; o0 < s.outC; o0 += CHANNELS) {
            for (int q = 0; q < k; q++) {
                for (int c = 0; c < CHANNELS; c++) {
                    packed[(o0 * k) + q * CHANNELS + c] = w[(o0 + c) * k + q];
                }
            }
        }
        for (int o = 0; o < s.outC; o++) { // after the kernels; 0 without b (a sum is never -0.0)
            packed[s.outC * k + o] = b != null ? b[o] : 0.0;
        }
        double floor = act == Activation.RELU ? 0.0 : Double.NEGATIVE_INFINITY; // max(v, -inf) is v
        int[] cols = s.patches().columns;
        double flops = 2.0 * s.n * s.pixels() * k * s.outC; //f32-same
        if (flat(s)) {
            int[] flatCols = s.shiftedColumns();
            Split.idle(true, image, s, packed, k, floor, flatCols, act, out, pre).forRows(s.n, 1, flops);
            return;
        }
        Split.idle(false, image, s, packed, k, floor, cols, act, out, pre).forRows(s.n, 1, flops);
    }

    /** {@link #forward} for the samples {@code [n0, n1)}, tile by tile over each sample's rows. */
    private static void samples(double[] image, Conv2dShape s, double[] packed, int k, double floor, int[] cols,
                                Activation act, double[] out, double[] pre, int n0, int n1) {
        int paddedH = s.h + 2 * s.padH;
        int paddedW = s.w + 2 * s.padW;
        for (int n = n0; n < n1; n++) {
            int from = n * s.inC * paddedH * paddedW;
            for (int o0 = 0; o0 < s.outC; o0 += CHANNELS) {
                int plane = (n * s.outC + o0) * s.pixels();
                for (int y = 0; y < s.outH; y += ROWS) {
                    int y0 = Math.min(y, s.outH - ROWS);
                    for (int x = 0; x < s.outW; x += L) {
                        int x0 = Math.min(x, s.outW - L);
                        tile(image, from + y0 * paddedW + x0, paddedW, cols, packed, o0 * k, k,
                                s.outC * k + o0, floor, out, pre, plane + y0 * s.outW + x0, s.outW,
                                s.pixels());
                    }
                }
            }
            if (act == Activation.SIGMOID) {
                int at = n * s.outC * s.pixels();
                ElementwiseVector.sigmoidInPlace(out, at, at + s.outC * s.pixels());
            }
        }
    }

    /**
     * Whether {@link #forward} tiles whole planes: rows that are not whole vectors, planes of at least a tile,
     * and a sample's copies within one array.
     */
    static boolean flat(Conv2dShape s) {
        return s.outW % L != 0 && s.pixels() >= ROWS * L && AlignedArrays.fits(s.shiftedLength());
    }

    /** Samples {@code [n0, n1)} by tiles of ROWS adjacent vectors of each plane, from the sample's copies. */
    private static void flatSamples(double[] image, Conv2dShape s, double[] packed, int k, double floor,
                                    int[] flatCols, Activation act, double[] out, double[] pre, int n0, int n1) {
        int pixels = s.pixels();
        double[] shifted = AlignedArrays.doubles(SHIFTED, (int) s.shiftedLength());
        for (int n = n0; n < n1; n++) {
            ConvWeightRows.shift(image, s, n, shifted);
            for (int o0 = 0; o0 < s.outC; o0 += CHANNELS) {
                int at = (n * s.outC + o0) * pixels;
                for (int p = 0; p < pixels; p += ROWS * L) {
                    int p0 = Math.min(p, pixels - ROWS * L); // the last tile overlaps the one before
                    tile(shifted, ConvWeightRows.START + p0, L, flatCols, packed, o0 * k, k, s.outC * k + o0, floor,
                            out, pre, at + p0, L, pixels);
                }
            }
            if (act == Activation.SIGMOID) {
                int at = n * s.outC * pixels;
                ElementwiseVector.sigmoidInPlace(out, at, at + s.outC * pixels);
            }
        }
    }

    /**
     * One tile: input vectors at {@code x + cols[q] + r·rowStride} for row r and patch element q, kernel values
     * at {@code wb + q·CHANNELS + c}; {@code out = max(sum + b, floor)} and {@code pre = sum + b} at
     * {@code at + c·planeLength + r·outW}.
     */
    private static void tile(double[] image, int x, int rowStride, int[] cols, double[] packed, int wb, int k,
                             int biasAt, double floor, double[] out, double[] pre, int at, int outW,
                             int planeLength) {
        DoubleVector a00 = DoubleVector.zero(S), a01 = a00, a02 = a00, a03 = a00;
        DoubleVector a10 = a00, a11 = a00, a12 = a00, a13 = a00;
        DoubleVector a20 = a00, a21 = a00, a22 = a00, a23 = a00;
        DoubleVector a30 = a00, a31 = a00, a32 = a00, a33 = a00;
        DoubleVector a40 = a00, a41 = a00, a42 = a00, a43 = a00;
        DoubleVector a50 = a00, a51 = a00, a52 = a00, a53 = a00;
        for (int q = 0; q < k; q++) {
            int xi = x + cols[q];
            int wi = wb + q * CHANNELS;
            DoubleVector w0 = DoubleVector.broadcast(S, packed[wi]);
            DoubleVector w1 = DoubleVector.broadcast(S, packed[wi + 1]);
            DoubleVector w2 = DoubleVector.broadcast(S, packed[wi + 2]);
            DoubleVector w3 = DoubleVector.broadcast(S, packed[wi + 3]);
            DoubleVector v = DoubleVector.fromArray(S, image, xi);
            a00 = v.fma(w0, a00);
            a01 = v.fma(w1, a01);
            a02 = v.fma(w2, a02);
            a03 = v.fma(w3, a03);
            v = DoubleVector.fromArray(S, image, xi + rowStride);
            a10 = v.fma(w0, a10);
            a11 = v.fma(w1, a11);
            a12 = v.fma(w2, a12);
            a13 = v.fma(w3, a13);
            v = DoubleVector.fromArray(S, image, xi + 2 * rowStride);
            a20 = v.fma(w0, a20);
            a21 = v.fma(w1, a21);
            a22 = v.fma(w2, a22);
            a23 = v.fma(w3, a23);
            v = DoubleVector.fromArray(S, image, xi + 3 * rowStride);
            a30 = v.fma(w0, a30);
            a31 = v.fma(w1, a31);
            a32 = v.fma(w2, a32);
            a33 = v.fma(w3, a33);
            v = DoubleVector.fromArray(S, image, xi + 4 * rowStride);
            a40 = v.fma(w0, a40);
            a41 = v.fma(w1, a41);
            a42 = v.fma(w2, a42);
            a43 = v.fma(w3, a43);
            v = DoubleVector.fromArray(S, image, xi + 5 * rowStride);
            a50 = v.fma(w0, a50);
            a51 = v.fma(w1, a51);
            a52 = v.fma(w2, a52);
            a53 = v.fma(w3, a53);
        }
        // bias and activation on the way out: a pass over the planes afterwards cost a sixth (float32)
        DoubleVector b0 = DoubleVector.broadcast(S, packed[biasAt]);
        DoubleVector b1 = DoubleVector.broadcast(S, packed[biasAt + 1]);
        DoubleVector b2 = DoubleVector.broadcast(S, packed[biasAt + 2]);
        DoubleVector b3 = DoubleVector.broadcast(S, packed[biasAt + 3]);
        DoubleVector f = DoubleVector.broadcast(S, floor);
        a00 = a00.add(b0);
        if (pre != null) {
            a00.intoArray(pre, at);
        }
        a00.max(f).intoArray(out, at);
        a01 = a01.add(b1);
        if (pre != null) {
            a01.intoArray(pre, at + planeLength);
        }
        a01.max(f).intoArray(out, at + planeLength);
        a02 = a02.add(b2);
        if (pre != null) {
            a02.intoArray(pre, at + 2 * planeLength);
        }
        a02.max(f).intoArray(out, at + 2 * planeLength);
        a03 = a03.add(b3);
        if (pre != null) {
            a03.intoArray(pre, at + 3 * planeLength);
        }
        a03.max(f).intoArray(out, at + 3 * planeLength);
        a10 = a10.add(b0);
        if (pre != null) {
            a10.intoArray(pre, at + outW);
        }
        a10.max(f).intoArray(out, at + outW);
        a11 = a11.add(b1);
        if (pre != null) {
            a11.intoArray(pre, at + planeLength + outW);
        }
        a11.max(f).intoArray(out, at + planeLength + outW);
        a12 = a12.add(b2);
        if (pre != null) {
            a12.intoArray(pre, at + 2 * planeLength + outW);
        }
        a12.max(f).intoArray(out, at + 2 * planeLength + outW);
        a13 = a13.add(b3);
        if (pre != null) {
            a13.intoArray(pre, at + 3 * planeLength + outW);
        }
        a13.max(f).intoArray(out, at + 3 * planeLength + outW);
        a20 = a20.add(b0);
        if (pre != null) {
            a20.intoArray(pre, at + 2 * outW);
        }
        a20.max(f).intoArray(out, at + 2 * outW);
        a21 = a21.add(b1);
        if (pre != null) {
            a21.intoArray(pre, at + planeLength + 2 * outW);
        }
        a21.max(f).intoArray(out, at + planeLength + 2 * outW);
        a22 = a22.add(b2);
        if (pre != null) {
            a22.intoArray(pre, at + 2 * planeLength + 2 * outW);
        }
        a22.max(f).intoArray(out, at + 2 * planeLength + 2 * outW);
        a23 = a23.add(b3);
        if (pre != null) {
            a23.intoArray(pre, at + 3 * planeLength + 2 * outW);
        }
        a23.max(f).intoArray(out, at + 3 * planeLength + 2 * outW);
        a30 = a30.add(b0);
        if (pre != null) {
            a30.intoArray(pre, at + 3 * outW);
        }
        a30.max(f).intoArray(out, at + 3 * outW);
        a31 = a31.add(b1);
        if (pre != null) {
            a31.intoArray(pre, at + planeLength + 3 * outW);
        }
        a31.max(f).intoArray(out, at + planeLength + 3 * outW);
        a32 = a32.add(b2);
        if (pre != null) {
            a32.intoArray(pre, at + 2 * planeLength + 3 * outW);
        }
        a32.max(f).intoArray(out, at + 2 * planeLength + 3 * outW);
        a33 = a33.add(b3);
        if (pre != null) {
            a33.intoArray(pre, at + 3 * planeLength + 3 * outW);
        }
        a33.max(f).intoArray(out, at + 3 * planeLength + 3 * outW);
        a40 = a40.add(b0);
        if (pre != null) {
            a40.intoArray(pre, at + 4 * outW);
        }
        a40.max(f).intoArray(out, at + 4 * outW);
        a41 = a41.add(b1);
        if (pre != null) {
            a41.intoArray(pre, at + planeLength + 4 * outW);
        }
        a41.max(f).intoArray(out, at + planeLength + 4 * outW);
        a42 = a42.add(b2);
        if (pre != null) {
            a42.intoArray(pre, at + 2 * planeLength + 4 * outW);
        }
        a42.max(f).intoArray(out, at + 2 * planeLength + 4 * outW);
        a43 = a43.add(b3);
        if (pre != null) {
            a43.intoArray(pre, at + 3 * planeLength + 4 * outW);
        }
        a43.max(f).intoArray(out, at + 3 * planeLength + 4 * outW);
        a50 = a50.add(b0);
        if (pre != null) {
            a50.intoArray(pre, at + 5 * outW);
        }
        a50.max(f).intoArray(out, at + 5 * outW);
        a51 = a51.add(b1);
        if (pre != null) {
            a51.intoArray(pre, at + planeLength + 5 * outW);
        }
        a51.max(f).intoArray(out, at + planeLength + 5 * outW);
        a52 = a52.add(b2);
        if (pre != null) {
            a52.intoArray(pre, at + 2 * planeLength + 5 * outW);
        }
        a52.max(f).intoArray(out, at + 2 * planeLength + 5 * outW);
        a53 = a53.add(b3);
        if (pre != null) {
            a53.intoArray(pre, at + 3 * planeLength + 5 * outW);
        }
        a53.max(f).intoArray(out, at + 3 * planeLength + 5 * outW);
    }

    /** {@link #forward}'s samples split over threads, the arguments as fields ({@link KernelThreads.Task}). */
    private static final class Split extends KernelThreads.Task {
        private static final ThreadLocal<Split> SPLITS = ThreadLocal.withInitial(Split::new);
        boolean flat;
        double[] image;
        Conv2dShape s;
        double[] packed;
        int k;
        double floor;
        int[] cols;
        Activation act;
        double[] out;
        double[] pre;

        static Split idle(boolean flat, double[] image, Conv2dShape s, double[] packed, int k, double floor,
                          int[] cols, Activation act, double[] out, double[] pre) {
            Split t = KernelThreads.idle(SPLITS, Split::new);
            t.flat = flat;
            t.image = image;
            t.s = s;
            t.packed = packed;
            t.k = k;
            t.floor = floor;
            t.cols = cols;
            t.act = act;
            t.out = out;
            t.pre = pre;
            return t;
        }

        @Override
        public void run(int n0, int n1) {
            if (flat) {
                flatSamples(image, s, packed, k, floor, cols, act, out, pre, n0, n1);
            } else {
                samples(image, s, packed, k, floor, cols, act, out, pre, n0, n1);
            }
        }

        @Override
        void clear() {
            image = null;
            s = null;
            packed = null;
            cols = null;
            act = null;
            out = null;
            pre = null;
        }
    }
}
