package io.github.jnn.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector set's max-pooling forward. The scalar loop's comparisons branch on the data (on ReLU outputs
 * about half of them go either way), so it ran at about 5 ns an input value, a tenth of the CNN's training
 * step. For 2×2 windows at stride 2 (the CNN's pooling), lane by lane with vector compares and blends:
 * loads of an input row pair at x0 and x0 + 1 put window (x0 + i) / 2's four values, in scan order, in each
 * even lane i; the odd lanes straddle two windows and are dropped. A row's last vector may reach past the
 * row (its lanes there are dropped too), so rows narrower than a vector's windows are vector code as well.
 * Each window takes the same value and position as {@link ConvScalar#windowMax} (the first of ties, the
 * last NaN), which takes the windows whose loads would pass the end of x; other geometries run the scalar
 * loop. The vectors of a group of row pairs are stored first and their even lanes read back afterwards:
 * read back right after its store, each lane waited for the store to forward. (On AVX-512, where no row of
 * the CNN's second pooling filled a vector, the pooling forward had a seventh of the CNN step's samples.)
 */
final class PoolVector {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Vectors stored per group of row pairs before their lanes are read back. */
    private static final int GROUP_VECTORS = 64;
    /** Per thread: a group's maxima and where in its window each was (the offset from its corner). */
    private static final ThreadLocal<double[][]> LANES =
            ThreadLocal.withInitial(() -> new double[2][GROUP_VECTORS * L]);

    private PoolVector() {
    }

    static void maxPool2dForward(double[] x, double[] out, int[] argmax, Pool2dShape s) {
        if (s.kh != 2 || s.kw != 2 || s.strideH != 2 || s.strideW != 2 || s.padH != 0 || s.padW != 0 || L < 2) {
            ConvScalar.maxPool2dForward(x, out, argmax, s);
            return;
        }
        double[][] lanes = LANES.get();
        double[] max = lanes[0];
        double[] where = lanes[1];
        int perRow = (s.outW + L / 2 - 1) / (L / 2); // vectors per row pair
        int group = Math.max(1, GROUP_VECTORS / perRow); // row pairs per group
        int plane = s.h * s.w;
        int at = 0;
        for (int nc = 0; nc < s.n * s.c; nc++) {
            for (int oh0 = 0; oh0 < s.outH; oh0 += group) {
                int oh1 = Math.min(s.outH, oh0 + group);
                if (max.length < perRow * L) { // a row pair wider than the buffer: grow it (kept for the thread)
                    lanes[0] = max = new double[perRow * L];
                    lanes[1] = where = new double[perRow * L];
                }
                for (int oh = oh0; oh < oh1; oh++) {
                    int top = nc * plane + 2 * oh * s.w;
                    for (int v = 0; v < perRow; v++) {
                        int x0 = v * L;
                        if (loadsInside(x, top + s.w + x0)) {
                            windows(x, top + x0, s.w, max, where, ((oh - oh0) * perRow + v) * L);
                        }
                    }
                }
                for (int oh = oh0; oh < oh1; oh++) {
                    int top = nc * plane + 2 * oh * s.w;
                    for (int ow = 0; ow < s.outW; ow++, at++) {
                        int v = ow / (L / 2);
                        if (loadsInside(x, top + s.w + v * L)) {
                            int lane = ((oh - oh0) * perRow + v) * L + 2 * (ow - v * (L / 2));
                            out[at] = max[lane];
                            argmax[at] = top + 2 * ow + (int) where[lane];
                        } else {
                            ConvScalar.windowMax(x, top + 2 * ow, s, out, argmax, at);
                        }
                    }
                }
            }
        }
    }

    /** Whether a vector of windows whose bottom row starts at x[bottom] reads inside x (its last load at +1). */
    private static boolean loadsInside(double[] x, int bottom) {
        return bottom + L < x.length;
    }

    /**
     * The L/2 windows of the row pair at {@code x[top..]} and {@code x[top + w..]}: their maxima and the
     * offsets from their corners of where each was in the even lanes of {@code max[to..]} and
     * {@code where[to..]}.
     */
    private static void windows(double[] x, int top, int w, double[] max, double[] where, int to) {
        int bottom = top + w;
        DoubleVector m = DoubleVector.fromArray(S, x, top);
        DoubleVector at = DoubleVector.zero(S);
        DoubleVector v = DoubleVector.fromArray(S, x, top + 1);
        VectorMask<Double> take = v.compare(VectorOperators.GT, m).or(v.test(VectorOperators.IS_NAN));
        m = m.blend(v, take);
        at = at.blend(1.0, take);
        v = DoubleVector.fromArray(S, x, bottom);
        take = v.compare(VectorOperators.GT, m).or(v.test(VectorOperators.IS_NAN));
        m = m.blend(v, take);
        at = at.blend(w, take);
        v = DoubleVector.fromArray(S, x, bottom + 1);
        take = v.compare(VectorOperators.GT, m).or(v.test(VectorOperators.IS_NAN));
        m = m.blend(v, take);
        at = at.blend(w + 1, take);
        m.intoArray(max, to);
        at.intoArray(where, to);
    }
}
