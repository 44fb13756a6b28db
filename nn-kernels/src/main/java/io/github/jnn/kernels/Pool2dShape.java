package io.github.jnn.kernels;

/**
 * The geometry of a 2D max-pooling over a batch, as PyTorch's {@code max_pool2d} (dilation 1, floor mode):
 * input {@code [n, c, h, w]}, output {@code [n, c, outH, outW]} with {@code outH = (h + 2·padH - kh) / strideH + 1}
 * (likewise outW); padded positions never win. Immutable and checked on construction.
 */
public final class Pool2dShape {
    public final int n;
    public final int c;
    public final int h;
    public final int w;
    public final int kh;
    public final int kw;
    public final int strideH;
    public final int strideW;
    public final int padH;
    public final int padW;
    public final int outH;
    public final int outW;

    public Pool2dShape(int n, int c, int h, int w, int kh, int kw, int strideH, int strideW, int padH, int padW) {
        String what = "Pool2dShape(input [" + n + ", " + c + ", " + h + ", " + w + "], window " + kh + "x" + kw
                + ", stride " + strideH + "x" + strideW + ", padding " + padH + "x" + padW + ")";
        if (n < 0 || c <= 0 || h <= 0 || w <= 0 || kh <= 0 || kw <= 0 || strideH <= 0 || strideW <= 0) {
            throw new IllegalArgumentException(what + ": sizes and strides must be positive (the batch may be 0)");
        }
        if (padH < 0 || padW < 0 || 2 * padH > kh || 2 * padW > kw) {
            throw new IllegalArgumentException(what + ": padding must be between 0 and half the window");
        }
        if ((long) h + 2L * padH < kh || (long) w + 2L * padW < kw) {
            throw new IllegalArgumentException(what + ": the padded input " + ((long) h + 2L * padH) + "x"
                    + ((long) w + 2L * padW) + " is smaller than the window " + kh + "x" + kw);
        }
        if ((long) n * c * h * w > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(what + ": the input does not fit a Java array");
        }
        this.n = n;
        this.c = c;
        this.h = h;
        this.w = w;
        this.kh = kh;
        this.kw = kw;
        this.strideH = strideH;
        this.strideW = strideW;
        this.padH = padH;
        this.padW = padW;
        this.outH = (h + 2 * padH - kh) / strideH + 1;
        this.outW = (w + 2 * padW - kw) / strideW + 1;
    }

    public long inputLength() {
        return (long) n * c * h * w;
    }

    public long outputLength() {
        return (long) n * c * outH * outW;
    }

    /** The same pooling over a batch of {@code batch} samples. */
    public Pool2dShape withBatch(int batch) {
        return batch == n ? this : new Pool2dShape(batch, c, h, w, kh, kw, strideH, strideW, padH, padW);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Pool2dShape)) {
            return false;
        }
        Pool2dShape s = (Pool2dShape) o;
        return n == s.n && c == s.c && h == s.h && w == s.w && kh == s.kh && kw == s.kw && strideH == s.strideH
                && strideW == s.strideW && padH == s.padH && padW == s.padW;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(n, c, h, w, kh, kw, strideH, strideW, padH, padW);
    }

    @Override
    public String toString() {
        return "maxpool2d [" + n + ", " + c + ", " + h + ", " + w + "] window " + kh + "x" + kw + " stride "
                + strideH + "x" + strideW + " padding " + padH + "x" + padW + " -> [" + n + ", " + c + ", " + outH
                + ", " + outW + "]";
    }
}
