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
    /** Per class: its patch elements q, in kernel-row order ({@link Conv2dShape#patchElements}). */
    final int[][] elements;
    /** Per class: {@link PatchMatrix#columns} of its patch elements. */
    final int[][] columns;
    /** All patch elements in kernel-row order: each class's elements are the run from {@code first[c]}. */
    final int[] all;
    /** Per class: where its elements start in {@link #all}. */
    final int[] first;

    KernelRowBands(Conv2dShape s, int top, int bottom) {
        this.top = top;
        this.bottom = bottom;
        int[] lows = new int[s.outH];
        int[] highs = new int[s.outH];
        for (int oh = 0; oh < s.outH; oh++) {
            int r = oh * s.strideH;
            lows[oh] = Math.max(0, top - r);
            highs[oh] = Math.max(lows[oh], Math.min(s.kh, bottom - r)); // kernel rows [low, high)
        }
        classOf = new int[s.outH];
        int[] lowOf = new int[s.outH];
        int[] highOf = new int[s.outH];
        int classes = classes(lows, highs, classOf, lowOf, highOf);
        elements = new int[classes][];
        columns = new int[classes][];
        first = new int[classes];
        for (int c = 0; c < classes; c++) {
            elements[c] = s.patchElements(lowOf[c], highOf[c], 0, s.kw);
            columns[c] = s.patches().columnsOf(elements[c]);
            first[c] = lowOf[c] * s.inC * s.kw;
        }
        all = s.patchElements(0, s.kh, 0, s.kw);
    }

    /**
     * Groups items by equal ranges {@code [lows[e], highs[e])}: {@code classOf[e]} the class of item e, classes
     * numbered in order of first appearance, their ranges in {@code lowOf}/{@code highOf}; returns how many.
     */
    static int classes(int[] lows, int[] highs, int[] classOf, int[] lowOf, int[] highOf) {
        int classes = 0;
        for (int e = 0; e < lows.length; e++) {
            int c = 0;
            while (c < classes && (lowOf[c] != lows[e] || highOf[c] != highs[e])) {
                c++;
            }
            if (c == classes) {
                lowOf[c] = lows[e];
                highOf[c] = highs[e];
                classes++;
            }
            classOf[e] = c;
        }
        return classes;
    }
}
