package io.github.jnn.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Row-wise softmax and log-softmax with {@code DoubleVector.SPECIES_PREFERRED}: vector max and sum
 * reductions per row (sums in a fixed lane order, {@link VectorMath#sumLanes}), {@link VectorMath#exp}
 * (deterministic, unlike {@code lanewise(EXP)}), scalar tails. Rows shorter than a vector use the scalar code.
 */
final class SoftmaxVector {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private SoftmaxVector() {
    }

    static void softmaxRows(double[] x, double[] out, int m, int n) {
        if (n < L) {
            SoftmaxScalar.softmaxRows(x, out, m, n);
            return;
        }
        int bound = S.loopBound(n);
        double[] lanes = new double[L]; // for the fixed-order lane sum, see VectorMath.sumLanes
        for (int i = 0; i < m; i++) {
            int o = i * n;
            double max = rowMax(x, o, n, bound);
            DoubleVector sumV = DoubleVector.zero(S);
            int j = 0;
            for (; j < bound; j += L) {
                DoubleVector e = VectorMath.exp(DoubleVector.fromArray(S, x, o + j).sub(max));
                e.intoArray(out, o + j);
                sumV = sumV.add(e);
            }
            sumV.intoArray(lanes, 0);
            double sum = VectorMath.sumLanes(lanes, 0);
            for (; j < n; j++) {
                double e = Math.exp(x[o + j] - max); //f32: float e = (float) Math.exp(x[o + j] - max);
                out[o + j] = e;
                sum += e;
            }
            double inv = 1.0 / sum;
            j = 0;
            for (; j < bound; j += L) {
                DoubleVector.fromArray(S, out, o + j).mul(inv).intoArray(out, o + j);
            }
            for (; j < n; j++) {
                out[o + j] *= inv;
            }
        }
    }

    static void logSoftmaxRows(double[] x, double[] out, int m, int n) {
        if (n < L) {
            SoftmaxScalar.logSoftmaxRows(x, out, m, n);
            return;
        }
        int bound = S.loopBound(n);
        double[] lanes = new double[L]; // for the fixed-order lane sum, see VectorMath.sumLanes
        for (int i = 0; i < m; i++) {
            int o = i * n;
            double max = rowMax(x, o, n, bound);
            DoubleVector sumV = DoubleVector.zero(S);
            int j = 0;
            for (; j < bound; j += L) {
                sumV = sumV.add(VectorMath.exp(DoubleVector.fromArray(S, x, o + j).sub(max)));
            }
            sumV.intoArray(lanes, 0);
            double sum = VectorMath.sumLanes(lanes, 0);
            for (; j < n; j++) {
                sum += Math.exp(x[o + j] - max);
            }
            // (x - max) - log(sum), not x - (max + log(sum)): x - max is exact near the max, and at |x| ~ 1000
            // adding log(sum) to max first would round away the low bits of every output (10 bits in float32)
            double logSum = Math.log(sum); //f32: float logSum = (float) Math.log(sum);
            j = 0;
            for (; j < bound; j += L) {
                DoubleVector.fromArray(S, x, o + j).sub(max).sub(logSum).intoArray(out, o + j);
            }
            for (; j < n; j++) {
                out[o + j] = (x[o + j] - max) - logSum;
            }
        }
    }

    static void softmaxBackwardRows(double[] y, double[] g, double[] gradIn, int m, int n) {
        if (n < L) {
            SoftmaxScalar.softmaxBackwardRows(y, g, gradIn, m, n);
            return;
        }
        int bound = S.loopBound(n);
        double[] lanes = new double[L]; // for the fixed-order lane sum, see VectorMath.sumLanes
        for (int i = 0; i < m; i++) {
            int o = i * n;
            DoubleVector dotV = DoubleVector.zero(S);
            int j = 0;
            for (; j < bound; j += L) {
                dotV = DoubleVector.fromArray(S, g, o + j).fma(DoubleVector.fromArray(S, y, o + j), dotV);
            }
            dotV.intoArray(lanes, 0);
            double dot = VectorMath.sumLanes(lanes, 0);
            for (; j < n; j++) {
                dot += g[o + j] * y[o + j];
            }
            j = 0;
            for (; j < bound; j += L) {
                DoubleVector.fromArray(S, g, o + j).sub(dot).mul(DoubleVector.fromArray(S, y, o + j))
                        .intoArray(gradIn, o + j);
            }
            for (; j < n; j++) {
                gradIn[o + j] = y[o + j] * (g[o + j] - dot);
            }
        }
    }

    static void logSoftmaxBackwardRows(double[] y, double[] g, double[] gradIn, int m, int n) {
        if (n < L) {
            SoftmaxScalar.logSoftmaxBackwardRows(y, g, gradIn, m, n);
            return;
        }
        int bound = S.loopBound(n);
        double[] lanes = new double[L]; // for the fixed-order lane sum, see VectorMath.sumLanes
        for (int i = 0; i < m; i++) {
            int o = i * n;
            DoubleVector sumV = DoubleVector.zero(S);
            int j = 0;
            for (; j < bound; j += L) {
                sumV = sumV.add(DoubleVector.fromArray(S, g, o + j));
            }
            sumV.intoArray(lanes, 0);
            double sum = VectorMath.sumLanes(lanes, 0);
            for (; j < n; j++) {
                sum += g[o + j];
            }
            j = 0;
            for (; j < bound; j += L) {
                DoubleVector e = VectorMath.exp(DoubleVector.fromArray(S, y, o + j));
                DoubleVector.fromArray(S, g, o + j).sub(e.mul(sum)).intoArray(gradIn, o + j);
            }
            for (; j < n; j++) {
                gradIn[o + j] = g[o + j] - Math.exp(y[o + j]) * sum; //f32: gradIn[o + j] = g[o + j] - (float) Math.exp(y[o + j]) * sum;
            }
        }
    }

    private static double rowMax(double[] x, int o, int n, int bound) {
        DoubleVector maxV = DoubleVector.broadcast(S, Double.NEGATIVE_INFINITY);
        int j = 0;
        for (; j < bound; j += L) {
            maxV = maxV.max(DoubleVector.fromArray(S, x, o + j));
        }
        double max = maxV.reduceLanes(VectorOperators.MAX);
        for (; j < n; j++) {
            max = Math.max(max, x[o + j]);
        }
        return max;
    }
}
