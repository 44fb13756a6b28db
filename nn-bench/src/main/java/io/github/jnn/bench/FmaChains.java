package io.github.jnn.bench;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.CompilerControl;

/**
 * {@link FmaPeakBenchmark}'s work: {@link FmaPeakBenchmark#CHAINS} independent chains of
 * {@link FmaPeakBenchmark#STEPS} vector FMAs each, no memory traffic, on the preferred species. Written for
 * doubles; the build generates {@code FmaChainsF32} from this file (docs/float32.md).
 */
final class FmaChains {
    // Static final species: the Vector API compiles to vector instructions only for constant species.
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int STEPS = FmaPeakBenchmark.STEPS;

    private FmaChains() {
    }

    /** The species' size in bits (the benchmark refuses to run at another than its {@code bits} parameter). */
    static int bits() {
        return S.vectorBitSize();
    }

    // Compiled on its own: inlined into JMH's measurement loop, C2 recompiled the chains after ~7 s into code
    // 2.4x slower (54 -> 130 us per call, both dtypes, both forks).
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static double run() {
        VectorSpecies<Double> s = S;
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
}
