package io.github.jnn.kernels;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.function.DoubleUnaryOperator;

import static io.github.jnn.kernels.UlpChecks.assertWithin;
import static io.github.jnn.kernels.UlpChecks.bits;
import static io.github.jnn.kernels.UlpChecks.concat;
import static io.github.jnn.kernels.UlpChecks.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link VectorMath#expm1}, {@link VectorMath#tanh} and {@link VectorMath#softplus} (used by the vector ELU,
 * Tanh and SoftPlus kernels) against
 * {@code StrictMath} over their whole range, both dtypes: worst error in ulp, the saturation ends, NaN and
 * infinities. The measured worst cases are printed.
 */
class VectorExpm1TanhTest {
    private static final double MAX_ULP = 2.0;
    /** tanh and softplus compose a division with exp/expm1: 3 ulp measured in float64 (2 in float32). */
    private static final double MAX_ULP_COMPOSED = 3.0;

    @Test
    void expm1Float64() {
        Random rnd = new Random(21);
        double[] x = concat(uniform(rnd, 200_000, -80, 712), uniform(rnd, 100_000, -1, 1),
                uniform(rnd, 20_000, -1e-9, 1e-9), uniform(rnd, 20_000, 700, 709.78), bits(rnd, 50_000));
        double[] out = new double[x.length];
        UlpChecks.map(x, out, VectorMath::expm1);
        assertWithin("expm1 float64", x, out, StrictMath::expm1, MAX_ULP);
        double[] special = {Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0.0, -1000, 709.78,
            709.79, 710, 1e300, -1e300, Double.MIN_VALUE};
        double[] r = new double[special.length];
        UlpChecks.map(special, r, VectorMath::expm1);
        assertTrue(Double.isNaN(r[0]));
        assertEquals(-1.0, r[1]);
        assertEquals(Double.POSITIVE_INFINITY, r[2]);
        assertEquals(0.0, r[3]);
        assertEquals(-1.0, r[4]);
        assertTrue(Double.isFinite(r[5]) && r[5] > 1e308, "expm1(709.78) = " + r[5]);
        assertEquals(Double.POSITIVE_INFINITY, r[6]);
        assertEquals(-1.0, r[9]);
        assertEquals(Double.MIN_VALUE, r[10]);
    }

    @Test
    void tanhFloat64() {
        Random rnd = new Random(22);
        double[] x = concat(uniform(rnd, 200_000, -25, 25), uniform(rnd, 100_000, -1, 1),
                uniform(rnd, 20_000, -1e-9, 1e-9), bits(rnd, 50_000));
        double[] out = new double[x.length];
        ElementwiseVector.tanh(x, out, x.length);
        assertWithin("tanh float64", x, out, StrictMath::tanh, MAX_ULP_COMPOSED);
        double[] special = {Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0.0, -0.0, 1e300,
            -1e300, Double.MIN_VALUE, -Double.MIN_VALUE, 0, 0, 0, 0, 0, 0, 0};
        double[] r = new double[special.length];
        ElementwiseVector.tanh(special, r, special.length);
        assertTrue(Double.isNaN(r[0]));
        assertEquals(-1.0, r[1]);
        assertEquals(1.0, r[2]);
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(r[3]));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(r[4]));
        assertEquals(1.0, r[5]);
        assertEquals(-1.0, r[6]);
        assertEquals(Double.MIN_VALUE, r[7]);
        assertEquals(-Double.MIN_VALUE, r[8]);
    }

    @Test
    void expm1AndTanhFloat32() {
        int n = (89 + 40) * 1024 + 1;
        float[] x = new float[n + 100_000];
        for (int i = 0; i < n; i++) {
            x[i] = -40f + i / 1024f;
        }
        Random rnd = new Random(23);
        for (int i = n; i < x.length; i++) {
            x[i] = (float) ((rnd.nextBoolean() ? 1e-6 : 1) * (-2 + 4 * rnd.nextDouble()));
        }
        float[] out = new float[x.length];
        UlpChecks.map(x, out, VectorMathF32::expm1);
        assertWithin("expm1 float32", x, out, StrictMath::expm1, MAX_ULP);
        ElementwiseVectorF32.tanh(x, out, x.length);
        assertWithin("tanh float32", x, out, StrictMath::tanh, MAX_ULP_COMPOSED);
        float[] special = {Float.NaN, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, -0f, 100f, -100f, 0, 0,
            0, 0, 0, 0, 0, 0, 0, 0, 0};
        float[] r = new float[special.length];
        UlpChecks.map(special, r, VectorMathF32::expm1);
        assertTrue(Float.isNaN(r[0]));
        assertEquals(-1f, r[1]);
        assertEquals(Float.POSITIVE_INFINITY, r[2]);
        assertEquals(Float.POSITIVE_INFINITY, r[4]);
        assertEquals(-1f, r[5]);
        ElementwiseVectorF32.tanh(special, r, special.length);
        assertTrue(Float.isNaN(r[0]));
        assertEquals(-1f, r[1]);
        assertEquals(1f, r[2]);
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(r[3]));
        assertEquals(1f, r[4]);
        assertEquals(-1f, r[5]);
    }

    /** SoftPlus against {@code max(x, 0) + StrictMath.log1p(StrictMath.exp(-|x|))}, both dtypes. */
    @Test
    void softplusBothDtypes() {
        DoubleUnaryOperator ref = v -> Math.max(v, 0.0) + StrictMath.log1p(StrictMath.exp(-Math.abs(v)));
        Random rnd = new Random(24);
        double[] x = concat(uniform(rnd, 200_000, -50, 50), uniform(rnd, 100_000, -1, 1),
                uniform(rnd, 20_000, -800, 800), bits(rnd, 50_000));
        double[] out = new double[x.length];
        ElementwiseVector.softplus(x, out, x.length);
        assertWithin("softplus float64", x, out, ref, MAX_ULP_COMPOSED);
        float[] xf = new float[200_001];
        for (int i = 0; i < xf.length; i++) {
            xf[i] = -100f + i / 1000f;
        }
        float[] of = new float[xf.length];
        ElementwiseVectorF32.softplus(xf, of, xf.length);
        assertWithin("softplus float32", xf, of, ref, MAX_ULP_COMPOSED);
        double[] special = {Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0.0, 1e300, -1e300,
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        double[] r = new double[special.length];
        ElementwiseVector.softplus(special, r, special.length);
        assertTrue(Double.isNaN(r[0]));
        assertEquals(0.0, r[1]);
        assertEquals(Double.POSITIVE_INFINITY, r[2]);
        assertEquals(Math.log(2), r[3], Math.ulp(Math.log(2)));
        assertEquals(1e300, r[4]);
        assertEquals(0.0, r[5]);
    }
}
