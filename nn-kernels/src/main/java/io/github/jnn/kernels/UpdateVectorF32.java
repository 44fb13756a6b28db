package io.github.jnn.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * float32 twin of {@link UpdateVector}: the same algorithm on float arrays and {@code FloatVector};
 * change the two together.
 *
 * <p>Optimizer parameter updates with {@code FloatVector.SPECIES_PREFERRED}; tails go to {@link UpdateScalarF32}.
 */
final class UpdateVectorF32 {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private UpdateVectorF32() {
    }

    static void sgd(float[] w, float[] g, float[] v, int len, float lr, float momentum, float weightDecay) {
        int bound = S.loopBound(len);
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector wv = FloatVector.fromArray(S, w, i);
            FloatVector d = wv.mul(weightDecay).add(FloatVector.fromArray(S, g, i));
            FloatVector vv = FloatVector.fromArray(S, v, i).mul(momentum).add(d.mul(lr));
            vv.intoArray(v, i);
            wv.sub(vv).intoArray(w, i);
        }
        UpdateScalarF32.sgd(w, g, v, i, len, lr, momentum, weightDecay);
    }

    static void adam(float[] w, float[] g, float[] m, float[] v, int len, float stepSize, double beta1,
                     double beta2, float eps) {
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float c1 = (float) (1.0 - beta1);
        float c2 = (float) (1.0 - beta2);
        int bound = S.loopBound(len);
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector gv = FloatVector.fromArray(S, g, i);
            FloatVector mv = FloatVector.fromArray(S, m, i).mul(b1).add(gv.mul(c1));
            FloatVector vv = FloatVector.fromArray(S, v, i).mul(b2).add(gv.mul(gv).mul(c2));
            mv.intoArray(m, i);
            vv.intoArray(v, i);
            FloatVector step = mv.mul(stepSize).div(vv.lanewise(VectorOperators.SQRT).add(eps));
            FloatVector.fromArray(S, w, i).sub(step).intoArray(w, i);
        }
        UpdateScalarF32.adam(w, g, m, v, i, len, stepSize, beta1, beta2, eps);
    }
}
