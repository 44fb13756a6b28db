package io.github.jnn.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** Optimizer parameter updates with {@code DoubleVector.SPECIES_PREFERRED}; tails go to {@link UpdateScalar}. */
final class UpdateVector {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private UpdateVector() {
    }

    static void sgd(double[] w, double[] g, double[] v, int len, double lr, double momentum, double weightDecay) {
        int bound = S.loopBound(len);
        int i = 0;
        for (; i < bound; i += L) {
            DoubleVector wv = DoubleVector.fromArray(S, w, i);
            DoubleVector d = wv.mul(weightDecay).add(DoubleVector.fromArray(S, g, i));
            DoubleVector vv = DoubleVector.fromArray(S, v, i).mul(momentum).add(d.mul(lr));
            vv.intoArray(v, i);
            wv.sub(vv).intoArray(w, i);
        }
        UpdateScalar.sgd(w, g, v, i, len, lr, momentum, weightDecay);
    }

    static void adam(double[] w, double[] g, double[] m, double[] v, int len, double stepSize, double beta1,
                     double beta2, double eps) {
        int bound = S.loopBound(len);
        int i = 0;
        for (; i < bound; i += L) {
            DoubleVector gv = DoubleVector.fromArray(S, g, i);
            DoubleVector mv = DoubleVector.fromArray(S, m, i).mul(beta1).add(gv.mul(1.0 - beta1));
            DoubleVector vv = DoubleVector.fromArray(S, v, i).mul(beta2).add(gv.mul(gv).mul(1.0 - beta2));
            mv.intoArray(m, i);
            vv.intoArray(v, i);
            DoubleVector step = mv.mul(stepSize).div(vv.lanewise(VectorOperators.SQRT).add(eps));
            DoubleVector.fromArray(S, w, i).sub(step).intoArray(w, i);
        }
        UpdateScalar.adam(w, g, m, v, i, len, stepSize, beta1, beta2, eps);
    }
}
