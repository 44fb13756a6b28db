package io.github.jnn.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The three products of a Linear layer the BLIS way, as one strided product {@code C[M×N] (+)= A[M×K]·B[K×N]}:
 * B is packed, one block of KC×NC at a time, into panels of NR = 2 vectors of columns (contiguous along N),
 * A into slivers of MR rows interleaved by column, and a 4×NR register tile accumulates
 * {@code broadcast(A[i][p]) · panel[p]} with no reductions. The tiles of one MC×NC block are stored in a
 * contiguous scratch block, which is then added into C row by row (see {@link #block}). Packing reads A and B
 * through strides, so the transposes the backward products need cost nothing beyond the packing itself:
 * <ul>
 * <li>forward {@code out = act(x·wᵀ + b)}: A = x, B = wᵀ (w read down its rows), with the bias + activation
 *     epilogue applied as the last k block's sums are added into C;</li>
 * <li>{@code gradX = g·w}: A = g, B = w;</li>
 * <li>{@code gradW += gᵀ·x}: A = gᵀ (g read down its columns), B = x, accumulated.</li>
 * </ul>
 * Packing buffers are per thread and reused, so a call allocates nothing after the thread's first (except
 * the task lambdas when it runs on several threads).
 */
final class GemmPacked {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /**
     * Rows of a register tile: 4 × 2 accumulators + 2 panel vectors + 4 broadcasts fit AVX2's 16 registers
     * even when C2 issues all of a step's broadcasts first, which it does. A 6-row tile (12 accumulators) ran
     * at half speed on JDK 25 (spills) and no faster on JDK 17; a 4 × 3 tile spilled on both (AVX2, measured).
     */
    private static final int MR = 4;
    /** Columns of a register tile and width of a packed panel. */
    private static final int NR = 2 * L;
    /**
     * Panel values per packed A value: the tile's panel index is this multiple of its sliver index (the
     * loop's only induction variable), so C2 drops the panel's bounds checks; stepping both indices on their
     * own kept two checks per step. {@code NR} is a multiple of {@code MR} for vectors of 128 bits and more.
     */
    private static final int PANEL_PER_SLIVER = NR / MR;
    /** k block: a KC × NR panel (32 KB with AVX-512) stays in L1 while the tile rows stream past. */
    private static final int KC = 256;
    /** n block: KC × NC packed values (512 KB in float64, 256 KB in float32) stay in L2. */
    private static final int NC = 256;
    /**
     * m block, a multiple of MR: MC rows of x × KC (≈ 200 KB in float64, 100 KB in float32) are re-read once
     * per panel, from L2.
     */
    private static final int MC = 96;

    /** Columns from which the product is split by columns (4 panels per thread for 2 threads). */
    private static final int MIN_COLUMN_SPLIT = 8 * NR;

    private static final ThreadLocal<double[]> PACK = ThreadLocal.withInitial(() -> new double[KC * NC]);
    private static final ThreadLocal<double[]> PACK_A = ThreadLocal.withInitial(() -> new double[MC * KC]);
    /** One MC×NC block's tile sums, row stride NC (MC and NC are multiples of MR and NR). */
    private static final ThreadLocal<double[]> SUMS = ThreadLocal.withInitial(() -> new double[MC * NC]);

    private GemmPacked() {
    }

    /** {@code out[m×n] = act(x[m×k]·w[n×k]ᵀ + b)}, {@code pre} (if not null) the value before act. */
    static void linearForward(double[] x, double[] w, double[] b, double[] pre, double[] out,
                              int m, int k, int n, Activation act) {
        multiply(x, k, 1, w, 1, k, b, pre, out, m, k, n, act, false);
    }

    /** {@code gradX[m×k] = g[m×n]·w[n×k]}, overwritten. */
    static void linearGradInput(double[] g, double[] w, double[] gradX, int m, int k, int n) {
        multiply(g, n, 1, w, k, 1, null, null, gradX, m, n, k, Activation.NONE, false);
    }

    /** {@code gradW[n×k] += g[m×n]ᵀ·x[m×k]}. */
    static void linearAccGradWeight(double[] g, double[] x, double[] gradW, int m, int k, int n) {
        multiply(g, 1, n, x, k, 1, null, null, gradW, n, m, k, Activation.NONE, true);
    }

    /**
     * {@code C[M×N] (+)= A·B} with {@code A(i,p) = a[i*ars + p*acs]}, {@code B(p,j) = bm[p*brs + j*bcs]}, C
     * row-major in {@code out} (and {@code pre}, see {@link #addRow}); {@code K >= 1}. With enough output
     * columns the columns are split over {@link KernelThreads} in chunks aligned to whole panels: each task
     * packs its own panels and runs the whole loop nest alone, with no synchronisation until the end (two such
     * tasks run at the full single-core speed each, measured). With few columns, each B block is packed once
     * (its panels split over the threads) and the rows are split around the shared panels. Both splits compute
     * every element exactly as one thread does: the same k blocks in the same order, and panel boundaries at
     * the same columns.
     */
    private static void multiply(double[] a, int ars, int acs, double[] bm, int brs, int bcs, double[] b,
                                 double[] pre, double[] out, int m, int k, int n, Activation act, boolean acc) {
        double flops = 2.0 * m * k * n; //f32-same
        if (n >= MIN_COLUMN_SPLIT && KernelThreads.pays(n, NR, flops)) {
            KernelThreads.forRows(n, NR, flops,
                    (c0, c1) -> columns(a, ars, acs, bm, brs, bcs, b, pre, out, m, k, n, act, acc, c0, c1));
        } else if (KernelThreads.pays(m, MR, flops)) {
            sharedPanels(a, ars, acs, bm, brs, bcs, b, pre, out, m, k, n, act, acc);
        } else {
            columns(a, ars, acs, bm, brs, bcs, b, pre, out, m, k, n, act, acc, 0, n);
        }
    }

    /** Output columns {@code [colFrom, colTo)}, all rows, on the calling thread with its own packing buffer. */
    private static void columns(double[] a, int ars, int acs, double[] bm, int brs, int bcs, double[] b,
                                double[] pre, double[] out, int m, int k, int n, Activation act, boolean acc,
                                int colFrom, int colTo) {
        double[] panel = PACK.get();
        for (int jc = colFrom; jc < colTo; jc += NC) {
            int nc = Math.min(NC, colTo - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                pack(bm, brs, bcs, jc, nc, pc, kc, panel, 0, nc);
                block(a, ars, acs, b, pre, out, k, n, act, acc, panel, jc, nc, pc, kc, 0, m);
            }
        }
    }

    /** Few columns: one shared packing of each B block (panels packed in parallel), rows split over threads. */
    private static void sharedPanels(double[] a, int ars, int acs, double[] bm, int brs, int bcs, double[] b,
                                     double[] pre, double[] out, int m, int k, int n, Activation act,
                                     boolean acc) {
        double[] panel = PACK.get();
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                int j0 = jc;
                int p0 = pc;
                double flops = 2.0 * m * kc * nc; //f32-same
                if (KernelThreads.pays(nc, NR, flops)) {
                    KernelThreads.forRows(nc, NR, flops,
                            (c0, c1) -> pack(bm, brs, bcs, j0, nc, p0, kc, panel, c0, c1));
                } else {
                    pack(bm, brs, bcs, jc, nc, pc, kc, panel, 0, nc);
                }
                KernelThreads.forRows(m, MR, flops,
                        (r0, r1) -> block(a, ars, acs, b, pre, out, k, n, act, acc, panel, j0, nc, p0, kc, r0, r1));
            }
        }
    }

    /**
     * Rows {@code [rowFrom, rowTo)} against one packed block of B. The tiles of each MC-row block go to a
     * contiguous scratch block first and are added into C afterwards, row by row: a tile adding itself into C
     * directly touched 4 rows a C row apart per tile, a pattern the prefetchers do not follow, and once C
     * outgrew L2 those loads and stores took a third of the time (1024×1024×1024 float32; the weight
     * gradient of a training step, whose C is the whole gradient).
     */
    private static void block(double[] a, int ars, int acs, double[] b, double[] pre, double[] out, int k, int n,
                              Activation act, boolean acc, double[] panel, int jc, int nc, int pc, int kc,
                              int rowFrom, int rowTo) {
        double[] rows = PACK_A.get();
        double[] sums = SUMS.get();
        double[] z = pre != null ? pre : out;
        boolean first = pc == 0 && !acc;
        boolean last = pc + kc == k;
        for (int ic = rowFrom; ic < rowTo; ic += MC) {
            int mc = Math.min(MC, rowTo - ic);
            packRows(a, ars, acs, ic, mc, pc, kc, rows);
            for (int jr = 0; jr < nc; jr += NR) {
                for (int ir = 0; ir < mc; ir += MR) {
                    tile(rows, ir * kc, kc, panel, jr * kc, sums, ir * NC + jr);
                }
            }
            for (int r = 0; r < mc; r++) {
                addRow(sums, r * NC, z, out, b, (ic + r) * n + jc, jc, nc, first, last, act);
            }
        }
    }

    /**
     * Packs the panels {@code [jrFrom, jrTo)} (multiples of NR) of {@code B[pc..pc+kc, jc..jc+nc]}: NR columns
     * each, {@code kc × NR} row-major; the columns past N in the last panel are zero, so tiles never read
     * garbage. The loop order follows whichever of B's strides is 1.
     */
    private static void pack(double[] bm, int brs, int bcs, int jc, int nc, int pc, int kc, double[] panel,
                             int jrFrom, int jrTo) {
        for (int jr = jrFrom; jr < jrTo; jr += NR) {
            int base = jr * kc;
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
     * Packs rows {@code ic..ic+mc} of {@code A[:, pc..pc+kc]} as MR-row slivers interleaved by column, so a
     * tile's broadcasts per step read one contiguous stream. A last sliver of fewer rows is padded with zero
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
                for (; ir < whole; ir += MR) { // MR = 4 values, written out: no inner loop
                    int to = ir * kc + p * MR;
                    int f = from + ir * ars;
                    rows[to] = a[f];
                    rows[to + 1] = a[f + ars];
                    rows[to + 2] = a[f + 2 * ars];
                    rows[to + 3] = a[f + 3 * ars];
                }
                for (; ir < mc; ir += MR) {
                    int to = ir * kc + p * MR;
                    int height = Math.min(MR, mc - ir);
                    for (int r = 0; r < height; r++) {
                        rows[to + r] = a[from + (ir + r) * ars];
                    }
                }
            }
        }
        for (int ir = 0; ir < mc; ir += MR) {
            int base = ir * kc;
            int height = Math.min(MR, mc - ir);
            if (acs == 1) { // rows of A contiguous
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
     * One MR-row sliver (a shorter one is zero-padded) × one panel, its MR × NR sums stored at
     * {@code sums[so..]} with row stride NC.
     */
    private static void tile(double[] a4, int ao, int kc, double[] panel, int po, double[] sums, int so) {
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
        c00.intoArray(sums, so);
        c01.intoArray(sums, so + L);
        c10.intoArray(sums, so + NC);
        c11.intoArray(sums, so + NC + L);
        c20.intoArray(sums, so + 2 * NC);
        c21.intoArray(sums, so + 2 * NC + L);
        c30.intoArray(sums, so + 3 * NC);
        c31.intoArray(sums, so + 3 * NC + L);
    }

    /**
     * Adds one row of a block's sums ({@code cols} values at {@code sums[so..]}) into z at {@code at} (C's
     * columns {@code j..j+cols}), on top of what earlier k blocks left; on the last k block then applies the
     * fused epilogue ({@link GemmVector#biasActivationRow}) to the row, still in L1.
     */
    private static void addRow(double[] sums, int so, double[] z, double[] out, double[] b, int at, int j, int cols,
                               boolean first, boolean last, Activation act) {
        int bound = S.loopBound(cols);
        int c = 0;
        for (; c < bound; c += L) {
            DoubleVector v = DoubleVector.fromArray(S, sums, so + c);
            (first ? v : v.add(DoubleVector.fromArray(S, z, at + c))).intoArray(z, at + c);
        }
        for (; c < cols; c++) {
            z[at + c] = first ? sums[so + c] : sums[so + c] + z[at + c];
        }
        if (last && (b != null || act != Activation.NONE || z != out)) {
            GemmVector.biasActivationRow(z, b, j, out, at, cols, act);
        }
    }
}
