package io.github.jnn.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The three products of a Linear layer the BLIS way, as one strided product {@code C[M×N] (+)= A[M×K]·B[K×N]}:
 * B is packed into panels of NR = 2 vectors of columns (contiguous along N) in k blocks of KC rows, A into
 * slivers of MR rows interleaved by column, and an MR×NR register tile accumulates
 * {@code broadcast(A[i][p]) · panel[p]} with no reductions. B's panels are packed for up to KB rows of k at
 * once, so each MC×NC block of C is summed over all those k blocks in a contiguous scratch block and written
 * into C once (see {@link #block}). Packing reads A and B
 * through strides, so the transposes the backward products need cost nothing beyond the packing itself:
 * <ul>
 * <li>forward {@code out = act(x·wᵀ + b)}: A = x, B = wᵀ (w read down its rows), with the bias + activation
 *     epilogue applied as the last k block's sums are added into C;</li>
 * <li>{@code gradX = g·w}: A = g, B = w;</li>
 * <li>{@code gradW += gᵀ·x}: A = gᵀ (g read down its columns), B = x, accumulated;</li>
 * <li>a convolution's forward {@code w · Pᵀ} and weight gradient {@code gᵀ · P}, P the im2col matrix of its
 *     input packed straight from the input through a {@link PatchMatrix}; the forward's C is written as
 *     NCHW planes.</li>
 * </ul>
 * Packing buffers and the objects that carry a split call's arguments to the threads are per thread and
 * reused, so a call allocates nothing after the thread's first.
 */
final class GemmPacked {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /**
     * Rows of a register tile. AVX2: 4 × 2 accumulators + 2 panel vectors + 4 broadcasts fit its 16 registers
     * even when C2 issues all of a step's broadcasts first, which it does. A 6-row tile (12 accumulators) ran
     * at half speed on JDK 25 (spills) and no faster on JDK 17; a 4 × 3 tile spilled on both (AVX2, measured).
     * AVX-512 has 32 registers, and there 8 rows (16 accumulators) keep both FMA pipes fed where 4 rows left
     * them idle part of the time: with the row copies ({@link #ROW_STRIDE}) every product 7-16 % faster, the
     * float32 1024×1024×1024 input gradient 11.9 → 10.6 ms (KernelBuildsAB, JDK 17; docs/gemm-avx512.md,
     * session 22).
     */
    private static final int MR = S.vectorBitSize() >= 512 ? 8 : 4;
    /** Columns of a register tile and width of a packed panel. */
    private static final int NR = 2 * L;
    /**
     * Panel values per packed A value: the tile's panel index is this multiple of its sliver index (the
     * loop's only induction variable), so C2 drops the panel's bounds checks; stepping both indices on their
     * own kept two checks per step. {@code NR} is a multiple of {@code MR} for vectors of 128 bits and more.
     */
    private static final int PANEL_PER_SLIVER = NR / MR;
    /**
     * Packing 4 rows of A into a sliver transposes 4 × L blocks: two rounds of zips, each a lane
     * permutation of two vectors and a blend. Needs L to be a multiple of 4 (256 bits in float64).
     */
    private static final boolean VECTOR_TRANSPOSE = MR == 4 && L % 4 == 0;
    /**
     * Packing panels of a B whose columns are contiguous (the forward's wᵀ) transposes by zips for L = 4, 8
     * and 16 ({@link #transposePanel}), value by value for other lengths.
     */
    private static final boolean PANEL_TRANSPOSE = L == 4 || L == 8 || L == 16;
    /** Zip of two vectors: lanes from their lower (SPREAD_LO) or upper halves, alternately from each. */
    private static final VectorShuffle<Double> SPREAD_LO = VectorShuffle.fromArray(S, spread(0, 1), 0);
    private static final VectorShuffle<Double> SPREAD_HI = VectorShuffle.fromArray(S, spread(L / 2, 1), 0);
    /** The same for pairs of lanes. */
    private static final VectorShuffle<Double> SPREAD_PAIRS_LO = VectorShuffle.fromArray(S, spread(0, 2), 0);
    private static final VectorShuffle<Double> SPREAD_PAIRS_HI = VectorShuffle.fromArray(S, spread(L / 2, 2), 0);
    private static final VectorMask<Double> ODD_LANES = VectorMask.fromArray(S, oddGroups(1), 0);
    private static final VectorMask<Double> ODD_PAIRS = VectorMask.fromArray(S, oddGroups(2), 0);
    /** The same for groups of 4 and 8 lanes ({@link #transposeQuads}; null where the vectors are too short). */
    private static final VectorShuffle<Double> SPREAD_QUADS_LO = L >= 8 ? shuffle(spread(0, 4)) : null;
    private static final VectorShuffle<Double> SPREAD_QUADS_HI = L >= 8 ? shuffle(spread(L / 2, 4)) : null;
    private static final VectorMask<Double> ODD_QUADS = L >= 8 ? VectorMask.fromArray(S, oddGroups(4), 0) : null;
    private static final VectorShuffle<Double> SPREAD_OCTS_LO = L >= 16 ? shuffle(spread(0, 8)) : null;
    private static final VectorShuffle<Double> SPREAD_OCTS_HI = L >= 16 ? shuffle(spread(L / 2, 8)) : null;
    private static final VectorMask<Double> ODD_OCTS = L >= 16 ? VectorMask.fromArray(S, oddGroups(8), 0) : null;
    /** k block: a KC × NR panel (32 KB with AVX-512) stays in L1 while the tile rows stream past. */
    private static final int KC = 256;
    /**
     * 8-row slivers of an A with contiguous rows are not interleaved but copied row by row, ROW_STRIDE apart
     * ({@link #tile8Rows}): the broadcasts' offsets are then constants, as in the interleaved layout, and the
     * packing a copy, where interleaving 8 rows took three rounds of zips (a fifth of the float32 64×784×256
     * forward, transposing w, on JDK 17). 16 values past KC keep the 8 rows off one set of L1.
     */
    private static final int ROW_STRIDE = KC + 16;
    /**
     * Rows of the tile over rows copied ({@link #tile12Rows}, 24 accumulators of AVX-512's 32 registers), while
     * an m block has that many rows left; its last rows go through 8-row tiles, which may run up to 7 rows past
     * the block (rows that are never stored: the buffers have {@link #TILE_SPARE_ROWS} more). Against 8-row
     * tiles throughout, KernelBuildsAB, one thread, JDK 17, an Intel Xeon, minima: float32 1024×1024×1024
     * forward 15.7 → 14.8 ms, input gradient 15.0 → 14.4, float64 forward 34.3 → 33.3, float32 1024×256×1024
     * forward 3.56 → 3.47 (JDK 25 3.52 → 3.39); 64×784×256 within 2 % (docs/gemm-avx512.md, session 46).
     */
    private static final int WIDE_TILE_ROWS = 12;
    /** Rows past an m block that its last 8-row tiles may read and write (in the scratch buffers). */
    private static final int TILE_SPARE_ROWS = 8;
    /** Per thread: the NR/4 slivers of 4 columns of one panel, KC × 4 values each. */
    private static final ThreadLocal<double[]> PANEL_SLIVERS = ThreadLocal.withInitial(() -> new double[NR * KC]);
    /** Per thread: where the windows of one k block of a {@link PatchMatrix} B start. */
    private static final ThreadLocal<int[]> WINDOW_STARTS = ThreadLocal.withInitial(() -> new int[KC]);
    /**
     * n block: the width of one block of C summed in the scratch block. 1024 with 512-bit vectors, whose
     * cores have 1 MB of L2 or more (the MC × NC scratch block is 768 KB in float64), 256 otherwise: each n
     * block packs A again, and C's rows are written in NC-wide segments. On AVX-512, 1024 against 256: weight
     * gradients 3–10 % faster, forward and input gradient the same or up to 3 %; on AVX2 (512 KB of L2), 1024
     * measured no faster (docs/gemm-avx512.md, docs/gemm-avx2.md). Narrower where k is long ({@link #columnBlock}).
     */
    private static final int NC = S.vectorBitSize() >= 512 ? 1024 : 256;
    /**
     * Rows of k packed at once, a multiple of KC: a block of C is summed over up to KB/KC k blocks in the
     * scratch block before it is written into C. With one k block per pass C was read and written once per
     * k block, from memory once C outgrew L2 (a tenth of the time at 1024×1024×1024). The KB × NC packed
     * panels (4 MB: 2048 × 256 or 512 × 1024 in float64, twice as many rows in float32) are read from L3,
     * each panel once per m block, then from L1. float32 at 1024 rows of k against 512 (KernelBuildsAB, JDK
     * 17, minima): 1024×1024×1024 forward 12.5 → 12.3 ms, input gradient 12.4 → 12.0, 64×784×256 forward
     * 0.196 → 0.192; float64 at 1024 rows was slower (1024×1024×1024 forward 28.3 → 28.9 ms).
     */
    private static final int KB = 512 * 1024 / NC / KC * KC; //f32: private static final int KB = 1024 * 1024 / NC / KC * KC;
    /**
     * m block, a multiple of MR: MC rows of x × KC (≈ 200 KB in float64, 100 KB in float32) are re-read once
     * per panel, from L2.
     */
    private static final int MC = 96;

    /** Columns from which the product is split by columns (4 panels per thread for 2 threads). */
    private static final int MIN_COLUMN_SPLIT = 8 * NR;

    /** Packed panels of B from PANELS_START, grown to KB × NC as k needs. */
    private static final ThreadLocal<double[]> PACK = ThreadLocal.withInitial(() -> AlignedArrays.doubles(KC * NC));
    /**
     * Where the panels start in PACK: on a cache line's start (with G1, {@link AlignedArrays}), so that no
     * panel vector is split across two lines, which cost an Intel Xeon's cores a second L1 access (float32 and float64
     * 1024×1024×1024 forward 11-12 % faster aligned, docs/alignment.md).
     */
    private static final int PANELS_START = AlignedArrays.doubleStart();
    /**
     * Values after each sliver: room for the surplus of the vector copies that pack Gᵀ (see
     * {@link #packRows}). (It also keeps slivers of a full k block from lying 8 KB apart, on one L1 set; that
     * alone measured no faster.)
     */
    private static final int SLIVER_GAP = 16;
    /** Slivers of Gᵀ are copied L values at a time, MR of them kept; the rest must fit in the gap. */
    private static final boolean VECTOR_SLIVER_COPY = L >= MR && L - MR <= SLIVER_GAP;
    private static final ThreadLocal<double[]> PACK_A =
            ThreadLocal.withInitial(() -> new double[Math.max(MC / MR * (KC * MR + SLIVER_GAP),
                    (MC + TILE_SPARE_ROWS) * ROW_STRIDE)]);
    /** Per thread: one bias value repeated over a block row, for the epilogue of C stored as planes. */
    private static final ThreadLocal<double[]> BIAS_ROW = ThreadLocal.withInitial(() -> new double[NC]);
    /** The row stride of the scratch sums: NC and 16 more values (see {@link #SUMS}). */
    private static final int SUMS_ROW = NC + 16;
    /**
     * One MC×NC block's tile sums, row stride SUMS_ROW (MC and NC are multiples of MR and NR). Rows NC apart
     * would be 4 or 8 KB apart, so a tile's rows of sums would share one set of L1 with the panel's lines
     * (float32 1024×1024×1024 input gradient 1-2 % faster with the 16 values).
     */
    private static final ThreadLocal<double[]> SUMS =
            ThreadLocal.withInitial(() -> new double[(MC + TILE_SPARE_ROWS) * SUMS_ROW]);
    /**
     * The largest C whose whole tiles take their sums straight from the tile ({@link #block}): past L2 the
     * tiles' 8 rows a C row apart went to L3 and beyond (float64 256×1024×1024 weight gradient, an 8 MB C,
     * medians 5.9 → 6.9 ms in one KernelBuildsAB run, 6.8 ms in a comparison run against 5.8 before; with
     * this bound 6.6 → 6.2, the float64 64×784×256 weight gradient, a 1.6 MB C, keeping 0.289 → 0.250).
     */
    private static final long DIRECT_C_BYTES = 2L << 20;
    /** The same block transposed, row stride MC ({@link #storeTransposed}). */
    private static final ThreadLocal<double[]> TRANSPOSED = ThreadLocal.withInitial(() -> new double[MC * NC]);

    private GemmPacked() {
    }

    /**
     * Lane indices that repeat each group of {@code width} lanes from {@code offset} on twice in a row, so
     * that blending two such permutations with {@link #oddGroups} interleaves the two vectors' groups (two
     * single-vector permutations and a blend: the two-vector {@code rearrange} was 3× slower on JDK 17). Such a
     * zip, {@code x.rearrange(spread).blend(y.rearrange(spread), odd)}, is written out where it is used: as a
     * helper method taking and returning vectors it was compiled into the transposes in some JVMs and called
     * with its vectors boxed in others (JDK 17: a step of the float32 784-256-10 network allocating 0.5-0.8 MB
     * and 10-20 % slower in a third to a half of the JVMs; docs/performance.md).
     */
    private static int[] spread(int offset, int width) {
        int[] lanes = new int[L];
        for (int i = 0; i < L; i++) {
            lanes[i] = offset + i / (2 * width) * width + i % width;
        }
        return lanes;
    }

    private static VectorShuffle<Double> shuffle(int[] lanes) {
        return VectorShuffle.fromArray(S, lanes, 0);
    }

    /** True in every second group of {@code width} lanes. */
    private static boolean[] oddGroups(int width) {
        boolean[] odd = new boolean[L];
        for (int i = 0; i < L; i++) {
            odd[i] = i / width % 2 == 1;
        }
        return odd;
    }

    /**
     * {@code out[m×n] = act(x[m×k]·w[n×k]ᵀ + b)}, {@code pre} (if not null) the value before act. With at
     * least twice as many outputs as rows it computes {@code outᵀ = w · xᵀ} instead (C stored transposed, as
     * planes of one pixel): B's panels are a transpose in either form, and there they are the smaller
     * operand's, x's, while w goes into slivers: 4-row ones, half the lane permutations of a panel in float32
     * (JDK 17 compiles each with an index check), or 8 rows copied as they are with AVX-512. Each output is the same chain of fused multiply-adds in either
     * form, so the same bits.
     */
    static void linearForward(double[] x, double[] w, double[] b, double[] pre, double[] out,
                              int m, int k, int n, Activation act) {
        linearForward(x, w, b, pre, out, m, k, n, act, 2L * m <= n);
    }

    /** {@link #linearForward} in the form chosen: {@code outᵀ = w · xᵀ} if {@code transposed} (for the tests). */
    static void linearForward(double[] x, double[] w, double[] b, double[] pre, double[] out,
                              int m, int k, int n, Activation act, boolean transposed) {
        if (transposed) {
            multiply(w, k, 1, x, 1, k, null, b, pre, out, n, k, m, act, false, 1);
        } else {
            multiply(x, k, 1, w, 1, k, null, b, pre, out, m, k, n, act, false, 0);
        }
    }

    /** {@code gradX[m×k] = g[m×n]·w[n×k]}, overwritten. */
    static void linearGradInput(double[] g, double[] w, double[] gradX, int m, int k, int n) {
        multiply(g, n, 1, w, k, 1, null, null, null, gradX, m, n, k, Activation.NONE, false, 0);
    }

    /**
     * {@link #linearGradInput} on the calling thread, with W packed or, where it may be, read in place (for the
     * tests).
     */
    static void linearGradInput(double[] g, double[] w, double[] gradX, int m, int k, int n, boolean packW) {
        columns(g, n, 1, w, k, 1, null, null, null, gradX, m, n, k, Activation.NONE, false, 0, 0, k, !packW);
    }

    /** {@code gradW[n×k] (+)= g[m×n]ᵀ·x[m×k]}, added to gradW if {@code accumulate}, else overwriting it. */
    static void linearGradWeight(double[] g, double[] x, double[] gradW, int m, int k, int n, boolean accumulate) {
        multiply(g, 1, n, x, k, 1, null, null, null, gradW, n, m, k, Activation.NONE, accumulate, 0);
    }

    /**
     * A convolution's forward on its patches read in place, straight into NCHW planes:
     * {@code out[s, o, p] = act((w[o×k] · Pᵀ)[o, s·pixels + p] + b[o])}, P the {@code windows × k} im2col
     * matrix of {@code image} ({@link PatchMatrix}), all samples' windows side by side. With w as A, each
     * output channel is a row of C, so no transpose from pixel-major rows follows (it took a third of the
     * first layer's forward), and a panel of Pᵀ takes each patch element of its 2L windows in two L-wide
     * copies, where P's 4-row slivers took one L-wide copy per 4 windows.
     */
    static void convForward(double[] image, PatchMatrix patches, double[] w, double[] b, double[] pre,
                            double[] out, int o, int k, int windows, Activation act) {
        multiply(w, k, 1, image, 0, 0, patches.transposed(), b, pre, out, o, k, windows, act, false,
                patches.pixels);
    }

    /** {@code gradW[n×k] += gT[n×m]·P}, P the {@code m × k} im2col matrix of {@code image}. */
    static void convAccGradWeight(double[] gT, double[] image, PatchMatrix patches, double[] gradW, int m, int k,
                                  int n) {
        multiply(gT, m, 1, image, 0, 0, patches, null, null, gradW, n, m, k, Activation.NONE, true, 0);
    }

    /**
     * A convolution's patch gradients, transposed: {@code patches[k×cols] = w[o×k]ᵀ · gT[o×cols]}, one column
     * per window (the windows of several samples side by side), overwritten.
     */
    static void convPatchGradients(double[] w, double[] gT, double[] patches, int k, int o, int cols) {
        multiply(w, 1, k, gT, cols, 1, null, null, null, patches, k, o, cols, Activation.NONE, false, 0);
    }

    /**
     * {@code C[M×N] (+)= A·B} with {@code A(i,p) = a[i*ars + p*acs]}, {@code B(p,j) = bm[p*brs + j*bcs]} (or,
     * where {@code pb} is not null, the patches of {@code bm} or their transpose, strides unused), C row-major
     * in {@code out} (and {@code pre}, see {@link #storeRow}), or with {@code planes > 0} as NCHW planes of
     * that many pixels, C(i, j) at {@code ((j / planes)·M + i)·planes + j % planes} and the bias per row;
     * {@code K >= 1}. With enough output columns the columns are split over {@link KernelThreads} in chunks
     * aligned to whole panels: each task packs its own panels and runs the whole loop nest alone, with no
     * synchronisation until the end (two such tasks run at the full single-core speed each, measured). Where
     * B is one block (all its columns and all of k packed at once) and either C is the transposed forward, or
     * A is read transposed (the weight gradients' Gᵀ), or each thread gets an m block of rows or more, the rows
     * are split instead and each thread packs all of B for itself ({@link #rows}). With few columns otherwise,
     * each B block is packed once (its panels split over the threads) and the rows are split around the shared
     * panels ({@link #sharedPanels}). Every split computes every element exactly as one thread does: the same
     * k blocks in the same order, and panel boundaries at the same columns.
     */
    private static void multiply(double[] a, int ars, int acs, double[] bm, int brs, int bcs, PatchMatrix pb,
                                 double[] b, double[] pre, double[] out, int m, int k, int n, Activation act,
                                 boolean acc, int planes) {
        double flops = KernelThreads.productWork(2.0 * m * k * n); //f32-same
        boolean rowsShareCheapPanels = k <= KC && m >= (long) KernelThreads.get() * MC;
        boolean oneBlock = n <= NC && k <= kBlock(n); // B packed whole, all n columns and all k at once
        int rowAlign = rowAlign(planes);
        // by rows where B is one block and A is the weights (the transposed forward), or is read transposed
        // (the column split would make each thread transpose all of it), or its rows fill an m block a thread
        boolean byRows = oneBlock && (planes == 1 || acs != 1 || rowsShareCheapPanels);
        if (byRows && KernelThreads.pays(m, rowAlign, flops)) {
            Split.idle(Split.ROWS, a, ars, acs, bm, brs, bcs, pb, b, pre, out, m, k, n, act, acc, planes)
                    .forRows(m, rowAlign, flops);
        } else if (n >= MIN_COLUMN_SPLIT && !rowsShareCheapPanels && KernelThreads.pays(n, NR, flops)) {
            Split.idle(Split.COLUMNS, a, ars, acs, bm, brs, bcs, pb, b, pre, out, m, k, n, act, acc, planes)
                    .forRows(n, NR, flops);
        } else if (KernelThreads.pays(m, MR, flops)) {
            sharedPanels(a, ars, acs, bm, brs, bcs, pb, b, pre, out, m, k, n, act, acc, planes);
        } else {
            columns(a, ars, acs, bm, brs, bcs, pb, b, pre, out, m, k, n, act, acc, planes, 0, n, true);
        }
    }

    /**
     * Output columns {@code [colFrom, colTo)}, all rows, on the calling thread with its own packing buffer;
     * B's whole panels read where B lies if {@code mayReadB} and {@link #readsBInPlace} allow.
     */
    private static void columns(double[] a, int ars, int acs, double[] bm, int brs, int bcs, PatchMatrix pb,
                                double[] b, double[] pre, double[] out, int m, int k, int n, Activation act,
                                boolean acc, int planes, int colFrom, int colTo, boolean mayReadB) {
        double[] panel = panels(k);
        int width = columnBlock(k, colTo - colFrom);
        for (int jc = colFrom; jc < colTo; jc += width) {
            int nc = Math.min(width, colTo - jc);
            int kbMax = kBlock(nc);
            for (int kb = 0; kb < k; kb += kbMax) {
                int kbc = Math.min(kbMax, k - kb);
                boolean inPlace = mayReadB && readsBInPlace(pb, bcs, acs, m, brs);
                pack(bm, brs, bcs, pb, jc, nc, kb, kbc, panel, inPlace ? nc / NR * NR : 0, nc);
                block(a, ars, acs, b, pre, out, m, k, n, act, acc, planes, panel, jc, nc, kb, kbc, 0, m,
                        inPlace ? bm : null, brs);
            }
        }
    }

    /**
     * Rows {@code [rowFrom, rowTo)} of a product whose B is one block (all n columns, all k), packed whole by
     * the calling thread. Packing B twice on two threads costs less than what it saves:
     * <ul>
     * <li>the transposed forward's A is the weight matrix; a thread that reads only its own rows of it never
     * holds lines that the other thread's share of the optimizer's update and of the weight gradient write
     * (the same rows of W). In the column split each thread read all of W, and each update then had to take
     * half of W back from the other core's cache;</li>
     * <li>with B's panels shared (each thread packing half of them), every call read the other half from the
     * other core's cache;</li>
     * <li>where A is read transposed (Gᵀ in a weight gradient), the column split had each thread transpose all
     * of A, while B (X) is copied as it is: float32 1024³ weight gradient 6.83 → 5.59 and 6.26 → 5.62 ms. Where B
     * is more than one block (float64 1024³), packing all of B on each thread, or sharing its blocks, was
     * 12 % slower than the column split.</li>
     * </ul>
     * 2 threads, KernelBuildsAB (JDK 17, medians): float32 64×784×256 weight gradient 0.105 → 0.084 ms,
     * float64 0.234 → 0.199; lean steps (with gradients cleared by the split {@code zero}, the same halves),
     * float32 784-1024-10 3.94 → 3.19 ms, 784-256-10 0.62 → 0.50, float64 784-1024-10 8.58 → 7.09,
     * 784-256-10 1.38 → 0.90. Alone, with W unchanged between calls, the float64 128×784×256 forward lost
     * 0.31 → 0.34 ms (twice the packing) where the column split kept W in both caches.
     */
    private static void rows(double[] a, int ars, int acs, double[] bm, int brs, int bcs, PatchMatrix pb,
                             double[] b, double[] pre, double[] out, int m, int k, int n, Activation act,
                             boolean acc, int planes, int rowFrom, int rowTo) {
        double[] panel = panels(k);
        pack(bm, brs, bcs, pb, 0, n, 0, k, panel, 0, n);
        block(a, ars, acs, b, pre, out, m, k, n, act, acc, planes, panel, 0, n, 0, k, rowFrom, rowTo, null, 0);
    }

    /**
     * What a split of C's rows is aligned to: with C transposed (planes == 1) its rows are out's columns, split
     * at whole vectors so that each of out's rows is cut where one thread cuts it (a fused sigmoid's last
     * values are scalar); else whole tiles.
     */
    private static int rowAlign(int planes) {
        return planes == 1 ? NR : MR;
    }

    /** Few columns: one shared packing of each B block (panels packed in parallel), rows split over threads. */
    private static void sharedPanels(double[] a, int ars, int acs, double[] bm, int brs, int bcs, PatchMatrix pb,
                                     double[] b, double[] pre, double[] out, int m, int k, int n, Activation act,
                                     boolean acc, int planes) {
        double[] panel = panels(k);
        int width = columnBlock(k, n);
        for (int jc = 0; jc < n; jc += width) {
            int nc = Math.min(width, n - jc);
            int kbMax = kBlock(nc);
            for (int kb = 0; kb < k; kb += kbMax) {
                int kbc = Math.min(kbMax, k - kb);
                double flops = 2.0 * m * kbc * nc; //f32-same
                if (KernelThreads.pays(nc, NR, flops)) {
                    Split.idle(Split.PACK, a, ars, acs, bm, brs, bcs, pb, b, pre, out, m, k, n, act, acc, planes)
                            .block(panel, jc, nc, kb, kbc).forRows(nc, NR, flops);
                } else {
                    pack(bm, brs, bcs, pb, jc, nc, kb, kbc, panel, 0, nc);
                }
                Split.idle(Split.BLOCK, a, ars, acs, bm, brs, bcs, pb, b, pre, out, m, k, n, act, acc, planes)
                        .block(panel, jc, nc, kb, kbc).forRows(m, rowAlign(planes), flops);
            }
        }
    }

    /**
     * The width of the n blocks of a product over k rows and n columns: NC, or NC/2 or NC/4 where that lets
     * {@link #kBlock} take all of k in one pass. Each n block packs A again, but each pass after the first reads
     * C's block back and writes it again; on an Intel Xeon (2 MB of L2) the second was the dearer in float64
     * and they cost the same in float32 (KernelBuildsAB, one thread, JDK 17, minima: float64 1024³ forward
     * 34.4-35.0 → 33.2-33.3 ms, input gradient 33.6-34.7 → 32.9-33.4, weight gradient -4 to +2 %; JDK 25 -4 %,
     * -3 to -5 %, -2 %; float64 512×2048×1024 forward 36.4-37.3 → 34.2-35.0 with NC/4, 35.9-36.6 with NC/2;
     * float32 512×2048×1024 level). The same sums either way: each element's k blocks are added in order.
     */
    private static int columnBlock(int k, int n) {
        int width = NC;
        while (width > NC / 4 && k > kBlock(Math.min(width, n))) {
            width /= 2;
        }
        return width;
    }

    /**
     * Rows of k packed at once for an n block of {@code nc} columns: KB, or more as long as the panels stay
     * within KB × NC values, so that a narrow C is summed over all of k in one pass instead of being written,
     * read back and added to once per KB rows (the same additions in the same order either way).
     */
    private static int kBlock(int nc) {
        return Math.max(KB, KB * NC / panelWidth(nc) / KC * KC);
    }

    /**
     * Whether the tiles read B's whole panels where B lies instead of from packed copies (only a last, partial
     * panel is packed): B's rows contiguous (W in an input gradient), A copied as rows ({@link #tile12Rows},
     * {@link #tile8Rows}), at most two m blocks of rows (packing B is then a large share of the work: it is done
     * once per call whatever m is), and B's row stride not a multiple of 4 KB (a panel's rows would then share a few L1
     * sets). KernelBuildsAB, one thread, JDK 17, input gradients m×k×n, minima: 64×784×256 float32 0.136 →
     * 0.119 ms, float64 0.267 → 0.239 (JDK 25 likewise); 64×512×256 float32 -12 %; 128×784×256 float32 -9 %;
     * 192 rows -1 to -3 %, 256 rows none; read in place at a 4 KB stride 0 to +5 % (64×1024×256), at 8 KB
     * +5 to +10 %.
     */
    private static boolean readsBInPlace(PatchMatrix pb, int bcs, int acs, int m, int brs) {
        return pb == null && bcs == 1 && rowsCopied(acs) && m <= 2 * MC && (long) brs * Double.BYTES % 4096 != 0;
    }

    /** Columns of nc rounded up to whole panels: the stride of one k block's panels in the packed buffer. */
    private static int panelWidth(int nc) {
        return (nc + NR - 1) / NR * NR;
    }

    /** This thread's buffer for the packed panels of up to KB rows of k (or more rows of fewer columns). */
    private static double[] panels(int k) {
        return AlignedArrays.doubles(PACK, (Math.min(k, KB) + KC - 1) / KC * KC * NC);
    }

    /**
     * Rows {@code [rowFrom, rowTo)} against B's packed panels for k rows {@code [kb, kb+kbc)}. Each MC-row
     * block of C is summed in a contiguous scratch block over all those k blocks, then written into C row by
     * row: tiles adding into C directly touched 4 rows a C row apart per tile, a pattern the prefetchers do
     * not follow (a third of the time once C outgrew L2, 1024×1024×1024 float32), and C went through memory
     * once per k block. Each element gets the same additions in the same order as when C took each k block's
     * sums in turn: with several k blocks the scratch block starts as C's values (or as the first block's sums
     * when C holds none); with one, its sums are added into C as they are written. Where a pass is a single k
     * block with no epilogue and C is at most {@link #DIRECT_C_BYTES}, whole tiles store their sums (or add
     * them) into C themselves, and the scratch block only takes the partial tiles at its right and bottom
     * edges: C is written once either way, and the copy through the scratch block was an eighth of the float64
     * 64×784×256 weight gradient (KernelBuildsAB, JDK 17, medians 0.304 → 0.265 ms; float32 64×784×256 weight
     * and input gradients 2-3 % faster). With {@code bm} not null, whole panels are read from B itself (row
     * stride {@code brs}, {@link #readsBInPlace}) and only a partial last panel from the packed ones.
     */
    private static void block(double[] a, int ars, int acs, double[] b, double[] pre, double[] out, int m, int k,
                              int n, Activation act, boolean acc, int planes, double[] panel, int jc, int nc,
                              int kb, int kbc, int rowFrom, int rowTo, double[] bm, int brs) {
        double[] rows = PACK_A.get();
        double[] sums = SUMS.get();
        double[] z = pre != null ? pre : out;
        boolean first = kb == 0 && !acc;
        boolean last = kb + kbc == k;
        boolean copyIn = !first && kbc > KC;
        boolean direct = planes == 0 && kbc <= KC && (long) m * n * Double.BYTES <= DIRECT_C_BYTES
                && !(last && GemmVector.hasEpilogue(b, act, z, out));
        for (int ic = rowFrom; ic < rowTo; ic += MC) {
            int mc = Math.min(MC, rowTo - ic);
            if (copyIn) {
                for (int r = 0; r < mc; r++) {
                    if (planes == 0) {
                        System.arraycopy(z, (ic + r) * n + jc, sums, r * SUMS_ROW, nc);
                    } else if (planes == 1) { // C transposed
                        for (int j = 0; j < nc; j++) {
                            sums[r * SUMS_ROW + j] = z[(jc + j) * m + ic + r];
                        }
                    } else {
                        for (int j = jc; j < jc + nc; j = nextPlane(j, jc + nc, planes)) {
                            System.arraycopy(z, planeAt(ic + r, j, m, planes), sums, r * SUMS_ROW + j - jc,
                                    nextPlane(j, jc + nc, planes) - j);
                        }
                    }
                }
            }
            // whole tiles of a block summed in one k block go straight to C: their sums are final
            int directRows = 0; // the rows of whole tiles
            while (direct && directRows + tileRows(acs, mc - directRows) <= mc) {
                directRows += tileRows(acs, mc - directRows);
            }
            int directCols = direct ? nc / NR * NR : 0;
            for (int pc = kb; pc < kb + kbc; pc += KC) {
                int kc = Math.min(KC, kb + kbc - pc);
                packRows(a, ars, acs, ic, mc, pc, kc, rows);
                boolean add = copyIn || pc > kb;
                int po = PANELS_START + (pc - kb) * panelWidth(nc);
                for (int jr = 0; jr < nc; jr += NR) {
                    for (int ir = 0, h; ir < mc; ir += h) {
                        h = tileRows(acs, mc - ir);
                        double[] c = sums;
                        int co = ir * SUMS_ROW + jr;
                        int cs = SUMS_ROW;
                        boolean cAdd = add;
                        if (ir < directRows && jr < directCols) {
                            c = z;
                            co = (ic + ir) * n + jc + jr;
                            cs = n;
                            cAdd = !first;
                        }
                        if (rowsCopied(acs)) {
                            boolean inPlace = bm != null && jr + NR <= nc;
                            double[] p = inPlace ? bm : panel;
                            int pAt = inPlace ? pc * brs + jc + jr : po + jr * kc;
                            int ps = inPlace ? brs : NR;
                            if (h == WIDE_TILE_ROWS) {
                                tile12Rows(rows, ir * ROW_STRIDE, kc, p, pAt, ps, c, co, cs, cAdd);
                            } else {
                                tile8Rows(rows, ir * ROW_STRIDE, kc, p, pAt, ps, c, co, cs, cAdd);
                            }
                        } else if (MR == 8) {
                            tile8(rows, sliver(ir, kc), kc, panel, po + jr * kc, c, co, cs, cAdd);
                        } else {
                            tile(rows, sliver(ir, kc), kc, panel, po + jr * kc, c, co, cs, cAdd);
                        }
                    }
                }
            }
            boolean add = !first && !copyIn;
            if (planes == 1) {
                storeTransposed(sums, mc, nc, z, out, b, m, ic, jc, add, last, act);
                continue;
            }
            for (int r = 0; r < mc; r++) {
                if (planes == 0) {
                    int from = r < directRows ? directCols : 0; // the columns left of it are in C already
                    storeRow(sums, r * SUMS_ROW + from, z, out, b, (ic + r) * n + jc + from, jc + from, nc - from,
                            add, last, act);
                } else {
                    double[] bias = null;
                    if (b != null && last) { // the row's one bias value, as a row for the epilogue
                        bias = BIAS_ROW.get();
                        java.util.Arrays.fill(bias, 0, nc, b[ic + r]);
                    }
                    for (int j = jc; j < jc + nc; j = nextPlane(j, jc + nc, planes)) {
                        storeRow(sums, r * SUMS_ROW + j - jc, z, out, bias, planeAt(ic + r, j, m, planes), 0,
                                nextPlane(j, jc + nc, planes) - j, add, last, act);
                    }
                }
            }
        }
    }

    /**
     * A block's sums (rows {@code ic..ic+mc} of C, columns {@code jc..jc+nc}) into a C stored transposed,
     * {@code C(i, j)} at {@code j·m + i}, the bias per row: transposed in the scratch block (value by value:
     * C is a fraction of the operands here; 8 rows at a time, where row by row it was 7 % of the float32
     * 64×784×256 forward, 2.5 % after), then {@link #storeRow} per column of C.
     */
    private static void storeTransposed(double[] sums, int mc, int nc, double[] z, double[] out, double[] b,
                                        int m, int ic, int jc, boolean add, boolean last, Activation act) {
        double[] t = TRANSPOSED.get();
        int r0 = 0;
        for (; r0 + 8 <= mc; r0 += 8) { // 8 rows at a time: 8 read streams, 8 adjacent values written
            for (int j = 0; j < nc; j++) {
                int from = r0 * SUMS_ROW + j;
                int to = j * MC + r0;
                t[to] = sums[from];
                t[to + 1] = sums[from + SUMS_ROW];
                t[to + 2] = sums[from + 2 * SUMS_ROW];
                t[to + 3] = sums[from + 3 * SUMS_ROW];
                t[to + 4] = sums[from + 4 * SUMS_ROW];
                t[to + 5] = sums[from + 5 * SUMS_ROW];
                t[to + 6] = sums[from + 6 * SUMS_ROW];
                t[to + 7] = sums[from + 7 * SUMS_ROW];
            }
        }
        for (int r = r0; r < mc; r++) {
            for (int j = 0; j < nc; j++) {
                t[j * MC + r] = sums[r * SUMS_ROW + j];
            }
        }
        for (int j = 0; j < nc; j++) {
            storeRow(t, j * MC, z, out, b, (jc + j) * m + ic, ic, mc, add, last, act);
        }
    }

    /** Where C(i, j) lies when C is stored as NCHW planes of {@code planes} pixels (M = m channels). */
    private static int planeAt(int i, int j, int m, int planes) {
        int sample = j / planes;
        return (sample * m + i) * planes + j - sample * planes;
    }

    /** The first column after j (below end) in another plane, or end. */
    private static int nextPlane(int j, int end, int planes) {
        return Math.min(end, (j / planes + 1) * planes);
    }

    /**
     * Packs the panels {@code [jrFrom, jrTo)} (multiples of NR) of {@code B[kb..kb+kbc, jc..jc+nc]}, k block
     * by k block (the block of k rows from {@code pc} at {@code (pc-kb)·NC}): NR columns each, {@code kc × NR}
     * row-major; the columns past N in the last panel are zero, so tiles never read garbage. The loop order
     * follows whichever of B's strides is 1.
     */
    private static void pack(double[] bm, int brs, int bcs, PatchMatrix pb, int jc, int nc, int kb, int kbc,
                             double[] panel, int jrFrom, int jrTo) {
        for (int pc = kb; pc < kb + kbc; pc += KC) {
            packBlock(bm, brs, bcs, pb, jc, nc, pc, Math.min(KC, kb + kbc - pc), panel,
                    PANELS_START + (pc - kb) * panelWidth(nc), jrFrom, jrTo);
        }
    }

    /** One k block of {@link #pack}, at {@code panel[off..]}. */
    private static void packBlock(double[] bm, int brs, int bcs, PatchMatrix pb, int jc, int nc, int pc, int kc,
                                  double[] panel, int off, int jrFrom, int jrTo) {
        if (pb != null && pb.transposed) {
            packPatchColumns(bm, pb, jc, nc, pc, kc, panel, off, jrFrom, jrTo);
            return;
        } else if (pb != null) {
            packPatchPanels(bm, pb, jc, nc, pc, kc, panel, off, jrFrom, jrTo);
            return;
        }
        for (int jr = jrFrom; jr < jrTo; jr += NR) {
            int base = off + jr * kc;
            int cols = Math.min(NR, nc - jr);
            int src = pc * brs + (jc + jr) * bcs;
            if (bcs == 1 && cols == NR) { // rows of B contiguous: NR-wide row segments, as vectors
                // (System.arraycopy of NR values per row cost as much as the copy: gradInput 10 % slower)
                for (int p = 0; p < kc; p++) {
                    int from = src + p * brs;
                    int to = base + p * NR;
                    DoubleVector.fromArray(S, bm, from).intoArray(panel, to);
                    DoubleVector.fromArray(S, bm, from + L).intoArray(panel, to + L);
                }
            } else if (bcs == 1) {
                for (int p = 0; p < kc; p++) {
                    System.arraycopy(bm, src + p * brs, panel, base + p * NR, cols);
                }
            } else if (brs == 1 && cols == NR && PANEL_TRANSPOSE) { // columns of B contiguous: transposed
                transposePanel(bm, src, bcs, kc, panel, base);
            } else {
                for (int c = 0; c < cols; c++) {
                    int from = src + c * bcs;
                    for (int p = 0; p < kc; p++) {
                        panel[base + p * NR + c] = bm[from + p * brs];
                    }
                }
            }
            for (int c = cols; c < NR; c++) {
                for (int p = 0; p < kc; p++) {
                    panel[base + p * NR + c] = 0.0;
                }
            }
        }
    }

    /**
     * One whole panel of a B with contiguous columns ({@code B(p, j) = bm[src + j·bcs + p]}), {@code kc} rows,
     * into {@code panel[base..]} (value by value, a third of a 64×784×256 float32 forward went into packing
     * w). L = 4: 4 × 4 blocks by zips, one panel row per vector. L = 8 or 16: two passes, 4 × L blocks into
     * 4-column slivers, then quads of those into panel rows ({@link #transposeQuads}), each pass a method of
     * its own: C2 inlines only about 8 zips into one compiled method and boxes the vectors of those past its
     * budget (an 8 × 8 transpose in one method was 3× slower than scalar copies). The two passes replaced a
     * gather per panel row, which took a fifth of a float32 256×1024×1024 forward on AVX-512
     * (docs/gemm-avx512.md).
     */
    private static void transposePanel(double[] bm, int src, int bcs, int kc, double[] panel, int base) {
        int bound = S.loopBound(kc);
        if (L == 4) { // one panel row per zipped vector (a gather was 5 % slower here)
            for (int c = 0; c < NR; c += L) {
                transpose4Rows(bm, src + c * bcs, bcs, bound, panel, base + c, NR, NR);
            }
        } else {
            double[] slivers = PANEL_SLIVERS.get();
            for (int c = 0; c < NR; c += 4) {
                transpose4Rows(bm, src + c * bcs, bcs, bound, slivers, c * KC, 4, L);
            }
            transposeQuads(slivers, bound, panel, base);
        }
        for (int p = bound; p < kc; p++) {
            for (int c = 0; c < NR; c++) {
                panel[base + p * NR + c] = bm[src + c * bcs + p];
            }
        }
    }

    /**
     * The second pass of {@link #transposePanel}: the 4-column slivers of a panel (sliver c/4 at
     * {@code slivers[c·KC..]}, 4 values per row p) into the panel's rows {@code p < bound}. A vector of a
     * sliver holds L/4 rows × 4 values; L/4 such vectors of adjacent slivers are an L/4 × L/4 transpose of
     * 4-lane groups away from L/4 panel row segments, one round of zips per halving.
     */
    private static void transposeQuads(double[] slivers, int bound, double[] panel, int base) {
        int rows = L / 4;
        for (int p = 0; p < bound; p += rows) {
            for (int h = 0; h < NR; h += L) {
                int at = base + p * NR + h;
                DoubleVector v0 = DoubleVector.fromArray(S, slivers, h * KC + p * 4);
                DoubleVector v1 = DoubleVector.fromArray(S, slivers, (h + 4) * KC + p * 4);
                if (L == 8) {
                    v0.rearrange(SPREAD_QUADS_LO).blend(v1.rearrange(SPREAD_QUADS_LO), ODD_QUADS).intoArray(panel, at);
                    v0.rearrange(SPREAD_QUADS_HI).blend(v1.rearrange(SPREAD_QUADS_HI), ODD_QUADS)
                            .intoArray(panel, at + NR);
                } else {
                    DoubleVector v2 = DoubleVector.fromArray(S, slivers, (h + 8) * KC + p * 4);
                    DoubleVector v3 = DoubleVector.fromArray(S, slivers, (h + 12) * KC + p * 4);
                    DoubleVector lo01 = v0.rearrange(SPREAD_QUADS_LO).blend(v1.rearrange(SPREAD_QUADS_LO), ODD_QUADS);
                    DoubleVector hi01 = v0.rearrange(SPREAD_QUADS_HI).blend(v1.rearrange(SPREAD_QUADS_HI), ODD_QUADS);
                    DoubleVector lo23 = v2.rearrange(SPREAD_QUADS_LO).blend(v3.rearrange(SPREAD_QUADS_LO), ODD_QUADS);
                    DoubleVector hi23 = v2.rearrange(SPREAD_QUADS_HI).blend(v3.rearrange(SPREAD_QUADS_HI), ODD_QUADS);
                    lo01.rearrange(SPREAD_OCTS_LO).blend(lo23.rearrange(SPREAD_OCTS_LO), ODD_OCTS).intoArray(panel, at);
                    lo01.rearrange(SPREAD_OCTS_HI).blend(lo23.rearrange(SPREAD_OCTS_HI), ODD_OCTS)
                            .intoArray(panel, at + NR);
                    hi01.rearrange(SPREAD_OCTS_LO).blend(hi23.rearrange(SPREAD_OCTS_LO), ODD_OCTS)
                            .intoArray(panel, at + 2 * NR);
                    hi01.rearrange(SPREAD_OCTS_HI).blend(hi23.rearrange(SPREAD_OCTS_HI), ODD_OCTS)
                            .intoArray(panel, at + 3 * NR);
                }
            }
        }
    }

    /** Rows of the next tile of an m block with {@code left} rows left. */
    private static int tileRows(int acs, int left) {
        return rowsCopied(acs) && left >= WIDE_TILE_ROWS ? WIDE_TILE_ROWS : MR;
    }

    /**
     * Whether an A with these column steps is packed as rows copied ROW_STRIDE apart ({@link #tile12Rows},
     * {@link #tile8Rows}) rather than as interleaved slivers: the layout {@link #packRows} writes and
     * {@link #block}'s tiles read.
     */
    private static boolean rowsCopied(int acs) {
        return MR == 8 && acs == 1;
    }

    /** Where the sliver of rows {@code ir..ir+MR} of an m block starts in the packed A. */
    private static int sliver(int ir, int kc) {
        return ir / MR * (kc * MR + SLIVER_GAP);
    }

    /**
     * Packs rows {@code ic..ic+mc} of {@code A[:, pc..pc+kc]} as MR-row slivers interleaved by column, so a
     * tile's broadcasts per step read one contiguous stream (8-row slivers of an A with contiguous rows are
     * copied row by row instead, see {@link #ROW_STRIDE}). A last sliver of fewer rows is padded with zero
     * rows: the full tile runs over it (each real row gets the same FMAs in the same order, so the same bits)
     * instead of one-row tiles whose two accumulator chains wait on the FMA latency.
     */
    private static void packRows(double[] a, int ars, int acs, int ic, int mc, int pc, int kc, double[] rows) {
        if (acs != 1) { // columns of A contiguous (A = gᵀ): walk each of A's columns once, across all slivers
            // (sliver by sliver, each sliver read MR values from each of kc rows of g, kc lines 4 KB apart)
            int whole = mc / MR * MR;
            for (int p = 0; p < kc; p++) {
                int from = ic * ars + (pc + p) * acs;
                int ir = 0;
                if (ars == 1 && VECTOR_SLIVER_COPY) { // a sliver's MR values adjacent: one vector copy each
                    // (L - MR values too many: they land where the next p goes, or in the gap after the sliver)
                    int vectorEnd = Math.min(whole, a.length - L - from + 1);
                    for (; ir < vectorEnd; ir += MR) {
                        DoubleVector.fromArray(S, a, from + ir).intoArray(rows, sliver(ir, kc) + p * MR);
                    }
                }
                for (; ir < whole; ir += MR) {
                    int to = sliver(ir, kc) + p * MR;
                    int f = from + ir * ars;
                    for (int r = 0; r < MR; r++) {
                        rows[to + r] = a[f + r * ars];
                    }
                }
                for (; ir < mc; ir += MR) {
                    int to = sliver(ir, kc) + p * MR;
                    int height = Math.min(MR, mc - ir);
                    for (int r = 0; r < height; r++) {
                        rows[to + r] = a[from + (ir + r) * ars];
                    }
                }
            }
        }
        if (rowsCopied(acs)) { // rows of A contiguous: copied, ROW_STRIDE apart (tile12Rows, tile8Rows)
            for (int r = 0; r < mc; r++) {
                System.arraycopy(a, (ic + r) * ars + pc, rows, r * ROW_STRIDE, kc);
            }
            // rows past mc (up to TILE_SPARE_ROWS, a last tile's) keep what they held: their sums land in
            // scratch rows never stored
            return;
        }
        for (int ir = 0; ir < mc; ir += MR) {
            int base = sliver(ir, kc);
            int height = Math.min(MR, mc - ir);
            if (acs == 1 && height == MR && VECTOR_TRANSPOSE) { // rows of A contiguous, a whole sliver
                transposeSliver(a, (ic + ir) * ars + pc, ars, kc, rows, base);
            } else if (acs == 1) {
                int src = (ic + ir) * ars + pc;
                for (int r = 0; r < height; r++) {
                    int from = src + r * ars;
                    for (int p = 0; p < kc; p++) {
                        rows[base + p * MR + r] = a[from + p];
                    }
                }
            }
            for (int r = height; r < MR; r++) {
                for (int p = 0; p < kc; p++) {
                    rows[base + p * MR + r] = 0.0;
                }
            }
        }
    }

    /**
     * {@link #packBlock} for B = the patches of {@code image} (rows: pixels, the product's k; columns: patch
     * elements): each panel row holds NR patch elements of one window ({@link #packLanes}); the windows'
     * starts are computed once per k block.
     */
    private static void packPatchPanels(double[] image, PatchMatrix pb, int jc, int nc, int pc, int kc,
                                        double[] panel, int off, int jrFrom, int jrTo) {
        int[] starts = WINDOW_STARTS.get();
        pb.windowStarts(pc, kc, starts);
        for (int jr = jrFrom; jr < jrTo; jr += NR) {
            packPanel(image, pb.columns, jc + jr, Math.min(NR, nc - jr), starts, 0, kc, panel, off + jr * kc);
        }
    }

    /**
     * {@link #packBlock} for B = the transposed patches of {@code image} (rows: patch elements, the product's
     * k; columns: windows): each panel row holds one patch element of NR windows ({@link #packLanes}).
     */
    private static void packPatchColumns(double[] image, PatchMatrix pt, int jc, int nc, int pc, int kc,
                                         double[] panel, int off, int jrFrom, int jrTo) {
        int[] starts = WINDOW_STARTS.get();
        for (int jr = jrFrom; jr < jrTo; jr += NR) {
            int cols = Math.min(NR, nc - jr);
            pt.windowStarts(jc + jr, cols, starts);
            packPanel(image, starts, 0, cols, pt.columns, pc, kc, panel, off + jr * kc);
        }
    }

    /**
     * One panel of patches: {@code panel[to + p·NR + c] = image[rows[rowAt + p] + lanes[at + c]]} for
     * {@code p < kc}, {@code c < cols}, zero for the columns past cols; lanes increasing.
     */
    private static void packPanel(double[] image, int[] lanes, int at, int cols, int[] rows, int rowAt, int kc,
                                  double[] panel, int to) {
        for (int h = 0; h < NR; h += L) {
            if (h < cols) {
                packLanes(image, lanes, at + h, Math.min(L, cols - h), rows, rowAt, kc, panel, to + h);
            } else {
                for (int p = 0; p < kc; p++) {
                    DoubleVector.zero(S).intoArray(panel, to + p * NR + h);
                }
            }
        }
    }

    /**
     * {@code panel[to + p·NR + i] = image[rows[rowAt + p] + lanes[at + i]]} for {@code p < kc}, {@code i < valid},
     * zero for the lanes from valid on; the lanes' offsets increasing. Lanes at adjacent offsets form runs (a
     * kernel row of patch elements, the windows of one output row at stride 1); up to four runs are copied as
     * one vector each and blended instead of gathered (the gathers had taken a quarter of the padded 14×14
     * layer's float32 weight gradient; with up to three runs it went from 31 to 23 ms; 16 float lanes of 5-wide
     * kernel rows always span four). A whole vector's copies read inside
     * {@code [rows[rowAt + p] + lanes[at], rows[rowAt + p] + lanes[at + L - 1]]}, as the gather would; a
     * partial one's last copy reads L - valid values further, so it is taken only where those lie inside image.
     */
    private static void packLanes(double[] image, int[] lanes, int at, int valid, int[] rows, int rowAt, int kc,
                                  double[] panel, int to) {
        int second = runEnd(lanes, at, 0, valid);
        int third = runEnd(lanes, at, second, valid);
        int fourth = runEnd(lanes, at, third, valid);
        int first = lanes[at];
        if (valid == L && second == L) {
            for (int p = 0; p < kc; p++) {
                DoubleVector.fromArray(S, image, rows[rowAt + p] + first).intoArray(panel, to + p * NR);
            }
        } else if (valid == L && fourth == L) {
            // a further run's copy starts that many lanes before the run's first offset: its lanes land in place
            int secondAt = lanes[at + second] - second;
            VectorMask<Double> fromSecond = S.indexInRange(0, second).not();
            if (third == L) {
                for (int p = 0; p < kc; p++) {
                    int row = rows[rowAt + p];
                    DoubleVector.fromArray(S, image, row + first)
                            .blend(DoubleVector.fromArray(S, image, row + secondAt), fromSecond)
                            .intoArray(panel, to + p * NR);
                }
            } else {
                int thirdAt = lanes[at + third] - third;
                VectorMask<Double> fromThird = S.indexInRange(0, third).not();
                for (int p = 0; p < kc; p++) {
                    int row = rows[rowAt + p];
                    DoubleVector.fromArray(S, image, row + first)
                            .blend(DoubleVector.fromArray(S, image, row + secondAt), fromSecond)
                            .blend(DoubleVector.fromArray(S, image, row + thirdAt), fromThird)
                            .intoArray(panel, to + p * NR);
                }
            }
        } else if (runEnd(lanes, at, fourth, valid) == L
                && (valid == L || readsInside(image, rows, rowAt, kc, lanes[at + valid - 1] + L - valid))) {
            // up to four runs, the lanes past valid zeroed; a missing run's copy repeats the first, masked out
            int secondAt = second < L ? lanes[at + second] - second : first;
            int thirdAt = third < L ? lanes[at + third] - third : first;
            int fourthAt = fourth < L ? lanes[at + fourth] - fourth : first;
            VectorMask<Double> fromSecond = S.indexInRange(0, second).not();
            VectorMask<Double> fromThird = S.indexInRange(0, third).not();
            VectorMask<Double> fromFourth = S.indexInRange(0, fourth).not();
            VectorMask<Double> beyond = S.indexInRange(0, valid).not();
            for (int p = 0; p < kc; p++) {
                int row = rows[rowAt + p];
                DoubleVector.fromArray(S, image, row + first)
                        .blend(DoubleVector.fromArray(S, image, row + secondAt), fromSecond)
                        .blend(DoubleVector.fromArray(S, image, row + thirdAt), fromThird)
                        .blend(DoubleVector.fromArray(S, image, row + fourthAt), fromFourth)
                        .blend(0.0, beyond)
                        .intoArray(panel, to + p * NR);
            }
        } else if (valid == L) {
            for (int p = 0; p < kc; p++) {
                DoubleVector.fromArray(S, image, rows[rowAt + p], lanes, at).intoArray(panel, to + p * NR);
            }
        } else {
            for (int p = 0; p < kc; p++) {
                int row = rows[rowAt + p];
                for (int c = 0; c < L; c++) {
                    panel[to + p * NR + c] = c < valid ? image[row + lanes[at + c]] : 0.0;
                }
            }
        }
    }

    /** Whether {@code rows[rowAt + p] + last} lies inside image for every {@code p < kc}. */
    private static boolean readsInside(double[] image, int[] rows, int rowAt, int kc, int last) {
        int top = 0;
        for (int p = 0; p < kc; p++) {
            top = Math.max(top, rows[rowAt + p]);
        }
        return top + last < image.length;
    }

    /**
     * The first lane after {@code from} whose offset does not continue lane from's run, among the first
     * {@code valid}; L if the run reaches lane valid, and L from L.
     */
    private static int runEnd(int[] lanes, int at, int from, int valid) {
        if (from >= L) {
            return L;
        }
        int end = from + 1;
        while (end < valid && lanes[at + end] == lanes[at + from] + end - from) {
            end++;
        }
        return end == valid ? L : end;
    }

    /**
     * The 4-row sliver of A at {@code a[src..]} (rows {@code ars} apart), {@code kc} columns, into
     * {@code rows[to..]} interleaved by column (scalar copies, 4 × 1 value a step, took a sixth of a
     * 1024 × 1024 × 1024 float32 forward).
     */
    private static void transposeSliver(double[] a, int src, int ars, int kc, double[] rows, int to) {
        int bound = S.loopBound(kc);
        transpose4Rows(a, src, ars, bound, rows, to, MR, L);
        for (int p = bound; p < kc; p++) {
            int f = src + p;
            int at = to + p * MR;
            rows[at] = a[f];
            rows[at + 1] = a[f + ars];
            rows[at + 2] = a[f + 2 * ars];
            rows[at + 3] = a[f + 3 * ars];
        }
    }

    /**
     * Columns {@code [0, bound)} (a multiple of L) of the 4 rows at {@code a[from..]}, {@code stride} apart,
     * transposed in 4 × L blocks by two rounds of zips: the block of columns {@code p..p+L} becomes 4 vectors
     * of L/4 columns × 4 values at {@code dst[to + p·perColumn + q·perVector]}, q = 0..3.
     */
    private static void transpose4Rows(double[] a, int from, int stride, int bound, double[] dst, int to,
                                       int perColumn, int perVector) {
        for (int p = 0; p < bound; p += L) {
            int f = from + p;
            DoubleVector r0 = DoubleVector.fromArray(S, a, f);
            DoubleVector r1 = DoubleVector.fromArray(S, a, f + stride);
            DoubleVector r2 = DoubleVector.fromArray(S, a, f + 2 * stride);
            DoubleVector r3 = DoubleVector.fromArray(S, a, f + 3 * stride);
            // rows 0 and 1 (2 and 3) zipped: columns of 2 values
            DoubleVector lo01 = r0.rearrange(SPREAD_LO).blend(r1.rearrange(SPREAD_LO), ODD_LANES);
            DoubleVector hi01 = r0.rearrange(SPREAD_HI).blend(r1.rearrange(SPREAD_HI), ODD_LANES);
            DoubleVector lo23 = r2.rearrange(SPREAD_LO).blend(r3.rearrange(SPREAD_LO), ODD_LANES);
            DoubleVector hi23 = r2.rearrange(SPREAD_HI).blend(r3.rearrange(SPREAD_HI), ODD_LANES);
            // their pairs zipped: columns of 4 values, L/4 columns per vector
            int at = to + p * perColumn;
            lo01.rearrange(SPREAD_PAIRS_LO).blend(lo23.rearrange(SPREAD_PAIRS_LO), ODD_PAIRS).intoArray(dst, at);
            lo01.rearrange(SPREAD_PAIRS_HI).blend(lo23.rearrange(SPREAD_PAIRS_HI), ODD_PAIRS)
                    .intoArray(dst, at + perVector);
            hi01.rearrange(SPREAD_PAIRS_LO).blend(hi23.rearrange(SPREAD_PAIRS_LO), ODD_PAIRS)
                    .intoArray(dst, at + 2 * perVector);
            hi01.rearrange(SPREAD_PAIRS_HI).blend(hi23.rearrange(SPREAD_PAIRS_HI), ODD_PAIRS)
                    .intoArray(dst, at + 3 * perVector);
        }
    }

    /**
     * One 4-row sliver (a shorter one is zero-padded) × one panel, its 4 × NR sums stored at
     * {@code sums[so..]} with row stride cs (the scratch block's or C's), or added to what is there.
     */
    private static void tile(double[] a4, int ao, int kc, double[] panel, int po, double[] sums, int so, int cs,
                             boolean add) {
        DoubleVector c00 = DoubleVector.zero(S), c01 = c00, c10 = c00, c11 = c00;
        DoubleVector c20 = c00, c21 = c00, c30 = c00, c31 = c00;
        int end = ao + kc * MR;
        for (int at = ao; at < end; at += MR) {
            int bo = po + (at - ao) * PANEL_PER_SLIVER;
            DoubleVector b0 = DoubleVector.fromArray(S, panel, bo);
            DoubleVector b1 = DoubleVector.fromArray(S, panel, bo + L);
            DoubleVector a = DoubleVector.broadcast(S, a4[at]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = DoubleVector.broadcast(S, a4[at + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = DoubleVector.broadcast(S, a4[at + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = DoubleVector.broadcast(S, a4[at + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
        }
        if (add) {
            c00 = c00.add(DoubleVector.fromArray(S, sums, so));
            c01 = c01.add(DoubleVector.fromArray(S, sums, so + L));
            c10 = c10.add(DoubleVector.fromArray(S, sums, so + cs));
            c11 = c11.add(DoubleVector.fromArray(S, sums, so + cs + L));
            c20 = c20.add(DoubleVector.fromArray(S, sums, so + 2 * cs));
            c21 = c21.add(DoubleVector.fromArray(S, sums, so + 2 * cs + L));
            c30 = c30.add(DoubleVector.fromArray(S, sums, so + 3 * cs));
            c31 = c31.add(DoubleVector.fromArray(S, sums, so + 3 * cs + L));
        }
        c00.intoArray(sums, so);
        c01.intoArray(sums, so + L);
        c10.intoArray(sums, so + cs);
        c11.intoArray(sums, so + cs + L);
        c20.intoArray(sums, so + 2 * cs);
        c21.intoArray(sums, so + 2 * cs + L);
        c30.intoArray(sums, so + 3 * cs);
        c31.intoArray(sums, so + 3 * cs + L);
    }

    /**
     * {@link #tile} for 8-row slivers (AVX-512's 32 registers: 16 accumulators, 2 panel vectors and the
     * broadcasts). Each row's sums get the same FMAs in the same order as in the 4-row tile.
     */
    private static void tile8(double[] a8, int ao, int kc, double[] panel, int po, double[] sums, int so, int cs,
                              boolean add) {
        DoubleVector c00 = DoubleVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
        DoubleVector c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
        DoubleVector c60 = c00, c61 = c00, c70 = c00, c71 = c00;
        int end = ao + kc * 8;
        for (int at = ao; at < end; at += 8) {
            int bo = po + (at - ao) * PANEL_PER_SLIVER;
            DoubleVector b0 = DoubleVector.fromArray(S, panel, bo);
            DoubleVector b1 = DoubleVector.fromArray(S, panel, bo + L);
            DoubleVector a0 = DoubleVector.broadcast(S, a8[at]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            DoubleVector a1 = DoubleVector.broadcast(S, a8[at + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            DoubleVector a2 = DoubleVector.broadcast(S, a8[at + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            DoubleVector a3 = DoubleVector.broadcast(S, a8[at + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            DoubleVector a4 = DoubleVector.broadcast(S, a8[at + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            DoubleVector a5 = DoubleVector.broadcast(S, a8[at + 5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            DoubleVector a6 = DoubleVector.broadcast(S, a8[at + 6]);
            c60 = a6.fma(b0, c60);
            c61 = a6.fma(b1, c61);
            DoubleVector a7 = DoubleVector.broadcast(S, a8[at + 7]);
            c70 = a7.fma(b0, c70);
            c71 = a7.fma(b1, c71);
        }
        if (add) {
            c00 = c00.add(DoubleVector.fromArray(S, sums, so));
            c01 = c01.add(DoubleVector.fromArray(S, sums, so + L));
            c10 = c10.add(DoubleVector.fromArray(S, sums, so + cs));
            c11 = c11.add(DoubleVector.fromArray(S, sums, so + cs + L));
            c20 = c20.add(DoubleVector.fromArray(S, sums, so + 2 * cs));
            c21 = c21.add(DoubleVector.fromArray(S, sums, so + 2 * cs + L));
            c30 = c30.add(DoubleVector.fromArray(S, sums, so + 3 * cs));
            c31 = c31.add(DoubleVector.fromArray(S, sums, so + 3 * cs + L));
            c40 = c40.add(DoubleVector.fromArray(S, sums, so + 4 * cs));
            c41 = c41.add(DoubleVector.fromArray(S, sums, so + 4 * cs + L));
            c50 = c50.add(DoubleVector.fromArray(S, sums, so + 5 * cs));
            c51 = c51.add(DoubleVector.fromArray(S, sums, so + 5 * cs + L));
            c60 = c60.add(DoubleVector.fromArray(S, sums, so + 6 * cs));
            c61 = c61.add(DoubleVector.fromArray(S, sums, so + 6 * cs + L));
            c70 = c70.add(DoubleVector.fromArray(S, sums, so + 7 * cs));
            c71 = c71.add(DoubleVector.fromArray(S, sums, so + 7 * cs + L));
        }
        c00.intoArray(sums, so);
        c01.intoArray(sums, so + L);
        c10.intoArray(sums, so + cs);
        c11.intoArray(sums, so + cs + L);
        c20.intoArray(sums, so + 2 * cs);
        c21.intoArray(sums, so + 2 * cs + L);
        c30.intoArray(sums, so + 3 * cs);
        c31.intoArray(sums, so + 3 * cs + L);
        c40.intoArray(sums, so + 4 * cs);
        c41.intoArray(sums, so + 4 * cs + L);
        c50.intoArray(sums, so + 5 * cs);
        c51.intoArray(sums, so + 5 * cs + L);
        c60.intoArray(sums, so + 6 * cs);
        c61.intoArray(sums, so + 6 * cs + L);
        c70.intoArray(sums, so + 7 * cs);
        c71.intoArray(sums, so + 7 * cs + L);
    }

    /**
     * {@link #tile8} for a sliver of 8 rows copied ROW_STRIDE apart (rows of A contiguous, see
     * {@link #ROW_STRIDE}); the same FMAs in the same order. The panel's k rows are {@code ps} apart: NR when
     * packed, B's row stride when read in place ({@link #readsBInPlace}). The panel index steps by ps on its
     * own: computed as {@code po + (at - ao)·ps}, C2 multiplied it anew every step (an {@code imul} among the
     * FMAs), and float32 1024×256×1024 ran 3-5 % slower on an Intel Xeon (docs/gemm-avx512.md, session 46).
     */
    private static void tile8Rows(double[] a8, int ao, int kc, double[] panel, int po, int ps, double[] sums,
                                  int so, int cs, boolean add) {
        DoubleVector c00 = DoubleVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
        DoubleVector c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
        DoubleVector c60 = c00, c61 = c00, c70 = c00, c71 = c00;
        int end = ao + kc;
        for (int at = ao, bo = po; at < end; at++, bo += ps) {
            DoubleVector b0 = DoubleVector.fromArray(S, panel, bo);
            DoubleVector b1 = DoubleVector.fromArray(S, panel, bo + L);
            DoubleVector a0 = DoubleVector.broadcast(S, a8[at]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            DoubleVector a1 = DoubleVector.broadcast(S, a8[at + ROW_STRIDE]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            DoubleVector a2 = DoubleVector.broadcast(S, a8[at + 2 * ROW_STRIDE]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            DoubleVector a3 = DoubleVector.broadcast(S, a8[at + 3 * ROW_STRIDE]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            DoubleVector a4 = DoubleVector.broadcast(S, a8[at + 4 * ROW_STRIDE]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            DoubleVector a5 = DoubleVector.broadcast(S, a8[at + 5 * ROW_STRIDE]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            DoubleVector a6 = DoubleVector.broadcast(S, a8[at + 6 * ROW_STRIDE]);
            c60 = a6.fma(b0, c60);
            c61 = a6.fma(b1, c61);
            DoubleVector a7 = DoubleVector.broadcast(S, a8[at + 7 * ROW_STRIDE]);
            c70 = a7.fma(b0, c70);
            c71 = a7.fma(b1, c71);
        }
        if (add) {
            c00 = c00.add(DoubleVector.fromArray(S, sums, so));
            c01 = c01.add(DoubleVector.fromArray(S, sums, so + L));
            c10 = c10.add(DoubleVector.fromArray(S, sums, so + cs));
            c11 = c11.add(DoubleVector.fromArray(S, sums, so + cs + L));
            c20 = c20.add(DoubleVector.fromArray(S, sums, so + 2 * cs));
            c21 = c21.add(DoubleVector.fromArray(S, sums, so + 2 * cs + L));
            c30 = c30.add(DoubleVector.fromArray(S, sums, so + 3 * cs));
            c31 = c31.add(DoubleVector.fromArray(S, sums, so + 3 * cs + L));
            c40 = c40.add(DoubleVector.fromArray(S, sums, so + 4 * cs));
            c41 = c41.add(DoubleVector.fromArray(S, sums, so + 4 * cs + L));
            c50 = c50.add(DoubleVector.fromArray(S, sums, so + 5 * cs));
            c51 = c51.add(DoubleVector.fromArray(S, sums, so + 5 * cs + L));
            c60 = c60.add(DoubleVector.fromArray(S, sums, so + 6 * cs));
            c61 = c61.add(DoubleVector.fromArray(S, sums, so + 6 * cs + L));
            c70 = c70.add(DoubleVector.fromArray(S, sums, so + 7 * cs));
            c71 = c71.add(DoubleVector.fromArray(S, sums, so + 7 * cs + L));
        }
        c00.intoArray(sums, so);
        c01.intoArray(sums, so + L);
        c10.intoArray(sums, so + cs);
        c11.intoArray(sums, so + cs + L);
        c20.intoArray(sums, so + 2 * cs);
        c21.intoArray(sums, so + 2 * cs + L);
        c30.intoArray(sums, so + 3 * cs);
        c31.intoArray(sums, so + 3 * cs + L);
        c40.intoArray(sums, so + 4 * cs);
        c41.intoArray(sums, so + 4 * cs + L);
        c50.intoArray(sums, so + 5 * cs);
        c51.intoArray(sums, so + 5 * cs + L);
        c60.intoArray(sums, so + 6 * cs);
        c61.intoArray(sums, so + 6 * cs + L);
        c70.intoArray(sums, so + 7 * cs);
        c71.intoArray(sums, so + 7 * cs + L);
    }

    /**
     * {@link #tile8Rows} for 12 rows ({@link #WIDE_TILE_ROWS}): 24 accumulators, 12 broadcasts and 2 panel
     * vectors per k step, where the 8-row tile loads 10 values for 16 FMAs; each row's sums get the same FMAs in
     * the same order as in the 8-row tile.
     */
    private static void tile12Rows(double[] a12, int ao, int kc, double[] panel, int po, int ps, double[] sums,
                                   int so, int cs, boolean add) {
        DoubleVector c00 = DoubleVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
        DoubleVector c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
        DoubleVector c60 = c00, c61 = c00, c70 = c00, c71 = c00, c80 = c00, c81 = c00;
        DoubleVector c90 = c00, c91 = c00, ca0 = c00, ca1 = c00, cb0 = c00, cb1 = c00;
        int end = ao + kc;
        for (int at = ao, bo = po; at < end; at++, bo += ps) {
            DoubleVector b0 = DoubleVector.fromArray(S, panel, bo);
            DoubleVector b1 = DoubleVector.fromArray(S, panel, bo + L);
            DoubleVector a0 = DoubleVector.broadcast(S, a12[at]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            DoubleVector a1 = DoubleVector.broadcast(S, a12[at + ROW_STRIDE]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            DoubleVector a2 = DoubleVector.broadcast(S, a12[at + 2 * ROW_STRIDE]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            DoubleVector a3 = DoubleVector.broadcast(S, a12[at + 3 * ROW_STRIDE]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            DoubleVector a4 = DoubleVector.broadcast(S, a12[at + 4 * ROW_STRIDE]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            DoubleVector a5 = DoubleVector.broadcast(S, a12[at + 5 * ROW_STRIDE]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            DoubleVector a6 = DoubleVector.broadcast(S, a12[at + 6 * ROW_STRIDE]);
            c60 = a6.fma(b0, c60);
            c61 = a6.fma(b1, c61);
            DoubleVector a7 = DoubleVector.broadcast(S, a12[at + 7 * ROW_STRIDE]);
            c70 = a7.fma(b0, c70);
            c71 = a7.fma(b1, c71);
            DoubleVector a8 = DoubleVector.broadcast(S, a12[at + 8 * ROW_STRIDE]);
            c80 = a8.fma(b0, c80);
            c81 = a8.fma(b1, c81);
            DoubleVector a9 = DoubleVector.broadcast(S, a12[at + 9 * ROW_STRIDE]);
            c90 = a9.fma(b0, c90);
            c91 = a9.fma(b1, c91);
            DoubleVector aa = DoubleVector.broadcast(S, a12[at + 10 * ROW_STRIDE]);
            ca0 = aa.fma(b0, ca0);
            ca1 = aa.fma(b1, ca1);
            DoubleVector ab = DoubleVector.broadcast(S, a12[at + 11 * ROW_STRIDE]);
            cb0 = ab.fma(b0, cb0);
            cb1 = ab.fma(b1, cb1);
        }
        if (add) {
            c00 = c00.add(DoubleVector.fromArray(S, sums, so));
            c01 = c01.add(DoubleVector.fromArray(S, sums, so + L));
            c10 = c10.add(DoubleVector.fromArray(S, sums, so + cs));
            c11 = c11.add(DoubleVector.fromArray(S, sums, so + cs + L));
            c20 = c20.add(DoubleVector.fromArray(S, sums, so + 2 * cs));
            c21 = c21.add(DoubleVector.fromArray(S, sums, so + 2 * cs + L));
            c30 = c30.add(DoubleVector.fromArray(S, sums, so + 3 * cs));
            c31 = c31.add(DoubleVector.fromArray(S, sums, so + 3 * cs + L));
            c40 = c40.add(DoubleVector.fromArray(S, sums, so + 4 * cs));
            c41 = c41.add(DoubleVector.fromArray(S, sums, so + 4 * cs + L));
            c50 = c50.add(DoubleVector.fromArray(S, sums, so + 5 * cs));
            c51 = c51.add(DoubleVector.fromArray(S, sums, so + 5 * cs + L));
            c60 = c60.add(DoubleVector.fromArray(S, sums, so + 6 * cs));
            c61 = c61.add(DoubleVector.fromArray(S, sums, so + 6 * cs + L));
            c70 = c70.add(DoubleVector.fromArray(S, sums, so + 7 * cs));
            c71 = c71.add(DoubleVector.fromArray(S, sums, so + 7 * cs + L));
            c80 = c80.add(DoubleVector.fromArray(S, sums, so + 8 * cs));
            c81 = c81.add(DoubleVector.fromArray(S, sums, so + 8 * cs + L));
            c90 = c90.add(DoubleVector.fromArray(S, sums, so + 9 * cs));
            c91 = c91.add(DoubleVector.fromArray(S, sums, so + 9 * cs + L));
            ca0 = ca0.add(DoubleVector.fromArray(S, sums, so + 10 * cs));
            ca1 = ca1.add(DoubleVector.fromArray(S, sums, so + 10 * cs + L));
            cb0 = cb0.add(DoubleVector.fromArray(S, sums, so + 11 * cs));
            cb1 = cb1.add(DoubleVector.fromArray(S, sums, so + 11 * cs + L));
        }
        c00.intoArray(sums, so);
        c01.intoArray(sums, so + L);
        c10.intoArray(sums, so + cs);
        c11.intoArray(sums, so + cs + L);
        c20.intoArray(sums, so + 2 * cs);
        c21.intoArray(sums, so + 2 * cs + L);
        c30.intoArray(sums, so + 3 * cs);
        c31.intoArray(sums, so + 3 * cs + L);
        c40.intoArray(sums, so + 4 * cs);
        c41.intoArray(sums, so + 4 * cs + L);
        c50.intoArray(sums, so + 5 * cs);
        c51.intoArray(sums, so + 5 * cs + L);
        c60.intoArray(sums, so + 6 * cs);
        c61.intoArray(sums, so + 6 * cs + L);
        c70.intoArray(sums, so + 7 * cs);
        c71.intoArray(sums, so + 7 * cs + L);
        c80.intoArray(sums, so + 8 * cs);
        c81.intoArray(sums, so + 8 * cs + L);
        c90.intoArray(sums, so + 9 * cs);
        c91.intoArray(sums, so + 9 * cs + L);
        ca0.intoArray(sums, so + 10 * cs);
        ca1.intoArray(sums, so + 10 * cs + L);
        cb0.intoArray(sums, so + 11 * cs);
        cb1.intoArray(sums, so + 11 * cs + L);
    }

    /**
     * Writes one row of a block's sums ({@code cols} values at {@code sums[so..]}) into z at {@code at} (C's
     * columns {@code j..j+cols}), or adds it to what z holds; after the last k block then applies the fused
     * epilogue ({@link GemmVector#biasActivationRow}) to the row, still in L1. A row written whole takes the
     * epilogue straight from the sums: z (the kept pre-activation) is written once instead of copied, read
     * back and rewritten (a conv layer's z is megabytes: that pass went to memory).
     */
    private static void storeRow(double[] sums, int so, double[] z, double[] out, double[] b, int at, int j,
                                 int cols, boolean add, boolean last, Activation act) {
        boolean epilogue = last && GemmVector.hasEpilogue(b, act, z, out);
        if (add) {
            int bound = S.loopBound(cols);
            int c = 0;
            for (; c < bound; c += L) {
                DoubleVector.fromArray(S, sums, so + c).add(DoubleVector.fromArray(S, z, at + c)).intoArray(z, at + c);
            }
            for (; c < cols; c++) {
                z[at + c] = sums[so + c] + z[at + c];
            }
        } else if (epilogue) {
            GemmVector.biasActivationRow(sums, so, b, j, out, at, cols, act);
            if (z != out) {
                System.arraycopy(sums, so, z, at, cols);
            }
            return;
        } else {
            System.arraycopy(sums, so, z, at, cols);
        }
        if (epilogue) {
            GemmVector.biasActivationRow(z, at, b, j, out, at, cols, act);
        }
    }

    /**
     * {@link #multiply}'s arguments for its split calls ({@link KernelThreads.Task}): over rows ({@link #rows})
     * or columns ({@link #columns}), or, around shared panels, one block's packing or its rows.
     */
    private static final class Split extends KernelThreads.Task {
        static final int ROWS = 0;
        static final int COLUMNS = 1;
        static final int PACK = 2;
        static final int BLOCK = 3;
        private static final ThreadLocal<Split> SPLITS = ThreadLocal.withInitial(Split::new);

        private int kind;
        private double[] a;
        private int ars;
        private int acs;
        private double[] bm;
        private int brs;
        private int bcs;
        private PatchMatrix pb;
        private double[] b;
        private double[] pre;
        private double[] out;
        private int m;
        private int k;
        private int n;
        private Activation act;
        private boolean acc;
        private int planes;
        /** The shared panels of a block of B's columns {@code [jc, jc+nc)} and k rows {@code [kb, kb+kbc)}. */
        private double[] panel;
        private int jc;
        private int nc;
        private int kb;
        private int kbc;

        /** This thread's split (see {@link KernelThreads#idle}) of {@code kind}, with multiply's arguments. */
        static Split idle(int kind, double[] a, int ars, int acs, double[] bm, int brs, int bcs, PatchMatrix pb,
                          double[] b, double[] pre, double[] out, int m, int k, int n, Activation act, boolean acc,
                          int planes) {
            Split t = KernelThreads.idle(SPLITS, Split::new);
            t.kind = kind;
            t.a = a;
            t.ars = ars;
            t.acs = acs;
            t.bm = bm;
            t.brs = brs;
            t.bcs = bcs;
            t.pb = pb;
            t.b = b;
            t.pre = pre;
            t.out = out;
            t.m = m;
            t.k = k;
            t.n = n;
            t.act = act;
            t.acc = acc;
            t.planes = planes;
            return t;
        }

        /** The block whose panels PACK packs and BLOCK's rows read. */
        Split block(double[] panel, int jc, int nc, int kb, int kbc) {
            this.panel = panel;
            this.jc = jc;
            this.nc = nc;
            this.kb = kb;
            this.kbc = kbc;
            return this;
        }

        @Override
        public void run(int from, int to) {
            switch (kind) {
                case ROWS -> rows(a, ars, acs, bm, brs, bcs, pb, b, pre, out, m, k, n, act, acc, planes, from, to);
                case COLUMNS -> columns(a, ars, acs, bm, brs, bcs, pb, b, pre, out, m, k, n, act, acc, planes, from,
                        to, true);
                case PACK -> pack(bm, brs, bcs, pb, jc, nc, kb, kbc, panel, from, to);
                case BLOCK -> GemmPacked.block(a, ars, acs, b, pre, out, m, k, n, act, acc, planes, panel, jc, nc, kb,
                        kbc, from, to, null, 0);
                default -> throw new IllegalStateException("split " + kind);
            }
        }

        @Override
        void clear() {
            a = null;
            bm = null;
            pb = null;
            b = null;
            pre = null;
            out = null;
            act = null;
            panel = null;
        }
    }
}
