package io.github.jnn.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;
//#if[f64]
//#else[f32]
//import jdk.incubator.vector.DoubleVector;
//import jdk.incubator.vector.VectorOperators;
//#end

/**
 * How the vector set runs a convolution on its matrix products: the patches of the whole batch form the
 * im2col matrix (one row per output pixel holding its input patch), read in place by the packed product
 * through {@link PatchMatrix} from the input, zero-padded here first when the layer pads. The forward is
 * {@code W · patchesᵀ}, written as NCHW planes with bias and activation in the product's epilogue, and the
 * weight gradient {@code G · patches} (G's planes side by side); the input gradient is either a convolution
 * of the spread output gradient with the flipped kernels or {@code Wᵀ · G} scattered back over the patches
 * (col2im). Pure data movement; the flops stay in the products.
 */
final class ConvLowering {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** The vectors the bias gradient's channel sums run in: double in float32 too. */
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED; //f32-same
    private static final int DL = D.length();
    /** Per calling thread: the bias gradient's running sums per channel ({@link #planeSums}). */
    private static final ThreadLocal<double[]> CHANNEL_SUMS = ThreadLocal.withInitial(() -> new double[0]); //f32-same

    private ConvLowering() {
    }

    /**
     * The input as {@link PatchMatrix} reads it: {@code x} itself without padding, else its samples
     * zero-padded by (padH, padW) into scratch slot {@code slot} (split over the threads by sample).
     */
    static double[] padded(double[] x, Conv2dShape s, double[][] scratch, int slot) {
        if (s.padH == 0 && s.padW == 0) {
            return x;
        }
        double[] image = scratch(scratch, slot, (int) s.paddedInputLength());
        double work = 16.0 * s.paddedInputLength(); //f32-same
        Split.idle(Split.PLACE_PLANES, x, image, s).planes(s.h, s.w, s.h + 2 * s.padH, s.w + 2 * s.padW, s.padH,
                s.padW, s.inC).forRows(s.n, 1, work);
        return image;
    }

    /**
     * The image of {@link Conv2dShape#inputGradient} {@code t}: each plane of the output gradient g placed
     * at (kh - 1 - padH, kw - 1 - padW) in a zero plane of t's input size, in scratch slot {@code slot}.
     */
    static double[] spreadGradient(double[] g, Conv2dShape s, Conv2dShape t, double[][] scratch, int slot) {
        double[] image = scratch(scratch, slot, (int) t.inputLength());
        double work = 16.0 * t.inputLength(); //f32-same
        Split.idle(Split.PLACE_PLANES, g, image, s).planes(s.outH, s.outW, t.h, t.w, spreadTop(s), spreadLeft(s),
                s.outC).forRows(s.n, 1, work);
        return image;
    }

    /**
     * The row of {@link #spreadGradient}'s image where the output gradient's first row goes: kh - 1 - padH,
     * negative where the spread crops it. Rows outside {@code [spreadTop, spreadTop + outH)} hold zeros.
     */
    static int spreadTop(Conv2dShape s) {
        return s.kh - 1 - s.padH;
    }

    /** The column of {@link #spreadGradient}'s image where the output gradient's first column goes (as spreadTop). */
    static int spreadLeft(Conv2dShape s) {
        return s.kw - 1 - s.padW;
    }

    /**
     * Planes {@code p0 .. p1} of {@code src} ({@code srcH × srcW} each) into the same planes of {@code image}
     * ({@code dstH × dstW} each), each at (top, left) in zeros and cropped to it (a negative offset crops
     * the source): every element of those planes written. {@link #padded} and {@link #spreadGradient}. The
     * zeros between one copied row and the next are one run (a padded 14×14 float32 batch: 350 → 250 µs,
     * where a fill before and after each row's copy made three calls per row).
     */
    private static void placePlanes(double[] src, int srcH, int srcW, double[] image, int dstH, int dstW, int top,
                                    int left, int p0, int p1) {
        int lo = Math.max(0, left);
        int hi = Math.max(lo, Math.min(dstW, left + srcW));
        int u0 = Math.max(0, top);
        int u1 = hi > lo ? Math.min(dstH, top + srcH) : u0; // the rows that take a copy
        int plane = dstH * dstW;
        for (int p = p0; p < p1; p++) {
            int from = p * srcH * srcW + lo - left - top * srcW;
            int zeros = p * plane; // where the run of zeros before the next copy starts
            for (int u = u0; u < u1; u++) {
                int at = p * plane + u * dstW + lo;
                java.util.Arrays.fill(image, zeros, at, 0.0);
                System.arraycopy(src, from + u * srcW, image, at, hi - lo);
                zeros = at + hi - lo;
            }
            java.util.Arrays.fill(image, zeros, (p + 1) * plane, 0.0);
        }
    }

    /** {@code flipped[c, o, i, j] = w[o, c, kh-1-i, kw-1-j]}: the kernels of {@link Conv2dShape#inputGradient}. */
    static void flipKernels(double[] w, Conv2dShape s, double[] flipped) {
        int window = s.kh * s.kw;
        for (int o = 0; o < s.outC; o++) {
            for (int c = 0; c < s.inC; c++) {
                int from = (o * s.inC + c) * window;
                int to = (c * s.outC + o) * window;
                for (int e = 0; e < window; e++) {
                    flipped[to + e] = w[from + window - 1 - e];
                }
            }
        }
    }

    /**
     * {@code gT[o, (sample - first)·pixels + p] = g[sample, o, p]}: the output gradient of {@code count}
     * samples as one {@code outC × count·pixels} matrix, each sample's planes side by side (row copies).
     */
    static void channelsSideBySide(double[] g, Conv2dShape s, int first, int count, double[] gT) {
        int pixels = s.pixels();
        int cols = count * pixels;
        for (int n = 0; n < count; n++) {
            for (int o = 0; o < s.outC; o++) {
                System.arraycopy(g, ((first + n) * s.outC + o) * pixels, gT, o * cols + n * pixels, pixels);
            }
        }
    }

    /**
     * {@code gradB[o] += Σ g[·, o, ·]} from {@code planes}: gT, g's planes side by side
     * ({@link #channelsSideBySide} of all samples), or g itself ({@code sideBySide} false), lane by lane in four
     * vectors of running sums per channel, the channels split over the threads (a scalar sum took a quarter of
     * the float32 first layer's weight gradient); float32 sums in double and rounds once, as the Linear bias
     * gradient does. Both layouts give the same sums in the same order.
     */
    static void accChannelSums(double[] planes, Conv2dShape s, boolean sideBySide, double[] gradB) {
        int pixels = s.pixels();
        double[] acc = channelSumsScratch(s.outC); //f32-same
        double work = 2.0 * s.n * pixels * s.outC; //f32-same
        Split t = Split.idle(Split.CHANNEL_SUMS, planes, null, s);
        t.sideBySide = sideBySide;
        t.sums = acc;
        t.forRows(s.outC, 1, work);
        addChannelSums(acc, s.outC, gradB);
    }

    /** {@link #accChannelSums} for the channels {@code [o0, o1)}, which no other thread adds into. */
    private static void channelSums(double[] planes, Conv2dShape s, boolean sideBySide, double[] acc, int o0, //f32: private static void channelSums(float[] planes, Conv2dShape s, boolean sideBySide, double[] acc, int o0,
                                    int o1) {
        int pixels = s.pixels();
        for (int o = o0; o < o1; o++) {
            for (int n = 0; n < s.n; n++) {
                planeSums(planes, (sideBySide ? o * s.n + n : n * s.outC + o) * pixels, pixels, acc,
                        o * CHANNEL_SUMS_STRIDE);
            }
        }
    }

    /** Values per channel of the running sums {@link #planeSums} adds into: 4 vectors and one for the rest. */
    static final int CHANNEL_SUMS_STRIDE = 4 * DL + 1;

    /** The calling thread's running sums for {@code channels} channels, zeroed. */
    static double[] channelSumsScratch(int channels) { //f32-same
        double[] acc = ThreadBuffers.doubles(CHANNEL_SUMS, channels * CHANNEL_SUMS_STRIDE); //f32-same
        java.util.Arrays.fill(acc, 0, channels * CHANNEL_SUMS_STRIDE, 0.0);
        return acc;
    }

    /** {@code gradB[o] +=} channel o's running sums, added in order (float32: rounded once). */
    static void addChannelSums(double[] acc, int channels, double[] gradB) { //f32: static void addChannelSums(double[] acc, int channels, float[] gradB) {
        for (int o = 0; o < channels; o++) {
            double sum = 0.0; //f32-same
            for (int k = 0; k < CHANNEL_SUMS_STRIDE; k++) {
                sum += acc[o * CHANNEL_SUMS_STRIDE + k];
            }
            gradB[o] += sum;
        }
    }

    /**
     * Adds {@code planes[from, from + pixels)} into the running sums at {@code at} in acc: lane by lane into 4
     * vectors, the pixels past them into {@code acc[at + 4·DL]} (a helper per plane: vectors carried around the
     * loop over samples as well were boxed by JDK 17's C2).
     */
    static void planeSums(double[] planes, int from, int pixels, double[] acc, int at) { //f32: static void planeSums(float[] planes, int from, int pixels, double[] acc, int at) {
        DoubleVector s0 = DoubleVector.fromArray(D, acc, at); //f32-same
        DoubleVector s1 = DoubleVector.fromArray(D, acc, at + DL); //f32-same
        DoubleVector s2 = DoubleVector.fromArray(D, acc, at + 2 * DL); //f32-same
        DoubleVector s3 = DoubleVector.fromArray(D, acc, at + 3 * DL); //f32-same
        int bound = pixels - pixels % (4 * DL);
        int p = 0;
//#if[f64]
        for (; p < bound; p += 4 * DL) {
            s0 = s0.add(DoubleVector.fromArray(D, planes, from + p));
            s1 = s1.add(DoubleVector.fromArray(D, planes, from + p + DL));
            s2 = s2.add(DoubleVector.fromArray(D, planes, from + p + 2 * DL));
            s3 = s3.add(DoubleVector.fromArray(D, planes, from + p + 3 * DL));
        }
//#else[f32]
//      // each DL values widened from the low half of a load of their own while the loads stay inside planes:
//      // JDK 17 compiles the high half's convert(F2D, 1) through arrays (a sixth of the first layer's weight
//      // gradient went there); the same lanes get the same values, so the same bits
//      int lowHalves = Math.min(bound, Math.max(0, planes.length - from - 5 * DL + 1));
//      for (; p < lowHalves; p += 4 * DL) {
//          s0 = s0.add((DoubleVector) FloatVector.fromArray(S, planes, from + p).convert(VectorOperators.F2D, 0));
//          s1 = s1.add((DoubleVector) FloatVector.fromArray(S, planes, from + p + DL).convert(VectorOperators.F2D, 0));
//          s2 = s2.add((DoubleVector) FloatVector.fromArray(S, planes, from + p + 2 * DL).convert(VectorOperators.F2D, 0));
//          s3 = s3.add((DoubleVector) FloatVector.fromArray(S, planes, from + p + 3 * DL).convert(VectorOperators.F2D, 0));
//      }
//      for (; p < bound; p += 4 * DL) {
//          FloatVector lo = FloatVector.fromArray(S, planes, from + p); // 2·DL lanes: widened in two halves
//          FloatVector hi = FloatVector.fromArray(S, planes, from + p + 2 * DL);
//          s0 = s0.add((DoubleVector) lo.convert(VectorOperators.F2D, 0));
//          s1 = s1.add((DoubleVector) lo.convert(VectorOperators.F2D, 1));
//          s2 = s2.add((DoubleVector) hi.convert(VectorOperators.F2D, 0));
//          s3 = s3.add((DoubleVector) hi.convert(VectorOperators.F2D, 1));
//      }
//#end
        s0.intoArray(acc, at);
        s1.intoArray(acc, at + DL);
        s2.intoArray(acc, at + 2 * DL);
        s3.intoArray(acc, at + 3 * DL);
        double rest = acc[at + 4 * DL]; //f32-same
        for (; p < pixels; p++) {
            rest += planes[from + p];
        }
        acc[at + 4 * DL] = rest;
    }

    /**
     * The adjoint of the im2col matrix {@link PatchMatrix} reads, from its transpose: {@code patches} is
     * {@code K × count·pixels} (row q: patch element {@code (c·kh + i)·kw + j} of every window of the
     * {@code count} samples from {@code first}). Zeroes those samples of gradX, then adds each patch element
     * back into the input pixels it came from.
     */
    static void col2imColumns(double[] patches, Conv2dShape s, int first, int count, double[] gradX) {
        Split t = Split.idle(Split.COL2IM, patches, gradX, s);
        t.first = first;
        t.count = count;
        t.forRows(count, 1, copyWork(s, count, s.patchLength()));
    }

    /**
     * {@link #col2imColumns} for the samples {@code first + n0 .. first + n1}, which no other thread writes.
     * Per patch element (one row of {@code patches}, read in order; the planes of one input channel stay in
     * L1 over its k² elements) and output row, the windows whose element lies inside the input (so no pixel
     * is tested) add a run that is contiguous on both sides with stride 1: vector adds. (Scattering window by
     * window from pixel-major rows, 5 values at a time, cost 2.7 ns an element; sample by sample, each row
     * of {@code patches} read a few lines at a time, 1 ns.)
     */
    private static void col2imColumns(double[] patches, Conv2dShape s, int first, int count, int n0, int n1,
                                      double[] gradX) {
        int plane = s.h * s.w;
        java.util.Arrays.fill(gradX, (first + n0) * s.inC * plane, (first + n1) * s.inC * plane, 0.0);
        if (s.strideH == 1 && s.strideW == 1) {
            col2imStride1(patches, s, first, count, n0, n1, gradX);
            return;
        }
        int cols = count * s.pixels();
        for (int c = 0; c < s.inC; c++) {
            for (int i = 0; i < s.kh; i++) {
                int ohFrom = insideFrom(i, s.padH, s.strideH);
                int ohTo = insideTo(i, s.padH, s.strideH, s.h, s.outH);
                for (int j = 0; j < s.kw; j++) {
                    int owFrom = insideFrom(j, s.padW, s.strideW);
                    int owTo = insideTo(j, s.padW, s.strideW, s.w, s.outW);
                    int q = (c * s.kh + i) * s.kw + j;
                    for (int n = n0; n < n1; n++) {
                        int planeAt = ((first + n) * s.inC + c) * plane;
                        for (int oh = ohFrom; oh < ohTo; oh++) {
                            int to = planeAt + (oh * s.strideH - s.padH + i) * s.w + j - s.padW;
                            int from = q * cols + n * s.pixels() + oh * s.outW;
                            if (s.strideW == 1) {
                                int ow = owFrom;
                                for (; ow <= owTo - L; ow += L) {
                                    DoubleVector.fromArray(S, gradX, to + ow)
                                            .add(DoubleVector.fromArray(S, patches, from + ow))
                                            .intoArray(gradX, to + ow);
                                }
                                for (; ow < owTo; ow++) {
                                    gradX[to + ow] += patches[from + ow];
                                }
                            } else {
                                for (int ow = owFrom; ow < owTo; ow++) {
                                    gradX[to + ow * s.strideW] += patches[from + ow];
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * {@link #col2imColumns} at stride 1: per input row and kernel column j, the kernel rows' contributions
     * (output rows y + padH - i) are summed in a register before one add into gradX, a fifth of the loads and
     * stores of gradX that adding each patch element's run in turn cost with a 5×5 kernel. Each element's
     * terms are added in the order (j, i).
     */
    private static void col2imStride1(double[] patches, Conv2dShape s, int first, int count, int n0, int n1,
                                      double[] gradX) {
        int plane = s.h * s.w;
        int pixels = s.pixels();
        int cols = count * pixels;
        int regionEnd = (first + n1) * s.inC * plane; // this task's samples end: no lane past it is rewritten
        for (int c = 0; c < s.inC; c++) {
            for (int j = 0; j < s.kw; j++) {
                int owFrom = insideFrom(j, s.padW, 1);
                int owTo = insideTo(j, s.padW, 1, s.w, s.outW);
                int column = (c * s.kh * s.kw + j) * cols; // row q = (c·kh + i)·kw + j of patches, i = 0
                VectorMask<Double> rest = S.indexInRange(0, (owTo - owFrom) % L);
                int rowStep = s.kw * cols;
                for (int n = n0; n < n1; n++) {
                    int planeAt = ((first + n) * s.inC + c) * plane;
                    for (int y = 0; y < s.h; y++) {
                        int iFrom = Math.max(0, y + s.padH - (s.outH - 1));
                        int iTo = Math.min(s.kh - 1, y + s.padH); // oh = y + padH - i in [0, outH)
                        if (iFrom > iTo) {
                            continue;
                        }
                        int to = planeAt + y * s.w + j - s.padW;
                        // patches' element for (i, ow): from + i·(rowStep - outW) + ow
                        int from = column + n * pixels + (y + s.padH) * s.outW;
                        int ow = owFrom;
                        for (; ow <= owTo - L; ow += L) {
                            DoubleVector sum = DoubleVector.fromArray(S, gradX, to + ow);
                            for (int i = iFrom; i <= iTo; i++) {
                                sum = sum.add(DoubleVector.fromArray(S, patches, from + i * (rowStep - s.outW) + ow));
                            }
                            sum.intoArray(gradX, to + ow);
                        }
                        int last = from + iTo * (rowStep - s.outW) + ow; // the last kernel row's run
                        if (ow < owTo && to + ow + L <= regionEnd && last + L <= patches.length) {
                            DoubleVector sum = DoubleVector.fromArray(S, gradX, to + ow);
                            for (int i = iFrom; i <= iTo; i++) {
                                int at = from + i * (rowStep - s.outW) + ow;
                                sum = sum.add(DoubleVector.fromArray(S, patches, at), rest);
                            }
                            sum.intoArray(gradX, to + ow);
                            ow = owTo;
                        }
                        for (; ow < owTo; ow++) {
                            double sum = gradX[to + ow];
                            for (int i = iFrom; i <= iTo; i++) {
                                sum += patches[from + i * (rowStep - s.outW) + ow];
                            }
                            gradX[to + ow] = sum;
                        }
                    }
                }
            }
        }
    }

    /** The first output position whose window's element {@code e} lies inside the input: e - pad + o·stride >= 0. */
    private static int insideFrom(int e, int pad, int stride) {
        return pad <= e ? 0 : (pad - e + stride - 1) / stride;
    }

    /** One past the last output position whose window's element {@code e} lies inside an input of {@code size}. */
    private static int insideTo(int e, int pad, int stride, int size, int outSize) {
        int last = size - 1 + pad - e; // o·stride <= last
        return last < 0 ? 0 : Math.min(outSize, last / stride + 1);
    }

    /**
     * The work of lowering {@code count} samples, in the flops {@link KernelThreads} weighs tasks by: a copied
     * element costs about as much as 16 flops of a product, so only batches worth a task are split.
     */
    private static double copyWork(Conv2dShape s, int count, int perPixel) { //f32-same
        return 16.0 * count * s.pixels() * perPixel; //f32-same
    }

    /** {@code scratch[slot]} if it holds at least {@code length} elements, else a new array stored there. */
    static double[] scratch(double[][] scratch, int slot, int length) {
        if (scratch == null) {
            return new double[length];
        }
        if (scratch[slot] == null || scratch[slot].length < length) {
            scratch[slot] = AlignedArrays.doubles(length); // one slot may serve AlignedArrays' callers too
        }
        return scratch[slot];
    }

    /**
     * The splits above over threads, the arguments as fields ({@link KernelThreads.Task}): {@code from} the
     * planes, patches or gradient read, {@code to} the image or gradient written.
     */
    private static final class Split extends KernelThreads.Task {
        static final int PLACE_PLANES = 0;
        static final int CHANNEL_SUMS = 1;
        static final int COL2IM = 2;
        private static final ThreadLocal<Split> SPLITS = ThreadLocal.withInitial(Split::new);
        int kind;
        double[] from;
        double[] to;
        Conv2dShape s;
        // placePlanes' sizes and offsets, and the channels of one sample
        int srcH;
        int srcW;
        int dstH;
        int dstW;
        int top;
        int left;
        int channels;
        // the channel sums'
        boolean sideBySide;
        double[] sums; //f32-same
        // col2im's samples
        int first;
        int count;

        static Split idle(int kind, double[] from, double[] to, Conv2dShape s) {
            Split t = KernelThreads.idle(SPLITS, Split::new);
            t.kind = kind;
            t.from = from;
            t.to = to;
            t.s = s;
            return t;
        }

        Split planes(int srcH, int srcW, int dstH, int dstW, int top, int left, int channels) {
            this.srcH = srcH;
            this.srcW = srcW;
            this.dstH = dstH;
            this.dstW = dstW;
            this.top = top;
            this.left = left;
            this.channels = channels;
            return this;
        }

        @Override
        public void run(int i0, int i1) {
            switch (kind) {
                case PLACE_PLANES -> placePlanes(from, srcH, srcW, to, dstH, dstW, top, left, i0 * channels,
                        i1 * channels);
                case CHANNEL_SUMS -> channelSums(from, s, sideBySide, sums, i0, i1);
                case COL2IM -> col2imColumns(from, s, first, count, i0, i1, to);
                default -> throw new IllegalStateException("split " + kind);
            }
        }

        @Override
        void clear() {
            from = null;
            to = null;
            s = null;
            sums = null;
        }
    }
}
