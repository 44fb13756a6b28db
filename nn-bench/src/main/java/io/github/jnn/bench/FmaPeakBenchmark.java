package io.github.jnn.bench;

import org.openjdk.jmh.annotations.Benchmark;
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

    /** This JVM's preferred vector size; loads the Vector API, so call it only when the module is present. */
    static int preferredBits() {
        return FmaChains.bits();
    }

    @Setup
    public void setup() {
        int preferred = preferredBits();
        if (bits != preferred) {
            throw new IllegalArgumentException("FmaPeakBenchmark: bits=" + bits + ", but this machine's preferred"
                    + " vectors are " + preferred + " bits; pass -p bits=" + preferred);
        }
    }

    // The chains (FmaChains and its generated float twin) are compiled on their own, see there.
    @Benchmark
    public double fma() {
        return "float32".equals(dtype) ? FmaChainsF32.run() : FmaChains.run();
    }
}
