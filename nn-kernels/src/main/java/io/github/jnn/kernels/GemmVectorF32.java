package io.github.jnn.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * float32 twin of {@link GemmVector}: the same algorithm on float arrays and {@code FloatVector};
 * change the two together.
 *
 * <p>Matrix products of a Linear layer with {@code FloatVector.SPECIES_PREFERRED}, register-tiled and
 * cache-blocked, no packing and no allocation. Tails (sizes that are not a multiple of the tile or of the
 * lane count) run as scalar loops inside the same blocks. Unchecked: callers go through {@link Kernels}.
 */
final class GemmVectorF32 {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Floats per vector of the preferred species (16 with AVX-512). */
    static final int LANES = L;

    /** Rows of x per block: with KC columns this is 128 KB of x, kept in L2 while all of w streams past. */
    private static final int MC = 64;
    /** Depth of a k block: 64 vector steps amortise the 16 lane reductions at the end of a 4×4 tile. */
    private static final int KC = 512;
    /** Depth of a t block in {@link #multiplyRowPanels}: a 256 × 2L panel of B is 32 KB (L1). */
    private static final int TC = 256;

    /**
     * The packed path needs this many rows to pay for packing W. Lower than float64's 160: a float tile does
     * twice the FLOPs per packed byte (measured on AVX-512, JDK 17, µs packed vs dot: 64×784×256 387 vs 394,
     * 128×784×256 633 vs 833) ...
     */
    static final int PACKED_MIN_ROWS = 64;
    /** ... and this many output features: a panel is 2 vectors wide (128×256×10: packed 15, dot 37). */
    static final int PACKED_MIN_COLS = 32;

    private GemmVectorF32() {
    }

    /** Whether a product with {@code rows × cols} outputs takes the packed path ({@link GemmPackedF32}). */
    static boolean packedPays(int rows, int cols) {
        return rows >= PACKED_MIN_ROWS && cols >= PACKED_MIN_COLS;
    }

    // ---------------------------------------------------------------------------------------------
    // Forward: out = act(x·wᵀ + b). Both x and w are contiguous along k, so a tile keeps 4×4 dot
    // products as vector accumulators along k and reduces them once per k block.
    // ---------------------------------------------------------------------------------------------

    static void linearForward(float[] x, float[] w, float[] b, float[] pre, float[] out,
                              int m, int k, int n, Activation act) {
        if (k < L) {
            // Too short to fill one vector: the plain loop is the fast path here (e.g. the notebook's 5×4×3).
            GemmScalarF32.linearForward(x, w, b, pre, out, m, k, n, act);
        } else if (packedPays(m, n)) {
            // The path is chosen from the whole shape, before any split, so the result does not depend on the
            // thread count; GemmPackedF32 splits the rows itself, around one shared packing of W.
            GemmPackedF32.linearForward(x, w, b, pre, out, m, k, n, act);
        } else if (KernelThreads.pays(m, 4, 2.0 * m * k * n)) {
            KernelThreads.forRows(m, 4, 2.0 * m * k * n,
                    (r0, r1) -> linearForwardDot(x, w, b, pre, out, m, k, n, act, r0, r1));
        } else {
            linearForwardDot(x, w, b, pre, out, m, k, n, act, 0, m);
        }
    }

    /**
     * Few rows (or few outputs): packing W would cost about as much as the product, so keep W as it is and
     * compute 4×4 tiles of dot products along k, reduced once per k block.
     */
    static void linearForwardDot(float[] x, float[] w, float[] b, float[] pre, float[] out,
                                 int m, int k, int n, Activation act, int rowFrom, int rowTo) {
        float[] z = pre != null ? pre : out;
        for (int i0 = rowFrom; i0 < rowTo; i0 += MC) {
            int i1 = Math.min(rowTo, i0 + MC);
            for (int p0 = 0; p0 < k; p0 += KC) {
                int p1 = Math.min(k, p0 + KC);
                boolean first = p0 == 0;
                int j = 0;
                for (; j + 4 <= n; j += 4) {
                    int i = i0;
                    for (; i + 4 <= i1; i += 4) {
                        tile4x4(x, w, z, i, j, k, n, p0, p1, first);
                    }
                    for (; i < i1; i++) {
                        tile1x4(x, w, z, i, j, k, n, p0, p1, first);
                    }
                }
                for (; j < n; j++) {
                    for (int i = i0; i < i1; i++) {
                        float s = dot(x, i * k, w, j * k, p0, p1);
                        z[i * n + j] = first ? s : z[i * n + j] + s;
                    }
                }
            }
            // Epilogue while the block's rows are still in cache.
            if (b != null || act != Activation.NONE || z != out) {
                for (int i = i0; i < i1; i++) {
                    biasActivationRow(z, b, out, i * n, n, act);
                }
            }
        }
    }

    static void biasActivationRow(float[] z, float[] b, float[] out, int off, int n, Activation act) {
        int bound = S.loopBound(n);
        boolean keepPre = z != out;
        // Sigmoid runs afterwards over the row from the array (see GemmPacked.block): no boxed vectors.
        Activation inLoop = act == Activation.SIGMOID ? Activation.NONE : act;
        int j = 0;
        for (; j < bound; j += L) {
            FloatVector v = FloatVector.fromArray(S, z, off + j);
            if (b != null) {
                v = v.add(FloatVector.fromArray(S, b, j));
                if (keepPre) {
                    v.intoArray(z, off + j);
                }
            }
            (inLoop == Activation.RELU ? v.max(0.0f) : v).intoArray(out, off + j);
        }
        ElementwiseScalarF32.biasActivation(z, off, b, out, off, j, n, inLoop);
        if (act == Activation.SIGMOID) {
            ElementwiseVectorF32.sigmoidInPlace(out, off, off + n);
        }
    }

    private static float dot(float[] x, int xo, float[] w, int wo, int p0, int p1) {
        int pv = p0 + S.loopBound(p1 - p0);
        FloatVector acc = FloatVector.zero(S);
        int p = p0;
        for (; p < pv; p += L) {
            acc = FloatVector.fromArray(S, x, xo + p).fma(FloatVector.fromArray(S, w, wo + p), acc);
        }
        float s = VectorMath.sum(acc);
        for (; p < p1; p++) {
            s += x[xo + p] * w[wo + p];
        }
        return s;
    }

    private static void tile1x4(float[] x, float[] w, float[] z, int i, int j, int k, int n,
                                int p0, int p1, boolean first) {
        int xo = i * k;
        int w0 = j * k;
        int w1 = w0 + k;
        int w2 = w1 + k;
        int w3 = w2 + k;
        FloatVector c0 = FloatVector.zero(S);
        FloatVector c1 = c0;
        FloatVector c2 = c0;
        FloatVector c3 = c0;
        int pv = p0 + S.loopBound(p1 - p0);
        int p = p0;
        for (; p < pv; p += L) {
            FloatVector a = FloatVector.fromArray(S, x, xo + p);
            c0 = a.fma(FloatVector.fromArray(S, w, w0 + p), c0);
            c1 = a.fma(FloatVector.fromArray(S, w, w1 + p), c1);
            c2 = a.fma(FloatVector.fromArray(S, w, w2 + p), c2);
            c3 = a.fma(FloatVector.fromArray(S, w, w3 + p), c3);
        }
        finishRow(x, w, z, xo, w0, k, p, p1, i * n + j, first, c0, c1, c2, c3);
    }

    private static void tile4x4(float[] x, float[] w, float[] z, int i, int j, int k, int n,
                                int p0, int p1, boolean first) {
        int x0 = i * k;
        int x1 = x0 + k;
        int x2 = x1 + k;
        int x3 = x2 + k;
        int w0 = j * k;
        int w1 = w0 + k;
        int w2 = w1 + k;
        int w3 = w2 + k;
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = c00, c02 = c00, c03 = c00;
        FloatVector c10 = c00, c11 = c00, c12 = c00, c13 = c00;
        FloatVector c20 = c00, c21 = c00, c22 = c00, c23 = c00;
        FloatVector c30 = c00, c31 = c00, c32 = c00, c33 = c00;
        int pv = p0 + S.loopBound(p1 - p0);
        int p = p0;
        for (; p < pv; p += L) {
            FloatVector b0 = FloatVector.fromArray(S, w, w0 + p);
            FloatVector b1 = FloatVector.fromArray(S, w, w1 + p);
            FloatVector b2 = FloatVector.fromArray(S, w, w2 + p);
            FloatVector b3 = FloatVector.fromArray(S, w, w3 + p);
            FloatVector a = FloatVector.fromArray(S, x, x0 + p);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            c02 = a.fma(b2, c02);
            c03 = a.fma(b3, c03);
            a = FloatVector.fromArray(S, x, x1 + p);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            c12 = a.fma(b2, c12);
            c13 = a.fma(b3, c13);
            a = FloatVector.fromArray(S, x, x2 + p);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            c22 = a.fma(b2, c22);
            c23 = a.fma(b3, c23);
            a = FloatVector.fromArray(S, x, x3 + p);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            c32 = a.fma(b2, c32);
            c33 = a.fma(b3, c33);
        }
        finishRow(x, w, z, x0, w0, k, p, p1, i * n + j, first, c00, c01, c02, c03);
        finishRow(x, w, z, x1, w0, k, p, p1, (i + 1) * n + j, first, c10, c11, c12, c13);
        finishRow(x, w, z, x2, w0, k, p, p1, (i + 2) * n + j, first, c20, c21, c22, c23);
        finishRow(x, w, z, x3, w0, k, p, p1, (i + 3) * n + j, first, c30, c31, c32, c33);
    }

    /** Reduces one tile row's four accumulators, adds the scalar k tail and stores the four sums. */
    private static void finishRow(float[] x, float[] w, float[] z, int xo, int w0, int k, int pTail, int p1,
                                  int zo, boolean first,
                                  FloatVector c0, FloatVector c1, FloatVector c2, FloatVector c3) {
        float s0 = VectorMath.sum(c0);
        float s1 = VectorMath.sum(c1);
        float s2 = VectorMath.sum(c2);
        float s3 = VectorMath.sum(c3);
        for (int p = pTail; p < p1; p++) {
            float a = x[xo + p];
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

    private static void store(float[] z, int at, float s, boolean first) {
        z[at] = first ? s : z[at] + s;
    }

    // ---------------------------------------------------------------------------------------------
    // Backward: C[M×P] (+)= A[M×T]·B[T×P] where B's rows are contiguous along P and A is read one
    // element at a time through strides, which covers both g·w (A = g) and gᵀ·x (A = gᵀ, read
    // transposed in place). Tiles are 4 rows × 2 vectors of P; each step broadcasts A and streams B.
    // ---------------------------------------------------------------------------------------------

    /**
     * @param a     A(r, t) is {@code a[r*aRowStride + t*aColStride]}
     * @param bm    B, row t at {@code bm[t*pCols]}
     * @param c     C, row r at {@code c[r*pCols]}
     * @param accumulate add into C instead of overwriting it
     */
    static void multiplyRowPanels(float[] a, int aRowStride, int aColStride, float[] bm, float[] c,
                                  int mRows, int tDepth, int pCols, boolean accumulate) {
        double flops = 2.0 * mRows * tDepth * pCols;
        if (KernelThreads.pays(mRows, 4, flops)) {
            KernelThreads.forRows(mRows, 4, flops,
                    (r0, r1) -> multiplyRowPanels(a, aRowStride, aColStride, bm, c, r0, r1, tDepth, pCols, accumulate));
        } else {
            multiplyRowPanels(a, aRowStride, aColStride, bm, c, 0, mRows, tDepth, pCols, accumulate);
        }
    }

    /** {@link #multiplyRowPanels} for rows {@code [rowFrom, rowTo)} of C. */
    private static void multiplyRowPanels(float[] a, int aRowStride, int aColStride, float[] bm, float[] c,
                                          int rowFrom, int rowTo, int tDepth, int pCols, boolean accumulate) {
        if (tDepth == 0) {
            if (!accumulate) {
                java.util.Arrays.fill(c, rowFrom * pCols, rowTo * pCols, 0.0f);
            }
            return;
        }
        int twoL = 2 * L;
        for (int t0 = 0; t0 < tDepth; t0 += TC) {
            int t1 = Math.min(tDepth, t0 + TC);
            boolean load = accumulate || t0 > 0;
            int p = 0;
            for (; p + twoL <= pCols; p += twoL) {
                int r = rowFrom;
                for (; r + 4 <= rowTo; r += 4) {
                    panel4x2(a, aRowStride, aColStride, bm, c, r, p, t0, t1, pCols, load);
                }
                for (; r < rowTo; r++) {
                    panel1x2(a, aRowStride, aColStride, bm, c, r, p, t0, t1, pCols, load);
                }
            }
            for (; p + L <= pCols; p += L) {
                for (int r = rowFrom; r < rowTo; r++) {
                    panel1x1(a, aRowStride, aColStride, bm, c, r, p, t0, t1, pCols, load);
                }
            }
            for (; p < pCols; p++) {
                for (int r = rowFrom; r < rowTo; r++) {
                    float s = load ? c[r * pCols + p] : 0.0f;
                    int ao = r * aRowStride;
                    for (int t = t0; t < t1; t++) {
                        s += a[ao + t * aColStride] * bm[t * pCols + p];
                    }
                    c[r * pCols + p] = s;
                }
            }
        }
    }

    private static FloatVector loadOrZero(float[] c, int at, boolean load) {
        return load ? FloatVector.fromArray(S, c, at) : FloatVector.zero(S);
    }

    private static void panel4x2(float[] a, int ars, int acs, float[] bm, float[] c, int r, int p,
                                 int t0, int t1, int pCols, boolean load) {
        int c0 = r * pCols + p;
        int c1 = c0 + pCols;
        int c2 = c1 + pCols;
        int c3 = c2 + pCols;
        FloatVector s00 = loadOrZero(c, c0, load), s01 = loadOrZero(c, c0 + L, load);
        FloatVector s10 = loadOrZero(c, c1, load), s11 = loadOrZero(c, c1 + L, load);
        FloatVector s20 = loadOrZero(c, c2, load), s21 = loadOrZero(c, c2 + L, load);
        FloatVector s30 = loadOrZero(c, c3, load), s31 = loadOrZero(c, c3 + L, load);
        int a0 = r * ars;
        int a1 = a0 + ars;
        int a2 = a1 + ars;
        int a3 = a2 + ars;
        for (int t = t0; t < t1; t++) {
            int bo = t * pCols + p;
            FloatVector b0 = FloatVector.fromArray(S, bm, bo);
            FloatVector b1 = FloatVector.fromArray(S, bm, bo + L);
            int at = t * acs;
            FloatVector v = FloatVector.broadcast(S, a[a0 + at]);
            s00 = v.fma(b0, s00);
            s01 = v.fma(b1, s01);
            v = FloatVector.broadcast(S, a[a1 + at]);
            s10 = v.fma(b0, s10);
            s11 = v.fma(b1, s11);
            v = FloatVector.broadcast(S, a[a2 + at]);
            s20 = v.fma(b0, s20);
            s21 = v.fma(b1, s21);
            v = FloatVector.broadcast(S, a[a3 + at]);
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

    private static void panel1x2(float[] a, int ars, int acs, float[] bm, float[] c, int r, int p,
                                 int t0, int t1, int pCols, boolean load) {
        int c0 = r * pCols + p;
        FloatVector s0 = loadOrZero(c, c0, load);
        FloatVector s1 = loadOrZero(c, c0 + L, load);
        int ao = r * ars;
        for (int t = t0; t < t1; t++) {
            int bo = t * pCols + p;
            FloatVector v = FloatVector.broadcast(S, a[ao + t * acs]);
            s0 = v.fma(FloatVector.fromArray(S, bm, bo), s0);
            s1 = v.fma(FloatVector.fromArray(S, bm, bo + L), s1);
        }
        s0.intoArray(c, c0);
        s1.intoArray(c, c0 + L);
    }

    private static void panel1x1(float[] a, int ars, int acs, float[] bm, float[] c, int r, int p,
                                 int t0, int t1, int pCols, boolean load) {
        int c0 = r * pCols + p;
        FloatVector s0 = loadOrZero(c, c0, load);
        int ao = r * ars;
        for (int t = t0; t < t1; t++) {
            s0 = FloatVector.broadcast(S, a[ao + t * acs]).fma(FloatVector.fromArray(S, bm, t * pCols + p), s0);
        }
        s0.intoArray(c, c0);
    }

    // ---------------------------------------------------------------------------------------------

    /** gradB += column sums of g: one vector of accumulators per strip of columns, rows streamed. */
    static void accColumnSums(float[] g, float[] gradB, int m, int n) {
        int bound = S.loopBound(n);
        int j = 0;
        for (; j < bound; j += L) {
            FloatVector acc = FloatVector.fromArray(S, gradB, j);
            for (int i = 0; i < m; i++) {
                acc = acc.add(FloatVector.fromArray(S, g, i * n + j));
            }
            acc.intoArray(gradB, j);
        }
        for (; j < n; j++) {
            float s = 0.0f;
            for (int i = 0; i < m; i++) {
                s += g[i * n + j];
            }
            gradB[j] += s;
        }
    }
}
