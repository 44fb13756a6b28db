package io.github.jnn.kernels;

/**
 * The naive 2D convolution and max-pooling: the textbook nested loops over batch, channels, output pixels
 * and the kernel window, straight on the {@code [N, C, H, W]} layout. They are the oracle for the vector set
 * and the "dumb" path the benchmarks compare against. Unchecked: callers go through {@link Kernels}.
 */
final class ConvScalar {
    private ConvScalar() {
    }

    /** {@code out = act(conv(x, w) + b)}, {@code pre = conv(x, w) + b} if pre is not null. */
    static void conv2dForward(double[] x, double[] w, double[] b, double[] pre, double[] out, Conv2dShape s,
                              Activation act) {
        int pixels = s.pixels();
        for (int n = 0; n < s.n; n++) {
            for (int o = 0; o < s.outC; o++) {
                for (int oh = 0; oh < s.outH; oh++) {
                    for (int ow = 0; ow < s.outW; ow++) {
                        double sum = 0.0;
                        for (int c = 0; c < s.inC; c++) {
                            for (int i = 0; i < s.kh; i++) {
                                int ih = oh * s.strideH - s.padH + i;
                                if (ih < 0 || ih >= s.h) {
                                    continue;
                                }
                                for (int j = 0; j < s.kw; j++) {
                                    int iw = ow * s.strideW - s.padW + j;
                                    if (iw >= 0 && iw < s.w) {
                                        sum += x[((n * s.inC + c) * s.h + ih) * s.w + iw]
                                                * w[((o * s.inC + c) * s.kh + i) * s.kw + j];
                                    }
                                }
                            }
                        }
                        if (b != null) {
                            sum += b[o];
                        }
                        int at = (n * s.outC + o) * pixels + oh * s.outW + ow;
                        if (pre != null) {
                            pre[at] = sum;
                        }
                        out[at] = act.apply(sum);
                    }
                }
            }
        }
    }

    /** {@code gradX = convᵀ(g, w)}: every output gradient scattered back over the window it came from. */
    static void conv2dGradInput(double[] g, double[] w, double[] gradX, Conv2dShape s) {
        java.util.Arrays.fill(gradX, 0, (int) s.inputLength(), 0.0);
        int pixels = s.pixels();
        for (int n = 0; n < s.n; n++) {
            for (int o = 0; o < s.outC; o++) {
                for (int oh = 0; oh < s.outH; oh++) {
                    for (int ow = 0; ow < s.outW; ow++) {
                        double go = g[(n * s.outC + o) * pixels + oh * s.outW + ow];
                        for (int c = 0; c < s.inC; c++) {
                            for (int i = 0; i < s.kh; i++) {
                                int ih = oh * s.strideH - s.padH + i;
                                if (ih < 0 || ih >= s.h) {
                                    continue;
                                }
                                for (int j = 0; j < s.kw; j++) {
                                    int iw = ow * s.strideW - s.padW + j;
                                    if (iw >= 0 && iw < s.w) {
                                        gradX[((n * s.inC + c) * s.h + ih) * s.w + iw]
                                                += go * w[((o * s.inC + c) * s.kh + i) * s.kw + j];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /** {@code gradW += Σ g ⊗ x} over the batch and output pixels; {@code gradB += Σ g} if gradB is not null. */
    static void conv2dAccGradWeight(double[] g, double[] x, double[] gradW, double[] gradB, Conv2dShape s) {
        int pixels = s.pixels();
        for (int o = 0; o < s.outC; o++) {
            for (int c = 0; c < s.inC; c++) {
                for (int i = 0; i < s.kh; i++) {
                    for (int j = 0; j < s.kw; j++) {
                        double sum = 0.0;
                        for (int n = 0; n < s.n; n++) {
                            for (int oh = 0; oh < s.outH; oh++) {
                                int ih = oh * s.strideH - s.padH + i;
                                if (ih < 0 || ih >= s.h) {
                                    continue;
                                }
                                for (int ow = 0; ow < s.outW; ow++) {
                                    int iw = ow * s.strideW - s.padW + j;
                                    if (iw >= 0 && iw < s.w) {
                                        sum += g[(n * s.outC + o) * pixels + oh * s.outW + ow]
                                                * x[((n * s.inC + c) * s.h + ih) * s.w + iw];
                                    }
                                }
                            }
                        }
                        gradW[((o * s.inC + c) * s.kh + i) * s.kw + j] += sum;
                    }
                }
            }
        }
        if (gradB != null) {
            for (int o = 0; o < s.outC; o++) {
                // float32 sums in double and rounds once, as the Linear bias gradient does
                double sum = 0.0; //f32-same
                for (int n = 0; n < s.n; n++) {
                    int from = (n * s.outC + o) * pixels;
                    for (int p = 0; p < pixels; p++) {
                        sum += g[from + p];
                    }
                }
                gradB[o] += sum;
            }
        }
    }

    /**
     * Max over each window, and the flat index into x of the value taken. Ties go to the first in row-major
     * window order and a NaN always wins, as PyTorch's CPU kernel resolves them ({@code v > max || isnan(v)}).
     */
    static void maxPool2dForward(double[] x, double[] out, int[] argmax, Pool2dShape s) {
        if (s.padH == 0 && s.padW == 0) {
            maxPool2dInside(x, out, argmax, s);
            return;
        }
        int plane = s.h * s.w;
        int at = 0;
        for (int nc = 0; nc < s.n * s.c; nc++) {
            int base = nc * plane;
            for (int oh = 0; oh < s.outH; oh++) {
                int h0 = oh * s.strideH - s.padH;
                int h1 = Math.min(h0 + s.kh, s.h);
                h0 = Math.max(h0, 0);
                for (int ow = 0; ow < s.outW; ow++) {
                    int w0 = ow * s.strideW - s.padW;
                    int w1 = Math.min(w0 + s.kw, s.w);
                    w0 = Math.max(w0, 0);
                    double max = Double.NEGATIVE_INFINITY;
                    int arg = base + h0 * s.w + w0;
                    for (int ih = h0; ih < h1; ih++) {
                        for (int iw = w0; iw < w1; iw++) {
                            double v = x[base + ih * s.w + iw];
                            if (v > max || v != v) {
                                max = v;
                                arg = base + ih * s.w + iw;
                            }
                        }
                    }
                    out[at] = max;
                    argmax[at] = arg;
                    at++;
                }
            }
        }
    }

    /**
     * {@link #maxPool2dForward} without padding, where every window lies inside the plane: no clipping
     * ({@link #windowMax}).
     */
    private static void maxPool2dInside(double[] x, double[] out, int[] argmax, Pool2dShape s) {
        int plane = s.h * s.w;
        int at = 0;
        for (int nc = 0; nc < s.n * s.c; nc++) {
            for (int oh = 0; oh < s.outH; oh++) {
                int row = nc * plane + oh * s.strideH * s.w;
                for (int ow = 0; ow < s.outW; ow++, at++) {
                    windowMax(x, row + ow * s.strideW, s, out, argmax, at);
                }
            }
        }
    }

    /**
     * The window of s whose top left corner is {@code x[corner]}, wholly inside its plane, into
     * {@code out[at]} and {@code argmax[at]}: its first value as the start (the same choice as starting from
     * -inf, NaN and ties included), then each value in scan order taken if greater or NaN.
     */
    static void windowMax(double[] x, int corner, Pool2dShape s, double[] out, int[] argmax, int at) {
        double max = x[corner];
        int arg = corner;
        for (int i = 0; i < s.kh; i++) {
            int from = corner + i * s.w;
            for (int j = 0; j < s.kw; j++) {
                double v = x[from + j];
                if (v > max || v != v) {
                    max = v;
                    arg = from + j;
                }
            }
        }
        out[at] = max;
        argmax[at] = arg;
    }

    /** {@code gradX = 0}, then each output gradient added at the input position its forward took. */
    static void maxPool2dBackward(double[] g, int[] argmax, double[] gradX, Pool2dShape s) {
        java.util.Arrays.fill(gradX, 0, (int) s.inputLength(), 0.0);
        int len = (int) s.outputLength();
        for (int i = 0; i < len; i++) {
            gradX[argmax[i]] += g[i];
        }
    }
}
