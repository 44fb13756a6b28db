package io.github.jnn.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * A stride-1 convolution computed from its input directly, with no im2col panels (as oneDNN's direct
 * convolutions are): a register tile holds a few output pixels × 4 (or 2) vectors of output channels and
 * takes each patch element as one broadcast input value per pixel, read from the (zero-padded) image at the
 * window's start plus the element's offset ({@link PatchMatrix#columns}), times the kernels' values for
 * those channels, packed once per call so that each patch element's channels are one contiguous run. With
 * few output channels the im2col product packed every patch value for only that many rows of flops, and
 * packing cost about a third of the time (docs/convolution.md). Pixels adjacent in one output row read at
 * constant offsets from one index, so C2 checks one range per patch element for the whole tile; the columns
 * the rows leave over are gathered into tiles of their own, one index per pixel, reading only the kernel
 * columns inside the image ({@link EdgeColumns}); on JDK 17, rows a whole number of SEGMENT pixels wide (14:
 * the padded 14×14 layer) run as segments of that many pixels × 2 vectors instead, none left over. A chunk's
 * tile sums are written pixel-major, then moved into its NCHW planes, where bias and activation are applied.
 * Kernel rows that read only zero padding are skipped ({@link KernelRowBands}); the kernels are packed once in
 * kernel-row order (kernel row, then input channel, then kernel column), where every band of rows is one run, so that
 * all rows' tiles read one copy (a copy per band, 780 KB in float32 for the padded 14×14 layer, did not stay
 * in L2: 6-7 % of that forward). Each output is the sum of its patch elements' products in that order, one
 * fused multiply-add each, whichever tile computes it (tiles differ only in which products with the zero
 * padding they take, which add nothing to a finite sum), so the results do not depend on the threads (split
 * by sample). The weight gradient
 * ({@link #accGradWeight}) turns the roles: tiles of patch elements × vectors of channels over the windows, or,
 * for 5-wide kernels, of one kernel row's 5 elements over segments of 7 windows along output rows.
 */
final class ConvDirect {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /**
     * Whether a vector of pixels moves between planes and pixel-major rows as one gather or scatter (float32), or
     * value by value (float64, the values past the last whole vector always): JDK 17 makes a 512-bit float64
     * gather's or scatter's 256-bit index vector as an object, 10 MB per step of the float64 CNN at batch 32
     * (docs/performance.md).
     */
    static final boolean INDEXED_MOVES = false; //f32: static final boolean INDEXED_MOVES = true;
    /** Pixels of a tile with 4 vectors of channels: 24 accumulators, 4 kernel vectors and a broadcast. */
    private static final int PIXELS = EdgeColumns.TILE_PIXELS;
    /**
     * Pixels of the small tile that takes a class's last pixels when they are this few: a PIXELS tile filled
     * with copies of the last pixel threw away a third of those tiles' products where rows are 14 wide
     * (6 + 6 + 2, one row per class at the padding); padded 14×14 float32 forward 7.15 → 6.92 ms.
     */
    private static final int FEW = 3;
    /**
     * Pixels of a segment tile ({@link #segmentTile2}): rows a whole number of segments wide run as segments of
     * this many pixels × 2 vectors of channels, with no columns left over, where row tiles of 6 pixels × 4
     * vectors leave 2 or 4 columns per row to the gathered tiles (docs/convolution.md, session 33).
     */
    private static final int SEGMENT = 14;
    /**
     * Whether rows run as segments where they can: on JDK 17, whose C2 keeps the segment tile's 28 accumulators
     * in registers (float32 64×32×14×14 k5 p2 forward 3-8 % faster, 28×28 8 %); JDK 25's C2 spills one of them
     * to the stack, and there the segments were 5-9 % slower than the row tiles. Other JDKs were not measured
     * and keep the row tiles.
     */
    private static final boolean SEGMENTS = Runtime.version().feature() == 17;
    /** Pixels of a tile with 2 vectors of channels, when they lie in one row. */
    private static final int WIDE_PIXELS = 12;
    /**
     * Sums held per thread before they go to the planes: whole output rows, at least one (also
     * {@link ConvForwardSegments}' chunks, in the same buffer: {@link #sumRows}).
     */
    static final int CHUNK_VALUES = 16384;
    /** Per thread: one chunk's tile sums, pixel-major, and the pixels a tile takes. */
    private static final ThreadLocal<double[]> ROWS = ThreadLocal.withInitial(() -> new double[0]);
    private static final ThreadLocal<int[]> TILE = ThreadLocal.withInitial(() -> new int[2 * PIXELS]);
    /** Per thread: the gather offsets of {@link #planes}, the scatter offsets of {@link #blockRows}. */
    private static final ThreadLocal<int[]> ACROSS = ThreadLocal.withInitial(() -> new int[L]);
    /** Per thread: the output gradient of one block of windows, pixel-major ({@link #blockRows}). */
    private static final ThreadLocal<double[]> BLOCK_ROWS = ThreadLocal.withInitial(() -> new double[0]);
    /** Patch elements of a weight-gradient tile. */
    private static final int TAPS = 6;
    /**
     * Windows a weight-gradient tile runs over before the next tile ({@link #accGradWeight}): their gradient
     * rows (32 KB in float32) stay in L1. 64, 256 and 512 measured slower (float32 32→64 layers, 3-8 %).
     */
    private static final int WINDOW_BLOCK = 128;
    /** Windows of one output row a weight-gradient row tile takes per step ({@link #weightRowTile}). */
    private static final int ROW_WINDOWS = 7;
    /** Kernel columns a weight-gradient row tile is written for. */
    private static final int ROW_TAPS = 5;
    /**
     * The most windows whose gradient rows the row tiles read per block (2 vectors each: 32 KB, in L1), in whole
     * output rows: a padded 14×14 sample in one block. Blocks of 98 windows (twice the tile calls, each over half
     * the rows) were 9 % slower (float32, JDK 17).
     */
    private static final int ROW_BLOCK = 256;
    /** Pixels whose sums {@link #planes} moves together. */
    private static final int PIXEL_GROUP = 64;

    private ConvDirect() {
    }

    /** Patch elements from which a tile's sums outweigh storing them and moving them into the planes. */
    private static final int MIN_PATCH = 64;

    /**
     * Where the forward's packed kernels and the weight gradient's rows of g and running sums start in their
     * arrays: on a cache line's start with G1 ({@link AlignedArrays}); float32 32→64 forward 7-17 % faster on an
     * Intel Xeon, the padded layer's weight gradient 4 %, its sums 3-4 % more (docs/alignment.md).
     */
    private static final int ALIGNED_START = AlignedArrays.doubleStart();

    /**
     * Whether {@link #forward} runs this shape: stride 1 along rows, output channels a multiple of two vectors
     * (tiles of 4 or 2 vectors of channels, none of them padded), and patches of at least MIN_PATCH elements.
     * (float32, 64 samples of 28×28, k5, 32 channels, against the im2col product: 1 input channel 0.75 →
     * 1.19 ms, 2 channels 1.37 → 1.46, 3 channels 1.80 → 1.70, 4 channels 2.51 → 1.96.)
     */
    static boolean applies(Conv2dShape s) {
        return s.strideW == 1 && s.outC % (2 * L) == 0 && s.patchLength() >= MIN_PATCH;
    }

    /**
     * {@code out[n, o, p] = act(Σ_q w[o, q] · P_n[p, q] + b[o])}, P_n sample n's im2col matrix of
     * {@code image} ({@link PatchMatrix}: the input zero-padded as {@link ConvLowering#padded} pads it);
     * {@code pre} (if not null) the values before act. Only image rows {@code [top, bottom)} and columns
     * {@code [left, right)} may be non-zero: each output row's tiles read only the kernel rows that fall inside
     * them ({@link KernelRowBands}), and the columns the row tiles leave over only the kernel columns that do
     * ({@link EdgeColumns}). The packed kernels go to scratch slot {@code slot}.
     */
    static void forward(double[] image, Conv2dShape s, double[] w, double[] b, double[] pre, double[] out,
                        Activation act, double[][] scratch, int slot, int top, int bottom, int left, int right) {
        KernelRowBands bands = s.rowBands(top, bottom);
        boolean fours = s.outC >= 4 * L; // blocks of 4 vectors, and one of 2 where outC leaves 2 over
        boolean twos = s.outC % (4 * L) != 0;
        boolean segments = SEGMENTS && fours && s.outW % SEGMENT == 0; // blocks of 4 vectors, none left over
        EdgeColumns edges = fours && !segments ? s.edgeColumns(left, right, PIXELS) : null;
        EdgeColumns wideEdges = twos ? s.edgeColumns(left, right, WIDE_PIXELS) : null;
        double[] packed = AlignedArrays.doubles(scratch, slot, bands.all.length * s.outC);
        pack(w, s.outC, s.patchLength(), bands.all, packed, ALIGNED_START); // every tile's kernels are among these
        Plan plan = new Plan(bands, segments, edges, wideEdges);
        double flops = 2.0 * s.n * s.pixels() * s.patchLength() * s.outC; //f32-same
        Split t = Split.idle(Split.FORWARD, image, s);
        t.plan = plan;
        t.packed = packed;
        t.b = b;
        t.pre = pre;
        t.out = out;
        t.act = act;
        t.forRows(s.n, 1, flops);
    }

    /** Which patch elements each pixel's tile reads, and where their packed kernels start. */
    private static final class Plan {
        final KernelRowBands bands;
        /** Whether the blocks of 4 vectors run as segments of whole rows ({@link #segmentTiles}). */
        final boolean segments;
        /** The columns the row tiles of the blocks of 4 vectors leave over (null with segments). */
        final EdgeColumns edges;
        final EdgeColumns wideEdges;

        Plan(KernelRowBands bands, boolean segments, EdgeColumns edges, EdgeColumns wideEdges) {
            this.bands = bands;
            this.segments = segments;
            this.edges = edges;
            this.wideEdges = wideEdges;
        }
    }

    /**
     * Whether {@link #accGradWeight} runs this shape: output channels a multiple of two vectors and patches of
     * at least MIN_PATCH elements, any stride (its windows come from {@link TapWindows}).
     * (float32, 64 samples: the 32→64 layers at 12×12 and padded 14×14, 800-element patches, 3.08 → 2.48 and
     * 10.0 → 8.0 ms against the im2col product; the first layer's 25-element patches 1.30 → 1.47 ms.)
     */
    static boolean appliesToWeights(Conv2dShape s) {
        return s.outC % (2 * L) == 0 && s.patchLength() >= MIN_PATCH;
    }

    /**
     * {@code gradW[o, q] += Σ_r g[r, o] · P[r, q]} over all windows r of the batch, P the im2col matrix of the input x
     * (zero-padded first into scratch slot 0 where the tiles read the padding); the output gradient g is laid out
     * pixel-major a block of windows at a time ({@link #blockRows}), where the bias gradient's sums are taken too
     * (gradB not null). A tile holds TAPS patch elements × 4 (or 2) vectors of channels and runs over the windows: per
     * window, the channels' gradients as vectors and one broadcast input value per patch element, leaving out the
     * windows in which its elements read only zero padding ({@link TapWindows}). The windows go in blocks of at most
     * WINDOW_BLOCK, whose gradient rows and inputs stay in L2 while every tile passes over them; a tile takes its
     * running sums from the sums array (scratch slot {@code slot}) and puts them back, so each sum is one chain of
     * fused multiply-adds over the windows in order, whatever the blocks or threads (split by tile). Stride-1 shapes
     * with 5-wide kernels and rows of whole segments of 7 windows (the padded 14×14 layer) run as row tiles instead
     * ({@link #weightRowTiles}), which reuse each input value across a row's windows.
     */
    static void accGradWeight(double[] x, Conv2dShape s, double[] g, double[] gradW, double[] gradB,
                              double[][] scratch, int slot) {
        int k = s.patchLength();
        int tiles = (k + TAPS - 1) / TAPS;
        int length = (tiles * TAPS + TAPS) * s.outC;
        double[] sums = AlignedArrays.doubles(scratch, slot, length); // from ALIGNED_START, as the rows
        java.util.Arrays.fill(sums, ALIGNED_START, ALIGNED_START + length, 0.0);
        double flops = 2.0 * s.n * s.pixels() * k * s.outC; //f32-same
        double[] biasSums = gradB == null ? null : ConvLowering.channelSumsScratch(s.outC); //f32: double[] biasSums = gradB == null ? null : ConvLoweringF32.channelSumsScratch(s.outC);
        if (rowTilesApply(s)) {
            int rowUnits = s.inC * s.kh;
            // with edge tiles no tile reads a zero column (nor any a zero row): x as it lies
            boolean edges = edgeTiles(s);
            double[] image = edges ? x : ConvLowering.padded(x, s, scratch, 0);
            Split t = Split.idle(Split.WEIGHT_ROW_TILES, image, s).weights(g, sums, biasSums, rowUnits);
            t.edges = edges;
            t.forRows(s.outC / (2 * L) * rowUnits, 1, flops);
        } else {
            double[] image = ConvLowering.padded(x, s, scratch, 0);
            int blocks = (s.outC + 4 * L - 1) / (4 * L); // of 4 vectors, the last maybe of 2 (blockWidth)
            int units = blocks * tiles;
            TapWindows tw = s.tapWindows(TAPS, WINDOW_BLOCK);
            Split t = Split.idle(Split.WEIGHT_TILES, image, s).weights(g, sums, biasSums, tiles);
            t.tw = tw;
            t.forRows(units, 1, flops);
        }
        if (gradB != null) {
            ConvLowering.addChannelSums(biasSums, s.outC, gradB);
        }
        for (int o = 0; o < s.outC; o++) {
            for (int q = 0; q < k; q++) {
                gradW[o * k + q] += sums[ALIGNED_START + q * s.outC + o];
            }
        }
    }

    /** This thread's offsets {@code 0, stride, ..., (L - 1)·stride}: L pixels of pixel-major rows. */
    private static int[] across(int stride) {
        return across(ACROSS.get(), stride);
    }

    /**
     * {@code across} (an array of L per thread: {@link #ACROSS}, or {@link ConvInputRows}' planes) holding the
     * offsets {@code 0, stride, ..., (L - 1)·stride}.
     */
    static int[] across(int[] across, int stride) {
        if (across[1] != stride) {
            for (int lane = 0; lane < L; lane++) {
                across[lane] = lane * stride;
            }
        }
        return across;
    }

    /**
     * The output gradient of one block of windows pixel-major, as the weight tiles read it, for channel blocks
     * {@code [b0, b1)} ({@link #blockWidth}): {@code rows[(b - b0)·block·4L + i·width + o - o0] = g[n, o, p]}
     * for the block's window i = (n - n0)·(p1 - p0) + p - p0, {@code width} channels wide from o0 = 4L·b (a
     * constant row stride lets C2 drop the tile's index checks): each plane's run scattered a vector of pixels at
     * a time. Made per block just before its tiles run, so that they read it from L1 (the whole batch laid out
     * first, 3.2 MB in float32 for the padded 14×14 layer, cost twice as much as the copy itself). For channel
     * blocks {@code [s0, s1)} each run is also added into the bias gradient's running sums, read again from L1
     * (a pass of its own over g, from memory, cost 3 % of the padded layer's weight gradient).
     */
    private static void blockRows(double[] g, Conv2dShape s, int n0, int samples, int p0, int p1, int b0, int b1,
                                  int block, double[] rows, double[] biasSums, int s0, int s1, int[] across) { //f32: int block, float[] rows, double[] biasSums, int s0, int s1, int[] across) {
        int pixels = s.pixels();
        int run = p1 - p0;
        int bound = INDEXED_MOVES ? p0 + run / L * L : p0;
        for (int cb = b0; cb < b1; cb++) {
            int o0 = 4 * L * cb;
            int width = blockWidth(s.outC, o0);
            across(across, width); // L pixels' offsets in rows: a scatter of one channel
            boolean sums = biasSums != null && cb >= s0 && cb < s1;
            for (int sn = 0; sn < samples; sn++) {
                for (int o = o0; o < o0 + width; o++) {
                    int from = ((n0 + sn) * s.outC + o) * pixels;
                    int to = ALIGNED_START + (cb - b0) * block * 4 * L + sn * run * width + o - o0 - p0 * width;
                    int p = p0;
                    for (; p < bound; p += L) {
                        DoubleVector.fromArray(S, g, from + p).intoArray(rows, to + p * width, across, 0);
                    }
                    for (; p < p1; p++) {
                        rows[to + p * width] = g[from + p];
                    }
                    if (sums) {
                        ConvLowering.planeSums(g, from + p0, run, biasSums, o * ConvLowering.CHANNEL_SUMS_STRIDE);
                    }
                }
            }
        }
    }

    /**
     * Whether {@link #accGradWeight} runs as row tiles ({@link #weightRowTiles}): stride 1, kernels ROW_TAPS
     * wide, output rows a whole number of ROW_WINDOWS windows (output channels are whole pairs of vectors).
     */
    private static boolean rowTilesApply(Conv2dShape s) {
        return s.strideH == 1 && s.strideW == 1 && s.kw == ROW_TAPS && s.outW % ROW_WINDOWS == 0;
    }

    /**
     * Whether a row's first and last segments run the edge tiles, which leave out the two zero columns each
     * reads at a padding of 2 (rows of 2 segments or more); the row tiles then read x as it lies.
     */
    private static boolean edgeTiles(Conv2dShape s) {
        return s.padW == 2 && s.outW > ROW_WINDOWS;
    }

    /**
     * Units {@code [u0, u1)}: channel block u / rowUnits (2 vectors), input channel and kernel row
     * r = u % rowUnits (r = c·kh + i), all ROW_TAPS kernel columns. Sample by sample, in parts of whole output
     * rows (up to ROW_BLOCK windows) whose gradient rows {@link #segmentRows} lays out as the tiles read them, a
     * unit runs each of a row's segments of ROW_WINDOWS windows down the part's rows in which kernel row i reads
     * inside the image, one tile call per segment column; a call sums from zero and adds its sums to the
     * running ones, so each sum is the same chain whatever the threads (split by unit). The bias gradient's
     * sums of channel block h are taken by the thread whose units include that block's first.
     */
    private static void weightRowTiles(double[] image, boolean edges, Conv2dShape s, double[] g, double[] sums,
                                       double[] biasSums, int rowUnits, int u0, int u1) { //f32-same
        int rowsPerPart = Math.max(1, ROW_BLOCK / s.outW);
        int parts = (s.outH + rowsPerPart - 1) / rowsPerPart;
        int partRows = (s.outH + parts - 1) / parts;
        int block = partRows * s.outW;
        int h0 = u0 / rowUnits; // channel blocks of 2 vectors
        int h1 = (u1 - 1) / rowUnits + 1;
        double[] rows = AlignedArrays.doubles(BLOCK_ROWS, (h1 - h0) * block * 2 * L);
        int[] places = segmentPlaces(s, partRows);
        // the image: x itself (edge tiles) or x zero-padded; input row r of channel c from c·plane + r·rowStep,
        // the padded rows and columns counted from -pad where x is read as it lies
        int rowStep = edges ? s.w : s.w + 2 * s.padW;
        int plane = edges ? s.h * s.w : (s.h + 2 * s.padH) * rowStep;
        int sampleLength = s.inC * plane;
        int origin = edges ? -s.padH * rowStep - s.padW : 0;
        for (int n = 0; n < s.n; n++) {
            int base = n * sampleLength;
            for (int part = 0; part < parts; part++) {
                int y0 = s.outH * part / parts;
                int y1 = s.outH * (part + 1) / parts;
                segmentRows(g, s, n, y0 * s.outW, y1 * s.outW, h0, h1, block, rows, places, biasSums,
                        (u0 + rowUnits - 1) / rowUnits, (u1 + rowUnits - 1) / rowUnits);
                int half = u0 / rowUnits; // unit u: channel block half, input channel and kernel row r = c·kh + i
                int r = u0 - half * rowUnits;
                int c = r / s.kh;
                int i = r - c * s.kh;
                for (int u = u0; u < u1; u++) {
                    int lo = Math.max(y0, s.padH - i); // rows whose kernel row i reads inside the image
                    int hi = Math.min(y1, s.padH + s.h - i);
                    if (lo < hi) {
                        int q0 = r * s.kw;
                        int d = ALIGNED_START + q0 * s.outC + 2 * L * half;
                        int b = base + origin + c * plane + (lo + i) * rowStep;
                        int at = ALIGNED_START + (half - h0) * block * 2 * L + (lo - y0) * ROW_WINDOWS * 2 * L;
                        for (int x0 = 0; x0 < s.outW; x0 += ROW_WINDOWS, at += partRows * ROW_WINDOWS * 2 * L) {
                            if (x0 == 0 && edges) {
                                weightRowTileLeft(image, b + x0, rowStep, hi - lo, rows, at, sums, d, s.outC);
                            } else if (x0 + ROW_WINDOWS == s.outW && edges) {
                                weightRowTileRight(image, b + x0, rowStep, hi - lo, rows, at, sums, d, s.outC);
                            } else {
                                weightRowTile(image, b + x0, rowStep, hi - lo, rows, at, sums, d, s.outC);
                            }
                        }
                    }
                    if (++i == s.kh) {
                        i = 0;
                        c++;
                    }
                    if (++r == rowUnits) {
                        r = 0;
                        c = 0;
                        half++;
                    }
                }
            }
        }
    }

    /**
     * Where {@link #segmentRows} puts window i of a part of {@code partRows} output rows: segment-major, so that
     * one segment's windows in successive rows lie ROW_WINDOWS rows apart, a constant (window y, x at
     * {@code ((x / ROW_WINDOWS · partRows + y) · ROW_WINDOWS + x % ROW_WINDOWS) · 2L}).
     */
    private static int[] segmentPlaces(Conv2dShape s, int partRows) {
        int[] places = new int[partRows * s.outW];
        for (int y = 0; y < partRows; y++) {
            for (int x = 0; x < s.outW; x++) {
                places[y * s.outW + x] = ((x / ROW_WINDOWS * partRows + y) * ROW_WINDOWS + x % ROW_WINDOWS) * 2 * L;
            }
        }
        return places;
    }

    /**
     * The output gradient of sample n's pixels {@code [p0, p1)} (whole output rows) for channel blocks
     * {@code [h0, h1)} of 2 vectors, laid out as the row tiles read it ({@link #segmentPlaces}): a vector of
     * pixels of one channel at a time, scattered. The bias gradient's sums of blocks {@code [s0, s1)} as in
     * {@link #blockRows}.
     */
    private static void segmentRows(double[] g, Conv2dShape s, int n, int p0, int p1, int h0, int h1, int block,
                                    double[] rows, int[] places, double[] biasSums, int s0, int s1) { //f32: float[] rows, int[] places, double[] biasSums, int s0, int s1) {
        int pixels = s.pixels();
        int run = p1 - p0;
        int bound = INDEXED_MOVES ? run / L * L : 0;
        for (int hb = h0; hb < h1; hb++) {
            int o0 = 2 * L * hb;
            boolean sums = biasSums != null && hb >= s0 && hb < s1;
            for (int o = o0; o < o0 + 2 * L; o++) {
                int from = (n * s.outC + o) * pixels + p0;
                int to = ALIGNED_START + (hb - h0) * block * 2 * L + o - o0;
                int p = 0;
                for (; p < bound; p += L) {
                    DoubleVector.fromArray(S, g, from + p).intoArray(rows, to, places, p);
                }
                for (; p < run; p++) {
                    rows[to + places[p]] = g[from + p];
                }
                if (sums) {
                    ConvLowering.planeSums(g, from, run, biasSums, o * ConvLowering.CHANNEL_SUMS_STRIDE);
                }
            }
        }
    }

    /**
     * ROW_TAPS patch elements of one input channel and kernel row (their running sums from d, element j's at
     * {@code d + j·outC}) × 2 vectors of channels, over {@code count} output rows of one segment: row t's
     * ROW_WINDOWS windows read the image at {@code b + t·bStep + 0 .. ROW_WINDOWS + ROW_TAPS - 2}, each value
     * broadcast once for every window and element that takes it, and their gradients from {@code g} plus t
     * segments ({@link #segmentPlaces}: a constant stride, so C2 drops their index checks). Per row 14 gradient
     * vectors and 11 broadcasts feed 70 fused multiply-adds, where {@link #tapTile4} takes 10 per 24 with its
     * index work per window. Sums start at zero and are added to the running ones at the end: loading those
     * first put their latency before every call's first products. 4 vectors of channels (20 accumulators)
     * spilled on JDK 25 and were too large for C1 on JDK 17.
     */
    private static void weightRowTile(double[] image, int b, int bStep, int count, double[] gRows, int g,
                                        double[] sums, int d, int outC) {
        int d0 = d;
        int d1 = d + outC;
        int d2 = d + 2 * outC;
        int d3 = d + 3 * outC;
        int d4 = d + 4 * outC;
        DoubleVector a00 = DoubleVector.zero(S), a01 = a00;
        DoubleVector a10 = DoubleVector.zero(S), a11 = a10;
        DoubleVector a20 = DoubleVector.zero(S), a21 = a20;
        DoubleVector a30 = DoubleVector.zero(S), a31 = a30;
        DoubleVector a40 = DoubleVector.zero(S), a41 = a40;
        for (int t = 0; t < count; t++, b += bStep) {
            int gi = g + t * (ROW_WINDOWS * 2 * L);
            DoubleVector v0 = DoubleVector.broadcast(S, image[b]);
            DoubleVector v1 = DoubleVector.broadcast(S, image[b + 1]);
            DoubleVector v2 = DoubleVector.broadcast(S, image[b + 2]);
            DoubleVector v3 = DoubleVector.broadcast(S, image[b + 3]);
            DoubleVector v4 = DoubleVector.broadcast(S, image[b + 4]);
            DoubleVector w0 = DoubleVector.fromArray(S, gRows, gi);
            DoubleVector w1 = DoubleVector.fromArray(S, gRows, gi + L);
            a00 = w0.fma(v0, a00);
            a01 = w1.fma(v0, a01);
            a10 = w0.fma(v1, a10);
            a11 = w1.fma(v1, a11);
            a20 = w0.fma(v2, a20);
            a21 = w1.fma(v2, a21);
            a30 = w0.fma(v3, a30);
            a31 = w1.fma(v3, a31);
            a40 = w0.fma(v4, a40);
            a41 = w1.fma(v4, a41);
            DoubleVector v5 = DoubleVector.broadcast(S, image[b + 5]);
            w0 = DoubleVector.fromArray(S, gRows, gi + 2 * L);
            w1 = DoubleVector.fromArray(S, gRows, gi + 3 * L);
            a00 = w0.fma(v1, a00);
            a01 = w1.fma(v1, a01);
            a10 = w0.fma(v2, a10);
            a11 = w1.fma(v2, a11);
            a20 = w0.fma(v3, a20);
            a21 = w1.fma(v3, a21);
            a30 = w0.fma(v4, a30);
            a31 = w1.fma(v4, a31);
            a40 = w0.fma(v5, a40);
            a41 = w1.fma(v5, a41);
            DoubleVector v6 = DoubleVector.broadcast(S, image[b + 6]);
            w0 = DoubleVector.fromArray(S, gRows, gi + 4 * L);
            w1 = DoubleVector.fromArray(S, gRows, gi + 5 * L);
            a00 = w0.fma(v2, a00);
            a01 = w1.fma(v2, a01);
            a10 = w0.fma(v3, a10);
            a11 = w1.fma(v3, a11);
            a20 = w0.fma(v4, a20);
            a21 = w1.fma(v4, a21);
            a30 = w0.fma(v5, a30);
            a31 = w1.fma(v5, a31);
            a40 = w0.fma(v6, a40);
            a41 = w1.fma(v6, a41);
            DoubleVector v7 = DoubleVector.broadcast(S, image[b + 7]);
            w0 = DoubleVector.fromArray(S, gRows, gi + 6 * L);
            w1 = DoubleVector.fromArray(S, gRows, gi + 7 * L);
            a00 = w0.fma(v3, a00);
            a01 = w1.fma(v3, a01);
            a10 = w0.fma(v4, a10);
            a11 = w1.fma(v4, a11);
            a20 = w0.fma(v5, a20);
            a21 = w1.fma(v5, a21);
            a30 = w0.fma(v6, a30);
            a31 = w1.fma(v6, a31);
            a40 = w0.fma(v7, a40);
            a41 = w1.fma(v7, a41);
            DoubleVector v8 = DoubleVector.broadcast(S, image[b + 8]);
            w0 = DoubleVector.fromArray(S, gRows, gi + 8 * L);
            w1 = DoubleVector.fromArray(S, gRows, gi + 9 * L);
            a00 = w0.fma(v4, a00);
            a01 = w1.fma(v4, a01);
            a10 = w0.fma(v5, a10);
            a11 = w1.fma(v5, a11);
            a20 = w0.fma(v6, a20);
            a21 = w1.fma(v6, a21);
            a30 = w0.fma(v7, a30);
            a31 = w1.fma(v7, a31);
            a40 = w0.fma(v8, a40);
            a41 = w1.fma(v8, a41);
            DoubleVector v9 = DoubleVector.broadcast(S, image[b + 9]);
            w0 = DoubleVector.fromArray(S, gRows, gi + 10 * L);
            w1 = DoubleVector.fromArray(S, gRows, gi + 11 * L);
            a00 = w0.fma(v5, a00);
            a01 = w1.fma(v5, a01);
            a10 = w0.fma(v6, a10);
            a11 = w1.fma(v6, a11);
            a20 = w0.fma(v7, a20);
            a21 = w1.fma(v7, a21);
            a30 = w0.fma(v8, a30);
            a31 = w1.fma(v8, a31);
            a40 = w0.fma(v9, a40);
            a41 = w1.fma(v9, a41);
            DoubleVector v10 = DoubleVector.broadcast(S, image[b + 10]);
            w0 = DoubleVector.fromArray(S, gRows, gi + 12 * L);
            w1 = DoubleVector.fromArray(S, gRows, gi + 13 * L);
            a00 = w0.fma(v6, a00);
            a01 = w1.fma(v6, a01);
            a10 = w0.fma(v7, a10);
            a11 = w1.fma(v7, a11);
            a20 = w0.fma(v8, a20);
            a21 = w1.fma(v8, a21);
            a30 = w0.fma(v9, a30);
            a31 = w1.fma(v9, a31);
            a40 = w0.fma(v10, a40);
            a41 = w1.fma(v10, a41);
        }
        a00.add(DoubleVector.fromArray(S, sums, d0)).intoArray(sums, d0);
        a01.add(DoubleVector.fromArray(S, sums, d0 + L)).intoArray(sums, d0 + L);
        a10.add(DoubleVector.fromArray(S, sums, d1)).intoArray(sums, d1);
        a11.add(DoubleVector.fromArray(S, sums, d1 + L)).intoArray(sums, d1 + L);
        a20.add(DoubleVector.fromArray(S, sums, d2)).intoArray(sums, d2);
        a21.add(DoubleVector.fromArray(S, sums, d2 + L)).intoArray(sums, d2 + L);
        a30.add(DoubleVector.fromArray(S, sums, d3)).intoArray(sums, d3);
        a31.add(DoubleVector.fromArray(S, sums, d3 + L)).intoArray(sums, d3 + L);
        a40.add(DoubleVector.fromArray(S, sums, d4)).intoArray(sums, d4);
        a41.add(DoubleVector.fromArray(S, sums, d4 + L)).intoArray(sums, d4 + L);
    }

    /**
     * {@link #weightRowTile} for a row's first segment at a padding of 2: its two zero columns left out (64
     * products of 70). A copy, as ConvInputRows' edge tiles are, so that the products left out are fixed when
     * C2 compiles it.
     */
    private static void weightRowTileLeft(double[] image, int b, int bStep, int count, double[] gRows, int g,
                                            double[] sums, int d, int outC) {
        int d0 = d;
        int d1 = d + outC;
        int d2 = d + 2 * outC;
        int d3 = d + 3 * outC;
        int d4 = d + 4 * outC;
        DoubleVector a00 = DoubleVector.zero(S), a01 = a00;
        DoubleVector a10 = DoubleVector.zero(S), a11 = a10;
        DoubleVector a20 = DoubleVector.zero(S), a21 = a20;
        DoubleVector a30 = DoubleVector.zero(S), a31 = a30;
        DoubleVector a40 = DoubleVector.zero(S), a41 = a40;
        for (int t = 0; t < count; t++, b += bStep) {
            int gi = g + t * (ROW_WINDOWS * 2 * L);
            DoubleVector v2 = DoubleVector.broadcast(S, image[b + 2]);
            DoubleVector v3 = DoubleVector.broadcast(S, image[b + 3]);
            DoubleVector v4 = DoubleVector.broadcast(S, image[b + 4]);
            DoubleVector w0 = DoubleVector.fromArray(S, gRows, gi);
            DoubleVector w1 = DoubleVector.fromArray(S, gRows, gi + L);
            a20 = w0.fma(v2, a20);
            a21 = w1.fma(v2, a21);
            a30 = w0.fma(v3, a30);
            a31 = w1.fma(v3, a31);
            a40 = w0.fma(v4, a40);
            a41 = w1.fma(v4, a41);
            DoubleVector v5 = DoubleVector.broadcast(S, image[b + 5]);
            w0 = DoubleVector.fromArray(S, gRows, gi + 2 * L);
            w1 = DoubleVector.fromArray(S, gRows, gi + 3 * L);
            a10 = w0.fma(v2, a10);
            a11 = w1.fma(v2, a11);
            a20 = w0.fma(v3, a20);
            a21 = w1.fma(v3, a21);
            a30 = w0.fma(v4, a30);
            a31 = w1.fma(v4, a31);
            a40 = w0.fma(v5, a40);
            a41 = w1.fma(v5, a41);
            DoubleVector v6 = DoubleVector.broadcast(S, image[b + 6]);
            w0 = DoubleVector.fromArray(S, gRows, gi + 4 * L);
            w1 = DoubleVector.fromArray(S, gRows, gi + 5 * L);
            a00 = w0.fma(v2, a00);
            a01 = w1.fma(v2, a01);
            a10 = w0.fma(v3, a10);
            a11 = w1.fma(v3, a11);
            a20 = w0.fma(v4, a20);
            a21 = w1.fma(v4, a21);
            a30 = w0.fma(v5, a30);
            a31 = w1.fma(v5, a31);
            a40 = w0.fma(v6, a40);
            a41 = w1.fma(v6, a41);
            DoubleVector v7 = DoubleVector.broadcast(S, image[b + 7]);
            w0 = DoubleVector.fromArray(S, gRows, gi + 6 * L);
            w1 = DoubleVector.fromArray(S, gRows, gi + 7 * L);
            a00 = w0.fma(v3, a00);
            a01 = w1.fma(v3, a01);
            a10 = w0.fma(v4, a10);
            a11 = w1.fma(v4, a11);
            a20 = w0.fma(v5, a20);
            a21 = w1.fma(v5, a21);
            a30 = w0.fma(v6, a30);
            a31 = w1.fma(v6, a31);
            a40 = w0.fma(v7, a40);
            a41 = w1.fma(v7, a41);
            DoubleVector v8 = DoubleVector.broadcast(S, image[b + 8]);
            w0 = DoubleVector.fromArray(S, gRows, gi + 8 * L);
            w1 = DoubleVector.fromArray(S, gRows, gi + 9 * L);
            a00 = w0.fma(v4, a00);
            a01 = w1.fma(v4, a01);
            a10 = w0.fma(v5, a10);
            a11 = w1.fma(v5, a11);
            a20 = w0.fma(v6, a20);
            a21 = w1.fma(v6, a21);
            a30 = w0.fma(v7, a30);
            a31 = w1.fma(v7, a31);
            a40 = w0.fma(v8, a40);
            a41 = w1.fma(v8, a41);
            DoubleVector v9 = DoubleVector.broadcast(S, image[b + 9]);
            w0 = DoubleVector.fromArray(S, gRows, gi + 10 * L);
            w1 = DoubleVector.fromArray(S, gRows, gi + 11 * L);
            a00 = w0.fma(v5, a00);
            a01 = w1.fma(v5, a01);
            a10 = w0.fma(v6, a10);
            a11 = w1.fma(v6, a11);
            a20 = w0.fma(v7, a20);
            a21 = w1.fma(v7, a21);
            a30 = w0.fma(v8, a30);
            a31 = w1.fma(v8, a31);
            a40 = w0.fma(v9, a40);
            a41 = w1.fma(v9, a41);
            DoubleVector v10 = DoubleVector.broadcast(S, image[b + 10]);
            w0 = DoubleVector.fromArray(S, gRows, gi + 12 * L);
            w1 = DoubleVector.fromArray(S, gRows, gi + 13 * L);
            a00 = w0.fma(v6, a00);
            a01 = w1.fma(v6, a01);
            a10 = w0.fma(v7, a10);
            a11 = w1.fma(v7, a11);
            a20 = w0.fma(v8, a20);
            a21 = w1.fma(v8, a21);
            a30 = w0.fma(v9, a30);
            a31 = w1.fma(v9, a31);
            a40 = w0.fma(v10, a40);
            a41 = w1.fma(v10, a41);
        }
        a00.add(DoubleVector.fromArray(S, sums, d0)).intoArray(sums, d0);
        a01.add(DoubleVector.fromArray(S, sums, d0 + L)).intoArray(sums, d0 + L);
        a10.add(DoubleVector.fromArray(S, sums, d1)).intoArray(sums, d1);
        a11.add(DoubleVector.fromArray(S, sums, d1 + L)).intoArray(sums, d1 + L);
        a20.add(DoubleVector.fromArray(S, sums, d2)).intoArray(sums, d2);
        a21.add(DoubleVector.fromArray(S, sums, d2 + L)).intoArray(sums, d2 + L);
        a30.add(DoubleVector.fromArray(S, sums, d3)).intoArray(sums, d3);
        a31.add(DoubleVector.fromArray(S, sums, d3 + L)).intoArray(sums, d3 + L);
        a40.add(DoubleVector.fromArray(S, sums, d4)).intoArray(sums, d4);
        a41.add(DoubleVector.fromArray(S, sums, d4 + L)).intoArray(sums, d4 + L);
    }

    /** {@link #weightRowTile} for a row's last segment at a padding of 2: its two zero columns left out. */
    private static void weightRowTileRight(double[] image, int b, int bStep, int count, double[] gRows, int g,
                                             double[] sums, int d, int outC) {
        int d0 = d;
        int d1 = d + outC;
        int d2 = d + 2 * outC;
        int d3 = d + 3 * outC;
        int d4 = d + 4 * outC;
        DoubleVector a00 = DoubleVector.zero(S), a01 = a00;
        DoubleVector a10 = DoubleVector.zero(S), a11 = a10;
        DoubleVector a20 = DoubleVector.zero(S), a21 = a20;
        DoubleVector a30 = DoubleVector.zero(S), a31 = a30;
        DoubleVector a40 = DoubleVector.zero(S), a41 = a40;
        for (int t = 0; t < count; t++, b += bStep) {
            int gi = g + t * (ROW_WINDOWS * 2 * L);
            DoubleVector v0 = DoubleVector.broadcast(S, image[b]);
            DoubleVector v1 = DoubleVector.broadcast(S, image[b + 1]);
            DoubleVector v2 = DoubleVector.broadcast(S, image[b + 2]);
            DoubleVector v3 = DoubleVector.broadcast(S, image[b + 3]);
            DoubleVector v4 = DoubleVector.broadcast(S, image[b + 4]);
            DoubleVector w0 = DoubleVector.fromArray(S, gRows, gi);
            DoubleVector w1 = DoubleVector.fromArray(S, gRows, gi + L);
            a00 = w0.fma(v0, a00);
            a01 = w1.fma(v0, a01);
            a10 = w0.fma(v1, a10);
            a11 = w1.fma(v1, a11);
            a20 = w0.fma(v2, a20);
            a21 = w1.fma(v2, a21);
            a30 = w0.fma(v3, a30);
            a31 = w1.fma(v3, a31);
            a40 = w0.fma(v4, a40);
            a41 = w1.fma(v4, a41);
            DoubleVector v5 = DoubleVector.broadcast(S, image[b + 5]);
            w0 = DoubleVector.fromArray(S, gRows, gi + 2 * L);
            w1 = DoubleVector.fromArray(S, gRows, gi + 3 * L);
            a00 = w0.fma(v1, a00);
            a01 = w1.fma(v1, a01);
            a10 = w0.fma(v2, a10);
            a11 = w1.fma(v2, a11);
            a20 = w0.fma(v3, a20);
            a21 = w1.fma(v3, a21);
            a30 = w0.fma(v4, a30);
            a31 = w1.fma(v4, a31);
            a40 = w0.fma(v5, a40);
            a41 = w1.fma(v5, a41);
            DoubleVector v6 = DoubleVector.broadcast(S, image[b + 6]);
            w0 = DoubleVector.fromArray(S, gRows, gi + 4 * L);
            w1 = DoubleVector.fromArray(S, gRows, gi + 5 * L);
            a00 = w0.fma(v2, a00);
            a01 = w1.fma(v2, a01);
            a10 = w0.fma(v3, a10);
            a11 = w1.fma(v3, a11);
            a20 = w0.fma(v4, a20);
            a21 = w1.fma(v4, a21);
            a30 = w0.fma(v5, a30);
            a31 = w1.fma(v5, a31);
            a40 = w0.fma(v6, a40);
            a41 = w1.fma(v6, a41);
            DoubleVector v7 = DoubleVector.broadcast(S, image[b + 7]);
            w0 = DoubleVector.fromArray(S, gRows, gi + 6 * L);
            w1 = DoubleVector.fromArray(S, gRows, gi + 7 * L);
            a00 = w0.fma(v3, a00);
            a01 = w1.fma(v3, a01);
            a10 = w0.fma(v4, a10);
            a11 = w1.fma(v4, a11);
            a20 = w0.fma(v5, a20);
            a21 = w1.fma(v5, a21);
            a30 = w0.fma(v6, a30);
            a31 = w1.fma(v6, a31);
            a40 = w0.fma(v7, a40);
            a41 = w1.fma(v7, a41);
            DoubleVector v8 = DoubleVector.broadcast(S, image[b + 8]);
            w0 = DoubleVector.fromArray(S, gRows, gi + 8 * L);
            w1 = DoubleVector.fromArray(S, gRows, gi + 9 * L);
            a00 = w0.fma(v4, a00);
            a01 = w1.fma(v4, a01);
            a10 = w0.fma(v5, a10);
            a11 = w1.fma(v5, a11);
            a20 = w0.fma(v6, a20);
            a21 = w1.fma(v6, a21);
            a30 = w0.fma(v7, a30);
            a31 = w1.fma(v7, a31);
            a40 = w0.fma(v8, a40);
            a41 = w1.fma(v8, a41);
            w0 = DoubleVector.fromArray(S, gRows, gi + 10 * L);
            w1 = DoubleVector.fromArray(S, gRows, gi + 11 * L);
            a00 = w0.fma(v5, a00);
            a01 = w1.fma(v5, a01);
            a10 = w0.fma(v6, a10);
            a11 = w1.fma(v6, a11);
            a20 = w0.fma(v7, a20);
            a21 = w1.fma(v7, a21);
            a30 = w0.fma(v8, a30);
            a31 = w1.fma(v8, a31);
            w0 = DoubleVector.fromArray(S, gRows, gi + 12 * L);
            w1 = DoubleVector.fromArray(S, gRows, gi + 13 * L);
            a00 = w0.fma(v6, a00);
            a01 = w1.fma(v6, a01);
            a10 = w0.fma(v7, a10);
            a11 = w1.fma(v7, a11);
            a20 = w0.fma(v8, a20);
            a21 = w1.fma(v8, a21);
        }
        a00.add(DoubleVector.fromArray(S, sums, d0)).intoArray(sums, d0);
        a01.add(DoubleVector.fromArray(S, sums, d0 + L)).intoArray(sums, d0 + L);
        a10.add(DoubleVector.fromArray(S, sums, d1)).intoArray(sums, d1);
        a11.add(DoubleVector.fromArray(S, sums, d1 + L)).intoArray(sums, d1 + L);
        a20.add(DoubleVector.fromArray(S, sums, d2)).intoArray(sums, d2);
        a21.add(DoubleVector.fromArray(S, sums, d2 + L)).intoArray(sums, d2 + L);
        a30.add(DoubleVector.fromArray(S, sums, d3)).intoArray(sums, d3);
        a31.add(DoubleVector.fromArray(S, sums, d3 + L)).intoArray(sums, d3 + L);
        a40.add(DoubleVector.fromArray(S, sums, d4)).intoArray(sums, d4);
        a41.add(DoubleVector.fromArray(S, sums, d4 + L)).intoArray(sums, d4 + L);
    }

    /**
     * Tiles {@code [u0, u1)} (channel block u / tiles, the patch elements from TAPS·(u % tiles) of
     * {@link TapWindows#order}), block by block of windows, each over the block's windows that its elements
     * read inside the image. The bias gradient's sums of channel block b are taken by the thread whose tiles
     * include that block's first, so by one thread, in the same order whatever the threads.
     */
    private static void weightTiles(double[] image, Conv2dShape s, TapWindows tw, double[] g, double[] sums,
                                    double[] biasSums, int tiles, int u0, int u1) { //f32-same
        int[] table = tw.tileTable;
        int parts = tw.partStart.length - 1;
        int b0 = u0 / tiles;
        int b1 = (u1 - 1) / tiles + 1;
        double[] rows = AlignedArrays.doubles(BLOCK_ROWS, (b1 - b0) * tw.block * 4 * L);
        int[] across = ACROSS.get();
        for (int n0 = 0; n0 < s.n; n0 += tw.samplesPerBlock) {
            int samples = Math.min(tw.samplesPerBlock, s.n - n0);
            int base = n0 * tw.sampleLength;
            for (int part = 0; part < parts; part++) {
                blockRows(g, s, n0, samples, tw.partStart[part], tw.partStart[part + 1], b0, b1, tw.block, rows,
                        biasSums, (u0 + tiles - 1) / tiles, (u1 + tiles - 1) / tiles, across);
                for (int u = u0; u < u1; u++) {
                    int t = u % tiles;
                    int c = tw.classOf[t];
                    int count = tw.upTo[c][part][samples];
                    if (count == 0) {
                        continue;
                    }
                    int o0 = 4 * L * (u / tiles); // blocks of 4 vectors, the last maybe of 2
                    int[] index = tw.windows[c][part];
                    int[] offsets = tw.offsets[c][part];
                    int at = ALIGNED_START + (u / tiles - b0) * tw.block * 4 * L;
                    if (blockWidth(s.outC, o0) == 4 * L) {
                        tapTile4(image, index, offsets, count, base, table, 2 * TAPS * t, ALIGNED_START + o0, rows, at,
                                sums);
                    } else {
                        tapTile2(image, index, offsets, count, base, table, 2 * TAPS * t, ALIGNED_START + o0, rows, at,
                                sums);
                    }
                }
            }
        }
    }

    /**
     * TAPS patch elements ({@code table[tb..tb + TAPS)}: their offsets in a window; {@code table[tb + TAPS..tb +
     * 2·TAPS)}: their running sums, for channels from o0, counted from the sums' ALIGNED_START:
     * {@link TapWindows#tileTable}) × 4 vectors of channels,
     * over {@code count} windows of a block ({@link TapWindows}): window i reads the image from
     * {@code base + offsets[i]} and its gradients at {@code g} plus {@code index[i]} rows ({@link #blockRows}),
     * or plus i rows where index is null (every window of the block: one load fewer per window). Two copies of
     * the loop on purpose: one loop reading {@code index == null ? i : index[i]} was 5 % slower on the padded
     * 14×14 layer (C2 did not unswitch it). Mind its size: grown to 1,972 bytecodes (the sums added after the
     * loop), C1 gave up on it on JDK 17 and its tier-2 code, the Vector API's Java fallbacks, ran 100 times
     * slower (docs/convolution.md, session 34).
     */
    private static void tapTile4(double[] image, int[] index, int[] offsets, int count, int base, int[] table, int tb,
                                 int o0, double[] gRows, int g, double[] sums) {
        int f0 = table[tb], f1 = table[tb + 1], f2 = table[tb + 2];
        int f3 = table[tb + 3], f4 = table[tb + 4], f5 = table[tb + 5];
        int d0 = table[tb + TAPS] + o0, d1 = table[tb + TAPS + 1] + o0, d2 = table[tb + TAPS + 2] + o0;
        int d3 = table[tb + TAPS + 3] + o0, d4 = table[tb + TAPS + 4] + o0, d5 = table[tb + TAPS + 5] + o0;
        DoubleVector a00 = DoubleVector.fromArray(S, sums, d0), a01 = DoubleVector.fromArray(S, sums, d0 + L);
        DoubleVector a02 = DoubleVector.fromArray(S, sums, d0 + 2 * L), a03 = DoubleVector.fromArray(S, sums, d0 + 3 * L);
        DoubleVector a10 = DoubleVector.fromArray(S, sums, d1), a11 = DoubleVector.fromArray(S, sums, d1 + L);
        DoubleVector a12 = DoubleVector.fromArray(S, sums, d1 + 2 * L), a13 = DoubleVector.fromArray(S, sums, d1 + 3 * L);
        DoubleVector a20 = DoubleVector.fromArray(S, sums, d2), a21 = DoubleVector.fromArray(S, sums, d2 + L);
        DoubleVector a22 = DoubleVector.fromArray(S, sums, d2 + 2 * L), a23 = DoubleVector.fromArray(S, sums, d2 + 3 * L);
        DoubleVector a30 = DoubleVector.fromArray(S, sums, d3), a31 = DoubleVector.fromArray(S, sums, d3 + L);
        DoubleVector a32 = DoubleVector.fromArray(S, sums, d3 + 2 * L), a33 = DoubleVector.fromArray(S, sums, d3 + 3 * L);
        DoubleVector a40 = DoubleVector.fromArray(S, sums, d4), a41 = DoubleVector.fromArray(S, sums, d4 + L);
        DoubleVector a42 = DoubleVector.fromArray(S, sums, d4 + 2 * L), a43 = DoubleVector.fromArray(S, sums, d4 + 3 * L);
        DoubleVector a50 = DoubleVector.fromArray(S, sums, d5), a51 = DoubleVector.fromArray(S, sums, d5 + L);
        DoubleVector a52 = DoubleVector.fromArray(S, sums, d5 + 2 * L), a53 = DoubleVector.fromArray(S, sums, d5 + 3 * L);
        if (index == null) { // every window of the block: its gradient rows in order
            for (int i = 0; i < count; i++) {
                int b = base + offsets[i];
                int gi = g + i * (4 * L);
                DoubleVector w0 = DoubleVector.fromArray(S, gRows, gi);
                DoubleVector w1 = DoubleVector.fromArray(S, gRows, gi + L);
                DoubleVector w2 = DoubleVector.fromArray(S, gRows, gi + 2 * L);
                DoubleVector w3 = DoubleVector.fromArray(S, gRows, gi + 3 * L);
                DoubleVector v = DoubleVector.broadcast(S, image[b + f0]);
                a00 = w0.fma(v, a00);
                a01 = w1.fma(v, a01);
                a02 = w2.fma(v, a02);
                a03 = w3.fma(v, a03);
                v = DoubleVector.broadcast(S, image[b + f1]);
                a10 = w0.fma(v, a10);
                a11 = w1.fma(v, a11);
                a12 = w2.fma(v, a12);
                a13 = w3.fma(v, a13);
                v = DoubleVector.broadcast(S, image[b + f2]);
                a20 = w0.fma(v, a20);
                a21 = w1.fma(v, a21);
                a22 = w2.fma(v, a22);
                a23 = w3.fma(v, a23);
                v = DoubleVector.broadcast(S, image[b + f3]);
                a30 = w0.fma(v, a30);
                a31 = w1.fma(v, a31);
                a32 = w2.fma(v, a32);
                a33 = w3.fma(v, a33);
                v = DoubleVector.broadcast(S, image[b + f4]);
                a40 = w0.fma(v, a40);
                a41 = w1.fma(v, a41);
                a42 = w2.fma(v, a42);
                a43 = w3.fma(v, a43);
                v = DoubleVector.broadcast(S, image[b + f5]);
                a50 = w0.fma(v, a50);
                a51 = w1.fma(v, a51);
                a52 = w2.fma(v, a52);
                a53 = w3.fma(v, a53);
            }
        } else {
            for (int i = 0; i < count; i++) {
                int b = base + offsets[i];
                int gi = g + index[i] * (4 * L);
                DoubleVector w0 = DoubleVector.fromArray(S, gRows, gi);
                DoubleVector w1 = DoubleVector.fromArray(S, gRows, gi + L);
                DoubleVector w2 = DoubleVector.fromArray(S, gRows, gi + 2 * L);
                DoubleVector w3 = DoubleVector.fromArray(S, gRows, gi + 3 * L);
                DoubleVector v = DoubleVector.broadcast(S, image[b + f0]);
                a00 = w0.fma(v, a00);
                a01 = w1.fma(v, a01);
                a02 = w2.fma(v, a02);
                a03 = w3.fma(v, a03);
                v = DoubleVector.broadcast(S, image[b + f1]);
                a10 = w0.fma(v, a10);
                a11 = w1.fma(v, a11);
                a12 = w2.fma(v, a12);
                a13 = w3.fma(v, a13);
                v = DoubleVector.broadcast(S, image[b + f2]);
                a20 = w0.fma(v, a20);
                a21 = w1.fma(v, a21);
                a22 = w2.fma(v, a22);
                a23 = w3.fma(v, a23);
                v = DoubleVector.broadcast(S, image[b + f3]);
                a30 = w0.fma(v, a30);
                a31 = w1.fma(v, a31);
                a32 = w2.fma(v, a32);
                a33 = w3.fma(v, a33);
                v = DoubleVector.broadcast(S, image[b + f4]);
                a40 = w0.fma(v, a40);
                a41 = w1.fma(v, a41);
                a42 = w2.fma(v, a42);
                a43 = w3.fma(v, a43);
                v = DoubleVector.broadcast(S, image[b + f5]);
                a50 = w0.fma(v, a50);
                a51 = w1.fma(v, a51);
                a52 = w2.fma(v, a52);
                a53 = w3.fma(v, a53);
            }
        }
        a00.intoArray(sums, d0);
        a01.intoArray(sums, d0 + L);
        a02.intoArray(sums, d0 + 2 * L);
        a03.intoArray(sums, d0 + 3 * L);
        a10.intoArray(sums, d1);
        a11.intoArray(sums, d1 + L);
        a12.intoArray(sums, d1 + 2 * L);
        a13.intoArray(sums, d1 + 3 * L);
        a20.intoArray(sums, d2);
        a21.intoArray(sums, d2 + L);
        a22.intoArray(sums, d2 + 2 * L);
        a23.intoArray(sums, d2 + 3 * L);
        a30.intoArray(sums, d3);
        a31.intoArray(sums, d3 + L);
        a32.intoArray(sums, d3 + 2 * L);
        a33.intoArray(sums, d3 + 3 * L);
        a40.intoArray(sums, d4);
        a41.intoArray(sums, d4 + L);
        a42.intoArray(sums, d4 + 2 * L);
        a43.intoArray(sums, d4 + 3 * L);
        a50.intoArray(sums, d5);
        a51.intoArray(sums, d5 + L);
        a52.intoArray(sums, d5 + 2 * L);
        a53.intoArray(sums, d5 + 3 * L);
    }

    /** {@link #tapTile4} with 2 vectors of channels. */
    private static void tapTile2(double[] image, int[] index, int[] offsets, int count, int base, int[] table, int tb,
                                 int o0, double[] gRows, int g, double[] sums) {
        int f0 = table[tb], f1 = table[tb + 1], f2 = table[tb + 2];
        int f3 = table[tb + 3], f4 = table[tb + 4], f5 = table[tb + 5];
        int d0 = table[tb + TAPS] + o0, d1 = table[tb + TAPS + 1] + o0, d2 = table[tb + TAPS + 2] + o0;
        int d3 = table[tb + TAPS + 3] + o0, d4 = table[tb + TAPS + 4] + o0, d5 = table[tb + TAPS + 5] + o0;
        DoubleVector a00 = DoubleVector.fromArray(S, sums, d0), a01 = DoubleVector.fromArray(S, sums, d0 + L);
        DoubleVector a10 = DoubleVector.fromArray(S, sums, d1), a11 = DoubleVector.fromArray(S, sums, d1 + L);
        DoubleVector a20 = DoubleVector.fromArray(S, sums, d2), a21 = DoubleVector.fromArray(S, sums, d2 + L);
        DoubleVector a30 = DoubleVector.fromArray(S, sums, d3), a31 = DoubleVector.fromArray(S, sums, d3 + L);
        DoubleVector a40 = DoubleVector.fromArray(S, sums, d4), a41 = DoubleVector.fromArray(S, sums, d4 + L);
        DoubleVector a50 = DoubleVector.fromArray(S, sums, d5), a51 = DoubleVector.fromArray(S, sums, d5 + L);
        if (index == null) {
            for (int i = 0; i < count; i++) {
                int b = base + offsets[i];
                int gi = g + i * (2 * L);
                DoubleVector w0 = DoubleVector.fromArray(S, gRows, gi);
                DoubleVector w1 = DoubleVector.fromArray(S, gRows, gi + L);
                DoubleVector v = DoubleVector.broadcast(S, image[b + f0]);
                a00 = w0.fma(v, a00);
                a01 = w1.fma(v, a01);
                v = DoubleVector.broadcast(S, image[b + f1]);
                a10 = w0.fma(v, a10);
                a11 = w1.fma(v, a11);
                v = DoubleVector.broadcast(S, image[b + f2]);
                a20 = w0.fma(v, a20);
                a21 = w1.fma(v, a21);
                v = DoubleVector.broadcast(S, image[b + f3]);
                a30 = w0.fma(v, a30);
                a31 = w1.fma(v, a31);
                v = DoubleVector.broadcast(S, image[b + f4]);
                a40 = w0.fma(v, a40);
                a41 = w1.fma(v, a41);
                v = DoubleVector.broadcast(S, image[b + f5]);
                a50 = w0.fma(v, a50);
                a51 = w1.fma(v, a51);
            }
        } else {
            for (int i = 0; i < count; i++) {
                int b = base + offsets[i];
                int gi = g + index[i] * (2 * L);
                DoubleVector w0 = DoubleVector.fromArray(S, gRows, gi);
                DoubleVector w1 = DoubleVector.fromArray(S, gRows, gi + L);
                DoubleVector v = DoubleVector.broadcast(S, image[b + f0]);
                a00 = w0.fma(v, a00);
                a01 = w1.fma(v, a01);
                v = DoubleVector.broadcast(S, image[b + f1]);
                a10 = w0.fma(v, a10);
                a11 = w1.fma(v, a11);
                v = DoubleVector.broadcast(S, image[b + f2]);
                a20 = w0.fma(v, a20);
                a21 = w1.fma(v, a21);
                v = DoubleVector.broadcast(S, image[b + f3]);
                a30 = w0.fma(v, a30);
                a31 = w1.fma(v, a31);
                v = DoubleVector.broadcast(S, image[b + f4]);
                a40 = w0.fma(v, a40);
                a41 = w1.fma(v, a41);
                v = DoubleVector.broadcast(S, image[b + f5]);
                a50 = w0.fma(v, a50);
                a51 = w1.fma(v, a51);
            }
        }
        a00.intoArray(sums, d0);
        a01.intoArray(sums, d0 + L);
        a10.intoArray(sums, d1);
        a11.intoArray(sums, d1 + L);
        a20.intoArray(sums, d2);
        a21.intoArray(sums, d2 + L);
        a30.intoArray(sums, d3);
        a31.intoArray(sums, d3 + L);
        a40.intoArray(sums, d4);
        a41.intoArray(sums, d4 + L);
        a50.intoArray(sums, d5);
        a51.intoArray(sums, d5 + L);
    }

    /**
     * From {@code base} in packed, per block of output channels (4 vectors, the last maybe 2), per patch
     * element of {@code elements}, the block's kernels' values.
     */
    private static void pack(double[] w, int outC, int k, int[] elements, double[] packed, int base) {
        for (int o0 = 0; o0 < outC; o0 += blockWidth(outC, o0)) {
            int width = blockWidth(outC, o0);
            for (int e = 0; e < elements.length; e++) {
                int to = base + o0 * elements.length + e * width;
                for (int v = 0; v < width; v++) {
                    packed[to + v] = w[(o0 + v) * k + elements[e]];
                }
            }
        }
    }

    /** Channels in the block from {@code o0}: 4 vectors, or the 2 left when fewer remain. */
    private static int blockWidth(int outC, int o0) {
        return Math.min(4 * L, outC - o0);
    }

    /** This thread's buffer of a chunk's pixel-major sums ({@link #planes} moves them), with room for length. */
    static double[] sumRows(int length) {
        return ThreadBuffers.doubles(ROWS, length);
    }

    /** Sample n, in chunks of output rows whose sums fit the per-thread buffer. */
    private static void sample(double[] image, Conv2dShape s, Plan plan, double[] packed, double[] b,
                               double[] pre, double[] out, Activation act, int n) {
        int rowsPerChunk = Math.max(1, CHUNK_VALUES / (s.outW * s.outC));
        for (int oh0 = 0; oh0 < s.outH; oh0 += rowsPerChunk) {
            chunk(image, s, plan, packed, b, pre, out, act, n, oh0, Math.min(s.outH, oh0 + rowsPerChunk));
        }
    }

    /**
     * Output rows {@code [oh0, oh1)} of sample n: their tiles' sums, pixel-major, then into the planes. Each row's
     * tiles of adjacent pixels read the kernel rows of its class; the columns they leave over, of all the
     * chunk's rows, go through gathered tiles per class of columns, which read every kernel row (zeros where
     * one meets the padding: the rows of a column tile differ in which kernel rows they need). Where SEGMENTS
     * applies, rows a whole number of SEGMENT pixels wide run as segments instead, in the blocks of 4 vectors.
     */
    private static void chunk(double[] image, Conv2dShape s, Plan plan, double[] packed, double[] b,
                              double[] pre, double[] out, Activation act, int n, int oh0, int oh1) {
        int stride = s.outC; // row stride of the pixel-major sums
        int p0 = oh0 * s.outW;
        int count = (oh1 - oh0) * s.outW;
        double[] rows = sumRows((count + PIXELS) * stride);
        int[] tile = TILE.get();
        PatchMatrix patches = s.patches();
        KernelRowBands bands = plan.bands;
        int first = n * s.pixels();
        for (int o0 = 0; o0 < s.outC; o0 += blockWidth(s.outC, o0)) {
            boolean four = blockWidth(s.outC, o0) == 4 * L;
            if (four && plan.segments) {
                segmentTiles(image, s, bands, patches, packed, rows, first, p0, o0, oh0, oh1);
                continue;
            }
            EdgeColumns edges = four ? plan.edges : plan.wideEdges;
            int run = edges.run;
            for (int oh = oh0; oh < oh1; oh++) {
                int c = bands.classOf[oh];
                int[] cols = bands.columns[c];
                int k = cols.length;
                int wb = ALIGNED_START + o0 * bands.all.length + bands.first[c] * (four ? 4 * L : 2 * L);
                int p = oh * s.outW + edges.first;
                for (int t = 0; t < edges.tiles; t++, p += run) {
                    int at = patches.windowStart(first + p);
                    int d = (p - p0) * stride + o0;
                    if (four) {
                        rowTile4(image, at, cols, packed, wb, k, rows, d, stride);
                    } else {
                        rowTile2(image, at, cols, packed, wb, k, rows, d, stride);
                    }
                }
            }
            for (int c = 0; c < edges.elements.length; c++) {
                int[] cols = edges.offsets[c];
                int[] at = edges.positions[c];
                int k = cols.length;
                int wb = ALIGNED_START + o0 * bands.all.length;
                int pending = 0; // the class's pixels, gathered into tiles of PIXELS
                for (int oh = oh0; oh < oh1; oh++) {
                    for (int e = 0; e < edges.columns.length; e++) {
                        if (edges.classOf[e] != c) {
                            continue;
                        }
                        int p = oh * s.outW + edges.columns[e];
                        tile[pending] = patches.windowStart(first + p);
                        tile[PIXELS + pending] = (p - p0) * stride + o0;
                        if (++pending == PIXELS) {
                            pixelTile(image, tile, cols, at, packed, wb, k, rows, four, stride);
                            pending = 0;
                        }
                    }
                }
                if (pending > 0) { // the last pixel again fills the tile; its copies go past the chunk's rows
                    for (int r = pending; r < PIXELS; r++) {
                        tile[r] = tile[pending - 1];
                        tile[PIXELS + r] = (count + r) * stride + o0;
                    }
                    if (four && pending <= FEW) {
                        fewPixelTile4(image, tile, cols, at, packed, wb, k, rows);
                    } else if (four && pending == 4) {
                        fourPixelTile4(image, tile, cols, at, packed, wb, k, rows);
                    } else {
                        pixelTile(image, tile, cols, at, packed, wb, k, rows, four, stride);
                    }
                }
            }
        }
        planes(rows, s, b, pre, out, act, n, p0, count);
    }

    /**
     * The chunk's pixel-major sums into its segments of sample n's planes: {@code out = act(sum + b)}, and
     * {@code pre = sum + b} where given; {@link GemmVector#biasActivationRow}'s values, in one pass that moves
     * each sum once (a move, then that epilogue over the planes, cost a tenth of the layer's forward). Pixels
     * go in groups of PIXEL_GROUP, whose rows of sums stay in L1 while their channels are written.
     */
    static void planes(double[] rows, Conv2dShape s, double[] b, double[] pre, double[] out, Activation act, int n,
                       int p0, int count) {
        int stride = s.outC;
        boolean relu = act == Activation.RELU;
        int[] across = across(stride); // L pixels' offsets in rows: a gather of one channel
        DoubleVector floor = DoubleVector.broadcast(S, relu ? 0.0 : Double.NEGATIVE_INFINITY);
        for (int g0 = 0; g0 < count; g0 += PIXEL_GROUP) {
            int g1 = Math.min(count, g0 + PIXEL_GROUP);
            int bound = INDEXED_MOVES ? g0 + (g1 - g0) / L * L : g0;
            for (int o = 0; o < s.outC; o++) {
                int at = (n * s.outC + o) * s.pixels() + p0;
                double bias = b != null ? b[o] : 0.0;
                DoubleVector biasVector = DoubleVector.broadcast(S, bias);
                int p = g0;
                for (; p < bound; p += L) {
                    DoubleVector v = DoubleVector.fromArray(S, rows, p * stride + o, across, 0);
                    if (b != null) {
                        v = v.add(biasVector);
                    }
                    if (pre != null) {
                        v.intoArray(pre, at + p);
                    }
                    v.max(floor).intoArray(out, at + p);
                }
                for (; p < g1; p++) {
                    double v = rows[p * stride + o];
                    if (b != null) {
                        v += bias;
                    }
                    if (pre != null) {
                        pre[at + p] = v;
                    }
                    out[at + p] = relu ? Math.max(v, 0.0) : v;
                }
            }
        }
        if (act == Activation.SIGMOID) {
            for (int o = 0; o < s.outC; o++) {
                int at = (n * s.outC + o) * s.pixels() + p0;
                ElementwiseVector.sigmoidInPlace(out, at, at + count);
            }
        }
    }

    /**
     * {@code tile[0..PIXELS)}: the pixels' window starts; {@code tile[PIXELS..2·PIXELS)}: where their sums go (rows
     * of sums {@code stride} apart).
     */
    private static void pixelTile(double[] image, int[] tile, int[] cols, int[] at, double[] packed, int wb, int k,
                                  double[] rows, boolean four, int stride) {
        if (four && pairs(tile, stride)) {
            pairTile4(image, tile[0], tile[2] - tile[0], cols, at, packed, wb, k, rows, tile[PIXELS],
                    tile[PIXELS + 2] - tile[PIXELS], stride);
        } else if (four) {
            pixelTile4(image, tile, cols, at, packed, wb, k, rows);
        } else {
            pixelTile2(image, tile, cols, at, packed, wb, k, rows);
        }
    }

    /**
     * PIXELS pixels of one row from window start {@code at} × 4 vectors of channels, sums to rows[d + r·stride]
     * (stored here: a helper C2 did not inline would box all 24 vectors).
     */
    private static void rowTile4(double[] image, int at, int[] cols, double[] packed, int wb, int k, double[] rows,
                                 int d, int stride) {
        DoubleVector a00 = DoubleVector.zero(S), a01 = a00, a02 = a00, a03 = a00;
        DoubleVector a10 = a00, a11 = a00, a12 = a00, a13 = a00;
        DoubleVector a20 = a00, a21 = a00, a22 = a00, a23 = a00;
        DoubleVector a30 = a00, a31 = a00, a32 = a00, a33 = a00;
        DoubleVector a40 = a00, a41 = a00, a42 = a00, a43 = a00;
        DoubleVector a50 = a00, a51 = a00, a52 = a00, a53 = a00;
        for (int q = 0; q < k; q++) {
            int x = at + cols[q];
            int wi = wb + q * (4 * L);
            DoubleVector w0 = DoubleVector.fromArray(S, packed, wi);
            DoubleVector w1 = DoubleVector.fromArray(S, packed, wi + L);
            DoubleVector w2 = DoubleVector.fromArray(S, packed, wi + 2 * L);
            DoubleVector w3 = DoubleVector.fromArray(S, packed, wi + 3 * L);
            DoubleVector v = DoubleVector.broadcast(S, image[x]);
            a00 = w0.fma(v, a00);
            a01 = w1.fma(v, a01);
            a02 = w2.fma(v, a02);
            a03 = w3.fma(v, a03);
            v = DoubleVector.broadcast(S, image[x + 1]);
            a10 = w0.fma(v, a10);
            a11 = w1.fma(v, a11);
            a12 = w2.fma(v, a12);
            a13 = w3.fma(v, a13);
            v = DoubleVector.broadcast(S, image[x + 2]);
            a20 = w0.fma(v, a20);
            a21 = w1.fma(v, a21);
            a22 = w2.fma(v, a22);
            a23 = w3.fma(v, a23);
            v = DoubleVector.broadcast(S, image[x + 3]);
            a30 = w0.fma(v, a30);
            a31 = w1.fma(v, a31);
            a32 = w2.fma(v, a32);
            a33 = w3.fma(v, a33);
            v = DoubleVector.broadcast(S, image[x + 4]);
            a40 = w0.fma(v, a40);
            a41 = w1.fma(v, a41);
            a42 = w2.fma(v, a42);
            a43 = w3.fma(v, a43);
            v = DoubleVector.broadcast(S, image[x + 5]);
            a50 = w0.fma(v, a50);
            a51 = w1.fma(v, a51);
            a52 = w2.fma(v, a52);
            a53 = w3.fma(v, a53);
        }
        a00.intoArray(rows, d);
        a01.intoArray(rows, d + L);
        a02.intoArray(rows, d + 2 * L);
        a03.intoArray(rows, d + 3 * L);
        a10.intoArray(rows, d + stride);
        a11.intoArray(rows, d + stride + L);
        a12.intoArray(rows, d + stride + 2 * L);
        a13.intoArray(rows, d + stride + 3 * L);
        a20.intoArray(rows, d + 2 * stride);
        a21.intoArray(rows, d + 2 * stride + L);
        a22.intoArray(rows, d + 2 * stride + 2 * L);
        a23.intoArray(rows, d + 2 * stride + 3 * L);
        a30.intoArray(rows, d + 3 * stride);
        a31.intoArray(rows, d + 3 * stride + L);
        a32.intoArray(rows, d + 3 * stride + 2 * L);
        a33.intoArray(rows, d + 3 * stride + 3 * L);
        a40.intoArray(rows, d + 4 * stride);
        a41.intoArray(rows, d + 4 * stride + L);
        a42.intoArray(rows, d + 4 * stride + 2 * L);
        a43.intoArray(rows, d + 4 * stride + 3 * L);
        a50.intoArray(rows, d + 5 * stride);
        a51.intoArray(rows, d + 5 * stride + L);
        a52.intoArray(rows, d + 5 * stride + 2 * L);
        a53.intoArray(rows, d + 5 * stride + 3 * L);
    }

    /**
     * Output rows {@code [oh0, oh1)} of the sample whose first window is {@code first}, channels from o0 (4
     * vectors), in segments of SEGMENT pixels, each as two tiles of 2 vectors of channels. Every segment reads
     * all kernel columns of its row's band, zeros where they meet the padding.
     */
    private static void segmentTiles(double[] image, Conv2dShape s, KernelRowBands bands, PatchMatrix patches,
                                     double[] packed, double[] rows, int first, int p0, int o0, int oh0, int oh1) {
        int stride = s.outC;
        for (int oh = oh0; oh < oh1; oh++) {
            int c = bands.classOf[oh];
            int[] cols = bands.columns[c];
            int wb = ALIGNED_START + o0 * bands.all.length + bands.first[c] * (4 * L);
            for (int p = oh * s.outW; p < (oh + 1) * s.outW; p += SEGMENT) {
                int at = patches.windowStart(first + p);
                int d = (p - p0) * stride + o0;
                segmentTile2(image, at, cols, packed, wb, cols.length, rows, d, stride);
                segmentTile2(image, at, cols, packed, wb + 2 * L, cols.length, rows, d + 2 * L, stride);
            }
        }
    }

    /**
     * SEGMENT pixels of one row from window start {@code at} × 2 vectors of channels (28 accumulators, 2 kernel
     * vectors and two broadcasts: AVX-512's 32 registers), the kernels of patch element q at
     * {@code packed[wb + q·4L]} (half of a block of 4 vectors); sums to rows[d + r·stride].
     */
    private static void segmentTile2(double[] image, int at, int[] cols, double[] packed, int wb, int k,
                                     double[] rows, int d, int stride) {
        DoubleVector z = DoubleVector.zero(S);
        DoubleVector a000 = z, a001 = z, a010 = z, a011 = z;
        DoubleVector a020 = z, a021 = z, a030 = z, a031 = z;
        DoubleVector a040 = z, a041 = z, a050 = z, a051 = z;
        DoubleVector a060 = z, a061 = z, a070 = z, a071 = z;
        DoubleVector a080 = z, a081 = z, a090 = z, a091 = z;
        DoubleVector a100 = z, a101 = z, a110 = z, a111 = z;
        DoubleVector a120 = z, a121 = z, a130 = z, a131 = z;
        for (int q = 0; q < k; q++) {
            int x = at + cols[q];
            int wi = wb + q * (4 * L);
            DoubleVector w0 = DoubleVector.fromArray(S, packed, wi);
            DoubleVector w1 = DoubleVector.fromArray(S, packed, wi + L);
            DoubleVector v = DoubleVector.broadcast(S, image[x]);
            a000 = w0.fma(v, a000);
            a001 = w1.fma(v, a001);
            v = DoubleVector.broadcast(S, image[x + 1]);
            a010 = w0.fma(v, a010);
            a011 = w1.fma(v, a011);
            v = DoubleVector.broadcast(S, image[x + 2]);
            a020 = w0.fma(v, a020);
            a021 = w1.fma(v, a021);
            v = DoubleVector.broadcast(S, image[x + 3]);
            a030 = w0.fma(v, a030);
            a031 = w1.fma(v, a031);
            v = DoubleVector.broadcast(S, image[x + 4]);
            a040 = w0.fma(v, a040);
            a041 = w1.fma(v, a041);
            v = DoubleVector.broadcast(S, image[x + 5]);
            a050 = w0.fma(v, a050);
            a051 = w1.fma(v, a051);
            v = DoubleVector.broadcast(S, image[x + 6]);
            a060 = w0.fma(v, a060);
            a061 = w1.fma(v, a061);
            v = DoubleVector.broadcast(S, image[x + 7]);
            a070 = w0.fma(v, a070);
            a071 = w1.fma(v, a071);
            v = DoubleVector.broadcast(S, image[x + 8]);
            a080 = w0.fma(v, a080);
            a081 = w1.fma(v, a081);
            v = DoubleVector.broadcast(S, image[x + 9]);
            a090 = w0.fma(v, a090);
            a091 = w1.fma(v, a091);
            v = DoubleVector.broadcast(S, image[x + 10]);
            a100 = w0.fma(v, a100);
            a101 = w1.fma(v, a101);
            v = DoubleVector.broadcast(S, image[x + 11]);
            a110 = w0.fma(v, a110);
            a111 = w1.fma(v, a111);
            v = DoubleVector.broadcast(S, image[x + 12]);
            a120 = w0.fma(v, a120);
            a121 = w1.fma(v, a121);
            v = DoubleVector.broadcast(S, image[x + 13]);
            a130 = w0.fma(v, a130);
            a131 = w1.fma(v, a131);
        }
        a000.intoArray(rows, d);
        a001.intoArray(rows, d + L);
        a010.intoArray(rows, d + 1 * stride);
        a011.intoArray(rows, d + 1 * stride + L);
        a020.intoArray(rows, d + 2 * stride);
        a021.intoArray(rows, d + 2 * stride + L);
        a030.intoArray(rows, d + 3 * stride);
        a031.intoArray(rows, d + 3 * stride + L);
        a040.intoArray(rows, d + 4 * stride);
        a041.intoArray(rows, d + 4 * stride + L);
        a050.intoArray(rows, d + 5 * stride);
        a051.intoArray(rows, d + 5 * stride + L);
        a060.intoArray(rows, d + 6 * stride);
        a061.intoArray(rows, d + 6 * stride + L);
        a070.intoArray(rows, d + 7 * stride);
        a071.intoArray(rows, d + 7 * stride + L);
        a080.intoArray(rows, d + 8 * stride);
        a081.intoArray(rows, d + 8 * stride + L);
        a090.intoArray(rows, d + 9 * stride);
        a091.intoArray(rows, d + 9 * stride + L);
        a100.intoArray(rows, d + 10 * stride);
        a101.intoArray(rows, d + 10 * stride + L);
        a110.intoArray(rows, d + 11 * stride);
        a111.intoArray(rows, d + 11 * stride + L);
        a120.intoArray(rows, d + 12 * stride);
        a121.intoArray(rows, d + 12 * stride + L);
        a130.intoArray(rows, d + 13 * stride);
        a131.intoArray(rows, d + 13 * stride + L);
    }

    /** {@link #rowTile4} for PIXELS pixels anywhere ({@link #pixelTile}). */
    private static void pixelTile4(double[] image, int[] tile, int[] cols, int[] at, double[] packed, int wb, int k,
                                   double[] rows) {
        int b0 = tile[0], b1 = tile[1], b2 = tile[2], b3 = tile[3], b4 = tile[4], b5 = tile[5];
        DoubleVector a00 = DoubleVector.zero(S), a01 = a00, a02 = a00, a03 = a00;
        DoubleVector a10 = a00, a11 = a00, a12 = a00, a13 = a00;
        DoubleVector a20 = a00, a21 = a00, a22 = a00, a23 = a00;
        DoubleVector a30 = a00, a31 = a00, a32 = a00, a33 = a00;
        DoubleVector a40 = a00, a41 = a00, a42 = a00, a43 = a00;
        DoubleVector a50 = a00, a51 = a00, a52 = a00, a53 = a00;
        for (int q = 0; q < k; q++) {
            int c = cols[q];
            int wi = wb + at[q] * (4 * L);
            DoubleVector w0 = DoubleVector.fromArray(S, packed, wi);
            DoubleVector w1 = DoubleVector.fromArray(S, packed, wi + L);
            DoubleVector w2 = DoubleVector.fromArray(S, packed, wi + 2 * L);
            DoubleVector w3 = DoubleVector.fromArray(S, packed, wi + 3 * L);
            DoubleVector v = DoubleVector.broadcast(S, image[b0 + c]);
            a00 = w0.fma(v, a00);
            a01 = w1.fma(v, a01);
            a02 = w2.fma(v, a02);
            a03 = w3.fma(v, a03);
            v = DoubleVector.broadcast(S, image[b1 + c]);
            a10 = w0.fma(v, a10);
            a11 = w1.fma(v, a11);
            a12 = w2.fma(v, a12);
            a13 = w3.fma(v, a13);
            v = DoubleVector.broadcast(S, image[b2 + c]);
            a20 = w0.fma(v, a20);
            a21 = w1.fma(v, a21);
            a22 = w2.fma(v, a22);
            a23 = w3.fma(v, a23);
            v = DoubleVector.broadcast(S, image[b3 + c]);
            a30 = w0.fma(v, a30);
            a31 = w1.fma(v, a31);
            a32 = w2.fma(v, a32);
            a33 = w3.fma(v, a33);
            v = DoubleVector.broadcast(S, image[b4 + c]);
            a40 = w0.fma(v, a40);
            a41 = w1.fma(v, a41);
            a42 = w2.fma(v, a42);
            a43 = w3.fma(v, a43);
            v = DoubleVector.broadcast(S, image[b5 + c]);
            a50 = w0.fma(v, a50);
            a51 = w1.fma(v, a51);
            a52 = w2.fma(v, a52);
            a53 = w3.fma(v, a53);
        }
        a00.intoArray(rows, tile[PIXELS]);
        a01.intoArray(rows, tile[PIXELS] + L);
        a02.intoArray(rows, tile[PIXELS] + 2 * L);
        a03.intoArray(rows, tile[PIXELS] + 3 * L);
        a10.intoArray(rows, tile[PIXELS + 1]);
        a11.intoArray(rows, tile[PIXELS + 1] + L);
        a12.intoArray(rows, tile[PIXELS + 1] + 2 * L);
        a13.intoArray(rows, tile[PIXELS + 1] + 3 * L);
        a20.intoArray(rows, tile[PIXELS + 2]);
        a21.intoArray(rows, tile[PIXELS + 2] + L);
        a22.intoArray(rows, tile[PIXELS + 2] + 2 * L);
        a23.intoArray(rows, tile[PIXELS + 2] + 3 * L);
        a30.intoArray(rows, tile[PIXELS + 3]);
        a31.intoArray(rows, tile[PIXELS + 3] + L);
        a32.intoArray(rows, tile[PIXELS + 3] + 2 * L);
        a33.intoArray(rows, tile[PIXELS + 3] + 3 * L);
        a40.intoArray(rows, tile[PIXELS + 4]);
        a41.intoArray(rows, tile[PIXELS + 4] + L);
        a42.intoArray(rows, tile[PIXELS + 4] + 2 * L);
        a43.intoArray(rows, tile[PIXELS + 4] + 3 * L);
        a50.intoArray(rows, tile[PIXELS + 5]);
        a51.intoArray(rows, tile[PIXELS + 5] + L);
        a52.intoArray(rows, tile[PIXELS + 5] + 2 * L);
        a53.intoArray(rows, tile[PIXELS + 5] + 3 * L);
    }

    /**
     * Whether the tile's pixels are 3 rows × 2 adjacent columns, in that order (pixels 2r and 2r + 1 adjacent in
     * the image and in the sums, the rows at equal steps in both): the left-over columns of rows 2 short of a
     * whole number of tiles (the 12×12 layer's rows of 8), which {@link #pairTile4} takes.
     */
    private static boolean pairs(int[] tile, int stride) {
        int step = tile[2] - tile[0];
        int dStep = tile[PIXELS + 2] - tile[PIXELS];
        return tile[1] == tile[0] + 1 && tile[3] == tile[2] + 1 && tile[5] == tile[4] + 1
                && tile[4] - tile[2] == step && tile[PIXELS + 4] - tile[PIXELS + 2] == dStep
                && tile[PIXELS + 1] == tile[PIXELS] + stride && tile[PIXELS + 3] == tile[PIXELS + 2] + stride
                && tile[PIXELS + 5] == tile[PIXELS + 4] + stride;
    }

    /**
     * {@link #pixelTile4} for pixels at {@code b, b + 1, b + step, b + step + 1, b + 2·step, b + 2·step + 1} whose
     * sums go to {@code d, d + stride, d + dStep, ...}: 3 indices a step, each read with a constant offset as in
     * {@link #rowTile4}, where the gathered tile reads 6 unrelated ones. 12×12 float32 forward, separate JVMs:
     * JDK 17 3.05 → 3.00 ms; with {@link #fourPixelTile4} 2.91-2.93 (JDK 25 3.02-3.05 → 2.96-2.97).
     */
    private static void pairTile4(double[] image, int b, int step, int[] cols, int[] at, double[] packed, int wb,
                                  int k, double[] rows, int d, int dStep, int stride) {
        DoubleVector a00 = DoubleVector.zero(S), a01 = a00, a02 = a00, a03 = a00;
        DoubleVector a10 = a00, a11 = a00, a12 = a00, a13 = a00;
        DoubleVector a20 = a00, a21 = a00, a22 = a00, a23 = a00;
        DoubleVector a30 = a00, a31 = a00, a32 = a00, a33 = a00;
        DoubleVector a40 = a00, a41 = a00, a42 = a00, a43 = a00;
        DoubleVector a50 = a00, a51 = a00, a52 = a00, a53 = a00;
        for (int q = 0; q < k; q++) {
            int x0 = b + cols[q];
            int x1 = x0 + step;
            int x2 = x1 + step;
            int wi = wb + at[q] * (4 * L);
            DoubleVector w0 = DoubleVector.fromArray(S, packed, wi);
            DoubleVector w1 = DoubleVector.fromArray(S, packed, wi + L);
            DoubleVector w2 = DoubleVector.fromArray(S, packed, wi + 2 * L);
            DoubleVector w3 = DoubleVector.fromArray(S, packed, wi + 3 * L);
            DoubleVector v = DoubleVector.broadcast(S, image[x0]);
            a00 = w0.fma(v, a00);
            a01 = w1.fma(v, a01);
            a02 = w2.fma(v, a02);
            a03 = w3.fma(v, a03);
            v = DoubleVector.broadcast(S, image[x0 + 1]);
            a10 = w0.fma(v, a10);
            a11 = w1.fma(v, a11);
            a12 = w2.fma(v, a12);
            a13 = w3.fma(v, a13);
            v = DoubleVector.broadcast(S, image[x1]);
            a20 = w0.fma(v, a20);
            a21 = w1.fma(v, a21);
            a22 = w2.fma(v, a22);
            a23 = w3.fma(v, a23);
            v = DoubleVector.broadcast(S, image[x1 + 1]);
            a30 = w0.fma(v, a30);
            a31 = w1.fma(v, a31);
            a32 = w2.fma(v, a32);
            a33 = w3.fma(v, a33);
            v = DoubleVector.broadcast(S, image[x2]);
            a40 = w0.fma(v, a40);
            a41 = w1.fma(v, a41);
            a42 = w2.fma(v, a42);
            a43 = w3.fma(v, a43);
            v = DoubleVector.broadcast(S, image[x2 + 1]);
            a50 = w0.fma(v, a50);
            a51 = w1.fma(v, a51);
            a52 = w2.fma(v, a52);
            a53 = w3.fma(v, a53);
        }
        a00.intoArray(rows, d);
        a01.intoArray(rows, d + L);
        a02.intoArray(rows, d + 2 * L);
        a03.intoArray(rows, d + 3 * L);
        a10.intoArray(rows, d + stride);
        a11.intoArray(rows, d + stride + L);
        a12.intoArray(rows, d + stride + 2 * L);
        a13.intoArray(rows, d + stride + 3 * L);
        a20.intoArray(rows, d + dStep);
        a21.intoArray(rows, d + dStep + L);
        a22.intoArray(rows, d + dStep + 2 * L);
        a23.intoArray(rows, d + dStep + 3 * L);
        a30.intoArray(rows, d + dStep + stride);
        a31.intoArray(rows, d + dStep + stride + L);
        a32.intoArray(rows, d + dStep + stride + 2 * L);
        a33.intoArray(rows, d + dStep + stride + 3 * L);
        a40.intoArray(rows, d + 2 * dStep);
        a41.intoArray(rows, d + 2 * dStep + L);
        a42.intoArray(rows, d + 2 * dStep + 2 * L);
        a43.intoArray(rows, d + 2 * dStep + 3 * L);
        a50.intoArray(rows, d + 2 * dStep + stride);
        a51.intoArray(rows, d + 2 * dStep + stride + L);
        a52.intoArray(rows, d + 2 * dStep + stride + 2 * L);
        a53.intoArray(rows, d + 2 * dStep + stride + 3 * L);
    }

    /** {@link #pixelTile4} for the first FEW pixels of {@code tile} (a class's last pixels, when that few). */
    private static void fewPixelTile4(double[] image, int[] tile, int[] cols, int[] at, double[] packed, int wb,
                                      int k, double[] rows) {
        int b0 = tile[0], b1 = tile[1], b2 = tile[2];
        DoubleVector a00 = DoubleVector.zero(S), a01 = a00, a02 = a00, a03 = a00;
        DoubleVector a10 = a00, a11 = a00, a12 = a00, a13 = a00;
        DoubleVector a20 = a00, a21 = a00, a22 = a00, a23 = a00;
        for (int q = 0; q < k; q++) {
            int c = cols[q];
            int wi = wb + at[q] * (4 * L);
            DoubleVector w0 = DoubleVector.fromArray(S, packed, wi);
            DoubleVector w1 = DoubleVector.fromArray(S, packed, wi + L);
            DoubleVector w2 = DoubleVector.fromArray(S, packed, wi + 2 * L);
            DoubleVector w3 = DoubleVector.fromArray(S, packed, wi + 3 * L);
            DoubleVector v = DoubleVector.broadcast(S, image[b0 + c]);
            a00 = w0.fma(v, a00);
            a01 = w1.fma(v, a01);
            a02 = w2.fma(v, a02);
            a03 = w3.fma(v, a03);
            v = DoubleVector.broadcast(S, image[b1 + c]);
            a10 = w0.fma(v, a10);
            a11 = w1.fma(v, a11);
            a12 = w2.fma(v, a12);
            a13 = w3.fma(v, a13);
            v = DoubleVector.broadcast(S, image[b2 + c]);
            a20 = w0.fma(v, a20);
            a21 = w1.fma(v, a21);
            a22 = w2.fma(v, a22);
            a23 = w3.fma(v, a23);
        }
        a00.intoArray(rows, tile[PIXELS]);
        a01.intoArray(rows, tile[PIXELS] + L);
        a02.intoArray(rows, tile[PIXELS] + 2 * L);
        a03.intoArray(rows, tile[PIXELS] + 3 * L);
        a10.intoArray(rows, tile[PIXELS + 1]);
        a11.intoArray(rows, tile[PIXELS + 1] + L);
        a12.intoArray(rows, tile[PIXELS + 1] + 2 * L);
        a13.intoArray(rows, tile[PIXELS + 1] + 3 * L);
        a20.intoArray(rows, tile[PIXELS + 2]);
        a21.intoArray(rows, tile[PIXELS + 2] + L);
        a22.intoArray(rows, tile[PIXELS + 2] + 2 * L);
        a23.intoArray(rows, tile[PIXELS + 2] + 3 * L);
    }

    /**
     * {@link #pixelTile4} for the first 4 pixels of {@code tile}: a class's last pixels when they are 4 (the 12×12
     * layer's 16 left-over pixels a sample, 6 + 6 + 4), which a whole tile would take with a third of its
     * products thrown away.
     */
    private static void fourPixelTile4(double[] image, int[] tile, int[] cols, int[] at, double[] packed, int wb,
                                      int k, double[] rows) {
        int b0 = tile[0], b1 = tile[1], b2 = tile[2], b3 = tile[3];
        DoubleVector a00 = DoubleVector.zero(S), a01 = a00, a02 = a00, a03 = a00;
        DoubleVector a10 = a00, a11 = a00, a12 = a00, a13 = a00;
        DoubleVector a20 = a00, a21 = a00, a22 = a00, a23 = a00;
        DoubleVector a30 = a00, a31 = a00, a32 = a00, a33 = a00;
        for (int q = 0; q < k; q++) {
            int c = cols[q];
            int wi = wb + at[q] * (4 * L);
            DoubleVector w0 = DoubleVector.fromArray(S, packed, wi);
            DoubleVector w1 = DoubleVector.fromArray(S, packed, wi + L);
            DoubleVector w2 = DoubleVector.fromArray(S, packed, wi + 2 * L);
            DoubleVector w3 = DoubleVector.fromArray(S, packed, wi + 3 * L);
            DoubleVector v = DoubleVector.broadcast(S, image[b0 + c]);
            a00 = w0.fma(v, a00);
            a01 = w1.fma(v, a01);
            a02 = w2.fma(v, a02);
            a03 = w3.fma(v, a03);
            v = DoubleVector.broadcast(S, image[b1 + c]);
            a10 = w0.fma(v, a10);
            a11 = w1.fma(v, a11);
            a12 = w2.fma(v, a12);
            a13 = w3.fma(v, a13);
            v = DoubleVector.broadcast(S, image[b2 + c]);
            a20 = w0.fma(v, a20);
            a21 = w1.fma(v, a21);
            a22 = w2.fma(v, a22);
            a23 = w3.fma(v, a23);
            v = DoubleVector.broadcast(S, image[b3 + c]);
            a30 = w0.fma(v, a30);
            a31 = w1.fma(v, a31);
            a32 = w2.fma(v, a32);
            a33 = w3.fma(v, a33);
        }
        a00.intoArray(rows, tile[PIXELS]);
        a01.intoArray(rows, tile[PIXELS] + L);
        a02.intoArray(rows, tile[PIXELS] + 2 * L);
        a03.intoArray(rows, tile[PIXELS] + 3 * L);
        a10.intoArray(rows, tile[PIXELS + 1]);
        a11.intoArray(rows, tile[PIXELS + 1] + L);
        a12.intoArray(rows, tile[PIXELS + 1] + 2 * L);
        a13.intoArray(rows, tile[PIXELS + 1] + 3 * L);
        a20.intoArray(rows, tile[PIXELS + 2]);
        a21.intoArray(rows, tile[PIXELS + 2] + L);
        a22.intoArray(rows, tile[PIXELS + 2] + 2 * L);
        a23.intoArray(rows, tile[PIXELS + 2] + 3 * L);
        a30.intoArray(rows, tile[PIXELS + 3]);
        a31.intoArray(rows, tile[PIXELS + 3] + L);
        a32.intoArray(rows, tile[PIXELS + 3] + 2 * L);
        a33.intoArray(rows, tile[PIXELS + 3] + 3 * L);
    }

    /** WIDE_PIXELS pixels of one row from window start {@code at} × 2 vectors of channels. */
    private static void rowTile2(double[] image, int at, int[] cols, double[] packed, int wb, int k, double[] rows,
                                 int d, int stride) {
        DoubleVector a00 = DoubleVector.zero(S), a01 = a00, a10 = a00, a11 = a00, a20 = a00, a21 = a00;
        DoubleVector a30 = a00, a31 = a00, a40 = a00, a41 = a00, a50 = a00, a51 = a00;
        DoubleVector a60 = a00, a61 = a00, a70 = a00, a71 = a00, a80 = a00, a81 = a00;
        DoubleVector a90 = a00, a91 = a00, aa0 = a00, aa1 = a00, ab0 = a00, ab1 = a00;
        for (int q = 0; q < k; q++) {
            int x = at + cols[q];
            int wi = wb + q * (2 * L);
            DoubleVector w0 = DoubleVector.fromArray(S, packed, wi);
            DoubleVector w1 = DoubleVector.fromArray(S, packed, wi + L);
            DoubleVector v = DoubleVector.broadcast(S, image[x]);
            a00 = w0.fma(v, a00);
            a01 = w1.fma(v, a01);
            v = DoubleVector.broadcast(S, image[x + 1]);
            a10 = w0.fma(v, a10);
            a11 = w1.fma(v, a11);
            v = DoubleVector.broadcast(S, image[x + 2]);
            a20 = w0.fma(v, a20);
            a21 = w1.fma(v, a21);
            v = DoubleVector.broadcast(S, image[x + 3]);
            a30 = w0.fma(v, a30);
            a31 = w1.fma(v, a31);
            v = DoubleVector.broadcast(S, image[x + 4]);
            a40 = w0.fma(v, a40);
            a41 = w1.fma(v, a41);
            v = DoubleVector.broadcast(S, image[x + 5]);
            a50 = w0.fma(v, a50);
            a51 = w1.fma(v, a51);
            v = DoubleVector.broadcast(S, image[x + 6]);
            a60 = w0.fma(v, a60);
            a61 = w1.fma(v, a61);
            v = DoubleVector.broadcast(S, image[x + 7]);
            a70 = w0.fma(v, a70);
            a71 = w1.fma(v, a71);
            v = DoubleVector.broadcast(S, image[x + 8]);
            a80 = w0.fma(v, a80);
            a81 = w1.fma(v, a81);
            v = DoubleVector.broadcast(S, image[x + 9]);
            a90 = w0.fma(v, a90);
            a91 = w1.fma(v, a91);
            v = DoubleVector.broadcast(S, image[x + 10]);
            aa0 = w0.fma(v, aa0);
            aa1 = w1.fma(v, aa1);
            v = DoubleVector.broadcast(S, image[x + 11]);
            ab0 = w0.fma(v, ab0);
            ab1 = w1.fma(v, ab1);
        }
        a00.intoArray(rows, d);
        a01.intoArray(rows, d + L);
        a10.intoArray(rows, d + stride);
        a11.intoArray(rows, d + stride + L);
        a20.intoArray(rows, d + 2 * stride);
        a21.intoArray(rows, d + 2 * stride + L);
        a30.intoArray(rows, d + 3 * stride);
        a31.intoArray(rows, d + 3 * stride + L);
        a40.intoArray(rows, d + 4 * stride);
        a41.intoArray(rows, d + 4 * stride + L);
        a50.intoArray(rows, d + 5 * stride);
        a51.intoArray(rows, d + 5 * stride + L);
        a60.intoArray(rows, d + 6 * stride);
        a61.intoArray(rows, d + 6 * stride + L);
        a70.intoArray(rows, d + 7 * stride);
        a71.intoArray(rows, d + 7 * stride + L);
        a80.intoArray(rows, d + 8 * stride);
        a81.intoArray(rows, d + 8 * stride + L);
        a90.intoArray(rows, d + 9 * stride);
        a91.intoArray(rows, d + 9 * stride + L);
        aa0.intoArray(rows, d + 10 * stride);
        aa1.intoArray(rows, d + 10 * stride + L);
        ab0.intoArray(rows, d + 11 * stride);
        ab1.intoArray(rows, d + 11 * stride + L);
    }

    /** PIXELS pixels anywhere × 2 vectors of channels ({@link #pixelTile}). */
    private static void pixelTile2(double[] image, int[] tile, int[] cols, int[] at, double[] packed, int wb, int k,
                                   double[] rows) {
        int b0 = tile[0], b1 = tile[1], b2 = tile[2], b3 = tile[3], b4 = tile[4], b5 = tile[5];
        DoubleVector a00 = DoubleVector.zero(S), a01 = a00, a10 = a00, a11 = a00, a20 = a00, a21 = a00;
        DoubleVector a30 = a00, a31 = a00, a40 = a00, a41 = a00, a50 = a00, a51 = a00;
        for (int q = 0; q < k; q++) {
            int c = cols[q];
            int wi = wb + at[q] * (2 * L);
            DoubleVector w0 = DoubleVector.fromArray(S, packed, wi);
            DoubleVector w1 = DoubleVector.fromArray(S, packed, wi + L);
            DoubleVector v = DoubleVector.broadcast(S, image[b0 + c]);
            a00 = w0.fma(v, a00);
            a01 = w1.fma(v, a01);
            v = DoubleVector.broadcast(S, image[b1 + c]);
            a10 = w0.fma(v, a10);
            a11 = w1.fma(v, a11);
            v = DoubleVector.broadcast(S, image[b2 + c]);
            a20 = w0.fma(v, a20);
            a21 = w1.fma(v, a21);
            v = DoubleVector.broadcast(S, image[b3 + c]);
            a30 = w0.fma(v, a30);
            a31 = w1.fma(v, a31);
            v = DoubleVector.broadcast(S, image[b4 + c]);
            a40 = w0.fma(v, a40);
            a41 = w1.fma(v, a41);
            v = DoubleVector.broadcast(S, image[b5 + c]);
            a50 = w0.fma(v, a50);
            a51 = w1.fma(v, a51);
        }
        a00.intoArray(rows, tile[PIXELS]);
        a01.intoArray(rows, tile[PIXELS] + L);
        a10.intoArray(rows, tile[PIXELS + 1]);
        a11.intoArray(rows, tile[PIXELS + 1] + L);
        a20.intoArray(rows, tile[PIXELS + 2]);
        a21.intoArray(rows, tile[PIXELS + 2] + L);
        a30.intoArray(rows, tile[PIXELS + 3]);
        a31.intoArray(rows, tile[PIXELS + 3] + L);
        a40.intoArray(rows, tile[PIXELS + 4]);
        a41.intoArray(rows, tile[PIXELS + 4] + L);
        a50.intoArray(rows, tile[PIXELS + 5]);
        a51.intoArray(rows, tile[PIXELS + 5] + L);
    }

    /**
     * {@link #forward}'s samples or {@link #accGradWeight}'s tiles split over threads, the arguments as fields
     * ({@link KernelThreads.Task}).
     */
    private static final class Split extends KernelThreads.Task {
        static final int FORWARD = 0;
        static final int WEIGHT_ROW_TILES = 1;
        static final int WEIGHT_TILES = 2;
        private static final ThreadLocal<Split> SPLITS = ThreadLocal.withInitial(Split::new);
        int kind;
        double[] image;
        Conv2dShape s;
        // the forward's
        Plan plan;
        double[] packed;
        double[] b;
        double[] pre;
        double[] out;
        Activation act;
        // the weight gradient's; units: rowUnits or tiles
        double[] g;
        double[] sums;
        double[] biasSums; //f32-same
        int units;
        boolean edges;
        TapWindows tw;

        static Split idle(int kind, double[] image, Conv2dShape s) {
            Split t = KernelThreads.idle(SPLITS, Split::new);
            t.kind = kind;
            t.image = image;
            t.s = s;
            return t;
        }

        Split weights(double[] g, double[] sums, double[] biasSums, int units) { //f32: Split weights(float[] g, float[] sums, double[] biasSums, int units) {
            this.g = g;
            this.sums = sums;
            this.biasSums = biasSums;
            this.units = units;
            return this;
        }

        @Override
        public void run(int from, int to) {
            switch (kind) {
                case FORWARD -> {
                    for (int n = from; n < to; n++) {
                        sample(image, s, plan, packed, b, pre, out, act, n);
                    }
                }
                case WEIGHT_ROW_TILES -> weightRowTiles(image, edges, s, g, sums, biasSums, units, from, to);
                case WEIGHT_TILES -> weightTiles(image, s, tw, g, sums, biasSums, units, from, to);
                default -> throw new IllegalStateException("split " + kind);
            }
        }

        @Override
        void clear() {
            image = null;
            s = null;
            plan = null;
            packed = null;
            b = null;
            pre = null;
            out = null;
            act = null;
            g = null;
            sums = null;
            biasSums = null;
            tw = null;
        }
    }
}
