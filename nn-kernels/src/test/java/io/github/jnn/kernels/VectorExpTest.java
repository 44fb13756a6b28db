package io.github.jnn.kernels;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static io.github.jnn.kernels.UlpChecks.assertWithin;
import static io.github.jnn.kernels.UlpChecks.bits;
import static io.github.jnn.kernels.UlpChecks.uniform;
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
        assertUlp("uniform on [-746, 710]", uniform(rnd, 200_000, -746, 710));
    }

    @Test
    void aroundZero() {
        assertUlp("uniform on [-1, 1]", uniform(new Random(2), 100_000, -1, 1));
        assertUlp("uniform on [-1e-6, 1e-6]", uniform(new Random(3), 20_000, -1e-6, 1e-6));
    }

    @Test
    void subnormalAndOverflowEdges() {
        assertUlp("subnormal results [-745.2, -708]", uniform(new Random(4), 100_000, -745.2, -708));
        assertUlp("near overflow [700, 709.78]", uniform(new Random(5), 50_000, 700, 709.78));
    }

    @Test
    void randomBitPatternsIncludingNaNAndInfinities() {
        Random rnd = new Random(6);
        assertUlp("random bit patterns", bits(rnd, 50_000));
    }

    @Test
    void specialValues() {
        double[] x = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0,
            Double.MIN_VALUE, -Double.MIN_VALUE, 709.782712893384, 709.7827128933841, 709.79, 710, 1e300,
            -745.1332191019411, -745.1332191019412, -745.14, -746, -1e300, 1e-300, -1e-300, 1, -1, 2, 10, -10,
            0.5 * Math.log(2), -0.5 * Math.log(2), Math.log(2), 88.72, -87.33};
        assertUlp("special values", x);
        double[] out = new double[x.length];
        UlpChecks.map(x, out, VectorMath::exp);
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
        UlpChecks.map(x, out, VectorMathF32::exp);
        assertWithin("VectorMath.exp float32", x, out, StrictMath::exp, 1.0);
        float[] special = {Float.NaN, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, -200f, 200f, 0f};
        float[] r = new float[special.length];
        UlpChecks.map(special, r, VectorMathF32::exp);
        assertTrue(Float.isNaN(r[0]));
        assertEquals(0f, r[1]);
        assertEquals(Float.POSITIVE_INFINITY, r[2]);
        assertEquals(0f, r[3]);
        assertEquals(Float.POSITIVE_INFINITY, r[4]);
        assertEquals(1f, r[5]);
    }

    /**
     * The array sigmoid (exp written out in {@code VectorMath.sigmoid}) and the epilogues' in-place form
     * ({@code VectorMath.expOfNegated}, then the division) give the same bits as {@code 1/(1 + exp(-v))} on
     * {@link VectorMath#exp}, element by element, both dtypes, over the whole range including saturation,
     * NaN and infinities.
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
        // The fused epilogues' two-loop in-place form: the same bits as the one-loop form, tails included.
        double[] inPlace = x.clone();
        ElementwiseVector.sigmoidInPlace(inPlace, 0, n);
        float[] inPlaceF = xf.clone();
        ElementwiseVectorF32.sigmoidInPlace(inPlaceF, 0, n);
        for (int i = 0; i < n; i++) {
            assertEquals(Double.doubleToRawLongBits(out[i]), Double.doubleToRawLongBits(inPlace[i]),
                    "float64 in place, x = " + x[i]);
            assertEquals(Float.floatToRawIntBits(outf[i]), Float.floatToRawIntBits(inPlaceF[i]),
                    "float32 in place, x = " + xf[i]);
        }
        // The vector formula on every whole vector (map's one-lane tail is not compared: the kernels' tails
        // are scalar).
        double[] want = new double[n];
        UlpChecks.map(x, want, ElementwiseVector::sigmoid);
        for (int i = 0; i < n - n % ElementwiseVector.S.length(); i++) {
            assertEquals(Double.doubleToRawLongBits(want[i]), Double.doubleToRawLongBits(out[i]),
                    "float64 x = " + x[i]);
        }
        float[] wantF = new float[n];
        UlpChecks.map(xf, wantF, ElementwiseVectorF32::sigmoid);
        for (int i = 0; i < n - n % ElementwiseVectorF32.S.length(); i++) {
            assertEquals(Float.floatToRawIntBits(wantF[i]), Float.floatToRawIntBits(outf[i]),
                    "float32 x = " + xf[i]);
        }
    }

    private static void assertUlp(String what, double[] x) {
        double[] out = new double[x.length];
        UlpChecks.map(x, out, VectorMath::exp);
        assertWithin("VectorMath.exp, " + what, x, out, StrictMath::exp, MAX_ULP);
    }
}
