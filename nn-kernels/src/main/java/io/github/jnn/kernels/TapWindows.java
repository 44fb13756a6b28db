package io.github.jnn.kernels;

/**
 * The windows each of {@link ConvDirect}'s weight-gradient tiles runs over, without those in which all its
 * patch elements read the zero padding. Patch element q = (c, i, j) reads image row {@code oh·strideH + i}
 * and column {@code ow·strideW + j} of the padded input, so its windows with a non-zero input form a
 * rectangle of output rows × columns; a window outside it adds a product with zero. The tiles take the patch
 * elements kernel column by kernel column, then kernel row by row, then channel by channel, so that the
 * elements of one tile mostly share their rectangle; a tile runs over the windows of the rectangle that bounds
 * its elements' rectangles. (The padded 14×14 layer, k5 p2: a window's 5×5 taps meet the image in 64 of the
 * 70 kernel rows and columns of each output column and row, 4096 of 4900 products, and the tile's work falls by
 * as much.) Each gradient is still one chain over the windows in order that leaves out only products with
 * zero, so the sums are those of the full chain.
 *
 * <p>The windows go in blocks of at most {@code block}: whole samples where a sample has at most that many
 * windows, otherwise equal parts of one sample. Per class of rectangle and per part, the block's windows inside
 * the rectangle (their index from the block's first, and their image offset from its first sample's start),
 * for as many samples as a block holds; {@code upTo} counts those of the first samples, for a last block with
 * fewer. Immutable, made once per shape ({@link Conv2dShape#tapWindows}).
 */
final class TapWindows {
    /**
     * What a window step costs in the kernel-column order against the patch order: its tiles broadcast from six
     * channel planes instead of from one or two cache lines (the 12×12 layer, no padding, float32: 4-6 % slower).
     */
    private static final double COLUMN_ORDER_COST = 1.06;

    /** The most windows the lists of all classes may hold together (two int arrays: 16 MB). */
    private static final long MAX_LISTED = 1 << 21;

    /** Patch elements per tile. */
    final int taps;
    final int block;
    /** Patch elements in tile order, padded to whole tiles with the last one again. */
    final int[] order;
    /** The class of each tile's rectangle. */
    final int[] classOf;
    /** Whole samples per block, or 1 where a sample is split into parts. */
    final int samplesPerBlock;
    /** The pixels where each part of a sample starts, and the sample's end: {@code parts + 1} values. */
    final int[] partStart;
    /** Per class and part: the windows, from the block's first; null where they are all of the block's. */
    final int[][][] windows;
    /** Per class and part: those windows' image offsets from the block's first sample's start. */
    final int[][][] offsets;
    /** Per class and part: the windows of the block's first s samples, s = 0 .. samplesPerBlock. */
    final int[][][] upTo;
    /** The image offset from one sample to the next. */
    final int sampleLength;
    /**
     * Per tile t, from {@code 2·taps·t}: its patch elements' offsets in a window ({@link PatchMatrix#columns}),
     * then where their running sums start in the weight tiles' sums (element q at {@code q·outC}; past the last
     * element, rows of their own).
     */
    final int[] tileTable;

    TapWindows(Conv2dShape s, int taps, int block) {
        this.taps = taps;
        this.block = block;
        int k = s.patchLength();
        int tiles = (k + taps - 1) / taps;
        int[] byColumns = new int[tiles * taps];
        int[] inPatchOrder = new int[tiles * taps];
        int e = 0;
        for (int j = 0; j < s.kw; j++) {
            for (int i = 0; i < s.kh; i++) {
                for (int c = 0; c < s.inC; c++) {
                    byColumns[e] = (c * s.kh + i) * s.kw + j;
                    inPatchOrder[e] = e;
                    e++;
                }
            }
        }
        for (; e < byColumns.length; e++) { // whole tiles: the last element again
            byColumns[e] = byColumns[k - 1];
            inPatchOrder[e] = k - 1;
        }
        int[][] rectsByColumns = rectangles(s, byColumns, tiles);
        int[][] rectsInPatchOrder = rectangles(s, inPatchOrder, tiles);
        int pixels = s.pixels();
        PatchMatrix patches = s.patches();
        sampleLength = patches.windowStart(pixels) - patches.windowStart(0);
        int parts = pixels > block ? (pixels + block - 1) / block : 1;
        samplesPerBlock = pixels > block ? 1 : Math.max(1, block / Math.max(1, pixels));
        partStart = new int[parts + 1];
        for (int p = 0; p <= parts; p++) {
            partStart[p] = (int) ((long) pixels * p / parts);
        }
        // each class lists up to every window of a block per part: at most MAX_LISTED windows in all
        int maxClasses = (int) Math.max(1, MAX_LISTED / ((long) Math.max(1, pixels) * samplesPerBlock));
        boolean columns = COLUMN_ORDER_COST * area(rectsByColumns) < area(rectsInPatchOrder);
        int[] chosen = columns ? byColumns : inPatchOrder;
        int[][] rects = columns ? rectsByColumns : rectsInPatchOrder;
        classOf = new int[tiles];
        int[][] distinct = new int[Math.min(tiles, maxClasses)][];
        int classes = 0;
        for (int t = 0; t < tiles && classes <= maxClasses; t++) {
            int c = 0;
            while (c < classes && !java.util.Arrays.equals(distinct[c], rects[t])) {
                c++;
            }
            if (c == classes && classes < maxClasses) {
                distinct[classes] = rects[t];
            }
            if (c == classes) {
                classes++;
            }
            classOf[t] = c;
        }
        if (classes > maxClasses) { // too many rectangles to list (huge kernels on huge images): every window
            chosen = inPatchOrder;
            java.util.Arrays.fill(classOf, 0);
            distinct[0] = new int[] {0, s.outH, 0, s.outW};
            classes = 1;
        }
        order = chosen;
        tileTable = new int[2 * order.length];
        for (int t = 0; t < tiles; t++) {
            for (int x = 0; x < taps; x++) {
                int u = t * taps + x;
                tileTable[2 * taps * t + x] = s.patches().columns[order[u]];
                tileTable[2 * taps * t + taps + x] = (u < k ? order[u] : u) * s.outC;
            }
        }
        windows = new int[classes][parts][];
        offsets = new int[classes][parts][];
        upTo = new int[classes][parts][samplesPerBlock + 1];
        int[] index = new int[Math.max(pixels, 1) * samplesPerBlock];
        int[] offset = new int[index.length];
        for (int c = 0; c < classes; c++) {
            int[] r = distinct[c];
            for (int p = 0; p < parts; p++) {
                int count = 0;
                for (int n = 0; n < samplesPerBlock; n++) {
                    for (int px = partStart[p]; px < partStart[p + 1]; px++) {
                        int oh = px / s.outW;
                        int ow = px - oh * s.outW;
                        if (oh >= r[0] && oh < r[1] && ow >= r[2] && ow < r[3]) {
                            index[count] = n * (partStart[p + 1] - partStart[p]) + px - partStart[p];
                            offset[count++] = n * sampleLength + patches.windowStart(px);
                        }
                    }
                    upTo[c][p][n + 1] = count;
                }
                boolean all = count == samplesPerBlock * (partStart[p + 1] - partStart[p]);
                windows[c][p] = all ? null : java.util.Arrays.copyOf(index, count);
                offsets[c][p] = java.util.Arrays.copyOf(offset, count);
            }
        }
    }

    /**
     * Per tile of {@code order}: the output rows {@code [r0, r1)} and columns {@code [c0, c1)} that bound the
     * windows in which its elements read inside the image (all zero where none does).
     */
    private static int[][] rectangles(Conv2dShape s, int[] order, int tiles) {
        int taps = order.length / tiles;
        int[][] rects = new int[tiles][];
        for (int t = 0; t < tiles; t++) {
            int rowLow = s.outH, rowHigh = 0, colLow = s.outW, colHigh = 0;
            for (int u = t * taps; u < (t + 1) * taps; u++) {
                int q = order[u];
                int i = q / s.kw % s.kh;
                int j = q % s.kw;
                int rl = firstInside(s.padH - i, s.strideH);
                int rh = Math.min(s.outH, firstInside(s.padH + s.h - i, s.strideH));
                int cl = firstInside(s.padW - j, s.strideW);
                int ch = Math.min(s.outW, firstInside(s.padW + s.w - j, s.strideW));
                if (rl < rh && cl < ch) {
                    rowLow = Math.min(rowLow, rl);
                    rowHigh = Math.max(rowHigh, rh);
                    colLow = Math.min(colLow, cl);
                    colHigh = Math.max(colHigh, ch);
                }
            }
            rects[t] = rowLow < rowHigh ? new int[] {rowLow, rowHigh, colLow, colHigh} : new int[] {0, 0, 0, 0};
        }
        return rects;
    }

    /** The windows per sample that the tiles of these rectangles run over. */
    private static long area(int[][] rects) {
        long sum = 0;
        for (int[] r : rects) {
            sum += (long) (r[1] - r[0]) * (r[3] - r[2]);
        }
        return sum;
    }

    /** The first output index o >= 0 with {@code o·stride >= from}. */
    private static int firstInside(int from, int stride) {
        return from <= 0 ? 0 : (from + stride - 1) / stride;
    }
}
