package io.github.jnn.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link VectorMath#exp} against {@code StrictMath.exp} (fdlibm) over the whole double range: at most 2 ulp
 * everywhere, exact 0 and +Inf past the ends, NaN for NaN. The measured worst case is printed in the
 * assertion message of each range.
 */
class VectorExpTest {
    private static final double MAX_ULP = 2.0;

    @Test
    void wholeFiniteRange() {
        Random rnd = new Random(1);
        assertUlp("uniform on [-746, 710]", sample(rnd, 200_000, -746, 710));
    }

    @Test
    void aroundZero() {
        assertUlp("uniform on [-1, 1]", sample(new Random(2), 100_000, -1, 1));
        assertUlp("uniform on [-1e-6, 1e-6]", sample(new Random(3), 20_000, -1e-6, 1e-6));
    }

    @Test
    void subnormalAndOverflowEdges() {
        assertUlp("subnormal results [-745.2, -708]", sample(new Random(4), 100_000, -745.2, -708));
        assertUlp("near overflow [700, 709.78]", sample(new Random(5), 50_000, 700, 709.78));
    }

    @Test
    void randomBitPatternsIncludingNaNAndInfinities() {
        Random rnd = new Random(6);
        double[] x = new double[50_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = Double.longBitsToDouble(rnd.nextLong());
        }
        assertUlp("random bit patterns", x);
    }

    @Test
    void specialValues() {
        double[] x = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0,
            Double.MIN_VALUE, -Double.MIN_VALUE, 709.782712893384, 709.7827128933841, 709.79, 710, 1e300,
            -745.1332191019411, -745.1332191019412, -745.14, -746, -1e300, 1e-300, -1e-300, 1, -1, 2, 10, -10,
            0.5 * Math.log(2), -0.5 * Math.log(2), Math.log(2), 88.72, -87.33};
        assertUlp("special values", x);
        double[] out = new double[x.length];
        VectorMath.exp(x, out, x.length);
        assertTrue(Double.isNaN(out[0]));
        assertEquals(Double.POSITIVE_INFINITY, out[1]);
        assertEquals(0.0, out[2]);
        assertEquals(1.0, out[3]);
        assertEquals(1.0, out[4]);
    }

    /** float32: every float from -104 to 89 in steps of 2^-10 plus random floats, against (float) StrictMath.exp. */
    @Test
    void float32WholeRange() {
        int n = (89 + 104) * 1024 + 1;
        float[] x = new float[n + 100_000];
        for (int i = 0; i < n; i++) {
            x[i] = -104f + i / 1024f;
        }
        Random rnd = new Random(11);
        for (int i = n; i < x.length; i++) {
            x[i] = (float) (-110 + 210 * rnd.nextDouble());
        }
        float[] out = new float[x.length];
        VectorMath.exp(x, out, x.length);
        double worst = 0;
        float worstAt = Float.NaN;
        for (int i = 0; i < x.length; i++) {
            float expected = (float) StrictMath.exp(x[i]);
            double err = Float.isInfinite(expected) ? (out[i] == expected ? 0 : Double.POSITIVE_INFINITY)
                    : Math.abs(out[i] - expected) / Math.ulp(expected);
            if (!(err <= worst)) {
                worst = err;
                worstAt = x[i];
            }
        }
        assertTrue(worst <= 1.0, "float exp: worst error " + worst + " ulp at x = " + worstAt);
        System.out.println("VectorMath.exp float32: worst error " + worst + " ulp at x = " + worstAt);
        float[] special = {Float.NaN, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, -200f, 200f, 0f};
        float[] r = new float[special.length];
        VectorMath.exp(special, r, special.length);
        assertTrue(Float.isNaN(r[0]));
        assertEquals(0f, r[1]);
        assertEquals(Float.POSITIVE_INFINITY, r[2]);
        assertEquals(0f, r[3]);
        assertEquals(Float.POSITIVE_INFINITY, r[4]);
        assertEquals(1f, r[5]);
    }

    /**
     * The array sigmoid (exp written out in {@code VectorMath.sigmoid}) gives the same
     * bits as {@code 1/(1 + exp(-v))} on {@link VectorMath#exp}, element by element, both dtypes, over the
     * whole range including saturation, NaN and infinities.
     */
    @Test
    void arraySigmoidIsTheVectorFormula() {
        Random rnd = new Random(12);
        int n = 4 * ElementwiseVector.S.length() * 1000 + 5;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i % 97 == 0 ? Double.longBitsToDouble(rnd.nextLong())
                    : (-800 + 1600 * rnd.nextDouble()) / (1 + i % 50);
        }
        x[1] = Double.NaN;
        x[2] = Double.POSITIVE_INFINITY;
        x[3] = Double.NEGATIVE_INFINITY;
        double[] out = new double[n];
        ElementwiseVector.sigmoid(x, out, n);
        float[] xf = new float[n];
        for (int i = 0; i < n; i++) {
            xf[i] = (float) x[i];
        }
        float[] outf = new float[n];
        ElementwiseVectorF32.sigmoid(xf, outf, n);
        int lanes = ElementwiseVector.S.length();
        for (int i = 0; i + lanes <= n; i += lanes) {
            double[] want = new double[lanes];
            ElementwiseVector.sigmoid(DoubleVector.fromArray(ElementwiseVector.S, x, i))
                    .intoArray(want, 0);
            for (int l = 0; l < lanes; l++) {
                assertEquals(Double.doubleToRawLongBits(want[l]), Double.doubleToRawLongBits(out[i + l]),
                        "float64 x = " + x[i + l]);
            }
        }
        int lanesF = ElementwiseVectorF32.S.length();
        for (int i = 0; i + lanesF <= n; i += lanesF) {
            float[] want = new float[lanesF];
            ElementwiseVectorF32.sigmoid(FloatVector.fromArray(ElementwiseVectorF32.S, xf, i))
                    .intoArray(want, 0);
            for (int l = 0; l < lanesF; l++) {
                assertEquals(Float.floatToRawIntBits(want[l]), Float.floatToRawIntBits(outf[i + l]),
                        "float32 x = " + xf[i + l]);
            }
        }
    }

    private static double[] sample(Random rnd, int n, double lo, double hi) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = lo + (hi - lo) * rnd.nextDouble();
        }
        return x;
    }

    private static void assertUlp(String what, double[] x) {
        double[] out = new double[x.length];
        VectorMath.exp(x, out, x.length);
        double worst = 0;
        double worstAt = Double.NaN;
        for (int i = 0; i < x.length; i++) {
            double expected = StrictMath.exp(x[i]);
            double err;
            if (Double.isNaN(expected) || Double.isInfinite(expected)) {
                err = Double.compare(expected, out[i]) == 0 || (Double.isNaN(expected) && Double.isNaN(out[i]))
                        ? 0 : Double.POSITIVE_INFINITY;
            } else {
                err = Math.abs(out[i] - expected) / Math.ulp(expected); // ulp(0) is the smallest subnormal
            }
            if (!(err <= worst)) {
                worst = err;
                worstAt = x[i];
            }
        }
        assertTrue(worst <= MAX_ULP, what + ": worst error " + worst + " ulp at x = " + worstAt);
        System.out.println("VectorMath.exp, " + what + ": worst error " + worst + " ulp at x = " + worstAt);
    }
}
