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
    /** Per class: patch elements of the classes before it. */
    final int[] firstElement;
    /** Patch elements of all classes. */
    final int total;

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
        int classes = 0;
        for (int e = 0; e < columns.length; e++) {
            int low = low(s, columns[e]);
            int high = high(s, columns[e], low);
            int c = 0;
            while (c < classes && (lowOf[c] != low || highOf[c] != high)) {
                c++;
            }
            if (c == classes) {
                lowOf[c] = low;
                highOf[c] = high;
                classes++;
            }
            classOf[e] = c;
        }
        int[] all = s.patches().columns;
        elements = new int[classes][];
        offsets = new int[classes][];
        firstElement = new int[classes];
        int sum = 0;
        for (int c = 0; c < classes; c++) {
            elements[c] = new int[s.inC * s.kh * (highOf[c] - lowOf[c])];
            offsets[c] = new int[elements[c].length];
            int e = 0;
            for (int ch = 0; ch < s.inC; ch++) {
                for (int i = 0; i < s.kh; i++) {
                    for (int j = lowOf[c]; j < highOf[c]; j++) {
                        int q = (ch * s.kh + i) * s.kw + j;
                        elements[c][e] = q;
                        offsets[c][e++] = all[q];
                    }
                }
            }
            firstElement[c] = sum;
            sum += e;
        }
        total = sum;
    }

    /** Columns {@code [0, a)} and {@code [a + covered, outW)}. */
    private static int[] leftOver(int outW, int a, int covered) {
        int[] cols = new int[outW - covered];
        for (int e = 0; e < cols.length; e++) {
            cols[e] = e < a ? e : covered + e;
        }
        return cols;
    }

    /** The first kernel column output column ow reads inside {@code [left, right)}. */
    private int low(Conv2dShape s, int ow) {
        return Math.min(s.kw, Math.max(0, left - ow));
    }

    /** One past the last such kernel column, at least {@code low}. */
    private int high(Conv2dShape s, int ow, int low) {
        return Math.max(low, Math.min(s.kw, right - ow));
    }

    /**
     * The tile steps (one per patch element and tile, a tile of fewer pixels costing as much as a whole one:
     * both load the same kernels) that these left-over columns take over all output rows.
     */
    private long steps(Conv2dShape s, int[] cols) {
        long steps = 0;
        boolean[] counted = new boolean[cols.length];
        for (int e = 0; e < cols.length; e++) {
            if (counted[e]) {
                continue;
            }
            int low = low(s, cols[e]);
            int high = high(s, cols[e], low);
            int alike = 0;
            for (int f = e; f < cols.length; f++) {
                int lowF = low(s, cols[f]);
                if (lowF == low && high(s, cols[f], lowF) == high) {
                    counted[f] = true;
                    alike++;
                }
            }
            long pixels = (long) alike * s.outH;
            steps += (pixels + TILE_PIXELS - 1) / TILE_PIXELS * s.kh * (high - low);
        }
        return steps;
    }
}
