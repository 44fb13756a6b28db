package io.github.jnn.tests;

import io.github.jnn.kernels.Activation;
import io.github.jnn.kernels.Kernels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;

import static io.github.jnn.tests.Numerics.gaussian;
import static io.github.jnn.tests.Numerics.normRelError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The vector kernels against the scalar oracle on random data of many shapes: 1×1 up to a few hundred, odd
 * sizes, and sizes past the vector kernels' cache blocks (64 rows, 512 deep, 256 deep in backward). The
 * measure is norm-wise ({@link Numerics#normRelError}): the two sets add in different orders, so an element
 * that cancels to near zero can differ by more than 1e-12 of itself but never of the result's scale.
 */
class KernelAgreementTest {
    private static final double TOLERANCE = 1e-12;
    private static Kernels scalar;
    private static Kernels vector;

    /** (m, k, n) */
    private static final int[][] SHAPES = {
        {1, 1, 1}, {5, 4, 3}, {1, 8, 1}, {2, 9, 4}, {7, 15, 5}, {8, 16, 16}, {9, 17, 31}, {33, 64, 65},
        {64, 100, 10}, {65, 129, 7}, {130, 20, 70}, {3, 1030, 5}, {200, 300, 129}, {17, 600, 257}, {300, 31, 3},
    };

    @BeforeAll
    static void kernels() {
        scalar = Kernels.scalar();
        vector = KernelSets.all().filter(k -> k != scalar).findFirst().orElseThrow();
    }

    static Stream<Arguments> shapes() {
        return Stream.of(SHAPES).flatMap(s -> Stream.of(Activation.values())
                .flatMap(a -> Stream.of(true, false).map(bias -> Arguments.of(s[0], s[1], s[2], a, bias))));
    }

    @ParameterizedTest(name = "{0}x{1}x{2} {3} bias={4}")
    @MethodSource("shapes")
    void linearForward(int m, int k, int n, Activation act, boolean withBias) {
        Random rnd = new Random(m * 1_000_003L + k * 1009L + n);
        double[] x = gaussian(rnd, m * k);
        double[] w = gaussian(rnd, n * k);
        double[] b = withBias ? gaussian(rnd, n) : null;
        double[][] outs = new double[2][m * n];
        double[][] pres = new double[2][m * n];
        Kernels[] sets = {scalar, vector};
        for (int s = 0; s < 2; s++) {
            sets[s].linearForward(x, w, b, pres[s], outs[s], m, k, n, act);
        }
        assertAgree("pre", pres[1], pres[0]);
        assertAgree("out", outs[1], outs[0]);

        // Without a pre buffer the result must be the same as with one.
        double[] outOnly = new double[m * n];
        vector.linearForward(x, w, b, null, outOnly, m, k, n, act);
        assertAgree("out without pre", outOnly, outs[0]);
    }

    @ParameterizedTest(name = "{0}x{1}x{2}")
    @MethodSource("gemmShapes")
    void backwardProducts(int m, int k, int n) {
        Random rnd = new Random(m * 7919L + k * 31L + n);
        double[] g = gaussian(rnd, m * n);
        double[] w = gaussian(rnd, n * k);
        double[] x = gaussian(rnd, m * k);
        double[] start = gaussian(rnd, n * k);
        double[] startB = gaussian(rnd, n);

        double[] gxS = new double[m * k];
        double[] gxV = new double[m * k];
        Arrays.fill(gxV, Double.NaN); // overwritten, not accumulated
        scalar.linearGradInput(g, w, gxS, m, k, n);
        vector.linearGradInput(g, w, gxV, m, k, n);
        assertAgree("gradX", gxV, gxS);

        double[] gwS = start.clone();
        double[] gwV = start.clone();
        scalar.linearAccGradWeight(g, x, gwS, m, k, n);
        vector.linearAccGradWeight(g, x, gwV, m, k, n);
        assertAgree("gradW", gwV, gwS);

        double[] gbS = startB.clone();
        double[] gbV = startB.clone();
        scalar.accColumnSums(g, gbS, m, n);
        vector.accColumnSums(g, gbV, m, n);
        assertAgree("gradB", gbV, gbS);
    }

    static Stream<Arguments> gemmShapes() {
        return Stream.concat(Stream.of(SHAPES), Stream.of(new int[][] {{300, 40, 33}, {2, 70, 600}}))
                .map(s -> Arguments.of(s[0], s[1], s[2]));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 8, 9, 15, 16, 17, 100, 1023, 4096})
    void elementwise(int len) {
        Random rnd = new Random(len);
        double[] x = gaussian(rnd, len);
        for (int i = 0; i < len; i++) {
            x[i] *= 10;
        }
        double[] g = gaussian(rnd, len);
        double[] a = new double[len];
        double[] b = new double[len];

        scalar.sigmoid(x, a, len);
        vector.sigmoid(x, b, len);
        assertAgree("sigmoid", b, a);
        double[] y = a.clone();
        scalar.sigmoidBackward(y, g, a, len);
        vector.sigmoidBackward(y, g, b, len);
        assertAgree("sigmoidBackward", b, a);

        scalar.relu(x, a, len);
        vector.relu(x, b, len);
        assertAgree("relu", b, a);
        y = a.clone();
        scalar.reluBackward(y, g, a, len);
        vector.reluBackward(y, g, b, len);
        assertAgree("reluBackward", b, a);
    }

    @Test
    void extremeInputsStayFiniteAndNaNPropagates() {
        double[] x = {-1000, -710, -40, -0.0, 0.0, 40, 710, 1000, Double.NaN, Double.NEGATIVE_INFINITY,
            Double.POSITIVE_INFINITY, 1e-300, -1e-300, 5, -5, 0.5, 3};
        int len = x.length;
        for (Kernels k : new Kernels[] {scalar, vector}) {
            double[] s = new double[len];
            k.sigmoid(x, s, len);
            assertEquals(0.0, s[0], k + " sigmoid(-1000)");
            assertEquals(1.0, s[7], k + " sigmoid(1000)");
            assertEquals(0.5, s[4], k + " sigmoid(0)");
            assertTrue(Double.isNaN(s[8]), k + " sigmoid(NaN)");
            assertEquals(0.0, s[9], k + " sigmoid(-inf)");
            assertEquals(1.0, s[10], k + " sigmoid(+inf)");
            double[] r = new double[len];
            k.relu(x, r, len);
            assertEquals(0.0, r[0]);
            assertEquals(1000.0, r[7]);
            assertTrue(Double.isNaN(r[8]), k + " relu(NaN)");
        }
    }

    @Test
    void inPlaceElementwiseIsAllowed() {
        Random rnd = new Random(3);
        double[] x = gaussian(rnd, 37);
        double[] expected = new double[37];
        scalar.sigmoid(x, expected, 37);
        vector.sigmoid(x, x, 37);
        assertAgree("in-place sigmoid", x, expected);
    }

    private static void assertAgree(String what, double[] actual, double[] expected) {
        double err = normRelError(actual, expected);
        assertTrue(err <= TOLERANCE, what + ": vector vs scalar relative error " + err);
    }
}
