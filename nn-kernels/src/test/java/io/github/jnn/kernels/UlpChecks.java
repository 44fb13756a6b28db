package io.github.jnn.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;

import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Shared by the accuracy tests of {@link VectorMath}: apply a vector function to an array (whole vectors,
 * then the tail one lane at a time), sample inputs, and assert the worst error in ulp against a reference
 * (NaN and infinities must match exactly). The measured worst case is printed.
 */
final class UlpChecks {
    private UlpChecks() {
    }

    /** {@code out[i] = f(x[i])} with {@code DoubleVector.SPECIES_PREFERRED}. */
    static void map(double[] x, double[] out, UnaryOperator<DoubleVector> f) {
        int lanes = DoubleVector.SPECIES_PREFERRED.length();
        int i = 0;
        for (; i + lanes <= x.length; i += lanes) {
            f.apply(DoubleVector.fromArray(DoubleVector.SPECIES_PREFERRED, x, i)).intoArray(out, i);
        }
        for (; i < x.length; i++) {
            out[i] = f.apply(DoubleVector.broadcast(DoubleVector.SPECIES_PREFERRED, x[i])).lane(0);
        }
    }

    /** {@code out[i] = f(x[i])} with {@code FloatVector.SPECIES_PREFERRED}. */
    static void map(float[] x, float[] out, UnaryOperator<FloatVector> f) {
        int lanes = FloatVector.SPECIES_PREFERRED.length();
        int i = 0;
        for (; i + lanes <= x.length; i += lanes) {
            f.apply(FloatVector.fromArray(FloatVector.SPECIES_PREFERRED, x, i)).intoArray(out, i);
        }
        for (; i < x.length; i++) {
            out[i] = f.apply(FloatVector.broadcast(FloatVector.SPECIES_PREFERRED, x[i])).lane(0);
        }
    }

    static void assertWithin(String what, double[] x, double[] out, DoubleUnaryOperator ref, double max) {
        double worst = 0;
        double worstAt = Double.NaN;
        for (int i = 0; i < x.length; i++) {
            double expected = ref.applyAsDouble(x[i]);
            double err = ulpError(out[i], expected, Math.ulp(expected)); // ulp(0) is the smallest subnormal
            if (!(err <= worst)) {
                worst = err;
                worstAt = x[i];
            }
        }
        assertTrue(worst <= max, what + ": worst error " + worst + " ulp at x = " + worstAt);
        System.out.println(what + ": worst error " + worst + " ulp at x = " + worstAt);
    }

    /** float32: the reference is computed in double and rounded to float. */
    static void assertWithin(String what, float[] x, float[] out, DoubleUnaryOperator ref, double max) {
        double worst = 0;
        float worstAt = Float.NaN;
        for (int i = 0; i < x.length; i++) {
            float expected = (float) ref.applyAsDouble(x[i]);
            double err = ulpError(out[i], expected, Math.ulp(expected));
            if (!(err <= worst)) {
                worst = err;
                worstAt = x[i];
            }
        }
        assertTrue(worst <= max, what + ": worst error " + worst + " ulp at x = " + worstAt);
        System.out.println(what + ": worst error " + worst + " ulp at x = " + worstAt);
    }

    private static double ulpError(double got, double expected, double ulp) {
        if (Double.isNaN(expected) || Double.isInfinite(expected)) {
            return Double.compare(expected, got) == 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        return Math.abs(got - expected) / ulp;
    }

    static double[] uniform(Random rnd, int n, double lo, double hi) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = lo + (hi - lo) * rnd.nextDouble();
        }
        return x;
    }

    static double[] bits(Random rnd, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = Double.longBitsToDouble(rnd.nextLong());
        }
        return x;
    }

    static double[] concat(double[]... parts) {
        int n = 0;
        for (double[] p : parts) {
            n += p.length;
        }
        double[] all = new double[n];
        int at = 0;
        for (double[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}
