package io.github.jnn.bench;

import io.github.jnn.kernels.Activation;
import io.github.jnn.kernels.KernelThreads;
import io.github.jnn.kernels.Kernels;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The fused epilogue at kernel level: {@code linearForward} with bias and activation {@code none} or
 * {@code sigmoid}, and with or without keeping the pre-activation ({@code keepPre}: what {@code Sequential}
 * does, so that the Linear child's {@code output()} stays set). Compare {@code sigmoid} against {@code none} at
 * the same {@code keepPre}: the difference is what the epilogue costs inside the product, without module
 * overhead ({@link FusedActivationBenchmark} measures the module path). Returns the output array.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@Warmup(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
public class FusedEpilogueBenchmark {

    @Param({"256x1024x1024"})
    public String shape;

    @Param({"none", "sigmoid"})
    public String activation;

    @Param({"false", "true"})
    public boolean keepPre;

    private Kernels kernels;
    private Activation act;
    private Shape s;
    private double[] x;
    private double[] w;
    private double[] b;
    private double[] pre;
    private double[] out;

    @Setup
    public void setup() {
        KernelThreads.set(1); // single-threaded figures; ThreadScalingBenchmark varies this
        kernels = Kernels.vector();
        act = "sigmoid".equals(activation) ? Activation.SIGMOID : Activation.NONE;
        s = Shape.parse(shape);
        x = BenchData.gaussian(s.m * s.k, 1);
        w = BenchData.gaussian(s.n * s.k, 2);
        b = BenchData.gaussian(s.n, 3);
        pre = keepPre ? new double[s.m * s.n] : null;
        out = new double[s.m * s.n];
    }

    @Benchmark
    public double[] forward() {
        kernels.linearForward(x, w, b, pre, out, s.m, s.k, s.n, act);
        return out;
    }
}
