package io.github.jnn.kernels;

/**
 * The geometry of one 2D convolution over a batch, as PyTorch's {@code conv2d} lays it out: input
 * {@code [n, inC, h, w]}, weight {@code [outC, inC, kh, kw]}, output {@code [n, outC, outH, outW]}, all row-major,
 * with {@code outH = (h + 2·padH - kh) / strideH + 1} (likewise outW). Immutable; the constructor checks
 * everything, so the kernels need only check array lengths against it.
 */
public final class Conv2dShape {
    /**
     * At most this many bytes of scratch per chunk of samples whose input gradient the vector set scatters:
     * about twice the 1 MiB L2 of the machines measured, so that col2im reads the patch gradients the product
     * has just written from L2 or near it (chunks of 2^21 elements, 8 MB in float32 and 16 MB in float64, made
     * the 12×12 layer's input gradient 5 % slower in float32 and 9 % in float64, docs/convolution.md "Session 14").
     */
    static final long CHUNK_BYTES = 2L << 20;

    /** How many scratch arrays a holder passed to the convolution kernels must have room for. */
    public static final int SCRATCH_SLOTS = 3;

    public final int n;
    public final int inC;
    public final int h;
    public final int w;
    public final int outC;
    public final int kh;
    public final int kw;
    public final int strideH;
    public final int strideW;
    public final int padH;
    public final int padW;
    public final int outH;
    public final int outW;
    /** {@link #patches()}, once made: immutable, so a racing second copy is harmless. */
    private volatile PatchMatrix patches;
    /** {@link #rowBands}, once made. */
    private volatile KernelRowBands rowBands;
    /** {@link #edgeColumns}, once made: the last asked for per run of tile pixels (two runs at most). */
    private volatile EdgeColumns edgeColumns;
    private volatile EdgeColumns otherEdgeColumns;
    /** {@link #tapWindows}, once made. */
    private volatile TapWindows tapWindows;
    /** {@link #transposed()}, once made. */
    private volatile Conv2dShape transposed;
    /** {@link #inputGradient()}, once made. */
    private volatile Conv2dShape inputGradient;
    /** {@link #shiftedColumns()}, once made. */
    private volatile int[] shiftedColumns;

    public Conv2dShape(int n, int inC, int h, int w, int outC, int kh, int kw, int strideH, int strideW,
                       int padH, int padW) {
        String what = "Conv2dShape(input [" + n + ", " + inC + ", " + h + ", " + w + "], " + outC + " filters "
                + kh + "x" + kw + ", stride " + strideH + "x" + strideW + ", padding " + padH + "x" + padW + ")";
        if (n < 0 || inC <= 0 || h <= 0 || w <= 0 || outC <= 0 || kh <= 0 || kw <= 0) {
            throw new IllegalArgumentException(what + ": sizes must be positive (the batch may be 0)");
        }
        if (strideH <= 0 || strideW <= 0 || padH < 0 || padW < 0) {
            throw new IllegalArgumentException(what + ": strides must be positive and padding non-negative");
        }
        if ((long) h + 2L * padH < kh || (long) w + 2L * padW < kw) {
            throw new IllegalArgumentException(what + ": the padded input " + ((long) h + 2L * padH) + "x"
                    + ((long) w + 2L * padW) + " is smaller than the kernel " + kh + "x" + kw);
        }
        this.n = n;
        this.inC = inC;
        this.h = h;
        this.w = w;
        this.outC = outC;
        this.kh = kh;
        this.kw = kw;
        this.strideH = strideH;
        this.strideW = strideW;
        this.padH = padH;
        this.padW = padW;
        this.outH = (int) (((long) h + 2L * padH - kh) / strideH + 1);
        this.outW = (int) (((long) w + 2L * padW - kw) / strideW + 1);
        long[] sizes = {inputLength(), weightLength(), outputLength(), paddedInputLength(),
                (long) outH * outW * ((long) inC * kh * kw + 2L * outC)};
        for (long s : sizes) {
            if (s > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException(what + ": " + s + " elements do not fit a Java array");
            }
        }
    }

    /** {@code inC·kh·kw}: the length of one lowered patch, the inner dimension of the product. */
    public int patchLength() {
        return inC * kh * kw;
    }

    /** {@code outH·outW}: output pixels per sample and channel. */
    public int pixels() {
        return outH * outW;
    }

    public long inputLength() {
        return (long) n * inC * h * w;
    }

    /** The input's length once zero-padded, {@code n·inC·(h + 2·padH)·(w + 2·padW)}. */
    public long paddedInputLength() {
        return (long) n * inC * (h + 2L * padH) * (w + 2L * padW);
    }

    /** The im2col matrix read in place ({@link PatchMatrix}), made on first use. */
    PatchMatrix patches() {
        PatchMatrix p = patches;
        if (p == null) {
            p = new PatchMatrix(this);
            patches = p;
        }
        return p;
    }

    /**
     * {@link KernelRowBands} for the image rows {@code [top, bottom)}, made on first use (the last band asked
     * for is kept: each shape's image has one band).
     */
    KernelRowBands rowBands(int top, int bottom) {
        KernelRowBands b = rowBands;
        if (b == null || b.top != top || b.bottom != bottom) {
            b = new KernelRowBands(this, top, bottom);
            rowBands = b;
        }
        return b;
    }

    /**
     * {@link EdgeColumns} for row tiles of {@code run} pixels and the image columns {@code [left, right)}, made
     * on first use (the last one asked for per run is kept).
     */
    EdgeColumns edgeColumns(int left, int right, int run) {
        EdgeColumns e = edgeColumns;
        if (e != null && e.run == run && e.left == left && e.right == right) {
            return e;
        }
        EdgeColumns o = otherEdgeColumns;
        if (o != null && o.run == run && o.left == left && o.right == right) {
            return o;
        }
        EdgeColumns made = new EdgeColumns(this, left, right, run);
        if (e == null || e.run == run) {
            edgeColumns = made;
        } else {
            otherEdgeColumns = made;
        }
        return made;
    }

    /**
     * The patch elements q = (c, i, j) of kernel rows {@code [i0, i1)} and columns {@code [j0, j1)} of every input
     * channel, in kernel-row order (i, then c, then j): a band of kernel rows is one run of all the elements in
     * that order, so {@link ConvDirect}'s tiles of every band read their kernels from one packed copy.
     */
    int[] patchElements(int i0, int i1, int j0, int j1) {
        int[] elements = new int[inC * (i1 - i0) * (j1 - j0)];
        int e = 0;
        for (int i = i0; i < i1; i++) {
            for (int c = 0; c < inC; c++) {
                for (int j = j0; j < j1; j++) {
                    elements[e++] = (c * kh + i) * kw + j;
                }
            }
        }
        return elements;
    }

    /** Where patch element q = (c·kh + i)·kw + j lies among all of them in {@link #patchElements}' order. */
    int kernelRowPosition(int q) {
        int i = q / kw % kh;
        return (i * inC + q / (kh * kw)) * kw + q % kw;
    }

    /**
     * The length of one sample's input copied once per input channel and kernel column at the output's width
     * (ConvWeightRows.shift, which the small patches' weight gradient and forward read): {@code inC·kw·(h +
     * 2·padH)·outW}.
     */
    long shiftedLength() {
        return (long) inC * kw * shiftedPlane();
    }

    /** One of those copies: the padded input's rows at the output's width, {@code (h + 2·padH)·outW}. */
    int shiftedPlane() {
        return (h + 2 * padH) * outW;
    }

    /**
     * Where patch element q = (c, i, j) of the first pixel lies in those copies: copy (c, j), i rows down; made
     * on first use (the stride-1 forward by whole planes reads its patches through it, call after call).
     */
    int[] shiftedColumns() {
        int[] columns = shiftedColumns;
        if (columns == null) {
            int plane = shiftedPlane();
            columns = new int[patchLength()];
            for (int q = 0; q < columns.length; q++) {
                int c = q / (kh * kw);
                int i = q / kw % kh;
                columns[q] = (c * kw + q % kw) * plane + i * outW;
            }
            shiftedColumns = columns;
        }
        return columns;
    }

    /**
     * {@link TapWindows} for tiles of {@code taps} patch elements and blocks of {@code block} windows, made on
     * first use.
     */
    TapWindows tapWindows(int taps, int block) {
        TapWindows t = tapWindows;
        if (t == null || t.taps != taps || t.block != block) {
            t = new TapWindows(this, taps, block);
            tapWindows = t;
        }
        return t;
    }

    /**
     * For stride 1 and padding below the kernel's size, the transposed convolution: its input
     * {@code [n, outC, outH, outW]} is this one's output, its output {@code [n, inC, h, w]} this one's input
     * (padding k - 1 - pad), so that its input gradient with this one's kernels flipped and their channel axes
     * swapped is this one's forward ({@link ConvInputRows#forward}). Made on first use.
     */
    Conv2dShape transposed() {
        Conv2dShape t = transposed;
        if (t == null) {
            t = new Conv2dShape(n, outC, outH, outW, inC, kh, kw, 1, 1, kh - 1 - padH, kw - 1 - padW);
            transposed = t;
        }
        return t;
    }

    /**
     * For stride 1, the convolution whose forward is this one's input gradient: over the output gradient
     * {@code [n, outC, outH, outW]} zero-padded to {@code (h + kh - 1) × (w + kw - 1)} (by k - 1 - padding
     * on each side), unpadded, with the flipped kernels {@code [inC, outC, kh, kw]}; its output is
     * {@code [n, inC, h, w]}. Null when its arrays would not fit Java arrays (the sizes its constructor
     * checks), so the caller takes the other path. Made on first use.
     */
    Conv2dShape inputGradient() {
        Conv2dShape t = inputGradient;
        long length = (long) n * outC * (h + kh - 1L) * (w + kw - 1L);
        long rowsPerPixel = (long) outC * kh * kw + 2L * inC;
        boolean fits = length <= Integer.MAX_VALUE - 8 && (long) h * w * rowsPerPixel <= Integer.MAX_VALUE - 8;
        if (t == null && fits) {
            t = new Conv2dShape(n, outC, h + kh - 1, w + kw - 1, inC, kh, kw, 1, 1, 0, 0);
            inputGradient = t;
        }
        return t;
    }

    public long weightLength() {
        return (long) outC * inC * kh * kw;
    }

    public long outputLength() {
        return (long) n * outC * outH * outW;
    }

    /** The same convolution over a batch of {@code batch} samples. */
    public Conv2dShape withBatch(int batch) {
        return batch == n ? this : new Conv2dShape(batch, inC, h, w, outC, kh, kw, strideH, strideW, padH, padW);
    }

    /**
     * Samples per chunk of the vector set's scattered input gradient: as many as keep the chunk's patch
     * gradients and output gradient, of {@code elementBytes} each, within {@link #CHUNK_BYTES}, at least one.
     * A function of the shape and element type alone, so results do not depend on the thread count.
     */
    public int chunkSamples(int elementBytes) {
        long perSample = (long) pixels() * (patchLength() + 2L * outC) * elementBytes;
        return (int) Math.max(1, Math.min(Math.max(n, 1), CHUNK_BYTES / Math.max(1, perSample)));
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Conv2dShape)) {
            return false;
        }
        Conv2dShape s = (Conv2dShape) o;
        return n == s.n && inC == s.inC && h == s.h && w == s.w && outC == s.outC && kh == s.kh && kw == s.kw
                && strideH == s.strideH && strideW == s.strideW && padH == s.padH && padW == s.padW;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(n, inC, h, w, outC, kh, kw, strideH, strideW, padH, padW);
    }

    @Override
    public String toString() {
        return "conv2d [" + n + ", " + inC + ", " + h + ", " + w + "] * [" + outC + ", " + inC + ", " + kh + ", "
                + kw + "] stride " + strideH + "x" + strideW + " padding " + padH + "x" + padW + " -> [" + n + ", "
                + outC + ", " + outH + ", " + outW + "]";
    }
}
