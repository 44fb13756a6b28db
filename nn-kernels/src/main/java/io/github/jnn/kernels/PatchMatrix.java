package io.github.jnn.kernels;

/**
 * A convolution's im2col matrix, read in place instead of written out: row r is output pixel r's patch
 * (sample {@code r / pixels}), column {@code q = (c·kh + i)·kw + j}, and the element is
 * {@code image[windowStart(r) + column(q)]} of the input zero-padded by (padH, padW) (the input itself
 * without padding). Both offsets are separable, so the packed product packs its panels straight from the
 * image: the lowering costs that one packing pass instead of writing C·k² values per output pixel and packing
 * them again. Immutable; one per {@link Conv2dShape}, and its {@link #transposed()} view.
 */
final class PatchMatrix {
    /** Output pixels per sample. */
    final int pixels;
    private final int outW;
    /** Image elements between vertically adjacent windows: strideH padded rows. */
    private final int rowStep;
    private final int colStep;
    private final int sampleLength;
    /** {@code column(q)}, increasing in q. */
    final int[] columns;
    /** True for the view {@code Pᵀ}: element (q, r) is {@code image[windowStart(r) + column(q)]}. */
    final boolean transposed;
    private final PatchMatrix other;

    PatchMatrix(Conv2dShape s) {
        int paddedH = s.h + 2 * s.padH;
        int paddedW = s.w + 2 * s.padW;
        pixels = s.pixels();
        outW = s.outW;
        rowStep = s.strideH * paddedW;
        colStep = s.strideW;
        sampleLength = s.inC * paddedH * paddedW;
        columns = new int[s.patchLength()];
        int q = 0;
        for (int c = 0; c < s.inC; c++) {
            for (int i = 0; i < s.kh; i++) {
                for (int j = 0; j < s.kw; j++) {
                    columns[q++] = (c * paddedH + i) * paddedW + j;
                }
            }
        }
        transposed = false;
        other = new PatchMatrix(this);
    }

    private PatchMatrix(PatchMatrix p) {
        pixels = p.pixels;
        outW = p.outW;
        rowStep = p.rowStep;
        colStep = p.colStep;
        sampleLength = p.sampleLength;
        columns = p.columns;
        transposed = !p.transposed;
        other = p;
    }

    /** {@link #columns} of the given patch elements. */
    int[] columnsOf(int[] elements) {
        int[] of = new int[elements.length];
        for (int e = 0; e < elements.length; e++) {
            of[e] = columns[elements[e]];
        }
        return of;
    }

    /** The same matrix transposed: rows are patch elements, columns windows. */
    PatchMatrix transposed() {
        return other;
    }

    /**
     * Where window r's patch starts in the image (its top left corner): row r of the matrix, column r of its
     * transpose.
     */
    int windowStart(int r) {
        int sample = r / pixels;
        int p = r - sample * pixels;
        int oh = p / outW;
        return sample * sampleLength + oh * rowStep + (p - oh * outW) * colStep;
    }

    /**
     * {@code starts[i] = windowStart(r0 + i)} for {@code i < count}, stepping along output rows instead of
     * dividing per window (the divisions were a twentieth of the first layer's weight gradient).
     */
    void windowStarts(int r0, int count, int[] starts) {
        if (count <= 0) {
            return;
        }
        int sample = r0 / pixels;
        int p = r0 - sample * pixels;
        int oh = p / outW;
        int ow = p - oh * outW;
        int rowStart = sample * sampleLength + oh * rowStep;
        for (int i = 0; i < count; i++) {
            starts[i] = rowStart + ow * colStep;
            if (++ow == outW) {
                ow = 0;
                if (++oh * outW == pixels) {
                    oh = 0;
                    sample++;
                    rowStart = sample * sampleLength;
                } else {
                    rowStart += rowStep;
                }
            }
        }
    }
}
