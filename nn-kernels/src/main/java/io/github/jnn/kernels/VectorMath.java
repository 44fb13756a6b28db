package io.github.jnn.kernels;

//#rename LongVector=IntVector Long=Integer long=int floatToRawLongBits=floatToRawIntBits

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
 * <p>The build generates the float version, {@code VectorMathF32}, from this file (docs/float32.md): the same
 * method with float constants ({@code 1.5·2^23} shifter, Cephes' two-part ln 2, Taylor to degree 7, clamp to
 * {@code [-104, 89]}), measured at most 1 ulp from {@code (float) StrictMath.exp}.
 *
 * <p><b>Why the kernels use these and not {@code lanewise(EXP)}:</b> {@code lanewise(EXP)} gives different
 * bits depending on JIT state. Interpreted it computes {@code Math.exp} per lane, compiled by C2 it calls
 * the SVML stub: on 65,536 random inputs 3,017 double lanes (742 float lanes) differed between the two, so a
 * kernel's result changed once its loop got compiled, and the float32 thread-determinism test failed about
 * one run in two. The sigmoid and softmax kernels call these instead, which are plain IEEE arithmetic: the
 * same bits interpreted, compiled, on any thread count and on any JDK. The price (double sigmoid, 2^20
 * elements, JDK 17.0.15 and Temurin 25.0.3 alike): 1.27 ns/element against 0.91 with {@code lanewise(EXP)}.
 */
final class VectorMath {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private static final double LOG2E = 1.4426950408889634; //f32: private static final float LOG2E = 1.44269504f;
    // low 21 bits zero: n·LN2_HI exact (float: 355/512, n·LN2_HI exact for |n| < 2^15)
    private static final double LN2_HI = 6.93147180369123816490e-01; //f32: private static final float LN2_HI = 0.693359375f;
    private static final double LN2_LO = 1.90821492927058770002e-10; //f32: private static final float LN2_LO = -2.12194440e-4f;
    /** 1.5·2^52 (float: 1.5·2^23): adding it rounds to an integer and leaves it in the low mantissa bits. */
    private static final double SHIFTER = 6755399441055744.0; //f32: private static final float SHIFTER = 12582912f;
    private static final long SHIFTER_BITS = Double.doubleToRawLongBits(SHIFTER);
    /** The exponent's bias and the mantissa's width: {@code (n + bias) << width} is the bits of 2^n. */
    private static final long EXP_BIAS = 1023L; //f32: private static final int EXP_BIAS = 127;
    private static final int MANTISSA_BITS = 52; //f32: private static final int MANTISSA_BITS = 23;
    /** exp's clamp: below, the result is 0; above, +Inf. */
    private static final double EXP_MIN = -746.0; //f32: private static final float EXP_MIN = -104f;
    private static final double EXP_MAX = 710.0; //f32: private static final float EXP_MAX = 89f;
    /** expm1's clamp (-1 below), its FMA form's limit, and tanh's cap (1.0 from 19.1 on; float: 9.01). */
    private static final double EXPM1_MIN = -60.0; //f32: private static final float EXPM1_MIN = -30f;
    private static final double EXPM1_FMA_BELOW = 54.0; //f32: private static final float EXPM1_FMA_BELOW = 25f;
    private static final double TANH_CAP = 40.0; //f32: private static final float TANH_CAP = 20f;
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

    /**
     * Bit views go through these constants ({@code reinterpretShape(LS, 0)}), not
     * {@code reinterpretAsLongs()}: the latter looks its species up at run time, and JDK 17's C2 sometimes
     * failed to fold that lookup ("missing constant: vclass" in -XX:+PrintIntrinsics); the conversion then
     * ran unintrinsified and every vector after it was boxed (37 MB allocated per 256×1024 sigmoid).
     * {@link #timesPowerOfTwo}'s way back to doubles is the exception: there {@code reinterpretShape(S, 0)}
     * was compiled unintrinsified in every JDK 17 JVM tried ("missing constant: vclass_to"; the float64
     * softmax and log-softmax allocated 370 bytes per row through a ByteBuffer and took 1.3-1.6× as long),
     * and {@code viewAsFloatingLanes()} is intrinsified there.
     */
    private static final VectorSpecies<Long> LS = VectorSpecies.of(long.class, S.vectorShape());

    private VectorMath() {
    }

    /**
     * The sum of one double vector's lanes, stored at {@code a[off .. off + LANES)}, in a fixed halving
     * tree ({@code a[i] += a[i + h]} for h = LANES/2 .. 1); may overwrite the lanes. Callers store the vector with {@code intoArray} into a per-call scratch array first. Why not
     * {@code reduceLanes(ADD)}: its order is unspecified and differs by JIT state, measured on 100,000
     * random 8-lane vectors: interpreted code adds lanes in sequence on JDK 17 and 25; C2 on JDK 17 does
     * too, but C2 on JDK 25 uses a halving tree (all 50,048 sums whose bits depend on order differed), so a
     * float64 dot product changed bits once its loop was compiled. A scalar method takes no vector argument,
     * so nothing is boxed if C2 declines to inline it (a vector argument instead, or a rearrange tree, ran
     * 5-12x slower on JDK 17 in the dot-product tile: not inlined, vectors boxed).
     */
    static double sumLanes(double[] a, int off) {
        // Written out for the usual lane counts (L is a constant to C2, the other branches fold away): the
        // loop below costs a call and its loop overhead per sum, +40 % on a 64×784×256 forward.
        if (L == 16) {
            return (((a[off] + a[off + 8]) + (a[off + 4] + a[off + 12]))
                    + ((a[off + 2] + a[off + 10]) + (a[off + 6] + a[off + 14])))
                    + (((a[off + 1] + a[off + 9]) + (a[off + 5] + a[off + 13]))
                    + ((a[off + 3] + a[off + 11]) + (a[off + 7] + a[off + 15])));
        }
        if (L == 8) {
            return ((a[off] + a[off + 4]) + (a[off + 2] + a[off + 6]))
                    + ((a[off + 1] + a[off + 5]) + (a[off + 3] + a[off + 7]));
        }
        if (L == 4) {
            return (a[off] + a[off + 2]) + (a[off + 1] + a[off + 3]);
        }
        for (int h = L / 2; h >= 1; h /= 2) {
            for (int i = off; i < off + h; i++) {
                a[i] += a[i + h];
            }
        }
        return a[off];
    }

    // exp is split in three methods, each below C2's FreqInlineSize (325 bytes of bytecode): a method over
    // it is not inlined into the caller's loop, and vectors passed across a call are boxed (~8x slower).

    static DoubleVector exp(DoubleVector x) {
        x = x.max(EXP_MIN).min(EXP_MAX);
        DoubleVector t = x.fma(DoubleVector.broadcast(S, LOG2E), DoubleVector.broadcast(S, SHIFTER));
        DoubleVector nd = t.sub(SHIFTER);
        DoubleVector r = nd.fma(DoubleVector.broadcast(S, -LN2_HI), x);
        r = nd.fma(DoubleVector.broadcast(S, -LN2_LO), r);
        return timesPowerOfTwo(expReduced(r), t);
    }

    /** e^r for |r| <= ln2/2: Taylor to degree 13 (float: 7, truncation below 6e-9), Horner with FMAs. */
    private static DoubleVector expReduced(DoubleVector r) {
//#if[f64]
        DoubleVector p = DoubleVector.broadcast(S, C13).fma(r, DoubleVector.broadcast(S, C12));
        p = p.fma(r, DoubleVector.broadcast(S, C11));
        p = p.fma(r, DoubleVector.broadcast(S, C10));
        p = p.fma(r, DoubleVector.broadcast(S, C9));
        p = p.fma(r, DoubleVector.broadcast(S, C8));
        p = p.fma(r, DoubleVector.broadcast(S, C7));
        p = p.fma(r, DoubleVector.broadcast(S, C6));
//#else[f32]
//      FloatVector p = FloatVector.broadcast(S, C7).fma(r, FloatVector.broadcast(S, C6));
//#end
        p = p.fma(r, DoubleVector.broadcast(S, C5));
        p = p.fma(r, DoubleVector.broadcast(S, C4));
        p = p.fma(r, DoubleVector.broadcast(S, C3));
        p = p.fma(r, DoubleVector.broadcast(S, C2));
        p = p.fma(r, DoubleVector.broadcast(S, 1.0));
        return p.fma(r, DoubleVector.broadcast(S, 1.0));
    }

    /** {@code p · 2^n}, n read from the low bits of {@code shifted = n + SHIFTER}, as two exact-range factors. */
    private static DoubleVector timesPowerOfTwo(DoubleVector p, DoubleVector shifted) {
        LongVector n = ((LongVector) shifted.reinterpretShape(LS, 0)).sub(SHIFTER_BITS);
        LongVector n1 = n.lanewise(VectorOperators.ASHR, 1);
        LongVector n2 = n.sub(n1);
        DoubleVector s1 = n1.add(EXP_BIAS).lanewise(VectorOperators.LSHL, MANTISSA_BITS).viewAsFloatingLanes();
        DoubleVector s2 = n2.add(EXP_BIAS).lanewise(VectorOperators.LSHL, MANTISSA_BITS).viewAsFloatingLanes();
        return p.mul(s1).mul(s2);
    }

    // ---------------------------------------------------------------------------------------------
    // Sigmoid over an array range, with exp written out in the loop. Why not a loop over
    // 1/(1 + exp(v.neg())): that loop is small, so C2 inlines it into whatever calls it (a GEMM block, a
    // JMH stub, a module's forward), and there the exp call chain can exceed the inlining budget; a vector
    // passed to or returned from a call that is not inlined is boxed (measured on JDK 17: 3-8 MB allocated
    // per 256×1024 sigmoid, +10-20 % time). This method is over C2's inline size, so it is compiled on its
    // own, with every vector operation inside it. Callers enter it in chunks (see ElementwiseVector.CHUNK) so
    // that it gets a normal compile, not just an OSR one. One vector per step: a two-vector body allocated
    // more on JDK 17 (11 vs 3 MB per fused forward): the larger the loop, the more of its Vector API calls
    // JDK 17's C2 inlines late, and a late result reaches intoArray boxed (see
    // ElementwiseVector.sigmoidInPlace, which splits the work in two loops for the GEMM epilogues). The
    // arithmetic is exactly ElementwiseVector.sigmoid(DoubleVector), so results are the same bits
    // (VectorExpTest).
    // ---------------------------------------------------------------------------------------------

    /** {@code out[i] = 1/(1 + exp(-x[i]))} for whole vectors from {@code from}; returns where it stopped. */
    static int sigmoid(double[] x, double[] out, int from, int to) {
        int i = from;
        for (; i + L <= to; i += L) {
            DoubleVector v = DoubleVector.fromArray(S, x, i).neg().max(EXP_MIN).min(EXP_MAX);
            DoubleVector t = v.fma(DoubleVector.broadcast(S, LOG2E), DoubleVector.broadcast(S, SHIFTER));
            DoubleVector nd = t.sub(SHIFTER);
            DoubleVector r = nd.fma(DoubleVector.broadcast(S, -LN2_HI), v);
            r = nd.fma(DoubleVector.broadcast(S, -LN2_LO), r);
//#if[f64]
            DoubleVector p = DoubleVector.broadcast(S, C13).fma(r, DoubleVector.broadcast(S, C12));
            p = p.fma(r, DoubleVector.broadcast(S, C11));
            p = p.fma(r, DoubleVector.broadcast(S, C10));
            p = p.fma(r, DoubleVector.broadcast(S, C9));
            p = p.fma(r, DoubleVector.broadcast(S, C8));
            p = p.fma(r, DoubleVector.broadcast(S, C7));
            p = p.fma(r, DoubleVector.broadcast(S, C6));
//#else[f32]
//          FloatVector p = FloatVector.broadcast(S, C7).fma(r, FloatVector.broadcast(S, C6));
//#end
            p = p.fma(r, DoubleVector.broadcast(S, C5));
            p = p.fma(r, DoubleVector.broadcast(S, C4));
            p = p.fma(r, DoubleVector.broadcast(S, C3));
            p = p.fma(r, DoubleVector.broadcast(S, C2));
            p = p.fma(r, DoubleVector.broadcast(S, 1.0)).fma(r, DoubleVector.broadcast(S, 1.0));
            LongVector n = ((LongVector) t.reinterpretShape(LS, 0)).sub(SHIFTER_BITS);
            LongVector n1 = n.lanewise(VectorOperators.ASHR, 1);
            LongVector n2 = n.sub(n1);
            DoubleVector s1 = (DoubleVector) n1.add(EXP_BIAS).lanewise(VectorOperators.LSHL, MANTISSA_BITS).reinterpretShape(S, 0);
            DoubleVector s2 = (DoubleVector) n2.add(EXP_BIAS).lanewise(VectorOperators.LSHL, MANTISSA_BITS).reinterpretShape(S, 0);
            DoubleVector e = p.mul(s1).mul(s2);
            DoubleVector.broadcast(S, 1.0).div(e.add(1.0)).intoArray(out, i);
        }
        return i;
    }

    /**
     * {@code out[i] = exp(-x[i])} for whole vectors from {@code from} ({@code x == out} allowed), the first
     * half of {@link #sigmoid(double[], double[], int, int)}'s arithmetic, bit for bit; returns where it
     * stopped. The fused Linear epilogues finish with {@code 1/(1 + e)} in a second loop (see
     * {@code ElementwiseVector.sigmoidInPlace} for why).
     */
    static int expOfNegated(double[] x, double[] out, int from, int to) {
        int i = from;
        for (; i + L <= to; i += L) {
            DoubleVector v = DoubleVector.fromArray(S, x, i).neg().max(EXP_MIN).min(EXP_MAX);
            DoubleVector t = v.fma(DoubleVector.broadcast(S, LOG2E), DoubleVector.broadcast(S, SHIFTER));
            DoubleVector nd = t.sub(SHIFTER);
            DoubleVector r = nd.fma(DoubleVector.broadcast(S, -LN2_HI), v);
            r = nd.fma(DoubleVector.broadcast(S, -LN2_LO), r);
//#if[f64]
            DoubleVector p = DoubleVector.broadcast(S, C13).fma(r, DoubleVector.broadcast(S, C12));
            p = p.fma(r, DoubleVector.broadcast(S, C11));
            p = p.fma(r, DoubleVector.broadcast(S, C10));
            p = p.fma(r, DoubleVector.broadcast(S, C9));
            p = p.fma(r, DoubleVector.broadcast(S, C8));
            p = p.fma(r, DoubleVector.broadcast(S, C7));
            p = p.fma(r, DoubleVector.broadcast(S, C6));
//#else[f32]
//          FloatVector p = FloatVector.broadcast(S, C7).fma(r, FloatVector.broadcast(S, C6));
//#end
            p = p.fma(r, DoubleVector.broadcast(S, C5));
            p = p.fma(r, DoubleVector.broadcast(S, C4));
            p = p.fma(r, DoubleVector.broadcast(S, C3));
            p = p.fma(r, DoubleVector.broadcast(S, C2));
            p = p.fma(r, DoubleVector.broadcast(S, 1.0)).fma(r, DoubleVector.broadcast(S, 1.0));
            LongVector n = ((LongVector) t.reinterpretShape(LS, 0)).sub(SHIFTER_BITS);
            LongVector n1 = n.lanewise(VectorOperators.ASHR, 1);
            LongVector n2 = n.sub(n1);
            DoubleVector s1 = (DoubleVector) n1.add(EXP_BIAS).lanewise(VectorOperators.LSHL, MANTISSA_BITS).reinterpretShape(S, 0);
            DoubleVector s2 = (DoubleVector) n2.add(EXP_BIAS).lanewise(VectorOperators.LSHL, MANTISSA_BITS).reinterpretShape(S, 0);
            p.mul(s1).mul(s2).intoArray(out, i);
        }
        return i;
    }

    // ---------------------------------------------------------------------------------------------
    // expm1 and tanh, for ELU and Tanh: the same reduction as exp, with e^r - 1 summed without the
    // cancellation of exp(r) - 1, then expm1(x) = 2^n·expm1(r) + (2^n - 1) in one FMA.
    // ---------------------------------------------------------------------------------------------

    /**
     * {@code e^x - 1}, measured at most 2 ulp from {@code StrictMath.expm1} (1 in float32;
     * {@code VectorExpm1TanhTest}: the worst case is x just above ln2/2, where 2·expm1(r) + 1 cancels); -1 below
     * -60, +Inf above 709.78, NaN for NaN. (The sign of a zero input is not kept: {@code expm1(-0.0)} is
     * {@code +0.0}.)
     */
    static DoubleVector expm1(DoubleVector x) {
        x = x.max(EXPM1_MIN).min(EXP_MAX);
        DoubleVector t = x.fma(DoubleVector.broadcast(S, LOG2E), DoubleVector.broadcast(S, SHIFTER));
        DoubleVector nd = t.sub(SHIFTER);
        DoubleVector r = nd.fma(DoubleVector.broadcast(S, -LN2_HI), x);
        r = nd.fma(DoubleVector.broadcast(S, -LN2_LO), r);
        return expm1Scale(expm1Reduced(r), t, nd);
    }

    /**
     * e^r - 1 for |r| <= ln2/2 as r + r²·(1/2! + r/3! + ... + r^11/13!) (float: to r^6/8!, truncation below
     * 2e-9 relative): no cancellation near 0.
     */
    private static DoubleVector expm1Reduced(DoubleVector r) {
//#if[f64]
        DoubleVector q = DoubleVector.broadcast(S, C13).fma(r, DoubleVector.broadcast(S, C12));
        q = q.fma(r, DoubleVector.broadcast(S, C11));
        q = q.fma(r, DoubleVector.broadcast(S, C10));
        q = q.fma(r, DoubleVector.broadcast(S, C9));
        q = q.fma(r, DoubleVector.broadcast(S, C8));
        q = q.fma(r, DoubleVector.broadcast(S, C7));
//#else[f32]
//      FloatVector q = FloatVector.broadcast(S, C8).fma(r, FloatVector.broadcast(S, C7));
//#end
        q = q.fma(r, DoubleVector.broadcast(S, C6));
        q = q.fma(r, DoubleVector.broadcast(S, C5));
        q = q.fma(r, DoubleVector.broadcast(S, C4));
        q = q.fma(r, DoubleVector.broadcast(S, C3));
        q = q.fma(r, DoubleVector.broadcast(S, C2));
        return r.mul(r).fma(q, r);
    }

    /**
     * {@code 2^n·pm + (2^n - 1)} for n below 54 (2^n - 1 is exact there, one rounding in the FMA); above,
     * the -1 is below half an ulp, and {@code (pm + 1)·2^n} is built in two factors so that n = 1024
     * (x just under the overflow threshold) still comes out finite.
     */
    private static DoubleVector expm1Scale(DoubleVector pm, DoubleVector shifted, DoubleVector nd) {
        LongVector n = ((LongVector) shifted.reinterpretShape(LS, 0)).sub(SHIFTER_BITS);
        LongVector n1 = n.lanewise(VectorOperators.ASHR, 1);
        LongVector n2 = n.sub(n1);
        DoubleVector s1 = (DoubleVector) n1.add(EXP_BIAS).lanewise(VectorOperators.LSHL, MANTISSA_BITS).reinterpretShape(S, 0);
        DoubleVector s2 = (DoubleVector) n2.add(EXP_BIAS).lanewise(VectorOperators.LSHL, MANTISSA_BITS).reinterpretShape(S, 0);
        DoubleVector s = s1.mul(s2);
        DoubleVector small = pm.fma(s, s.sub(1.0));
        DoubleVector large = pm.add(1.0).mul(s1).mul(s2);
        return small.blend(large, nd.compare(VectorOperators.GE, EXPM1_FMA_BELOW));
    }

    /**
     * {@code tanh(x) = sign(x)·t/(t + 2)} with {@code t = expm1(2|x|)}, |x| capped at 40 (tanh is 1.0 in double
     * from 19.1 on); measured at most 3 ulp from {@code StrictMath.tanh} (2 in float32); keeps the sign of zero;
     * NaN for NaN.
     */
    static DoubleVector tanh(DoubleVector x) {
        DoubleVector a = x.abs().min(TANH_CAP);
        DoubleVector t = expm1(a.add(a));
        DoubleVector y = t.div(t.add(2.0));
        LongVector sign = ((LongVector) x.reinterpretShape(LS, 0)).and(Long.MIN_VALUE);
        return (DoubleVector) ((LongVector) y.reinterpretShape(LS, 0)).or(sign).reinterpretShape(S, 0);
    }

    // ---------------------------------------------------------------------------------------------
    // softplus(x) = max(x, 0) + log1p(u), u = exp(-|x|) in (0, 1]. log1p(u) = 2·atanh(s) with
    // s = u / (2 + u) in (0, 1/3]: 2s·(1 + s²/3 + s⁴/5 + ...), no cancellation and no log needed.
    // ---------------------------------------------------------------------------------------------

    /** 1/(2j + 1) for j = 1..17 (float: 1..8): with s² <= 1/9 the first omitted term is below 2e-19 (2e-10). */
    private static final double[] ATANH_COEF = atanhCoefficients(17); //f32: private static final float[] ATANH_COEF = atanhCoefficients(8);

    private static double[] atanhCoefficients(int terms) {
        double[] c = new double[terms];
        for (int j = 1; j <= terms; j++) {
            c[j - 1] = 1.0 / (2 * j + 1); //f32: c[j - 1] = (float) (1.0 / (2 * j + 1));
        }
        return c;
    }

    /**
     * softplus, measured at most 3 ulp (2 in float32) from
     * {@code max(x, 0) + StrictMath.log1p(StrictMath.exp(-|x|))}; 0 for -Inf, +Inf for +Inf, NaN for NaN.
     */
    static DoubleVector softplus(DoubleVector x) {
        DoubleVector u = exp(x.abs().neg());
        DoubleVector s = u.div(u.add(2.0));
        DoubleVector z = s.mul(s);
        DoubleVector p = DoubleVector.broadcast(S, ATANH_COEF[ATANH_COEF.length - 1]);
        for (int j = ATANH_COEF.length - 2; j >= 0; j--) {
            p = p.fma(z, DoubleVector.broadcast(S, ATANH_COEF[j]));
        }
        DoubleVector s2 = s.add(s);
        return x.max(0.0).add(s2.mul(z).fma(p, s2));
    }
}
