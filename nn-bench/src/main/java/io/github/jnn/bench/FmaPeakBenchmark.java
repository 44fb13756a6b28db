package io.github.jnn.bench;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * The ceiling the kernels are measured against: how many vector FMAs per second one core retires from Java,
 * with no memory traffic at all. {@value #CHAINS} independent accumulator chains {@code c = c·a + b}
 * (enough to cover the FMA latency on two pipes), {@value #STEPS} steps each per call; the values converge
 * to 2, so nothing overflows or turns subnormal. The report converts the time to GFLOP/s
 * ({@code CHAINS · STEPS · lanes · 2} flops per call, lanes = {@code bits} / element bits). A GEMM cannot
 * beat this figure, and a kernel with n vector operations per result vector cannot go below n divided by this
 * rate; the README compares the matrix products and the sigmoid against it. The vectors are the preferred
 * species; {@code bits} states its size so that a saved JSON converts to GFLOP/s anywhere (512 here; pass
 * {@code -p bits=256} on an AVX2 machine: setup refuses a size other than the preferred one). Returns a sum of
 * the accumulators so nothing is dead code.
 */
@Figure(work = Figure.Work.FMA_CHAINS)
public class FmaPeakBenchmark extends JnnBenchmark {
    public static final int CHAINS = 12;
    public static final int STEPS = 1 << 14;

    @Param({"float64", "float32"})
    public String dtype;

    @Param({"512"})
    public int bits;

    // Static final species: the Vector API compiles to vector instructions only for constant species.
    private static final VectorSpecies<Double> SD = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> SF = FloatVector.SPECIES_PREFERRED;

    /** This JVM's preferred vector size; loads the Vector API, so call it only when the module is present. */
    static int preferredBits() {
        return SD.vectorBitSize();
    }

    @Setup
    public void setup() {
        int preferred = SD.vectorBitSize();
        if (bits != preferred) {
            throw new IllegalArgumentException("FmaPeakBenchmark: bits=" + bits + ", but this machine's preferred"
                    + " vectors are " + preferred + " bits; pass -p bits=" + preferred);
        }
    }

    // The chains are compiled on their own: inlined into JMH's measurement loop, C2 recompiled them after
    // ~7 s into code 2.4x slower (54 -> 130 us per call, both dtypes, both forks).
    @Benchmark
    public double fma() {
        return "float32".equals(dtype) ? chains32() : chains64();
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    private static double chains64() {
        VectorSpecies<Double> s = SD;
        DoubleVector a = DoubleVector.broadcast(s, 0.5);
        DoubleVector b = DoubleVector.broadcast(s, 1.0);
        DoubleVector c0 = DoubleVector.broadcast(s, 0.0);
        DoubleVector c1 = DoubleVector.broadcast(s, 0.1);
        DoubleVector c2 = DoubleVector.broadcast(s, 0.2);
        DoubleVector c3 = DoubleVector.broadcast(s, 0.3);
        DoubleVector c4 = DoubleVector.broadcast(s, 0.4);
        DoubleVector c5 = DoubleVector.broadcast(s, 0.5);
        DoubleVector c6 = DoubleVector.broadcast(s, 0.6);
        DoubleVector c7 = DoubleVector.broadcast(s, 0.7);
        DoubleVector c8 = DoubleVector.broadcast(s, 0.8);
        DoubleVector c9 = DoubleVector.broadcast(s, 0.9);
        DoubleVector c10 = DoubleVector.broadcast(s, 1.1);
        DoubleVector c11 = DoubleVector.broadcast(s, 1.2);
        for (int i = 0; i < STEPS; i++) {
            c0 = c0.fma(a, b);
            c1 = c1.fma(a, b);
            c2 = c2.fma(a, b);
            c3 = c3.fma(a, b);
            c4 = c4.fma(a, b);
            c5 = c5.fma(a, b);
            c6 = c6.fma(a, b);
            c7 = c7.fma(a, b);
            c8 = c8.fma(a, b);
            c9 = c9.fma(a, b);
            c10 = c10.fma(a, b);
            c11 = c11.fma(a, b);
        }
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
                .reduceLanes(VectorOperators.ADD);
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    private static double chains32() {
        VectorSpecies<Float> s = SF;
        FloatVector a = FloatVector.broadcast(s, 0.5f);
        FloatVector b = FloatVector.broadcast(s, 1.0f);
        FloatVector c0 = FloatVector.broadcast(s, 0.0f);
        FloatVector c1 = FloatVector.broadcast(s, 0.1f);
        FloatVector c2 = FloatVector.broadcast(s, 0.2f);
        FloatVector c3 = FloatVector.broadcast(s, 0.3f);
        FloatVector c4 = FloatVector.broadcast(s, 0.4f);
        FloatVector c5 = FloatVector.broadcast(s, 0.5f);
        FloatVector c6 = FloatVector.broadcast(s, 0.6f);
        FloatVector c7 = FloatVector.broadcast(s, 0.7f);
        FloatVector c8 = FloatVector.broadcast(s, 0.8f);
        FloatVector c9 = FloatVector.broadcast(s, 0.9f);
        FloatVector c10 = FloatVector.broadcast(s, 1.1f);
        FloatVector c11 = FloatVector.broadcast(s, 1.2f);
        for (int i = 0; i < STEPS; i++) {
            c0 = c0.fma(a, b);
            c1 = c1.fma(a, b);
            c2 = c2.fma(a, b);
            c3 = c3.fma(a, b);
            c4 = c4.fma(a, b);
            c5 = c5.fma(a, b);
            c6 = c6.fma(a, b);
            c7 = c7.fma(a, b);
            c8 = c8.fma(a, b);
            c9 = c9.fma(a, b);
            c10 = c10.fma(a, b);
            c11 = c11.fma(a, b);
        }
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
                .reduceLanes(VectorOperators.ADD);
    }
}
