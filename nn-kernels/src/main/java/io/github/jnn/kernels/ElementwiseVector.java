package io.github.jnn.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** Elementwise kernels with {@code DoubleVector.SPECIES_PREFERRED}; tails go to {@link ElementwiseScalar}. */
final class ElementwiseVector {
    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private ElementwiseVector() {
    }

    static void sigmoid(double[] x, double[] out, int len) {
        int bound = S.loopBound(len);
        int i = 0;
        for (; i < bound; i += L) {
            sigmoid(DoubleVector.fromArray(S, x, i)).intoArray(out, i);
        }
        ElementwiseScalar.sigmoid(x, out, i, len);
    }

    static void relu(double[] x, double[] out, int len) {
        int bound = S.loopBound(len);
        int i = 0;
        for (; i < bound; i += L) {
            DoubleVector.fromArray(S, x, i).max(0.0).intoArray(out, i);
        }
        ElementwiseScalar.relu(x, out, i, len);
    }

    static void sigmoidBackward(double[] y, double[] g, double[] gradIn, int len) {
        int bound = S.loopBound(len);
        int i = 0;
        for (; i < bound; i += L) {
            DoubleVector yv = DoubleVector.fromArray(S, y, i);
            DoubleVector.fromArray(S, g, i).mul(yv).mul(yv.neg().add(1.0)).intoArray(gradIn, i);
        }
        ElementwiseScalar.sigmoidBackward(y, g, gradIn, i, len);
    }

    static void reluBackward(double[] y, double[] g, double[] gradIn, int len) {
        int bound = S.loopBound(len);
        int i = 0;
        DoubleVector zero = DoubleVector.zero(S);
        for (; i < bound; i += L) {
            VectorMask<Double> positive = DoubleVector.fromArray(S, y, i).compare(VectorOperators.GT, 0.0);
            zero.blend(DoubleVector.fromArray(S, g, i), positive).intoArray(gradIn, i);
        }
        ElementwiseScalar.reluBackward(y, g, gradIn, i, len);
    }

    static DoubleVector sigmoid(DoubleVector v) {
        // exp(-v) overflows to +Inf for v < -709 and 1/(1+Inf) = 0: the right limit, no NaN.
        return DoubleVector.broadcast(S, 1.0).div(v.neg().lanewise(VectorOperators.EXP).add(1.0));
    }

    static DoubleVector activation(DoubleVector v, Activation act) {
        switch (act) {
            case RELU:
                return v.max(0.0);
            case SIGMOID:
                return sigmoid(v);
            default:
                return v;
        }
    }
}
