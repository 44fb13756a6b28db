package io.github.jnn.kernels;

/**
 * The output columns that {@link ConvDirect}'s row tiles of {@code run} adjacent pixels leave over when a row
 * is not a whole number of tiles wide (stride 1 along rows), and the kernel columns each of them needs when only
 * the image columns {@code [left, right)} can hold non-zero values: output column ow reads kernel columns j with
 * {@code left <= ow + j < right}. Left-over columns needing the same kernel columns form a class with its patch
 * elements (every kernel row, those columns) and their {@link PatchMatrix#columns}; a class's pixels of all
 * output rows go through the gathered pixel tiles together. The left-over columns are split between the
 * row's two ends so as to need the fewest tile steps: at a padded edge they need the fewest kernel columns (the
 * padded 14×14 layer's rows of 14 with k5 and padding 2: tiles over columns 1-12, columns 0 and 13 need 3 of
 * the 5 kernel columns each, where columns 12 and 13 need 4 and 3). Immutable, made once per shape, band and
 * run ({@link Conv2dShape#edgeColumns}).
 */
final class EdgeColumns {
    /** Pixels of the gathered tiles that take the left-over columns' pixels. */
    static final int TILE_PIXELS = 6;

    final int left;
    final int right;
    final int run;
    /** The first column of a row's tiles: the columns before it and from {@code first + tiles·run} are left over. */
    final int first;
    /** Row tiles per output row. */
    final int tiles;
    /** The left-over output columns, increasing. */
    final int[] columns;
    /** The class of each left-over column. */
    final int[] classOf;
    /** Per class: its patch elements q, increasing. */
    final int[][] elements;
    /** Per class: {@link PatchMatrix#columns} of its patch elements. */
    final int[][] offsets;
    /** Per class: where each of its patch elements lies in the kernel-row order of all ({@link KernelRowBands#all}). */
    final int[][] positions;

    EdgeColumns(Conv2dShape s, int left, int right, int run) {
        this.left = left;
        this.right = right;
        this.run = run;
        tiles = s.outW / run;
        int spare = s.outW - tiles * run;
        int best = 0;
        long bestSteps = Long.MAX_VALUE;
        for (int a = 0; a <= spare; a++) { // a columns left over at the row's start, the rest at its end
            long steps = steps(s, leftOver(s.outW, a, tiles * run));
            if (steps < bestSteps) {
                bestSteps = steps;
                best = a;
            }
        }
        first = best;
        columns = leftOver(s.outW, best, tiles * run);
        classOf = new int[columns.length];
        int[] lowOf = new int[columns.length];
        int[] highOf = new int[columns.length];
        int classes = classes(s, columns, classOf, lowOf, highOf);
        elements = new int[classes][];
        offsets = new int[classes][];
        positions = new int[classes][];
        for (int c = 0; c < classes; c++) {
            elements[c] = s.patchElements(0, s.kh, lowOf[c], highOf[c]);
            offsets[c] = s.patches().columnsOf(elements[c]);
            positions[c] = new int[elements[c].length];
            for (int e = 0; e < elements[c].length; e++) {
                positions[c][e] = s.kernelRowPosition(elements[c][e]);
            }
        }
    }

    /** The classes of the left-over columns {@code cols} by the kernel columns they read inside the image. */
    private int classes(Conv2dShape s, int[] cols, int[] classOf, int[] lowOf, int[] highOf) {
        int[] lows = new int[cols.length];
        int[] highs = new int[cols.length];
        for (int e = 0; e < cols.length; e++) {
            // kernel columns j with left <= ow + j < right
            lows[e] = Math.min(s.kw, Math.max(0, left - cols[e]));
            highs[e] = Math.max(lows[e], Math.min(s.kw, right - cols[e]));
        }
        return KernelRowBands.classes(lows, highs, classOf, lowOf, highOf);
    }

    /** Columns {@code [0, a)} and {@code [a + covered, outW)}. */
    private static int[] leftOver(int outW, int a, int covered) {
        int[] cols = new int[outW - covered];
        for (int e = 0; e < cols.length; e++) {
            cols[e] = e < a ? e : covered + e;
        }
        return cols;
    }

    /**
     * The tile steps (one per patch element and tile, a tile of fewer pixels costing as much as a whole one:
     * both load the same kernels) that these left-over columns take over all output rows.
     */
    private long steps(Conv2dShape s, int[] cols) {
        int[] classOf = new int[cols.length];
        int[] lowOf = new int[cols.length];
        int[] highOf = new int[cols.length];
        int classes = classes(s, cols, classOf, lowOf, highOf);
        long steps = 0;
        for (int c = 0; c < classes; c++) {
            long pixels = 0;
            for (int e = 0; e < cols.length; e++) {
                pixels += classOf[e] == c ? s.outH : 0;
            }
            steps += (pixels + TILE_PIXELS - 1) / TILE_PIXELS * s.kh * (highOf[c] - lowOf[c]);
        }
        return steps;
    }
}
