package io.github.jnn.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The input gradient of a stride-1 convolution with few input channels (a first layer: one channel, 5×5
 * kernels), as the adjoint of {@link ConvWeightRows}' flat planes. Per input channel c and kernel column j, a
 * plane of the (padded) input's rows at the output's width, {@code gx_j[y, ow] = Σ_{o,i} w[o, c, i, j] · g[o,
 * y - i, ow]}: output pixel p of kernel row i lands at {@code p + i·outW}, so each of these sums runs over the
 * plane in vectors, g read at a constant offset per (i, o). Then {@code gradX[c, y, x] = Σ_j gx_j[y, x - j]},
 * row by row with the columns outside the plane masked. A tile holds 4 vectors of a plane × TAPS kernel columns
 * (20 accumulators); per kernel row and output channel it loads 4 vectors of g and broadcasts TAPS kernel
 * values, and it skips the kernel rows whose g lies outside the plane for all its pixels. g is copied per
 * sample into planes with zero margins, so a tile's vectors that straddle a plane's edge read zeros. Each
 * sum is one chain in a fixed order (kernel rows, then output channels; then kernel columns), split over the
 * threads by sample.
 *
 * <p>When the output's rows are whole multiples of {@link #ROW_VECTORS} vectors (rows of 24 in float64 on
 * AVX-512), the tiles take a row of a plane at a time instead ({@link #sampleRows}): g is read in place (no tile
 * crosses a row, so none reads outside g), the kernel rows are exactly those whose g row exists, and each row's
 * TAPS sums land in rows with zeros each side, which make the shift into gradX a plain sum of five loads with
 * no masks. The same sums in the same order as the planes.
 */
final class ConvInputPlanes {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /**
     * Kernel columns of a tile; narrower kernels are packed with zero columns past kw, and the last pass masks
     * out their spare planes.
     */
    private static final int TAPS = 5;
    /** Vectors of a plane per tile. */
    private static final int VECTORS = 4;
    /** Vectors of a row tile: output rows of a multiple of this many vectors run as whole rows. */
    private static final int ROW_VECTORS = 3;
    /** Zeros each side of a row tile's rows: as far as a shift by a kernel column reads past the row. */
    private static final int ROW_MARGIN = Math.max(L, TAPS - 1);
    private static final double[] LANE_INDEX = laneIndex();
    /**
     * Whether the row tiles take four output channels per loop step ({@link #rowTileQuads}): on JDK 17 its
     * single-step loop ran in two modes from one JVM to the next, 1.31-1.33 or 1.45-1.48 ms (float64 64×1×28×28
     * k5 → 32, KernelBuildsAB, an Intel Xeon, minima), two channels a step at 1.19-1.27 in each of 9 JVMs, four at
     * 1.14-1.17 against two's 1.19-1.23; on JDK 25 the single steps run at 1.12-1.14 and four at 1.21-1.23
     * (docs/convolution.md, sessions 49-50). The same sums either way.
     */
    private static final boolean ROW_QUADS = Runtime.version().feature() == 17;

    /** Per thread: one sample's g with margins, the gx planes of one input channel (or two rows of each). */
    private static final ThreadLocal<double[]> G = ThreadLocal.withInitial(() -> new double[0]);
    private static final ThreadLocal<double[]> GX = ThreadLocal.withInitial(() -> new double[0]);
    /** Per calling thread: the kernels packed for the tiles, read by every thread of a call. */
    private static final ThreadLocal<double[]> W = ThreadLocal.withInitial(() -> new double[0]);

    private ConvInputPlanes() {
    }

    /**
     * Whether {@link #gradInput} runs this shape: stride 1, kernels at most TAPS wide, fewer input channels than
     * a vector (more go to {@link ConvInputRows} or run as a convolution), input rows of at least a vector,
     * planes of at least a tile, and a sample's scratch within one array.
     */
    static boolean applies(Conv2dShape s) {
        long plane = (long) (s.h + 2 * s.padH) * s.outW;
        long scratch = Math.max((long) s.outC * (s.pixels() + VECTORS * L), TAPS * plane) + 2L * VECTORS * L;
        return s.strideH == 1 && s.strideW == 1 && s.kw <= TAPS && s.inC < L && s.w >= L
                && plane >= VECTORS * L && scratch <= Integer.MAX_VALUE - 8; // per-thread scratch in one array
    }

    /** Whether {@link #gradInput} runs the shape (if it {@link #applies}) by whole rows: rows of row tiles. */
    static boolean byRows(Conv2dShape s) {
        return s.outW % (ROW_VECTORS * L) == 0;
    }

    /** {@code gradX = Σ_o g[·, o] ⋆ᵀ w[o]}: the input gradient, set (not added). */
    static void gradInput(double[] g, double[] w, double[] gradX, Conv2dShape s) {
        // The kernels as the tiles read them: per input channel, kernel row major, TAPS columns (zeros past kw)
        int packed = s.inC * s.kh * s.outC * TAPS;
        double[] wp = ThreadBuffers.doubles(W, packed);
        java.util.Arrays.fill(wp, 0, packed, 0.0);
        for (int o = 0; o < s.outC; o++) {
            for (int ci = 0; ci < s.inC * s.kh; ci++) { // c·kh + i
                System.arraycopy(w, (o * s.inC * s.kh + ci) * s.kw, wp, (ci * s.outC + o) * TAPS, s.kw);
            }
        }
        double flops = 2.0 * s.n * s.pixels() * s.patchLength() * s.outC; //f32-same
        Split t = KernelThreads.idle(Split.SPLITS, Split::new);
        t.byRows = byRows(s);
        t.g = g;
        t.wp = wp;
        t.gradX = gradX;
        t.s = s;
        t.forRows(s.n, 1, flops);
    }

    /** Samples {@code [n0, n1)}, which no other thread writes, from the packed kernels {@code wp}. */
    private static void samples(double[] g, double[] wp, double[] gradX, Conv2dShape s, int n0, int n1) {
        int pixels = s.pixels();
        int margin = VECTORS * L; // zeros around each of g's planes: a tile reads at most this far outside
        int gStride = pixels + margin;
        int plane = (s.h + 2 * s.padH) * s.outW;
        double[] gp = ThreadBuffers.doubles(G, margin + s.outC * gStride);
        double[] gx = ThreadBuffers.doubles(GX, L + TAPS * plane + L);
        for (int o = 0; o <= s.outC; o++) {
            java.util.Arrays.fill(gp, o * gStride, o * gStride + margin, 0.0);
        }
        int tiles = (plane + VECTORS * L - 1) / (VECTORS * L);
        for (int n = n0; n < n1; n++) {
            for (int o = 0; o < s.outC; o++) {
                System.arraycopy(g, (n * s.outC + o) * pixels, gp, margin + o * gStride, pixels);
            }
            for (int c = 0; c < s.inC; c++) {
                for (int t = 0; t < tiles; t++) {
                    int q0 = Math.min(t * VECTORS * L, plane - VECTORS * L); // the last tile overlaps
                    // kernel rows whose g, at q - i·outW, meets the plane [0, pixels) for some q of the tile
                    int iLo = Math.max(0, Math.floorDiv(q0 - pixels, s.outW) + 1);
                    int iHi = Math.min(s.kh - 1, (q0 + VECTORS * L + s.outW - 1) / s.outW - 1);
                    tile(gp, wp, gx, margin + q0 - iLo * s.outW, ((c * s.kh + iLo) * s.outC) * TAPS,
                            (iHi - iLo + 1) * s.outC, s.outC, gStride, s.outW, L + q0, plane);
                }
                unshift(gx, gradX, (n * s.inC + c) * s.h * s.w, s, plane);
            }
        }
    }

    /**
     * Samples {@code [n0, n1)} by whole rows of the planes, those of gradX's rows only; each row's sums go to one
     * of two margined buffers, and the row before is shifted into gradX from the other one meanwhile (its stores
     * long done when it is read back across them).
     */
    private static void sampleRows(double[] g, double[] wp, double[] gradX, Conv2dShape s, int n0, int n1) {
        int pixels = s.pixels();
        int rowLen = ROW_MARGIN + s.outW + ROW_MARGIN; // a tap's row between zeros, which the tiles never write
        int rowsLen = TAPS * rowLen;
        double[] rows = ThreadBuffers.doubles(GX, 2 * rowsLen);
        java.util.Arrays.fill(rows, 0, 2 * rowsLen, 0.0);
        boolean quads = ROW_QUADS && s.outC % 4 == 0;
        for (int n = n0; n < n1; n++) {
            for (int c = 0; c < s.inC; c++) {
                int xFrom = (n * s.inC + c) * s.h * s.w;
                for (int r = 0; r < s.h; r++) { // gradX's row r, the padded plane's row y
                    int y = r + s.padH;
                    int iLo = Math.max(0, y - (s.outH - 1)); // kernel rows whose g row y - i exists
                    int iHi = Math.min(s.kh - 1, y);
                    int at = (r & 1) * rowsLen + ROW_MARGIN;
                    for (int x0 = 0; x0 < s.outW; x0 += ROW_VECTORS * L) {
                        int gFrom = (n * s.outC * s.outH + y - iLo) * s.outW + x0;
                        int wFrom = ((c * s.kh + iLo) * s.outC) * TAPS;
                        int steps = (iHi - iLo + 1) * s.outC;
                        if (quads) {
                            rowTileQuads(g, wp, rows, gFrom, wFrom, steps, s.outC, pixels, s.outW, at + x0, rowLen);
                        } else {
                            rowTile(g, wp, rows, gFrom, wFrom, steps, s.outC, pixels, s.outW, at + x0, rowLen);
                        }
                    }
                    if (r > 0) {
                        int before = ((r - 1) & 1) * rowsLen + ROW_MARGIN;
                        unshiftRow(rows, before, gradX, xFrom + (r - 1) * s.w, s, rowLen);
                    }
                }
                int lastRow = ((s.h - 1) & 1) * rowsLen + ROW_MARGIN;
                unshiftRow(rows, lastRow, gradX, xFrom + (s.h - 1) * s.w, s, rowLen);
            }
        }
    }

    /**
     * {@link #tile} for ROW_VECTORS vectors of one row: {@code gx_j[at + v·L + lane]} for TAPS kernel columns j
     * ({@code tapStride} apart from {@code xAt}), g read in place.
     */
    private static void rowTile(double[] g, double[] wp, double[] gx, int gFrom, int wFrom, int steps,
                                int channels, int gStride, int outW, int xAt, int tapStride) {
        int rowBack = channels * gStride + outW;
        DoubleVector a00 = DoubleVector.zero(S), a01 = a00, a02 = a00, a03 = a00, a04 = a00;
        DoubleVector a10 = a00, a11 = a00, a12 = a00, a13 = a00, a14 = a00;
        DoubleVector a20 = a00, a21 = a00, a22 = a00, a23 = a00, a24 = a00;
        int gi = gFrom;
        int wi = wFrom;
        int rowEnd = channels;
        for (int step = 0; step < steps; step++) {
            if (step == rowEnd) {
                gi -= rowBack;
                rowEnd += channels;
            }
            DoubleVector b0 = DoubleVector.broadcast(S, wp[wi]);
            DoubleVector b1 = DoubleVector.broadcast(S, wp[wi + 1]);
            DoubleVector b2 = DoubleVector.broadcast(S, wp[wi + 2]);
            DoubleVector b3 = DoubleVector.broadcast(S, wp[wi + 3]);
            DoubleVector b4 = DoubleVector.broadcast(S, wp[wi + 4]);
            DoubleVector u = DoubleVector.fromArray(S, g, gi);
            a00 = u.fma(b0, a00);
            a01 = u.fma(b1, a01);
            a02 = u.fma(b2, a02);
            a03 = u.fma(b3, a03);
            a04 = u.fma(b4, a04);
            u = DoubleVector.fromArray(S, g, gi + L);
            a10 = u.fma(b0, a10);
            a11 = u.fma(b1, a11);
            a12 = u.fma(b2, a12);
            a13 = u.fma(b3, a13);
            a14 = u.fma(b4, a14);
            u = DoubleVector.fromArray(S, g, gi + 2 * L);
            a20 = u.fma(b0, a20);
            a21 = u.fma(b1, a21);
            a22 = u.fma(b2, a22);
            a23 = u.fma(b3, a23);
            a24 = u.fma(b4, a24);
            gi += gStride;
            wi += TAPS;
        }
        a00.intoArray(gx, xAt);
        a01.intoArray(gx, xAt + tapStride);
        a02.intoArray(gx, xAt + 2 * tapStride);
        a03.intoArray(gx, xAt + 3 * tapStride);
        a04.intoArray(gx, xAt + 4 * tapStride);
        a10.intoArray(gx, xAt + L);
        a11.intoArray(gx, xAt + L + tapStride);
        a12.intoArray(gx, xAt + L + 2 * tapStride);
        a13.intoArray(gx, xAt + L + 3 * tapStride);
        a14.intoArray(gx, xAt + L + 4 * tapStride);
        a20.intoArray(gx, xAt + 2 * L);
        a21.intoArray(gx, xAt + 2 * L + tapStride);
        a22.intoArray(gx, xAt + 2 * L + 2 * tapStride);
        a23.intoArray(gx, xAt + 2 * L + 3 * tapStride);
        a24.intoArray(gx, xAt + 2 * L + 4 * tapStride);
    }

    /**
     * {@link #rowTile} four steps (output channels) per iteration, for a multiple of 4 channels: the same FMAs in
     * the same order, a quarter of the loop's bookkeeping per FMA. JDK 17 only ({@link #ROW_QUADS}).
     */
    private static void rowTileQuads(double[] g, double[] wp, double[] gx, int gFrom, int wFrom, int steps,
                                     int channels, int gStride, int outW, int xAt, int tapStride) {
        int rowBack = channels * gStride + outW;
        DoubleVector a00 = DoubleVector.zero(S), a01 = a00, a02 = a00, a03 = a00, a04 = a00;
        DoubleVector a10 = a00, a11 = a00, a12 = a00, a13 = a00, a14 = a00;
        DoubleVector a20 = a00, a21 = a00, a22 = a00, a23 = a00, a24 = a00;
        int gi = gFrom;
        int wi = wFrom;
        int rowEnd = channels;
        for (int step = 0; step < steps; step += 4) { // channels a multiple of 4: so is each kernel row's end
            if (step == rowEnd) {
                gi -= rowBack;
                rowEnd += channels;
            }
            DoubleVector b0 = DoubleVector.broadcast(S, wp[wi]);
            DoubleVector b1 = DoubleVector.broadcast(S, wp[wi + 1]);
            DoubleVector b2 = DoubleVector.broadcast(S, wp[wi + 2]);
            DoubleVector b3 = DoubleVector.broadcast(S, wp[wi + 3]);
            DoubleVector b4 = DoubleVector.broadcast(S, wp[wi + 4]);
            DoubleVector u = DoubleVector.fromArray(S, g, gi);
            a00 = u.fma(b0, a00);
            a01 = u.fma(b1, a01);
            a02 = u.fma(b2, a02);
            a03 = u.fma(b3, a03);
            a04 = u.fma(b4, a04);
            u = DoubleVector.fromArray(S, g, gi + L);
            a10 = u.fma(b0, a10);
            a11 = u.fma(b1, a11);
            a12 = u.fma(b2, a12);
            a13 = u.fma(b3, a13);
            a14 = u.fma(b4, a14);
            u = DoubleVector.fromArray(S, g, gi + 2 * L);
            a20 = u.fma(b0, a20);
            a21 = u.fma(b1, a21);
            a22 = u.fma(b2, a22);
            a23 = u.fma(b3, a23);
            a24 = u.fma(b4, a24);
            gi += gStride;
            wi += TAPS;
            DoubleVector c0 = DoubleVector.broadcast(S, wp[wi]);
            DoubleVector c1 = DoubleVector.broadcast(S, wp[wi + 1]);
            DoubleVector c2 = DoubleVector.broadcast(S, wp[wi + 2]);
            DoubleVector c3 = DoubleVector.broadcast(S, wp[wi + 3]);
            DoubleVector c4 = DoubleVector.broadcast(S, wp[wi + 4]);
            DoubleVector v = DoubleVector.fromArray(S, g, gi);
            a00 = v.fma(c0, a00);
            a01 = v.fma(c1, a01);
            a02 = v.fma(c2, a02);
            a03 = v.fma(c3, a03);
            a04 = v.fma(c4, a04);
            v = DoubleVector.fromArray(S, g, gi + L);
            a10 = v.fma(c0, a10);
            a11 = v.fma(c1, a11);
            a12 = v.fma(c2, a12);
            a13 = v.fma(c3, a13);
            a14 = v.fma(c4, a14);
            v = DoubleVector.fromArray(S, g, gi + 2 * L);
            a20 = v.fma(c0, a20);
            a21 = v.fma(c1, a21);
            a22 = v.fma(c2, a22);
            a23 = v.fma(c3, a23);
            a24 = v.fma(c4, a24);
            gi += gStride;
            wi += TAPS;
            c0 = DoubleVector.broadcast(S, wp[wi]);
            c1 = DoubleVector.broadcast(S, wp[wi + 1]);
            c2 = DoubleVector.broadcast(S, wp[wi + 2]);
            c3 = DoubleVector.broadcast(S, wp[wi + 3]);
            c4 = DoubleVector.broadcast(S, wp[wi + 4]);
            v = DoubleVector.fromArray(S, g, gi);
            a00 = v.fma(c0, a00);
            a01 = v.fma(c1, a01);
            a02 = v.fma(c2, a02);
            a03 = v.fma(c3, a03);
            a04 = v.fma(c4, a04);
            v = DoubleVector.fromArray(S, g, gi + L);
            a10 = v.fma(c0, a10);
            a11 = v.fma(c1, a11);
            a12 = v.fma(c2, a12);
            a13 = v.fma(c3, a13);
            a14 = v.fma(c4, a14);
            v = DoubleVector.fromArray(S, g, gi + 2 * L);
            a20 = v.fma(c0, a20);
            a21 = v.fma(c1, a21);
            a22 = v.fma(c2, a22);
            a23 = v.fma(c3, a23);
            a24 = v.fma(c4, a24);
            gi += gStride;
            wi += TAPS;
            c0 = DoubleVector.broadcast(S, wp[wi]);
            c1 = DoubleVector.broadcast(S, wp[wi + 1]);
            c2 = DoubleVector.broadcast(S, wp[wi + 2]);
            c3 = DoubleVector.broadcast(S, wp[wi + 3]);
            c4 = DoubleVector.broadcast(S, wp[wi + 4]);
            v = DoubleVector.fromArray(S, g, gi);
            a00 = v.fma(c0, a00);
            a01 = v.fma(c1, a01);
            a02 = v.fma(c2, a02);
            a03 = v.fma(c3, a03);
            a04 = v.fma(c4, a04);
            v = DoubleVector.fromArray(S, g, gi + L);
            a10 = v.fma(c0, a10);
            a11 = v.fma(c1, a11);
            a12 = v.fma(c2, a12);
            a13 = v.fma(c3, a13);
            a14 = v.fma(c4, a14);
            v = DoubleVector.fromArray(S, g, gi + 2 * L);
            a20 = v.fma(c0, a20);
            a21 = v.fma(c1, a21);
            a22 = v.fma(c2, a22);
            a23 = v.fma(c3, a23);
            a24 = v.fma(c4, a24);
            gi += gStride;
            wi += TAPS;
        }
        a00.intoArray(gx, xAt);
        a01.intoArray(gx, xAt + tapStride);
        a02.intoArray(gx, xAt + 2 * tapStride);
        a03.intoArray(gx, xAt + 3 * tapStride);
        a04.intoArray(gx, xAt + 4 * tapStride);
        a10.intoArray(gx, xAt + L);
        a11.intoArray(gx, xAt + L + tapStride);
        a12.intoArray(gx, xAt + L + 2 * tapStride);
        a13.intoArray(gx, xAt + L + 3 * tapStride);
        a14.intoArray(gx, xAt + L + 4 * tapStride);
        a20.intoArray(gx, xAt + 2 * L);
        a21.intoArray(gx, xAt + 2 * L + tapStride);
        a22.intoArray(gx, xAt + 2 * L + 2 * tapStride);
        a23.intoArray(gx, xAt + 2 * L + 3 * tapStride);
        a24.intoArray(gx, xAt + 2 * L + 4 * tapStride);
    }

    /**
     * {@code gradX[c, r, x] = Σ_j gx_j[r + padH, x + padW - j]}, kernel columns in order, from the rows at
     * {@code at} ({@code rowLen} apart per kernel column): the zeros around each row stand for the columns
     * outside the plane. A row in vectors, its last overlapping the one before.
     */
    private static void unshiftRow(double[] rows, int at, double[] gradX, int xFrom, Conv2dShape s, int rowLen) {
        int last = s.w - L;
        for (int x0 = 0; x0 < s.w; x0 += L) {
            int x = Math.min(x0, last);
            int from = at + x + s.padW;
            DoubleVector sum = DoubleVector.fromArray(S, rows, from);
            for (int j = 1; j < s.kw; j++) {
                sum = sum.add(DoubleVector.fromArray(S, rows, from + j * (rowLen - 1)));
            }
            sum.intoArray(gradX, xFrom + x);
        }
    }

    /**
     * One tile: {@code gx_j[q0 + v·L + lane]} for its 4 vectors and TAPS kernel columns j (planes {@code plane}
     * apart from {@code xAt}), over {@code steps} (kernel row, output channel) pairs from the tile's first
     * kernel row, {@code channels} per row: g from {@code gFrom}, a plane ({@code gStride}) per channel and a
     * row back ({@code outW}) per kernel row; the packed kernels from {@code wFrom}, TAPS values per step.
     */
    private static void tile(double[] gp, double[] wp, double[] gx, int gFrom, int wFrom, int steps, int channels,
                             int gStride, int outW, int xAt, int plane) {
        int rowBack = channels * gStride + outW;
        DoubleVector a00 = DoubleVector.zero(S), a01 = a00, a02 = a00, a03 = a00, a04 = a00;
        DoubleVector a10 = a00, a11 = a00, a12 = a00, a13 = a00, a14 = a00;
        DoubleVector a20 = a00, a21 = a00, a22 = a00, a23 = a00, a24 = a00;
        DoubleVector a30 = a00, a31 = a00, a32 = a00, a33 = a00, a34 = a00;
        int gi = gFrom;
        int wi = wFrom;
        int rowEnd = channels; // the step where the next kernel row starts
        for (int step = 0; step < steps; step++) {
            if (step == rowEnd) { // a row back in g, from the first channel
                gi -= rowBack;
                rowEnd += channels;
            }
            DoubleVector b0 = DoubleVector.broadcast(S, wp[wi]);
            DoubleVector b1 = DoubleVector.broadcast(S, wp[wi + 1]);
            DoubleVector b2 = DoubleVector.broadcast(S, wp[wi + 2]);
            DoubleVector b3 = DoubleVector.broadcast(S, wp[wi + 3]);
            DoubleVector b4 = DoubleVector.broadcast(S, wp[wi + 4]);
            DoubleVector u = DoubleVector.fromArray(S, gp, gi);
            a00 = u.fma(b0, a00);
            a01 = u.fma(b1, a01);
            a02 = u.fma(b2, a02);
            a03 = u.fma(b3, a03);
            a04 = u.fma(b4, a04);
            u = DoubleVector.fromArray(S, gp, gi + L);
            a10 = u.fma(b0, a10);
            a11 = u.fma(b1, a11);
            a12 = u.fma(b2, a12);
            a13 = u.fma(b3, a13);
            a14 = u.fma(b4, a14);
            u = DoubleVector.fromArray(S, gp, gi + 2 * L);
            a20 = u.fma(b0, a20);
            a21 = u.fma(b1, a21);
            a22 = u.fma(b2, a22);
            a23 = u.fma(b3, a23);
            a24 = u.fma(b4, a24);
            u = DoubleVector.fromArray(S, gp, gi + 3 * L);
            a30 = u.fma(b0, a30);
            a31 = u.fma(b1, a31);
            a32 = u.fma(b2, a32);
            a33 = u.fma(b3, a33);
            a34 = u.fma(b4, a34);
            gi += gStride;
            wi += TAPS;
        }
        a00.intoArray(gx, xAt);
        a01.intoArray(gx, xAt + plane);
        a02.intoArray(gx, xAt + 2 * plane);
        a03.intoArray(gx, xAt + 3 * plane);
        a04.intoArray(gx, xAt + 4 * plane);
        a10.intoArray(gx, xAt + L);
        a11.intoArray(gx, xAt + L + plane);
        a12.intoArray(gx, xAt + L + 2 * plane);
        a13.intoArray(gx, xAt + L + 3 * plane);
        a14.intoArray(gx, xAt + L + 4 * plane);
        a20.intoArray(gx, xAt + 2 * L);
        a21.intoArray(gx, xAt + 2 * L + plane);
        a22.intoArray(gx, xAt + 2 * L + 2 * plane);
        a23.intoArray(gx, xAt + 2 * L + 3 * plane);
        a24.intoArray(gx, xAt + 2 * L + 4 * plane);
        a30.intoArray(gx, xAt + 3 * L);
        a31.intoArray(gx, xAt + 3 * L + plane);
        a32.intoArray(gx, xAt + 3 * L + 2 * plane);
        a33.intoArray(gx, xAt + 3 * L + 3 * plane);
        a34.intoArray(gx, xAt + 3 * L + 4 * plane);
    }

    /**
     * {@code gradX[c, y, x] = Σ_j gx_j[y + padH, x + padW - j]} over the columns inside the plane, kernel
     * columns in order; gx's planes from L in {@code gx}, c's plane of gradX from {@code xFrom}. A row in
     * vectors, its last overlapping the one before; per column of vectors, the lanes inside the plane for
     * each kernel column as masks (none for the spare columns past kw), compared once for all rows.
     */
    private static void unshift(double[] gx, double[] gradX, int xFrom, Conv2dShape s, int plane) {
        DoubleVector zero = DoubleVector.zero(S);
        DoubleVector lanes = DoubleVector.fromArray(S, LANE_INDEX, 0);
        double width = s.outW;
        int last = s.w - L;
        for (int x0 = 0; x0 < s.w; x0 += L) {
            int x = Math.min(x0, last);
            int col = x + s.padW; // gx_0's column under x
            VectorMask<Double> m0 = inside(lanes, col, width);
            VectorMask<Double> m1 = inside(lanes, s.kw > 1 ? col - 1 : -L, width); // a spare column: no lane
            VectorMask<Double> m2 = inside(lanes, s.kw > 2 ? col - 2 : -L, width);
            VectorMask<Double> m3 = inside(lanes, s.kw > 3 ? col - 3 : -L, width);
            VectorMask<Double> m4 = inside(lanes, s.kw > 4 ? col - 4 : -L, width);
            for (int y = 0; y < s.h; y++) {
                int at = L + (y + s.padH) * s.outW + col;
                DoubleVector sum = zero.blend(DoubleVector.fromArray(S, gx, at), m0)
                        .add(zero.blend(DoubleVector.fromArray(S, gx, at + plane - 1), m1))
                        .add(zero.blend(DoubleVector.fromArray(S, gx, at + 2 * plane - 2), m2))
                        .add(zero.blend(DoubleVector.fromArray(S, gx, at + 3 * plane - 3), m3))
                        .add(zero.blend(DoubleVector.fromArray(S, gx, at + 4 * plane - 4), m4));
                sum.intoArray(gradX, xFrom + y * s.w + x);
            }
        }
    }

    /** The lanes whose column {@code col + lane} lies in {@code [0, width)}. */
    private static VectorMask<Double> inside(DoubleVector lanes, int col, double width) {
        DoubleVector column = lanes.add(col);
        return column.compare(VectorOperators.GE, 0).and(column.compare(VectorOperators.LT, width));
    }

    /** 0, 1, ..., L - 1. */
    private static double[] laneIndex() {
        double[] index = new double[L];
        for (int lane = 0; lane < L; lane++) {
            index[lane] = lane;
        }
        return index;
    }

    /** {@link #gradInput}'s samples split over threads, its arguments as fields ({@link KernelThreads.Task}). */
    private static final class Split extends KernelThreads.Task {
        static final ThreadLocal<Split> SPLITS = ThreadLocal.withInitial(Split::new);
        boolean byRows;
        double[] g;
        double[] wp;
        double[] gradX;
        Conv2dShape s;

        @Override
        public void run(int n0, int n1) {
            if (byRows) {
                sampleRows(g, wp, gradX, s, n0, n1);
            } else {
                samples(g, wp, gradX, s, n0, n1);
            }
        }

        @Override
        void clear() {
            g = null;
            wp = null;
            gradX = null;
            s = null;
        }
    }
}
