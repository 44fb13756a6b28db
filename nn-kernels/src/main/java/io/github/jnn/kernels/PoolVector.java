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
 * even lane i; the odd lanes straddle two windows and are dropped. Each window takes the same value and
 * position as {@link ConvScalar#windowMax} (the first of ties, the last NaN), which takes the windows past
 * the last whole vector; other geometries run the scalar loop.
 */
final class PoolVector {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Per thread: one vector's maxima and the codes (0..3, scan order) of where in its window each was. */
    private static final ThreadLocal<double[][]> LANES = ThreadLocal.withInitial(() -> new double[2][L]);

    private PoolVector() {
    }

    static void maxPool2dForward(double[] x, double[] out, int[] argmax, Pool2dShape s) {
        if (s.kh != 2 || s.kw != 2 || s.strideH != 2 || s.strideW != 2 || s.padH != 0 || s.padW != 0 || L < 2) {
            ConvScalar.maxPool2dForward(x, out, argmax, s);
            return;
        }
        double[][] lanes = LANES.get();
        double[] max = lanes[0];
        double[] code = lanes[1];
        int[] offsets = {0, 1, s.w, s.w + 1};
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        DoubleVector two = DoubleVector.broadcast(S, 2.0);
        DoubleVector three = DoubleVector.broadcast(S, 3.0);
        int plane = s.h * s.w;
        int at = 0;
        for (int nc = 0; nc < s.n * s.c; nc++) {
            for (int oh = 0; oh < s.outH; oh++) {
                int top = nc * plane + 2 * oh * s.w;
                int bottom = top + s.w;
                int ow = 0;
                // the even lanes' windows inside the row; the last odd lane reads one past it, inside x
                for (; 2 * ow + L <= s.w && bottom + 2 * ow + L < x.length; ow += L / 2) {
                    int x0 = 2 * ow;
                    DoubleVector m = DoubleVector.fromArray(S, x, top + x0);
                    DoubleVector where = DoubleVector.zero(S);
                    DoubleVector v = DoubleVector.fromArray(S, x, top + x0 + 1);
                    VectorMask<Double> take = v.compare(VectorOperators.GT, m).or(v.test(VectorOperators.IS_NAN));
                    m = m.blend(v, take);
                    where = where.blend(one, take);
                    v = DoubleVector.fromArray(S, x, bottom + x0);
                    take = v.compare(VectorOperators.GT, m).or(v.test(VectorOperators.IS_NAN));
                    m = m.blend(v, take);
                    where = where.blend(two, take);
                    v = DoubleVector.fromArray(S, x, bottom + x0 + 1);
                    take = v.compare(VectorOperators.GT, m).or(v.test(VectorOperators.IS_NAN));
                    m = m.blend(v, take);
                    where = where.blend(three, take);
                    m.intoArray(max, 0);
                    where.intoArray(code, 0);
                    for (int t = 0; t < L / 2; t++) {
                        out[at + t] = max[2 * t];
                        argmax[at + t] = top + x0 + 2 * t + offsets[(int) code[2 * t]];
                    }
                    at += L / 2;
                }
                for (; ow < s.outW; ow++, at++) {
                    ConvScalar.windowMax(x, top + 2 * ow, s, out, argmax, at);
                }
            }
        }
    }
}
