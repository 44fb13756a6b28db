package io.github.jnn.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * float32 twin of {@link SoftmaxVector}: the same algorithm on float arrays and {@code FloatVector};
 * change the two together.
 *
 * <p>Row-wise softmax and log-softmax with {@code FloatVector.SPECIES_PREFERRED}: vector max and sum
 * reductions per row, {@link VectorMath#exp} (deterministic, unlike {@code lanewise(EXP)}), scalar
 * tails. Rows shorter than a vector use the scalar code.
 */
final class SoftmaxVectorF32 {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private SoftmaxVectorF32() {
    }

    static void softmaxRows(float[] x, float[] out, int m, int n) {
        if (n < L) {
            SoftmaxScalarF32.softmaxRows(x, out, m, n);
            return;
        }
        int bound = S.loopBound(n);
        for (int i = 0; i < m; i++) {
            int o = i * n;
            float max = rowMax(x, o, n, bound);
            FloatVector sumV = FloatVector.zero(S);
            int j = 0;
            for (; j < bound; j += L) {
                FloatVector e = VectorMath.exp(FloatVector.fromArray(S, x, o + j).sub(max));
                e.intoArray(out, o + j);
                sumV = sumV.add(e);
            }
            float sum = VectorMath.sum(sumV);
            for (; j < n; j++) {
                float e = (float) Math.exp(x[o + j] - max);
                out[o + j] = e;
                sum += e;
            }
            float inv = 1.0f / sum;
            j = 0;
            for (; j < bound; j += L) {
                FloatVector.fromArray(S, out, o + j).mul(inv).intoArray(out, o + j);
            }
            for (; j < n; j++) {
                out[o + j] *= inv;
            }
        }
    }

    static void logSoftmaxRows(float[] x, float[] out, int m, int n) {
        if (n < L) {
            SoftmaxScalarF32.logSoftmaxRows(x, out, m, n);
            return;
        }
        int bound = S.loopBound(n);
        for (int i = 0; i < m; i++) {
            int o = i * n;
            float max = rowMax(x, o, n, bound);
            FloatVector sumV = FloatVector.zero(S);
            int j = 0;
            for (; j < bound; j += L) {
                sumV = sumV.add(VectorMath.exp(FloatVector.fromArray(S, x, o + j).sub(max)));
            }
            float sum = VectorMath.sum(sumV);
            for (; j < n; j++) {
                sum += Math.exp(x[o + j] - max);
            }
            // (x - max) - log(sum), not x - (max + log(sum)): x - max is exact near the max, and at |x| ~ 1000
            // adding log(sum) to max first would round away the low bits of every output (10 bits in float32)
            float logSum = (float) Math.log(sum);
            j = 0;
            for (; j < bound; j += L) {
                FloatVector.fromArray(S, x, o + j).sub(max).sub(logSum).intoArray(out, o + j);
            }
            for (; j < n; j++) {
                out[o + j] = (x[o + j] - max) - logSum;
            }
        }
    }

    static void softmaxBackwardRows(float[] y, float[] g, float[] gradIn, int m, int n) {
        if (n < L) {
            SoftmaxScalarF32.softmaxBackwardRows(y, g, gradIn, m, n);
            return;
        }
        int bound = S.loopBound(n);
        for (int i = 0; i < m; i++) {
            int o = i * n;
            FloatVector dotV = FloatVector.zero(S);
            int j = 0;
            for (; j < bound; j += L) {
                dotV = FloatVector.fromArray(S, g, o + j).fma(FloatVector.fromArray(S, y, o + j), dotV);
            }
            float dot = VectorMath.sum(dotV);
            for (; j < n; j++) {
                dot += g[o + j] * y[o + j];
            }
            j = 0;
            for (; j < bound; j += L) {
                FloatVector.fromArray(S, g, o + j).sub(dot).mul(FloatVector.fromArray(S, y, o + j))
                        .intoArray(gradIn, o + j);
            }
            for (; j < n; j++) {
                gradIn[o + j] = y[o + j] * (g[o + j] - dot);
            }
        }
    }

    static void logSoftmaxBackwardRows(float[] y, float[] g, float[] gradIn, int m, int n) {
        if (n < L) {
            SoftmaxScalarF32.logSoftmaxBackwardRows(y, g, gradIn, m, n);
            return;
        }
        int bound = S.loopBound(n);
        for (int i = 0; i < m; i++) {
            int o = i * n;
            FloatVector sumV = FloatVector.zero(S);
            int j = 0;
            for (; j < bound; j += L) {
                sumV = sumV.add(FloatVector.fromArray(S, g, o + j));
            }
            float sum = VectorMath.sum(sumV);
            for (; j < n; j++) {
                sum += g[o + j];
            }
            j = 0;
            for (; j < bound; j += L) {
                FloatVector e = VectorMath.exp(FloatVector.fromArray(S, y, o + j));
                FloatVector.fromArray(S, g, o + j).sub(e.mul(sum)).intoArray(gradIn, o + j);
            }
            for (; j < n; j++) {
                gradIn[o + j] = g[o + j] - (float) Math.exp(y[o + j]) * sum;
            }
        }
    }

    private static float rowMax(float[] x, int o, int n, int bound) {
        FloatVector maxV = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        int j = 0;
        for (; j < bound; j += L) {
            maxV = maxV.max(FloatVector.fromArray(S, x, o + j));
        }
        float max = maxV.reduceLanes(VectorOperators.MAX);
        for (; j < n; j++) {
            max = Math.max(max, x[o + j]);
        }
        return max;
    }
}
