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

    static void sgd(double[] w, double[] g, double[] v, int from, int to, double lr, double momentum,
                    double weightDecay) {
        int bound = from + S.loopBound(to - from);
        int i = from;
        for (; i < bound; i += L) {
            DoubleVector wv = DoubleVector.fromArray(S, w, i);
            DoubleVector d = wv.mul(weightDecay).add(DoubleVector.fromArray(S, g, i));
            DoubleVector vv = DoubleVector.fromArray(S, v, i).mul(momentum).add(d.mul(lr));
            vv.intoArray(v, i);
            wv.sub(vv).intoArray(w, i);
        }
        UpdateScalar.sgd(w, g, v, i, to, lr, momentum, weightDecay);
    }

    /**
     * {@link UpdateScalar#sgdPyTorch} by vectors, each lane's operations as the scalar loop's (so the same
     * bits; the vector set ran the scalar loop before, 4 % of a float32 784-1024-10 training step).
     */
    static void sgdPyTorch(double[] w, double[] g, double[] v, int from, int to, double lr, double momentum,
                           double weightDecay, boolean nesterov) {
        int bound = from + S.loopBound(to - from);
        int i = from;
        for (; i < bound; i += L) {
            DoubleVector wv = DoubleVector.fromArray(S, w, i);
            DoubleVector d = DoubleVector.fromArray(S, g, i).add(wv.mul(weightDecay));
            DoubleVector b = DoubleVector.fromArray(S, v, i).mul(momentum).add(d);
            b.intoArray(v, i);
            wv.sub((nesterov ? d.add(b.mul(momentum)) : b).mul(lr)).intoArray(w, i);
        }
        UpdateScalar.sgdPyTorch(w, g, v, i, to, lr, momentum, weightDecay, nesterov);
    }

    static void adam(double[] w, double[] g, double[] m, double[] v, int from, int to, double stepSize, //f32: static void adam(float[] w, float[] g, float[] m, float[] v, int from, int to, float stepSize,
                     double beta1, double beta2, double eps) { //f32: double beta1, double beta2, float eps) {
        double b1 = beta1; //f32: float b1 = (float) beta1;
        double b2 = beta2; //f32: float b2 = (float) beta2;
        double c1 = 1.0 - beta1; //f32: float c1 = (float) (1.0 - beta1);
        double c2 = 1.0 - beta2; //f32: float c2 = (float) (1.0 - beta2);
        int bound = from + S.loopBound(to - from);
        int i = from;
        for (; i < bound; i += L) {
            DoubleVector gv = DoubleVector.fromArray(S, g, i);
            DoubleVector mv = DoubleVector.fromArray(S, m, i).mul(b1).add(gv.mul(c1));
            DoubleVector vv = DoubleVector.fromArray(S, v, i).mul(b2).add(gv.mul(gv).mul(c2));
            mv.intoArray(m, i);
            vv.intoArray(v, i);
            DoubleVector step = mv.mul(stepSize).div(vv.lanewise(VectorOperators.SQRT).add(eps));
            DoubleVector.fromArray(S, w, i).sub(step).intoArray(w, i);
        }
        UpdateScalar.adam(w, g, m, v, i, to, stepSize, beta1, beta2, eps);
    }
}
