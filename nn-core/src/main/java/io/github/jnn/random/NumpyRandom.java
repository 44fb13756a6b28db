package io.github.jnn.random;

/**
 * A bit-compatible twin of NumPy's legacy generator ({@code np.random.seed}, {@code np.random.RandomState}):
 * MT19937 seeded with {@code init_genrand}, 53-bit doubles from two 32-bit draws, and Marsaglia's polar
 * method for {@code randn} with NumPy's caching of the second value. With the same seed it yields the same
 * doubles as NumPy, so the course notebook's numbers can be reproduced exactly.
 *
 * <p>Not thread-safe, like NumPy's global state; give each thread its own instance.
 */
public final class NumpyRandom implements RandomSource {
    private static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER_MASK = 0x80000000;
    private static final int LOWER_MASK = 0x7fffffff;

    private static final NumpyRandom GLOBAL = new NumpyRandom(System.nanoTime() & 0xffffffffL);

    private final int[] mt = new int[N];
    private int mti;
    private boolean hasGauss;
    private double gauss;

    /** A generator in the state {@code np.random.seed(seed)} leaves; {@code 0 <= seed < 2^32}. */
    public NumpyRandom(long seed) {
        seed(seed);
    }

    /**
     * The library-wide default source, used by modules built without an explicit one; like NumPy's global
     * state. Seed it ({@code NumpyRandom.global().seed(0)}) for reproducible runs; unseeded it starts from the
     * clock.
     */
    public static NumpyRandom global() {
        return GLOBAL;
    }

    /** Re-seeds exactly as {@code np.random.seed(seed)}, dropping any cached normal. */
    public NumpyRandom seed(long seed) {
        if (seed < 0 || seed > 0xffffffffL) {
            throw new IllegalArgumentException("NumpyRandom: seed must be between 0 and 2^32 - 1, got " + seed);
        }
        mt[0] = (int) seed;
        for (int i = 1; i < N; i++) {
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
        mti = N;
        hasGauss = false;
        gauss = 0.0;
        return this;
    }

    /** The next raw 32-bit output of MT19937 ({@code genrand_int32}), as an unsigned value in an int. */
    public int nextInt32() {
        if (mti >= N) {
            twist();
        }
        int y = mt[mti++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y;
    }

    private void twist() {
        int kk = 0;
        for (; kk < N - M; kk++) {
            int y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
            mt[kk] = mt[kk + M] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
        }
        for (; kk < N - 1; kk++) {
            int y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
            mt[kk] = mt[kk + (M - N)] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
        }
        int y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
        mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
        mti = 0;
    }

    /** {@code np.random.random_sample()}: {@code (a·2^26 + b) / 2^53} with a, b the top 27 and 26 bits. */
    @Override
    public double randomSample() {
        long a = (nextInt32() >>> 5) & 0xffffffffL;
        long b = (nextInt32() >>> 6) & 0xffffffffL;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /** {@code np.random.randn()}: the polar method returns {@code f·x2} and keeps {@code f·x1} for next time. */
    @Override
    public double randn() {
        if (hasGauss) {
            hasGauss = false;
            return gauss;
        }
        double x1;
        double x2;
        double r2;
        do {
            x1 = 2.0 * randomSample() - 1.0;
            x2 = 2.0 * randomSample() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        } while (r2 >= 1.0 || r2 == 0.0);
        // StrictMath: fdlibm's log and sqrt, the same correctly-rounded-in-practice results as the C library.
        double f = StrictMath.sqrt(-2.0 * StrictMath.log(r2) / r2);
        gauss = f * x1;
        hasGauss = true;
        return f * x2;
    }

    /** {@code np.random.randn(rows, cols)} as a row-major array, drawn in NumPy's order. */
    public double[] randn(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("NumpyRandom.randn: count must not be negative, got " + count);
        }
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = randn();
        }
        return out;
    }
}
