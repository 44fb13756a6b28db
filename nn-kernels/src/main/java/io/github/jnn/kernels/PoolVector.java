package io.github.jnn.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector set's max-pooling forward. The scalar loop's comparisons branch on the data (on ReLU outputs
 * about half of them go either way), so it ran at about 5 ns an input value, a tenth of the CNN's training
 * step. For 2×2 windows at stride 2 (the CNN's pooling), lane by lane with vector compares and blends:
 * loads of an input row pair at x0 and x0 + 1 put window (x0 + i) / 2's four values, in scan order, in each
 * even lane i; the odd lanes straddle two windows. One shuffle moves the even lanes to the low half, which
 * is stored whole into out (and, as indices, into argmax): the high half lands on the next windows' places
 * and is overwritten by their store, so the row pairs are stored in order and a store that would pass the
 * end of the output takes the scalar loop. A row's last vector may reach past the row (its lanes there are dropped
 * too), so rows narrower than a vector's windows are vector code as well. Each window takes the same value
 * and position as {@link ConvScalar#windowMax} (the first of ties, the last NaN), which takes the windows
 * whose loads would pass the end of x; other geometries run the scalar loop. (Storing the blends and
 * reading their even lanes back one by one cost 0.9 ns an input value, a tenth of the CNN's training step.)
 */
final class PoolVector {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** S's bits as integers: a window's position is built in the low 32 bits of its lane, blended as bits. */
    private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, S.vectorShape());
    /** Integers per lane of S: 2 for double, 1 for float. */
    private static final int PER_LANE = I.length() / L;
    /** Lane i takes lane 2i (the low half: the windows), the high half repeats it. */
    private static final VectorShuffle<Double> EVEN = VectorShuffle.fromOp(S, i -> 2 * i % L);
    /** The same on S's bits seen as integers: integer lane i takes the low half of lane 2i. */
    private static final VectorShuffle<Integer> EVEN_BITS = VectorShuffle.fromOp(I, i -> 2 * PER_LANE * i % I.length());
    /** Window i's corner in its vector's row pair: 2i. */
    private static final IntVector CORNERS = IntVector.zero(I).addIndex(2);

    private PoolVector() {
    }

    static void maxPool2dForward(double[] x, double[] out, int[] argmax, Pool2dShape s) {
        if (s.kh != 2 || s.kw != 2 || s.strideH != 2 || s.strideW != 2 || s.padH != 0 || s.padW != 0 || L < 2) {
            ConvScalar.maxPool2dForward(x, out, argmax, s);
            return;
        }
        int half = L / 2; // windows per vector
        int plane = s.h * s.w;
        long outLength = s.outputLength(); // no store passes it, even where out is longer
        for (int nc = 0; nc < s.n * s.c; nc++) {
            for (int oh = 0; oh < s.outH; oh++) {
                int top = nc * plane + 2 * oh * s.w;
                int row = (nc * s.outH + oh) * s.outW;
                for (int ow = 0; ow < s.outW; ow += half) {
                    int at = row + ow;
                    if (top + 2 * ow + s.w + L < x.length && at + I.length() <= outLength) {
                        windows(x, top + 2 * ow, s.w, out, argmax, at);
                    } else {
                        for (int i = 0; i < Math.min(half, s.outW - ow); i++) {
                            ConvScalar.windowMax(x, top + 2 * (ow + i), s, out, argmax, at + i);
                        }
                    }
                }
            }
        }
    }

    /**
     * The L/2 windows of the row pair at {@code x[top..]} and {@code x[top + w..]}: their maxima into
     * {@code out[to..]} and their positions in x into {@code argmax[to..]}: L values and as many integers
     * as S has bits for (the last L/2 values, and all integers past the first L/2, meaningless).
     */
    private static void windows(double[] x, int top, int w, double[] out, int[] argmax, int to) {
        int bottom = top + w;
        DoubleVector m = DoubleVector.fromArray(S, x, top);
        DoubleVector at = DoubleVector.zero(S); // offsets from the corner, as the bits of each lane
        DoubleVector v = DoubleVector.fromArray(S, x, top + 1);
        VectorMask<Double> take = v.compare(VectorOperators.GT, m).or(v.test(VectorOperators.IS_NAN));
        m = m.blend(v, take);
        at = at.blend(Double.longBitsToDouble(1), take); //f32: at = at.blend(Float.intBitsToFloat(1), take);
        v = DoubleVector.fromArray(S, x, bottom);
        take = v.compare(VectorOperators.GT, m).or(v.test(VectorOperators.IS_NAN));
        m = m.blend(v, take);
        at = at.blend(Double.longBitsToDouble(w), take); //f32: at = at.blend(Float.intBitsToFloat(w), take);
        v = DoubleVector.fromArray(S, x, bottom + 1);
        take = v.compare(VectorOperators.GT, m).or(v.test(VectorOperators.IS_NAN));
        m = m.blend(v, take);
        at = at.blend(Double.longBitsToDouble(w + 1), take); //f32: at = at.blend(Float.intBitsToFloat(w + 1), take);
        m.rearrange(EVEN).intoArray(out, to);
        at.reinterpretAsInts().rearrange(EVEN_BITS).add(CORNERS).add(top).intoArray(argmax, to);
    }
}
