package io.github.jnn.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Matrix products of a Linear layer with {@code DoubleVector.SPECIES_PREFERRED}, register-tiled and
 * cache-blocked, no packing; one small scratch array per call, for the fixed-order lane sums
 * ({@link VectorMath#sumLanes}). Tails (sizes that are not a multiple of the tile or of the lane count) run as
 * scalar loops inside the same blocks. Unchecked: callers go through {@link Kernels}.
 */
final class GemmVector {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Lanes per vector of the preferred species (with AVX-512: 8 in float64, 16 in float32). */
    static final int LANES = L;

    /**
     * Rows of x per block: with KC columns this is 512 KB of x (either precision), kept in L2 while all of w
     * streams past.
     */
    private static final int MC = 64;
    /**
     * Depth of a k block: 128 vector steps amortise the 16 lane reductions at the end of a 4×4 tile (512
     * values, 32 steps in float32, had the reductions take a fifth of a 256×1024×10 forward; a single block
     * there: 0.074 → 0.059 ms float32, 8×784×256 0.035 → 0.025).
     */
    private static final int KC = 1024; //f32:     private static final int KC = 2048;
    /** Depth of a t block in {@link #multiplyRowPanels}: a 256 × 4L chunk of B is 64 KB (L2). */
    private static final int TC = 256;

    /**
     * The packed path needs this many rows to pay for packing W. Measured on AVX2 with the 4-row tile and
     * zero-padded slivers (JDK 17, GFLOP/s packed vs dot, 1 thread): float64 64×784×256 31 vs 16,
     * 32×784×256 26 vs 17, 16×784×256 20 vs 17; float32 32×784×256 42 vs 29, 16×784×256 28 vs 28, 8×784×256
     * 17 vs 28. (The 6-row tile without padding needed 160 rows in float64 on AVX-512.) ...
     */
    static final int PACKED_MIN_ROWS = 16;
    /** ... and this many output features: a panel is 2 vectors wide (128×256×10: packed 15, dot 37). */
    static final int PACKED_MIN_COLS = 32;
    /**
     * ... and, for the input gradient, this many outputs of the layer (its depth): below it each packed tile
     * ran fewer than 16 steps between loading and storing its sums, and C went through the scratch block
     * (float64 256×1024 input gradient of a 1024→10 layer: packed 0.147 ms, row panels 0.073; at 16 outputs
     * packed is ahead in float32).
     */
    static final int PACKED_MIN_DEPTH = 16;
    /** Flops of a product that take about as long as one value of {@link #accColumnSums} (for the split). */
    private static final double COLUMN_SUM_WORK = 16.0; //f32-same

//#if[f64]
//#else[f32]
//  /** The float32 column sums' running totals, in double ({@link #accColumnSums}). */
//  private static final ThreadLocal<double[]> COLUMN_SUMS = ThreadLocal.withInitial(() -> new double[0]);
//#end

    /** {@link #linearForwardDot}'s 16 accumulators of a tile, stored for their lane sums. */
    private static final ThreadLocal<double[]> TILE_LANES = ThreadLocal.withInitial(() -> new double[16 * L]);

    private GemmVector() {
    }

    /** Whether a product with {@code rows × cols} outputs takes the packed path ({@link GemmPacked}). */
    static boolean packedPays(int rows, int cols) {
        return rows >= PACKED_MIN_ROWS && cols >= PACKED_MIN_COLS;
    }

    // ---------------------------------------------------------------------------------------------
    // Forward: out = act(x·wᵀ + b). Both x and w are contiguous along k, so a tile keeps 4×4 dot
    // products as vector accumulators along k and reduces them once per k block.
    // ---------------------------------------------------------------------------------------------

    static void linearForward(double[] x, double[] w, double[] b, double[] pre, double[] out,
                              int m, int k, int n, Activation act) {
        if (k < L) {
            // Too short to fill one vector: the plain loop is the fast path here (e.g. the notebook's 5×4×3).
            GemmScalar.linearForward(x, w, b, pre, out, m, k, n, act);
        } else if (packedPays(m, n)) {
            // The path is chosen from the whole shape, before any split, so the result does not depend on the
            // thread count; GemmPacked splits the rows itself, around one shared packing of W.
            GemmPacked.linearForward(x, w, b, pre, out, m, k, n, act);
        } else {
            double work = KernelThreads.productWork(2.0 * m * k * n); //f32-same
            if (KernelThreads.pays(m, 4, work)) {
                Split t = Split.idle(Split.FORWARD_DOT);
                t.a = x;
                t.bm = w;
                t.bias = b;
                t.pre = pre;
                t.c = out;
                t.m = m;
                t.k = k;
                t.n = n;
                t.act = act;
                t.forRows(m, 4, work);
            } else {
                linearForwardDot(x, w, b, pre, out, m, k, n, act, 0, m);
            }
        }
    }

    /**
     * Few rows (or few outputs): packing W would cost about as much as the product, so keep W as it is and
     * compute 4×4 tiles of dot products along k, reduced once per k block.
     */
    static void linearForwardDot(double[] x, double[] w, double[] b, double[] pre, double[] out,
                                 int m, int k, int n, Activation act, int rowFrom, int rowTo) {
        double[] z = pre != null ? pre : out;
        double[] lanes = TILE_LANES.get(); // a tile's accumulators, summed in a fixed order (VectorMath.sumLanes)
        for (int i0 = rowFrom; i0 < rowTo; i0 += MC) {
            int i1 = Math.min(rowTo, i0 + MC);
            for (int p0 = 0; p0 < k; p0 += KC) {
                int p1 = Math.min(k, p0 + KC);
                boolean first = p0 == 0;
                int j = 0;
                for (; j + 4 <= n; j += 4) {
                    int i = i0;
                    for (; i + 4 <= i1; i += 4) {
                        tile4x4(x, w, z, i, j, k, n, p0, p1, first, lanes);
                    }
                    for (; i < i1; i++) {
                        tile1x4(x, w, z, i, j, k, n, p0, p1, first, lanes);
                    }
                }
                // The last 1-3 columns (a 1024→10 layer's 9th and 10th) four rows at a time: one dot product
                // alone is a single chain of FMAs waiting on each other's latency.
                for (; j < n; j++) {
                    int i = i0;
                    for (; i + 4 <= i1; i += 4) {
                        tile4x1(x, w, z, i, j, k, n, p0, p1, first, lanes);
                    }
                    for (; i < i1; i++) {
                        double s = dot(x, i * k, w, j * k, p0, p1, lanes);
                        z[i * n + j] = first ? s : z[i * n + j] + s;
                    }
                }
            }
            // Epilogue while the block's rows are still in cache.
            if (hasEpilogue(b, act, z, out)) {
                for (int i = i0; i < i1; i++) {
                    biasActivationRow(z, i * n, b, 0, out, i * n, n, act);
                }
            }
        }
    }

    /**
     * Whether C's sums need {@link #biasActivationRow} after the last k block: a bias, an activation, or a
     * pre-activation z kept apart from out.
     */
    static boolean hasEpilogue(double[] b, Activation act, double[] z, double[] out) {
        return b != null || act != Activation.NONE || z != out;
    }

    /**
     * The fused epilogue over one row segment of n values: {@code out[off..] = act(z[zOff..] + b[bOff..])},
     * the pre-activation {@code z + b} written back into z when z is not out.
     */
    static void biasActivationRow(double[] z, int zOff, double[] b, int bOff, double[] out, int off, int n,
                                  Activation act) {
        int bound = S.loopBound(n);
        boolean keepPre = z != out;
        // Sigmoid runs afterwards over the row from the array: on this loop's vectors its exp was not inlined
        // and they were boxed (6 MB allocated per 256×1024×1024 packed forward).
        Activation inLoop = act == Activation.SIGMOID ? Activation.NONE : act;
        int j = 0;
        for (; j < bound; j += L) {
            DoubleVector v = DoubleVector.fromArray(S, z, zOff + j);
            if (b != null) {
                v = v.add(DoubleVector.fromArray(S, b, bOff + j));
                if (keepPre) {
                    v.intoArray(z, zOff + j);
                }
            }
            (inLoop == Activation.RELU ? v.max(0.0) : v).intoArray(out, off + j);
        }
        ElementwiseScalar.biasActivation(z, zOff - bOff, b, out, off - bOff, bOff + j, bOff + n, inLoop);
        if (act == Activation.SIGMOID) {
            ElementwiseVector.sigmoidInPlace(out, off, off + n);
        }
    }

    private static double dot(double[] x, int xo, double[] w, int wo, int p0, int p1, double[] lanes) {
        int pv = p0 + S.loopBound(p1 - p0);
        DoubleVector acc = DoubleVector.zero(S);
        int p = p0;
        for (; p < pv; p += L) {
            acc = DoubleVector.fromArray(S, x, xo + p).fma(DoubleVector.fromArray(S, w, wo + p), acc);
        }
        acc.intoArray(lanes, 0);
        double s = VectorMath.sumLanes(lanes, 0);
        for (; p < p1; p++) {
            s += x[xo + p] * w[wo + p];
        }
        return s;
    }

    /** Four rows' dot products with one column of w: four chains, each the chain {@link #dot} takes. */
    private static void tile4x1(double[] x, double[] w, double[] z, int i, int j, int k, int n,
                                int p0, int p1, boolean first, double[] lanes) {
        int x0 = i * k;
        int wo = j * k;
        DoubleVector c0 = DoubleVector.zero(S);
        DoubleVector c1 = c0;
        DoubleVector c2 = c0;
        DoubleVector c3 = c0;
        int pv = p0 + S.loopBound(p1 - p0);
        int p = p0;
        for (; p < pv; p += L) {
            DoubleVector b = DoubleVector.fromArray(S, w, wo + p);
            c0 = DoubleVector.fromArray(S, x, x0 + p).fma(b, c0);
            c1 = DoubleVector.fromArray(S, x, x0 + k + p).fma(b, c1);
            c2 = DoubleVector.fromArray(S, x, x0 + 2 * k + p).fma(b, c2);
            c3 = DoubleVector.fromArray(S, x, x0 + 3 * k + p).fma(b, c3);
        }
        c0.intoArray(lanes, 0);
        c1.intoArray(lanes, L);
        c2.intoArray(lanes, 2 * L);
        c3.intoArray(lanes, 3 * L);
        for (int r = 0; r < 4; r++) {
            int xo = x0 + r * k;
            double s = VectorMath.sumLanes(lanes, r * L);
            for (int q = p; q < p1; q++) {
                s += x[xo + q] * w[wo + q];
            }
            store(z, (i + r) * n + j, s, first);
        }
    }

    private static void tile1x4(double[] x, double[] w, double[] z, int i, int j, int k, int n,
                                int p0, int p1, boolean first, double[] lanes) {
        int xo = i * k;
        int w0 = j * k;
        int w1 = w0 + k;
        int w2 = w1 + k;
        int w3 = w2 + k;
        DoubleVector c0 = DoubleVector.zero(S);
        DoubleVector c1 = c0;
        DoubleVector c2 = c0;
        DoubleVector c3 = c0;
        int pv = p0 + S.loopBound(p1 - p0);
        int p = p0;
        for (; p < pv; p += L) {
            DoubleVector a = DoubleVector.fromArray(S, x, xo + p);
            c0 = a.fma(DoubleVector.fromArray(S, w, w0 + p), c0);
            c1 = a.fma(DoubleVector.fromArray(S, w, w1 + p), c1);
            c2 = a.fma(DoubleVector.fromArray(S, w, w2 + p), c2);
            c3 = a.fma(DoubleVector.fromArray(S, w, w3 + p), c3);
        }
        c0.intoArray(lanes, 0);
        c1.intoArray(lanes, L);
        c2.intoArray(lanes, 2 * L);
        c3.intoArray(lanes, 3 * L);
        finishRow(x, w, z, xo, w0, k, p, p1, i * n + j, first, lanes, 0);
    }

    private static void tile4x4(double[] x, double[] w, double[] z, int i, int j, int k, int n,
                                int p0, int p1, boolean first, double[] lanes) {
        int x0 = i * k;
        int x1 = x0 + k;
        int x2 = x1 + k;
        int x3 = x2 + k;
        int w0 = j * k;
        int w1 = w0 + k;
        int w2 = w1 + k;
        int w3 = w2 + k;
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = c00, c02 = c00, c03 = c00;
        DoubleVector c10 = c00, c11 = c00, c12 = c00, c13 = c00;
        DoubleVector c20 = c00, c21 = c00, c22 = c00, c23 = c00;
        DoubleVector c30 = c00, c31 = c00, c32 = c00, c33 = c00;
        int pv = p0 + S.loopBound(p1 - p0);
        int p = p0;
        for (; p < pv; p += L) {
            DoubleVector b0 = DoubleVector.fromArray(S, w, w0 + p);
            DoubleVector b1 = DoubleVector.fromArray(S, w, w1 + p);
            DoubleVector b2 = DoubleVector.fromArray(S, w, w2 + p);
            DoubleVector b3 = DoubleVector.fromArray(S, w, w3 + p);
            DoubleVector a = DoubleVector.fromArray(S, x, x0 + p);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            c02 = a.fma(b2, c02);
            c03 = a.fma(b3, c03);
            a = DoubleVector.fromArray(S, x, x1 + p);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            c12 = a.fma(b2, c12);
            c13 = a.fma(b3, c13);
            a = DoubleVector.fromArray(S, x, x2 + p);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            c22 = a.fma(b2, c22);
            c23 = a.fma(b3, c23);
            a = DoubleVector.fromArray(S, x, x3 + p);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            c32 = a.fma(b2, c32);
            c33 = a.fma(b3, c33);
        }
        // Stored here, not passed on: a vector argument to a method C2 does not inline is boxed.
        c00.intoArray(lanes, 0);
        c01.intoArray(lanes, L);
        c02.intoArray(lanes, 2 * L);
        c03.intoArray(lanes, 3 * L);
        c10.intoArray(lanes, 4 * L);
        c11.intoArray(lanes, 5 * L);
        c12.intoArray(lanes, 6 * L);
        c13.intoArray(lanes, 7 * L);
        c20.intoArray(lanes, 8 * L);
        c21.intoArray(lanes, 9 * L);
        c22.intoArray(lanes, 10 * L);
        c23.intoArray(lanes, 11 * L);
        c30.intoArray(lanes, 12 * L);
        c31.intoArray(lanes, 13 * L);
        c32.intoArray(lanes, 14 * L);
        c33.intoArray(lanes, 15 * L);
        finishRow(x, w, z, x0, w0, k, p, p1, i * n + j, first, lanes, 0);
        finishRow(x, w, z, x1, w0, k, p, p1, (i + 1) * n + j, first, lanes, 4 * L);
        finishRow(x, w, z, x2, w0, k, p, p1, (i + 2) * n + j, first, lanes, 8 * L);
        finishRow(x, w, z, x3, w0, k, p, p1, (i + 3) * n + j, first, lanes, 12 * L);
    }

    /**
     * Sums one tile row's four accumulators (stored at {@code lanes[lo ..]}) in a fixed lane order, adds the
     * scalar k tail and stores the four sums.
     */
    private static void finishRow(double[] x, double[] w, double[] z, int xo, int w0, int k, int pTail, int p1,
                                  int zo, boolean first, double[] lanes, int lo) {
        double s0 = VectorMath.sumLanes(lanes, lo);
        double s1 = VectorMath.sumLanes(lanes, lo + L);
        double s2 = VectorMath.sumLanes(lanes, lo + 2 * L);
        double s3 = VectorMath.sumLanes(lanes, lo + 3 * L);
        for (int p = pTail; p < p1; p++) {
            double a = x[xo + p];
            s0 += a * w[w0 + p];
            s1 += a * w[w0 + k + p];
            s2 += a * w[w0 + 2 * k + p];
            s3 += a * w[w0 + 3 * k + p];
        }
        store(z, zo, s0, first);
        store(z, zo + 1, s1, first);
        store(z, zo + 2, s2, first);
        store(z, zo + 3, s3, first);
    }

    private static void store(double[] z, int at, double s, boolean first) {
        z[at] = first ? s : z[at] + s;
    }

    // ---------------------------------------------------------------------------------------------
    // Backward: C[M×P] (+)= A[M×T]·B[T×P] where B's rows are contiguous along P and A is read one
    // element at a time through strides, which covers both g·w (A = g) and gᵀ·x (A = gᵀ, read
    // transposed in place). Tiles are 4 rows × 4 vectors of P (2 or 1 at the right edge, 1-2 rows at the
    // bottom); each step broadcasts A and streams B.
    // ---------------------------------------------------------------------------------------------

    /**
     * @param a     A(r, t) is {@code a[r*aRowStride + t*aColStride]}
     * @param bm    B, row t at {@code bm[t*pCols]}
     * @param c     C, row r at {@code c[r*pCols]}
     * @param accumulate add into C instead of overwriting it
     */
    static void multiplyRowPanels(double[] a, int aRowStride, int aColStride, double[] bm, double[] c,
                                  int mRows, int tDepth, int pCols, boolean accumulate) {
        double flops = KernelThreads.productWork(2.0 * mRows * tDepth * pCols); //f32-same
        if (KernelThreads.pays(mRows, 4, flops)) {
            Split t = Split.idle(Split.ROW_PANELS);
            t.a = a;
            t.ars = aRowStride;
            t.acs = aColStride;
            t.bm = bm;
            t.c = c;
            t.k = tDepth;
            t.n = pCols;
            t.accumulate = accumulate;
            t.forRows(mRows, 4, flops);
        } else {
            multiplyRowPanels(a, aRowStride, aColStride, bm, c, 0, mRows, tDepth, pCols, accumulate);
        }
    }

    /** {@link #multiplyRowPanels} for rows {@code [rowFrom, rowTo)} of C. */
    private static void multiplyRowPanels(double[] a, int aRowStride, int aColStride, double[] bm, double[] c,
                                          int rowFrom, int rowTo, int tDepth, int pCols, boolean accumulate) {
        if (tDepth == 0) {
            if (!accumulate) {
                java.util.Arrays.fill(c, rowFrom * pCols, rowTo * pCols, 0.0);
            }
            return;
        }
        int twoL = 2 * L;
        int fourL = 4 * L;
        for (int t0 = 0; t0 < tDepth; t0 += TC) {
            int t1 = Math.min(tDepth, t0 + TC);
            boolean load = accumulate || t0 > 0;
            int whole = rowFrom + (rowTo - rowFrom) / 4 * 4;
            int p = 0;
            // Four vectors of B at a time: 16 FMA chains per row of four, twice the 8 that two FMA pipes of
            // 4 cycles' latency need (4 × 2 vectors ran the 1024→10 layer's weight gradient at a third of the
            // peak), and the last 1-3 rows take each chunk of B right after the rows of four, while it is in
            // cache (in a pass of their own they read x from L3 again).
            for (; p + fourL <= pCols; p += fourL) {
                for (int r = rowFrom; r < whole; r += 4) {
                    panel4x4(a, aRowStride, aColStride, bm, c, r, p, t0, t1, pCols, load);
                }
                int r = whole;
                for (; r + 2 <= rowTo; r += 2) {
                    panel2x4(a, aRowStride, aColStride, bm, c, r, p, t0, t1, pCols, load);
                }
                if (r < rowTo) {
                    panel1x4(a, aRowStride, aColStride, bm, c, r, p, t0, t1, pCols, load);
                }
            }
            int pFrom = p;
            for (; p + twoL <= pCols; p += twoL) {
                for (int r = rowFrom; r < whole; r += 4) {
                    panel4x2(a, aRowStride, aColStride, bm, c, r, p, t0, t1, pCols, load);
                }
            }
            for (int q = pFrom; q < p; q += twoL) {
                for (int r = whole; r < rowTo; r++) {
                    panel1x2(a, aRowStride, aColStride, bm, c, r, q, t0, t1, pCols, load);
                }
            }
            for (; p + L <= pCols; p += L) {
                for (int r = rowFrom; r < rowTo; r++) {
                    panel1x1(a, aRowStride, aColStride, bm, c, r, p, t0, t1, pCols, load);
                }
            }
            for (; p < pCols; p++) {
                for (int r = rowFrom; r < rowTo; r++) {
                    double s = load ? c[r * pCols + p] : 0.0;
                    int ao = r * aRowStride;
                    for (int t = t0; t < t1; t++) {
                        s += a[ao + t * aColStride] * bm[t * pCols + p];
                    }
                    c[r * pCols + p] = s;
                }
            }
        }
    }

    private static DoubleVector loadOrZero(double[] c, int at, boolean load) {
        return load ? DoubleVector.fromArray(S, c, at) : DoubleVector.zero(S);
    }

    private static void panel4x2(double[] a, int ars, int acs, double[] bm, double[] c, int r, int p,
                                 int t0, int t1, int pCols, boolean load) {
        int c0 = r * pCols + p;
        int c1 = c0 + pCols;
        int c2 = c1 + pCols;
        int c3 = c2 + pCols;
        DoubleVector s00 = loadOrZero(c, c0, load), s01 = loadOrZero(c, c0 + L, load);
        DoubleVector s10 = loadOrZero(c, c1, load), s11 = loadOrZero(c, c1 + L, load);
        DoubleVector s20 = loadOrZero(c, c2, load), s21 = loadOrZero(c, c2 + L, load);
        DoubleVector s30 = loadOrZero(c, c3, load), s31 = loadOrZero(c, c3 + L, load);
        int a0 = r * ars;
        int a1 = a0 + ars;
        int a2 = a1 + ars;
        int a3 = a2 + ars;
        for (int t = t0; t < t1; t++) {
            int bo = t * pCols + p;
            DoubleVector b0 = DoubleVector.fromArray(S, bm, bo);
            DoubleVector b1 = DoubleVector.fromArray(S, bm, bo + L);
            int at = t * acs;
            DoubleVector v = DoubleVector.broadcast(S, a[a0 + at]);
            s00 = v.fma(b0, s00);
            s01 = v.fma(b1, s01);
            v = DoubleVector.broadcast(S, a[a1 + at]);
            s10 = v.fma(b0, s10);
            s11 = v.fma(b1, s11);
            v = DoubleVector.broadcast(S, a[a2 + at]);
            s20 = v.fma(b0, s20);
            s21 = v.fma(b1, s21);
            v = DoubleVector.broadcast(S, a[a3 + at]);
            s30 = v.fma(b0, s30);
            s31 = v.fma(b1, s31);
        }
        s00.intoArray(c, c0);
        s01.intoArray(c, c0 + L);
        s10.intoArray(c, c1);
        s11.intoArray(c, c1 + L);
        s20.intoArray(c, c2);
        s21.intoArray(c, c2 + L);
        s30.intoArray(c, c3);
        s31.intoArray(c, c3 + L);
    }

    private static void panel4x4(double[] a, int ars, int acs, double[] bm, double[] c, int r, int p,
                                 int t0, int t1, int pCols, boolean load) {
        int c0 = r * pCols + p;
        int c1 = c0 + pCols;
        int c2 = c1 + pCols;
        int c3 = c2 + pCols;
        DoubleVector s00 = loadOrZero(c, c0, load), s01 = loadOrZero(c, c0 + L, load);
        DoubleVector s02 = loadOrZero(c, c0 + 2 * L, load), s03 = loadOrZero(c, c0 + 3 * L, load);
        DoubleVector s10 = loadOrZero(c, c1, load), s11 = loadOrZero(c, c1 + L, load);
        DoubleVector s12 = loadOrZero(c, c1 + 2 * L, load), s13 = loadOrZero(c, c1 + 3 * L, load);
        DoubleVector s20 = loadOrZero(c, c2, load), s21 = loadOrZero(c, c2 + L, load);
        DoubleVector s22 = loadOrZero(c, c2 + 2 * L, load), s23 = loadOrZero(c, c2 + 3 * L, load);
        DoubleVector s30 = loadOrZero(c, c3, load), s31 = loadOrZero(c, c3 + L, load);
        DoubleVector s32 = loadOrZero(c, c3 + 2 * L, load), s33 = loadOrZero(c, c3 + 3 * L, load);
        int a0 = r * ars;
        int a1 = a0 + ars;
        int a2 = a1 + ars;
        int a3 = a2 + ars;
        for (int t = t0; t < t1; t++) {
            int bo = t * pCols + p;
            DoubleVector b0 = DoubleVector.fromArray(S, bm, bo);
            DoubleVector b1 = DoubleVector.fromArray(S, bm, bo + L);
            DoubleVector b2 = DoubleVector.fromArray(S, bm, bo + 2 * L);
            DoubleVector b3 = DoubleVector.fromArray(S, bm, bo + 3 * L);
            int at = t * acs;
            DoubleVector v = DoubleVector.broadcast(S, a[a0 + at]);
            s00 = v.fma(b0, s00);
            s01 = v.fma(b1, s01);
            s02 = v.fma(b2, s02);
            s03 = v.fma(b3, s03);
            v = DoubleVector.broadcast(S, a[a1 + at]);
            s10 = v.fma(b0, s10);
            s11 = v.fma(b1, s11);
            s12 = v.fma(b2, s12);
            s13 = v.fma(b3, s13);
            v = DoubleVector.broadcast(S, a[a2 + at]);
            s20 = v.fma(b0, s20);
            s21 = v.fma(b1, s21);
            s22 = v.fma(b2, s22);
            s23 = v.fma(b3, s23);
            v = DoubleVector.broadcast(S, a[a3 + at]);
            s30 = v.fma(b0, s30);
            s31 = v.fma(b1, s31);
            s32 = v.fma(b2, s32);
            s33 = v.fma(b3, s33);
        }
        s00.intoArray(c, c0);
        s01.intoArray(c, c0 + L);
        s02.intoArray(c, c0 + 2 * L);
        s03.intoArray(c, c0 + 3 * L);
        s10.intoArray(c, c1);
        s11.intoArray(c, c1 + L);
        s12.intoArray(c, c1 + 2 * L);
        s13.intoArray(c, c1 + 3 * L);
        s20.intoArray(c, c2);
        s21.intoArray(c, c2 + L);
        s22.intoArray(c, c2 + 2 * L);
        s23.intoArray(c, c2 + 3 * L);
        s30.intoArray(c, c3);
        s31.intoArray(c, c3 + L);
        s32.intoArray(c, c3 + 2 * L);
        s33.intoArray(c, c3 + 3 * L);
    }

    private static void panel2x4(double[] a, int ars, int acs, double[] bm, double[] c, int r, int p,
                                 int t0, int t1, int pCols, boolean load) {
        int c0 = r * pCols + p;
        int c1 = c0 + pCols;
        DoubleVector s00 = loadOrZero(c, c0, load), s01 = loadOrZero(c, c0 + L, load);
        DoubleVector s02 = loadOrZero(c, c0 + 2 * L, load), s03 = loadOrZero(c, c0 + 3 * L, load);
        DoubleVector s10 = loadOrZero(c, c1, load), s11 = loadOrZero(c, c1 + L, load);
        DoubleVector s12 = loadOrZero(c, c1 + 2 * L, load), s13 = loadOrZero(c, c1 + 3 * L, load);
        int a0 = r * ars;
        int a1 = a0 + ars;
        for (int t = t0; t < t1; t++) {
            int bo = t * pCols + p;
            DoubleVector b0 = DoubleVector.fromArray(S, bm, bo);
            DoubleVector b1 = DoubleVector.fromArray(S, bm, bo + L);
            DoubleVector b2 = DoubleVector.fromArray(S, bm, bo + 2 * L);
            DoubleVector b3 = DoubleVector.fromArray(S, bm, bo + 3 * L);
            int at = t * acs;
            DoubleVector v = DoubleVector.broadcast(S, a[a0 + at]);
            s00 = v.fma(b0, s00);
            s01 = v.fma(b1, s01);
            s02 = v.fma(b2, s02);
            s03 = v.fma(b3, s03);
            v = DoubleVector.broadcast(S, a[a1 + at]);
            s10 = v.fma(b0, s10);
            s11 = v.fma(b1, s11);
            s12 = v.fma(b2, s12);
            s13 = v.fma(b3, s13);
        }
        s00.intoArray(c, c0);
        s01.intoArray(c, c0 + L);
        s02.intoArray(c, c0 + 2 * L);
        s03.intoArray(c, c0 + 3 * L);
        s10.intoArray(c, c1);
        s11.intoArray(c, c1 + L);
        s12.intoArray(c, c1 + 2 * L);
        s13.intoArray(c, c1 + 3 * L);
    }

    private static void panel1x4(double[] a, int ars, int acs, double[] bm, double[] c, int r, int p,
                                 int t0, int t1, int pCols, boolean load) {
        int c0 = r * pCols + p;
        DoubleVector s0 = loadOrZero(c, c0, load), s1 = loadOrZero(c, c0 + L, load);
        DoubleVector s2 = loadOrZero(c, c0 + 2 * L, load), s3 = loadOrZero(c, c0 + 3 * L, load);
        int ao = r * ars;
        for (int t = t0; t < t1; t++) {
            int bo = t * pCols + p;
            DoubleVector v = DoubleVector.broadcast(S, a[ao + t * acs]);
            s0 = v.fma(DoubleVector.fromArray(S, bm, bo), s0);
            s1 = v.fma(DoubleVector.fromArray(S, bm, bo + L), s1);
            s2 = v.fma(DoubleVector.fromArray(S, bm, bo + 2 * L), s2);
            s3 = v.fma(DoubleVector.fromArray(S, bm, bo + 3 * L), s3);
        }
        s0.intoArray(c, c0);
        s1.intoArray(c, c0 + L);
        s2.intoArray(c, c0 + 2 * L);
        s3.intoArray(c, c0 + 3 * L);
    }

    private static void panel1x2(double[] a, int ars, int acs, double[] bm, double[] c, int r, int p,
                                 int t0, int t1, int pCols, boolean load) {
        int c0 = r * pCols + p;
        DoubleVector s0 = loadOrZero(c, c0, load);
        DoubleVector s1 = loadOrZero(c, c0 + L, load);
        int ao = r * ars;
        for (int t = t0; t < t1; t++) {
            int bo = t * pCols + p;
            DoubleVector v = DoubleVector.broadcast(S, a[ao + t * acs]);
            s0 = v.fma(DoubleVector.fromArray(S, bm, bo), s0);
            s1 = v.fma(DoubleVector.fromArray(S, bm, bo + L), s1);
        }
        s0.intoArray(c, c0);
        s1.intoArray(c, c0 + L);
    }

    private static void panel1x1(double[] a, int ars, int acs, double[] bm, double[] c, int r, int p,
                                 int t0, int t1, int pCols, boolean load) {
        int c0 = r * pCols + p;
        DoubleVector s0 = loadOrZero(c, c0, load);
        int ao = r * ars;
        for (int t = t0; t < t1; t++) {
            s0 = DoubleVector.broadcast(S, a[ao + t * acs]).fma(DoubleVector.fromArray(S, bm, t * pCols + p), s0);
        }
        s0.intoArray(c, c0);
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * gradB += column sums of g, split over the kernel threads by columns (each column summed by one thread, in
     * row order, so the same bits on any count).
     */
    static void accColumnSums(double[] g, double[] gradB, int m, int n) {
        double work = COLUMN_SUM_WORK * m * n; //f32-same
        if (KernelThreads.pays(n, L, work)) {
            Split t = Split.idle(Split.COLUMN_SUMS);
            t.a = g;
            t.c = gradB;
            t.m = m;
            t.n = n;
            t.forRows(n, L, work);
        } else {
            accColumnSums(g, gradB, m, n, 0, n);
        }
    }

    /**
     * {@link #accColumnSums} over columns [j0, j1), j0 a multiple of L. g is read row by row: a strip of columns
     * summed down all rows (one chain of additions, a new row 4-8 KB on per step) took 120 µs for a float64
     * 256×1024 g, row by row into gradB 33 µs.
     */
    private static void accColumnSums(double[] g, double[] gradB, int m, int n, int j0, int j1) {
//#if[f64]
        // The whole vectors of columns below S.loopBound(n) start from gradB and add the rows in order; the
        // last n % L columns sum the rows from zero and add that to gradB (as before the split: the same bits).
        int bound = Math.min(j1, S.loopBound(n));
        for (int i = 0; i < m; i++) {
            int o = i * n;
            for (int j = j0; j < bound; j += L) {
                DoubleVector.fromArray(S, gradB, j).add(DoubleVector.fromArray(S, g, o + j)).intoArray(gradB, j);
            }
        }
        for (int j = Math.max(j0, bound); j < j1; j++) {
            double s = 0.0;
            for (int i = 0; i < m; i++) {
                s += g[i * n + j];
            }
            gradB[j] += s;
        }
//#else[f32]
//      // The batch summed in double, rows in order, rounded once: the bits of GemmScalarF32's column sums.
//      // Scalar: the vector form (each half vector widened by convert(F2D, 0)) was compiled in some JVMs with
//      // that convert not intrinsified, 2 MB allocated per float32 784-256-10 step and the step 30-45 %
//      // slower for the JVM's life (JDK 17); this loop costs that step 1-2 % in every JVM (docs/performance.md).
//      double[] acc = ThreadBuffers.doubles(COLUMN_SUMS, n);
//      java.util.Arrays.fill(acc, j0, j1, 0.0);
//      for (int i = 0; i < m; i++) {
//          int o = i * n;
//          for (int j = j0; j < j1; j++) {
//              acc[j] += g[o + j];
//          }
//      }
//      for (int j = j0; j < j1; j++) {
//          gradB[j] += acc[j];
//      }
//#end
    }

    /**
     * One of the products above split over threads, its arguments set as fields ({@link KernelThreads.Task}),
     * named as {@link #linearForwardDot}'s and {@link #multiplyRowPanels}'s (k = tDepth, n = pCols).
     */
    private static final class Split extends KernelThreads.Task {
        static final int FORWARD_DOT = 0;
        static final int ROW_PANELS = 1;
        static final int COLUMN_SUMS = 2;
        private static final ThreadLocal<Split> SPLITS = ThreadLocal.withInitial(Split::new);

        int kind;
        double[] a;
        double[] bm;
        double[] bias;
        double[] pre;
        double[] c;
        int ars;
        int acs;
        int m;
        int k;
        int n;
        Activation act;
        boolean accumulate;

        /** This thread's split (see {@link KernelThreads#idle}), of {@code kind}. */
        static Split idle(int kind) {
            Split t = KernelThreads.idle(SPLITS, Split::new);
            t.kind = kind;
            return t;
        }

        @Override
        public void run(int from, int to) {
            switch (kind) {
                case FORWARD_DOT -> linearForwardDot(a, bm, bias, pre, c, m, k, n, act, from, to);
                case ROW_PANELS -> multiplyRowPanels(a, ars, acs, bm, c, from, to, k, n, accumulate);
                case COLUMN_SUMS -> accColumnSums(a, c, m, n, from, to);
                default -> throw new IllegalStateException("split " + kind);
            }
        }

        @Override
        void clear() {
            a = null;
            bm = null;
            bias = null;
            pre = null;
            c = null;
            act = null;
        }
    }
}
