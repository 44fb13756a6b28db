package io.github.jnn.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code exp} for {@code DoubleVector}s in plain arithmetic, independent of how a JDK backs
 * {@code lanewise(EXP)}.
 *
 * <p>Method: {@code n = round(x·log2 e)}, {@code r = x - n·ln 2} in two parts (Cody–Waite, fdlibm's
 * constants), {@code exp(r)} by its Taylor series to degree 13 in Horner form (truncation below 1e-17 for
 * {@code |r| <= ln2/2}), then {@code ·2^n} built in the exponent bits, in two factors so that results in
 * the subnormal range come out right. Inputs are clamped to {@code [-746, 710]} first: below, the result is
 * 0; above, +Inf; NaN stays NaN. Measured at most 1 ulp from {@code StrictMath.exp} over the whole range
 * ({@code VectorExpTest}).
 *
 * <p><b>Not used by the kernels yet:</b> a sigmoid built on it ran at 1.27 ns/element against 0.91 for
 * {@code lanewise(EXP)}, on both JDK 17.0.15 and Temurin 25.0.3 on this project's AVX-512 machine (2^20
 * doubles, same harness), so the kernels keep {@code lanewise(EXP)}. It stays as the tested starting point
 * for a shorter (minimax) polynomial and for float32.
 */
final class VectorMath {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private static final double LOG2E = 1.4426950408889634;
    private static final double LN2_HI = 6.93147180369123816490e-01; // low 21 bits zero: n·LN2_HI exact
    private static final double LN2_LO = 1.90821492927058770002e-10;
    /** 1.5·2^52: adding it rounds to an integer and leaves that integer in the low mantissa bits. */
    private static final double SHIFTER = 6755399441055744.0;
    private static final long SHIFTER_BITS = Double.doubleToRawLongBits(SHIFTER);
    // 1/k! for the Taylor series of exp(r).
    private static final double C2 = 0.5;
    private static final double C3 = 0.16666666666666666;
    private static final double C4 = 0.041666666666666664;
    private static final double C5 = 0.008333333333333333;
    private static final double C6 = 0.001388888888888889;
    private static final double C7 = 0.0001984126984126984;
    private static final double C8 = 2.48015873015873e-05;
    private static final double C9 = 2.7557319223985893e-06;
    private static final double C10 = 2.755731922398589e-07;
    private static final double C11 = 2.505210838544172e-08;
    private static final double C12 = 2.08767569878681e-09;
    private static final double C13 = 1.6059043836821613e-10;

    private VectorMath() {
    }

    // exp is split in three methods, each below C2's FreqInlineSize (325 bytes of bytecode): a method over
    // it is not inlined into the caller's loop, and vectors passed across a call are boxed (~8x slower).

    static DoubleVector exp(DoubleVector x) {
        x = x.max(-746.0).min(710.0);
        DoubleVector t = x.fma(DoubleVector.broadcast(S, LOG2E), DoubleVector.broadcast(S, SHIFTER));
        DoubleVector nd = t.sub(SHIFTER);
        DoubleVector r = nd.fma(DoubleVector.broadcast(S, -LN2_HI), x);
        r = nd.fma(DoubleVector.broadcast(S, -LN2_LO), r);
        return timesPowerOfTwo(expReduced(r), t);
    }

    /** e^r for |r| <= ln2/2: Taylor to degree 13, Horner with FMAs. */
    private static DoubleVector expReduced(DoubleVector r) {
        DoubleVector p = DoubleVector.broadcast(S, C13).fma(r, DoubleVector.broadcast(S, C12));
        p = p.fma(r, DoubleVector.broadcast(S, C11));
        p = p.fma(r, DoubleVector.broadcast(S, C10));
        p = p.fma(r, DoubleVector.broadcast(S, C9));
        p = p.fma(r, DoubleVector.broadcast(S, C8));
        p = p.fma(r, DoubleVector.broadcast(S, C7));
        p = p.fma(r, DoubleVector.broadcast(S, C6));
        p = p.fma(r, DoubleVector.broadcast(S, C5));
        p = p.fma(r, DoubleVector.broadcast(S, C4));
        p = p.fma(r, DoubleVector.broadcast(S, C3));
        p = p.fma(r, DoubleVector.broadcast(S, C2));
        p = p.fma(r, DoubleVector.broadcast(S, 1.0));
        return p.fma(r, DoubleVector.broadcast(S, 1.0));
    }

    /** {@code p · 2^n}, n read from the low bits of {@code shifted = n + SHIFTER}, as two exact-range factors. */
    private static DoubleVector timesPowerOfTwo(DoubleVector p, DoubleVector shifted) {
        LongVector n = ((LongVector) shifted.reinterpretAsLongs()).sub(SHIFTER_BITS);
        LongVector n1 = n.lanewise(VectorOperators.ASHR, 1);
        LongVector n2 = n.sub(n1);
        DoubleVector s1 = (DoubleVector) n1.add(1023L).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
        DoubleVector s2 = (DoubleVector) n2.add(1023L).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
        return p.mul(s1).mul(s2);
    }

    /** {@code out[i] = exp(x[i])}: the array form, for tests and benchmarks. */
    static void exp(double[] x, double[] out, int len) {
        int bound = S.loopBound(len);
        int i = 0;
        for (; i < bound; i += L) {
            exp(DoubleVector.fromArray(S, x, i)).intoArray(out, i);
        }
        for (; i < len; i++) {
            out[i] = exp(DoubleVector.broadcast(S, x[i])).lane(0);
        }
    }
}
