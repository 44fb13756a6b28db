package io.github.jnn.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Row-wise softmax and log-softmax with {@code DoubleVector.SPECIES_PREFERRED}: vector max and sum
 * reductions per row (sums in a fixed lane order, {@link VectorMath#sumLanes}), {@link VectorMath#exp}
 * (deterministic, unlike {@code lanewise(EXP)}), scalar tails. Rows shorter than a vector (ten classes) take
 * their exponentials a chunk of rows at a time ({@link #narrowRows}); the softmax backward pass, which has none,
 * uses the scalar code for them.
 */
final class SoftmaxVector {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Values per chunk of {@link #narrowRows} (whole vectors; 4 KB in either dtype, so the chunk stays in L1). */
    private static final int NARROW_CHUNK = 64 * L;
    private static final ThreadLocal<double[]> EXPS = ThreadLocal.withInitial(() -> new double[NARROW_CHUNK]);
    /** Per thread: a row's lane sums for {@link VectorMath#sumLanes}'s fixed order (kept: no garbage per call). */
    private static final ThreadLocal<double[]> LANES = ThreadLocal.withInitial(() -> new double[L]);

    private SoftmaxVector() {
    }

    static void softmaxRows(double[] x, double[] out, int m, int n) {
        if (n < L) {
            narrowRows(x, out, m, n, false);
            return;
        }
        int bound = S.loopBound(n);
        double[] lanes = LANES.get();
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
            narrowRows(x, out, m, n, true);
            return;
        }
        int bound = S.loopBound(n);
        double[] lanes = LANES.get();
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
        double[] lanes = LANES.get();
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
            narrowLogSoftmaxBackwardRows(y, g, gradIn, m, n);
            return;
        }
        int bound = S.loopBound(n);
        double[] lanes = LANES.get();
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

    /**
     * Softmax or log-softmax of rows shorter than a vector, where one {@code Math.exp} per value took 6-7 ns
     * (float32 256×10: 26 µs, now 8): per chunk of whole rows, each row's {@code x - max} goes to a scratch
     * array, the chunk's exponentials are taken in whole vectors (zeros pad the last one), and the sums and
     * outputs follow row by row as in {@link SoftmaxScalar}. Every value gets
     * {@link VectorMath#exp} whatever the chunking, and each row sums in order, so the bits depend on the
     * values alone. The log-softmax keeps {@code x - max} in out meanwhile; {@code x == out} is allowed, as a
     * row's max is taken before its values are written.
     */
    private static void narrowRows(double[] x, double[] out, int m, int n, boolean log) {
        if (n == 0) {
            return;
        }
        double[] e = EXPS.get();
        int chunkRows = NARROW_CHUNK / n;
        for (int i0 = 0; i0 < m; i0 += chunkRows) {
            int rows = Math.min(chunkRows, m - i0);
            int count = rows * n;
            for (int i = 0; i < rows; i++) {
                int o = (i0 + i) * n;
                double max = SoftmaxScalar.rowMax(x, o, n);
                for (int j = 0; j < n; j++) {
                    double t = x[o + j] - max;
                    e[i * n + j] = t;
                    if (log) {
                        out[o + j] = t;
                    }
                }
            }
            // the chunk's exponentials in whole vectors, zeros padding the last; written out in both methods, not
            // a helper: in some JVMs C2 left such a helper to C1's code, whose Vector API calls run as their Java
            // fallbacks (30 KB of garbage per float32 784-256-10 step, docs/performance.md)
            int padded = (count + L - 1) / L * L;
            java.util.Arrays.fill(e, count, padded, 0.0);
            for (int k = 0; k < padded; k += L) {
                VectorMath.exp(DoubleVector.fromArray(S, e, k)).intoArray(e, k);
            }
            for (int i = 0; i < rows; i++) {
                int o = (i0 + i) * n;
                int p = i * n;
                double sum = 0.0;
                for (int j = 0; j < n; j++) {
                    sum += e[p + j];
                }
                if (log) {
                    double logSum = Math.log(sum); //f32: float logSum = (float) Math.log(sum);
                    for (int j = 0; j < n; j++) {
                        out[o + j] -= logSum;
                    }
                } else {
                    double inv = 1.0 / sum;
                    for (int j = 0; j < n; j++) {
                        out[o + j] = e[p + j] * inv;
                    }
                }
            }
        }
    }

    /** {@link #narrowRows}'s way for the log-softmax backward pass: {@code g - exp(y)·sum(g)} per row. */
    private static void narrowLogSoftmaxBackwardRows(double[] y, double[] g, double[] gradIn, int m, int n) {
        if (n == 0) {
            return;
        }
        double[] e = EXPS.get();
        int chunkRows = NARROW_CHUNK / n;
        for (int i0 = 0; i0 < m; i0 += chunkRows) {
            int o0 = i0 * n;
            int count = Math.min(chunkRows, m - i0) * n;
            System.arraycopy(y, o0, e, 0, count);
            int padded = (count + L - 1) / L * L; // as in narrowRows
            java.util.Arrays.fill(e, count, padded, 0.0);
            for (int k = 0; k < padded; k += L) {
                VectorMath.exp(DoubleVector.fromArray(S, e, k)).intoArray(e, k);
            }
            for (int p = 0; p < count; p += n) {
                double sum = 0.0;
                for (int j = 0; j < n; j++) {
                    sum += g[o0 + p + j];
                }
                for (int j = 0; j < n; j++) {
                    gradIn[o0 + p + j] = g[o0 + p + j] - e[p + j] * sum;
                }
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
