package io.github.jnn.kernels;

/**
 * Which patch elements each output row of a convolution needs when only the image rows
 * {@code [top, bottom)} can hold non-zero values (the rest zero padding, or the zero border of
 * {@link Conv2dShape#inputGradient}'s spread gradient): an output row whose window starts at image row r reads
 * kernel rows i with {@code top <= r + i < bottom}; the others add only zero products. Output rows needing the
 * same kernel rows form a class, with its patch elements and their {@link PatchMatrix#columns}. Immutable,
 * made once per shape and band ({@link Conv2dShape#rowBands}). (The 32→64 layer's padded 14×14 forward reads
 * 64 of 70 kernel rows per output column; the 12×12 input gradient as a convolution 40 of 60.)
 */
final class KernelRowBands {
    final int top;
    final int bottom;
    /** The class of each output row. */
    final int[] classOf;
    /** Per class: its patch elements q, increasing. */
    final int[][] elements;
    /** Per class: {@link PatchMatrix#columns} of its patch elements. */
    final int[][] columns;
    /** Per class: patch elements of the classes before it, so that class c's packed kernels start at {@code first[c]·outC}. */
    final int[] first;
    /** Patch elements of all classes. */
    final int total;

    KernelRowBands(Conv2dShape s, int top, int bottom) {
        this.top = top;
        this.bottom = bottom;
        int[] all = s.patches().columns;
        classOf = new int[s.outH];
        int[] lowOf = new int[s.outH + 1];
        int[] highOf = new int[s.outH + 1];
        int classes = 0;
        for (int oh = 0; oh < s.outH; oh++) {
            int r = oh * s.strideH;
            int low = Math.max(0, top - r);
            int high = Math.max(low, Math.min(s.kh, bottom - r)); // kernel rows [low, high)
            int c = 0;
            while (c < classes && (lowOf[c] != low || highOf[c] != high)) {
                c++;
            }
            if (c == classes) {
                lowOf[c] = low;
                highOf[c] = high;
                classes++;
            }
            classOf[oh] = c;
        }
        elements = new int[classes][];
        columns = new int[classes][];
        first = new int[classes];
        int sum = 0;
        for (int c = 0; c < classes; c++) {
            int rows = highOf[c] - lowOf[c];
            elements[c] = new int[s.inC * rows * s.kw];
            columns[c] = new int[elements[c].length];
            int e = 0;
            for (int ch = 0; ch < s.inC; ch++) {
                for (int i = lowOf[c]; i < highOf[c]; i++) {
                    for (int j = 0; j < s.kw; j++) {
                        int q = (ch * s.kh + i) * s.kw + j;
                        elements[c][e] = q;
                        columns[c][e++] = all[q];
                    }
                }
            }
            first[c] = sum;
            sum += e;
        }
        total = sum;
    }
}
