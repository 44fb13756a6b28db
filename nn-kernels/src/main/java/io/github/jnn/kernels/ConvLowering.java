package io.github.jnn.kernels;

/**
 * How the vector set runs a convolution on its matrix products: a chunk of samples is lowered to one row per
 * output pixel holding that pixel's input patch (im2col, transposed), so the convolution becomes the Linear
 * product {@code rows[m×K] · W[O×K]ᵀ} with bias and activation in its epilogue, and the output comes back
 * from pixel-major rows to {@code [N, C, H, W]}. Backward runs the two other Linear products on the same
 * rows and scatters the patch gradients back (col2im). Pure data movement; the flops stay in the products.
 */
final class ConvLowering {
    private ConvLowering() {
    }

    /**
     * {@code rows[r·K + (c·kh + i)·kw + j] = x[sample, c, ih, iw]} (0 in the padding), for the {@code count}
     * samples from {@code first}, row r = (sample - first)·pixels + oh·outW + ow.
     */
    static void im2colRows(double[] x, Conv2dShape s, int first, int count, double[] rows) {
        KernelThreads.forRows(count, 1, copyWork(s, count, s.patchLength()),
                (n0, n1) -> im2colRows(x, s, first, n0, n1, rows));
    }

    /** {@link #im2colRows} for the samples {@code first + n0 .. first + n1}: the part one thread lowers. */
    private static void im2colRows(double[] x, Conv2dShape s, int first, int n0, int n1, double[] rows) {
        int patch = s.patchLength();
        int r = n0 * s.pixels();
        for (int n = first + n0; n < first + n1; n++) {
            for (int oh = 0; oh < s.outH; oh++) {
                for (int ow = 0; ow < s.outW; ow++) {
                    int iw0 = ow * s.strideW - s.padW;
                    boolean inside = iw0 >= 0 && iw0 + s.kw <= s.w;
                    int to = r * patch;
                    for (int c = 0; c < s.inC; c++) {
                        for (int i = 0; i < s.kh; i++) {
                            int ih = oh * s.strideH - s.padH + i;
                            if (ih < 0 || ih >= s.h) {
                                java.util.Arrays.fill(rows, to, to + s.kw, 0.0);
                            } else {
                                int from = ((n * s.inC + c) * s.h + ih) * s.w;
                                if (inside) {
                                    // a plain loop: System.arraycopy's call costs more than a 3-7 element copy
                                    for (int j = 0, at = from + iw0; j < s.kw; j++) {
                                        rows[to + j] = x[at + j];
                                    }
                                } else {
                                    for (int j = 0; j < s.kw; j++) {
                                        int iw = iw0 + j;
                                        rows[to + j] = iw >= 0 && iw < s.w ? x[from + iw] : 0.0;
                                    }
                                }
                            }
                            to += s.kw;
                        }
                    }
                    r++;
                }
            }
        }
    }

    /** The adjoint of {@link #im2colRows}: zeroes those samples of gradX, then adds each row back over its patch. */
    static void col2imRows(double[] rows, Conv2dShape s, int first, int count, double[] gradX) {
        KernelThreads.forRows(count, 1, copyWork(s, count, s.patchLength()),
                (n0, n1) -> col2imRows(rows, s, first, n0, n1, gradX));
    }

    /** {@link #col2imRows} for the samples {@code first + n0 .. first + n1}, which no other thread writes. */
    private static void col2imRows(double[] rows, Conv2dShape s, int first, int n0, int n1, double[] gradX) {
        int sample = s.inC * s.h * s.w;
        java.util.Arrays.fill(gradX, (first + n0) * sample, (first + n1) * sample, 0.0);
        int patch = s.patchLength();
        int r = n0 * s.pixels();
        for (int n = first + n0; n < first + n1; n++) {
            for (int oh = 0; oh < s.outH; oh++) {
                for (int ow = 0; ow < s.outW; ow++) {
                    int iw0 = ow * s.strideW - s.padW;
                    int from = r * patch;
                    for (int c = 0; c < s.inC; c++) {
                        for (int i = 0; i < s.kh; i++) {
                            int ih = oh * s.strideH - s.padH + i;
                            if (ih >= 0 && ih < s.h) {
                                int to = ((n * s.inC + c) * s.h + ih) * s.w;
                                for (int j = 0; j < s.kw; j++) {
                                    int iw = iw0 + j;
                                    if (iw >= 0 && iw < s.w) {
                                        gradX[to + iw] += rows[from + j];
                                    }
                                }
                            }
                            from += s.kw;
                        }
                    }
                    r++;
                }
            }
        }
    }

    /** {@code nchw[sample, o, p] = rows[(sample - first)·pixels + p, o]}: pixel-major rows back to channels. */
    static void rowsToChannels(double[] rows, Conv2dShape s, int first, int count, double[] nchw) {
        int block = s.pixels() * s.outC;
        for (int n = 0; n < count; n++) {
            transpose(rows, n * block, s.pixels(), s.outC, nchw, (first + n) * block);
        }
    }

    /** The inverse of {@link #rowsToChannels}: {@code rows[(sample - first)·pixels + p, o] = nchw[sample, o, p]}. */
    static void channelsToRows(double[] nchw, Conv2dShape s, int first, int count, double[] rows) {
        int block = s.pixels() * s.outC;
        for (int n = 0; n < count; n++) {
            transpose(nchw, (first + n) * block, s.outC, s.pixels(), rows, n * block);
        }
    }

    /**
     * {@code to[toAt + j·r + i] = from[fromAt + i·c + j]}: the {@code r × c} matrix at fromAt, transposed,
     * written in order.
     */
    private static void transpose(double[] from, int fromAt, int r, int c, double[] to, int toAt) {
        for (int j = 0; j < c; j++) {
            int dst = toAt + j * r;
            for (int i = 0; i < r; i++) {
                to[dst + i] = from[fromAt + i * c + j];
            }
        }
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
            scratch[slot] = new double[length];
        }
        return scratch[slot];
    }
}
