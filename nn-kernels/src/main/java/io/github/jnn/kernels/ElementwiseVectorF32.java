package io.github.jnn.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * float32 twin of {@link ElementwiseVector}: the same algorithm on float arrays and {@code FloatVector};
 * change the two together.
 *
 * <p>Elementwise kernels with {@code FloatVector.SPECIES_PREFERRED}; tails go to {@link ElementwiseScalarF32}.
 */
final class ElementwiseVectorF32 {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Elements per call of a range kernel from the whole-array entry points (a multiple of any L). */
    private static final int CHUNK = 4096;

    private ElementwiseVectorF32() {
    }

    static void sigmoid(float[] x, float[] out, int len) {
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
    static void sigmoid(float[] x, float[] out, int from, int to) {
        int i = VectorMath.sigmoid(x, out, from, to);
        ElementwiseScalarF32.sigmoid(x, out, i, to);
    }

    /** float32 {@link ElementwiseVector#sigmoidInPlace(double[], int, int)}. */
    static void sigmoidInPlace(float[] a, int from, int to) {
        int stop = VectorMath.expOfNegated(a, a, from, to);
        for (int i = from; i < stop; i += L) {
            FloatVector.broadcast(S, 1f).div(FloatVector.fromArray(S, a, i).add(1f)).intoArray(a, i);
        }
        ElementwiseScalarF32.sigmoid(a, a, stop, to);
    }

    static void relu(float[] x, float[] out, int len) {
        int bound = S.loopBound(len);
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector.fromArray(S, x, i).max(0.0f).intoArray(out, i);
        }
        ElementwiseScalarF32.relu(x, out, i, len);
    }

    static void sigmoidBackward(float[] y, float[] g, float[] gradIn, int len) {
        int bound = S.loopBound(len);
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector yv = FloatVector.fromArray(S, y, i);
            FloatVector.fromArray(S, g, i).mul(yv).mul(yv.neg().add(1.0f)).intoArray(gradIn, i);
        }
        ElementwiseScalarF32.sigmoidBackward(y, g, gradIn, i, len);
    }

    static void reluBackward(float[] y, float[] g, float[] gradIn, int len) {
        int bound = S.loopBound(len);
        int i = 0;
        FloatVector zero = FloatVector.zero(S);
        for (; i < bound; i += L) {
            VectorMask<Float> positive = FloatVector.fromArray(S, y, i).compare(VectorOperators.GT, 0.0f);
            zero.blend(FloatVector.fromArray(S, g, i), positive).intoArray(gradIn, i);
        }
        ElementwiseScalarF32.reluBackward(y, g, gradIn, i, len);
    }

    static void leakyRelu(float[] x, float[] out, int len, float slope) {
        int bound = S.loopBound(len);
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, i);
            v.mul(slope).blend(v, v.compare(VectorOperators.GT, 0.0f)).intoArray(out, i);
        }
        ElementwiseScalarF32.leakyRelu(x, out, i, len, slope);
    }

    static void leakyReluBackward(float[] x, float[] g, float[] gradIn, int len, float slope) {
        int bound = S.loopBound(len);
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector gv = FloatVector.fromArray(S, g, i);
            VectorMask<Float> positive = FloatVector.fromArray(S, x, i).compare(VectorOperators.GT, 0.0f);
            gv.mul(slope).blend(gv, positive).intoArray(gradIn, i);
        }
        ElementwiseScalarF32.leakyReluBackward(x, g, gradIn, i, len, slope);
    }

    static void elu(float[] x, float[] out, int len, float alpha) {
        int bound = S.loopBound(len);
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, i);
            VectorMath.expm1(v).mul(alpha).blend(v, v.compare(VectorOperators.GT, 0.0f))
                    .intoArray(out, i);
        }
        ElementwiseScalarF32.elu(x, out, i, len, alpha);
    }

    static void eluBackward(float[] x, float[] y, float[] g, float[] gradIn, int len, float alpha) {
        int bound = S.loopBound(len);
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector gv = FloatVector.fromArray(S, g, i);
            FloatVector xv = FloatVector.fromArray(S, x, i);
            VectorMask<Float> positive = xv.compare(VectorOperators.GT, 0.0f);
            gv.mul(VectorMath.exp(xv).mul(alpha)).blend(gv, positive).intoArray(gradIn, i);
        }
        ElementwiseScalarF32.eluBackward(x, y, g, gradIn, i, len, alpha);
    }

    static void softplus(float[] x, float[] out, int len) {
        int bound = S.loopBound(len);
        int i = 0;
        for (; i < bound; i += L) {
            VectorMath.softplus(FloatVector.fromArray(S, x, i)).intoArray(out, i);
        }
        ElementwiseScalarF32.softplus(x, out, i, len);
    }

    static void softplusBackward(float[] x, float[] g, float[] gradIn, int len) {
        int bound = S.loopBound(len);
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector.fromArray(S, g, i).mul(sigmoid(FloatVector.fromArray(S, x, i))).intoArray(gradIn, i);
        }
        ElementwiseScalarF32.softplusBackward(x, g, gradIn, i, len);
    }

    static void tanh(float[] x, float[] out, int len) {
        int bound = S.loopBound(len);
        int i = 0;
        for (; i < bound; i += L) {
            VectorMath.tanh(FloatVector.fromArray(S, x, i)).intoArray(out, i);
        }
        ElementwiseScalarF32.tanh(x, out, i, len);
    }

    static void tanhBackward(float[] y, float[] g, float[] gradIn, int len) {
        int bound = S.loopBound(len);
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector yv = FloatVector.fromArray(S, y, i);
            FloatVector.fromArray(S, g, i).mul(yv.mul(yv).neg().add(1.0f)).intoArray(gradIn, i);
        }
        ElementwiseScalarF32.tanhBackward(y, g, gradIn, i, len);
    }

    static FloatVector sigmoid(FloatVector v) {
        // exp(-v) is +Inf for v below the clamp and 1/(1+Inf) = 0: the right limit, no NaN. VectorMath.exp, not
        // lanewise(EXP), so the bits do not depend on JIT state (see VectorMath).
        return FloatVector.broadcast(S, 1.0f).div(VectorMath.exp(v.neg()).add(1.0f));
    }
}
