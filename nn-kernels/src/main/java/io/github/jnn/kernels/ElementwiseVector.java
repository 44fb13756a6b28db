package io.github.jnn.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Elementwise kernels with {@code DoubleVector.SPECIES_PREFERRED}; tails go to {@link ElementwiseScalar}.
 * Transcendentals come from {@link VectorMath}, never {@code lanewise(EXP/EXPM1/TANH/LOG1P)}, so the bits
 * do not depend on JIT state.
 */
final class ElementwiseVector {
    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Elements per call of a range kernel from the whole-array entry points (a multiple of any L). */
    private static final int CHUNK = 4096;

    private ElementwiseVector() {
    }

    static void sigmoid(double[] x, double[] out, int len) {
        // In chunks, so that the loop's method is entered often enough for a normal C2 compile: called once
        // per large tensor, JDK 17 only OSR-compiled it, and each call started in the interpreter, where
        // the Vector API allocates (3 MB per 256×1024 call, measured), until the loop migrated to OSR code.
        for (int c = 0; c < len; c += CHUNK) {
            sigmoid(x, out, c, Math.min(len, c + CHUNK));
        }
    }

    /**
     * {@code out[i] = sigmoid(x[i])} for i in [from, to) ({@code x == out} allowed): the array form; the fused
     * Linear epilogues use {@code sigmoidInPlace}, the same bits in two loops.
     */
    static void sigmoid(double[] x, double[] out, int from, int to) {
        int i = VectorMath.sigmoid(x, out, from, to);
        ElementwiseScalar.sigmoid(x, out, i, to);
    }

    /**
     * {@code a[i] = sigmoid(a[i])} for i in [from, to), the same bits as {@link #sigmoid(double[], double[], int,
     * int)}, in two loops: {@code e = exp(-a)} ({@link VectorMath#expOfNegated}), then {@code 1/(1 + e)}. The
     * fused Linear epilogues use it. Why not the one-loop form: inside the GEMM, JDK 17's C2 compiled that
     * loop with its last vector operations inlined late (-XX:+PrintInlining: type-profiled receivers, then
     * "VectorSupport::store failed to inline (intrinsic)"; PrintIntrinsics: "missing constant: vclass"), so
     * each result vector was boxed before its store: 3 MB per 256×1024 forward, fused +9.5 % over no
     * activation. Both -XX:-IncrementalInline and -XX:-IncrementalInlineVirtual removed it; so does this
     * split, which keeps each loop's compile small. The second loop costs ~0.17 ns/element (the division is
     * no longer hidden behind exp's FMAs): 0.4 % of the 256×1024×1024 product, but 12 % of the standalone
     * sigmoid, which therefore keeps the one-loop form (it compiled clean in every JVM measured).
     */
    static void sigmoidInPlace(double[] a, int from, int to) {
        int stop = VectorMath.expOfNegated(a, a, from, to);
        for (int i = from; i < stop; i += L) {
            DoubleVector.broadcast(S, 1.0).div(DoubleVector.fromArray(S, a, i).add(1.0)).intoArray(a, i);
        }
        ElementwiseScalar.sigmoid(a, a, stop, to);
    }

    static void relu(double[] x, double[] out, int len) {
        int bound = S.loopBound(len);
        int i = 0;
        for (; i < bound; i += L) {
            DoubleVector.fromArray(S, x, i).max(0.0).intoArray(out, i);
        }
        ElementwiseScalar.relu(x, out, i, len);
    }

    /** {@code gradIn = g·y·(1 - y)} over [from, to). */
    static void sigmoidBackward(double[] y, double[] g, double[] gradIn, int from, int to) {
        int bound = from + S.loopBound(to - from);
        int i = from;
        for (; i < bound; i += L) {
            DoubleVector yv = DoubleVector.fromArray(S, y, i);
            DoubleVector.fromArray(S, g, i).mul(yv).mul(yv.neg().add(1.0)).intoArray(gradIn, i);
        }
        ElementwiseScalar.sigmoidBackward(y, g, gradIn, i, to);
    }

    /** {@code gradIn = y > 0 ? g : 0} over [from, to). */
    static void reluBackward(double[] y, double[] g, double[] gradIn, int from, int to) {
        int bound = from + S.loopBound(to - from);
        int i = from;
        DoubleVector zero = DoubleVector.zero(S);
        for (; i < bound; i += L) {
            VectorMask<Double> positive = DoubleVector.fromArray(S, y, i).compare(VectorOperators.GT, 0.0);
            zero.blend(DoubleVector.fromArray(S, g, i), positive).intoArray(gradIn, i);
        }
        ElementwiseScalar.reluBackward(y, g, gradIn, i, to);
    }

    static void leakyRelu(double[] x, double[] out, int len, double slope) {
        int bound = S.loopBound(len);
        int i = 0;
        for (; i < bound; i += L) {
            DoubleVector v = DoubleVector.fromArray(S, x, i);
            v.mul(slope).blend(v, v.compare(VectorOperators.GT, 0.0)).intoArray(out, i);
        }
        ElementwiseScalar.leakyRelu(x, out, i, len, slope);
    }

    static void leakyReluBackward(double[] x, double[] g, double[] gradIn, int len, double slope) {
        int bound = S.loopBound(len);
        int i = 0;
        for (; i < bound; i += L) {
            DoubleVector gv = DoubleVector.fromArray(S, g, i);
            VectorMask<Double> positive = DoubleVector.fromArray(S, x, i).compare(VectorOperators.GT, 0.0);
            gv.mul(slope).blend(gv, positive).intoArray(gradIn, i);
        }
        ElementwiseScalar.leakyReluBackward(x, g, gradIn, i, len, slope);
    }

    static void elu(double[] x, double[] out, int len, double alpha) {
        int bound = S.loopBound(len);
        int i = 0;
        for (; i < bound; i += L) {
            DoubleVector v = DoubleVector.fromArray(S, x, i);
            VectorMath.expm1(v).mul(alpha).blend(v, v.compare(VectorOperators.GT, 0.0))
                    .intoArray(out, i);
        }
        ElementwiseScalar.elu(x, out, i, len, alpha);
    }

    static void eluBackward(double[] x, double[] y, double[] g, double[] gradIn, int len, double alpha) {
        int bound = S.loopBound(len);
        int i = 0;
        for (; i < bound; i += L) {
            DoubleVector gv = DoubleVector.fromArray(S, g, i);
            DoubleVector xv = DoubleVector.fromArray(S, x, i);
            VectorMask<Double> positive = xv.compare(VectorOperators.GT, 0.0);
            gv.mul(VectorMath.exp(xv).mul(alpha)).blend(gv, positive).intoArray(gradIn, i);
        }
        ElementwiseScalar.eluBackward(x, y, g, gradIn, i, len, alpha);
    }

    static void softplus(double[] x, double[] out, int len) {
        int bound = S.loopBound(len);
        int i = 0;
        for (; i < bound; i += L) {
            VectorMath.softplus(DoubleVector.fromArray(S, x, i)).intoArray(out, i);
        }
        ElementwiseScalar.softplus(x, out, i, len);
    }

    static void softplusBackward(double[] x, double[] g, double[] gradIn, int len) {
        int bound = S.loopBound(len);
        int i = 0;
        for (; i < bound; i += L) {
            DoubleVector.fromArray(S, g, i).mul(sigmoid(DoubleVector.fromArray(S, x, i))).intoArray(gradIn, i);
        }
        ElementwiseScalar.softplusBackward(x, g, gradIn, i, len);
    }

    static void tanh(double[] x, double[] out, int len) {
        int bound = S.loopBound(len);
        int i = 0;
        for (; i < bound; i += L) {
            VectorMath.tanh(DoubleVector.fromArray(S, x, i)).intoArray(out, i);
        }
        ElementwiseScalar.tanh(x, out, i, len);
    }

    static void tanhBackward(double[] y, double[] g, double[] gradIn, int len) {
        int bound = S.loopBound(len);
        int i = 0;
        for (; i < bound; i += L) {
            DoubleVector yv = DoubleVector.fromArray(S, y, i);
            DoubleVector.fromArray(S, g, i).mul(yv.mul(yv).neg().add(1.0)).intoArray(gradIn, i);
        }
        ElementwiseScalar.tanhBackward(y, g, gradIn, i, len);
    }

    static DoubleVector sigmoid(DoubleVector v) {
        // exp(-v) is +Inf for v below exp's range and 1/(1+Inf) = 0: the right limit, no NaN. VectorMath.exp, not
        // lanewise(EXP), so the bits do not depend on JIT state (see VectorMath).
        return DoubleVector.broadcast(S, 1.0).div(VectorMath.exp(v.neg()).add(1.0));
    }
}
