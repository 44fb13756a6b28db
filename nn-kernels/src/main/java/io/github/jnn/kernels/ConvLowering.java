package io.github.jnn.kernels;

/**
 * How the vector set runs a convolution on its matrix products: the patches of the whole batch form the
 * im2col matrix (one row per output pixel holding its input patch), read in place by the packed product
 * through {@link PatchMatrix} from the input, zero-padded here first when the layer pads. The forward is
 * {@code patches · Wᵀ} with bias and activation in the product's epilogue and the weight gradient
 * {@code Gᵀ · patches}; the input gradient is either a convolution of the spread output gradient with the
 * flipped kernels or {@code G · W} scattered back over the patches (col2im). The products' pixel-major rows
 * and the {@code [N, C, H, W]} tensors are converted by transposes. Pure data movement; the flops stay in the
 * products.
 */
final class ConvLowering {
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
        KernelThreads.forRows(s.n, 1, work, (n0, n1) -> pad(x, s, n0, n1, image));
        return image;
    }

    /** {@link #padded} for samples {@code n0 .. n1}: every element of their padded planes written. */
    private static void pad(double[] x, Conv2dShape s, int n0, int n1, double[] image) {
        int paddedW = s.w + 2 * s.padW;
        int border = s.padH * paddedW;
        int to = n0 * s.inC * (s.h + 2 * s.padH) * paddedW;
        int from = n0 * s.inC * s.h * s.w;
        for (int plane = n0 * s.inC; plane < n1 * s.inC; plane++) {
            java.util.Arrays.fill(image, to, to + border, 0.0);
            to += border;
            for (int i = 0; i < s.h; i++) {
                java.util.Arrays.fill(image, to, to + s.padW, 0.0);
                System.arraycopy(x, from, image, to + s.padW, s.w);
                java.util.Arrays.fill(image, to + s.padW + s.w, to + paddedW, 0.0);
                to += paddedW;
                from += s.w;
            }
            java.util.Arrays.fill(image, to, to + border, 0.0);
            to += border;
        }
    }

    /**
     * The image of {@link Conv2dShape#inputGradient} {@code t}: each plane of the output gradient g placed
     * at (kh - 1 - padH, kw - 1 - padW) in a zero plane of t's input size, in scratch slot {@code slot}.
     */
    static double[] spreadGradient(double[] g, Conv2dShape s, Conv2dShape t, double[][] scratch, int slot) {
        double[] image = scratch(scratch, slot, (int) t.inputLength());
        double work = 16.0 * t.inputLength(); //f32-same
        KernelThreads.forRows(s.n, 1, work, (n0, n1) -> spreadGradient(g, s, t, n0, n1, image));
        return image;
    }

    /** {@link #spreadGradient} for samples {@code n0 .. n1}: every element of their planes written. */
    private static void spreadGradient(double[] g, Conv2dShape s, Conv2dShape t, int n0, int n1, double[] image) {
        int top = s.kh - 1 - s.padH;
        int left = s.kw - 1 - s.padW;
        int lo = Math.max(0, left);
        int hi = Math.max(lo, Math.min(t.w, left + s.outW));
        int to = n0 * s.outC * t.h * t.w;
        for (int plane = n0 * s.outC; plane < n1 * s.outC; plane++) {
            int from = plane * s.outH * s.outW;
            for (int u = 0; u < t.h; u++, to += t.w) {
                int row = u - top;
                if (row < 0 || row >= s.outH || hi == lo) {
                    java.util.Arrays.fill(image, to, to + t.w, 0.0);
                    continue;
                }
                java.util.Arrays.fill(image, to, to + lo, 0.0);
                System.arraycopy(g, from + row * s.outW + lo - left, image, to + lo, hi - lo);
                java.util.Arrays.fill(image, to + hi, to + t.w, 0.0);
            }
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
     * The adjoint of the im2col rows {@link PatchMatrix} reads ({@code rows[r·K + (c·kh + i)·kw + j]}, pixel r
     * of sample {@code first + r / pixels}): zeroes those samples of gradX, then adds each row back over its
     * patch.
     */
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
