package io.github.jnn.random;

import io.github.jnn.random.NumpyRandom;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every expected value below was printed by NumPy 2.4's legacy {@code np.random} with the same seed. */
class NumpyRandomTest {

    @Test
    void randomSampleAfterSeedZeroIsNumpys() {
        NumpyRandom rng = new NumpyRandom(0);
        assertEquals(0.5488135039273248, rng.randomSample());
        assertEquals(0.7151893663724195, rng.randomSample());
        assertEquals(0.6027633760716439, rng.randomSample());
    }

    @Test
    void randnAfterSeedZeroIsNumpys() {
        NumpyRandom rng = new NumpyRandom(0);
        assertEquals(1.764052345967664, rng.randn());
        assertEquals(0.4001572083672233, rng.randn());
        assertEquals(0.9787379841057392, rng.randn());
    }

    @Test
    void uniformUsesNumpysFormula() {
        NumpyRandom rng = new NumpyRandom(7);
        assertEquals(-2.3895336850083426, rng.uniform(-3, 5));
        assertEquals(3.239350337920917, rng.uniform(-3, 5));
        assertEquals(0.507273851527148, rng.uniform(-3, 5));
    }

    @Test
    void streamStaysInStepAcrossSeveralTwists() {
        // 2000 samples = 4000 draws: six regenerations of the 624-word state.
        NumpyRandom rng = new NumpyRandom(42);
        double[] a = new double[2000];
        for (int i = 0; i < a.length; i++) {
            a[i] = rng.randomSample();
        }
        assertEquals(0.4845229851910213, a[623]);
        assertEquals(0.618254771530296, a[624]);
        assertEquals(0.28218707469320015, a[1999]);
    }

    @Test
    void randnCachingMatchesNumpyOverALongRun() {
        double[] b = new NumpyRandom(42).randn(3001);
        assertEquals(0.7783610761666377, b[1500]);
        assertEquals(-1.907807557877391, b[3000]);
        double sum = 0;
        for (double v : b) {
            sum += v;
        }
        assertEquals(94.0947000696281, sum, 1e-9);
    }

    @Test
    void largestSeedAndReseedingResetTheCachedNormal() {
        NumpyRandom rng = new NumpyRandom(4294967295L);
        assertEquals(0.0976320289940138, rng.randomSample());
        assertEquals(0.0813036681172692, rng.randn());
        rng.seed(0);
        assertEquals(1.764052345967664, rng.randn(), "seed() must drop the cached second normal");
    }

    @Test
    void seedOutsideNumpysRangeIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new NumpyRandom(-1));
        assertEquals("NumpyRandom: seed must be between 0 and 2^32 - 1, got -1", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new NumpyRandom(1L << 32));
    }

    @Test
    void aNegativeCountIsRefused() {
        NumpyRandom rng = new NumpyRandom(0);
        assertEquals(0, rng.randn(0).length);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> rng.randn(-1));
        assertEquals("NumpyRandom.randn: count must not be negative, got -1", e.getMessage());
    }
}
