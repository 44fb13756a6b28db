package io.github.jnn.bench;

import io.github.jnn.kernels.Activation;
import io.github.jnn.kernels.KernelThreads;
import io.github.jnn.kernels.Kernels;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * The fused epilogue at kernel level: {@code linearForward} with bias and activation {@code none} or
 * {@code sigmoid}, and with or without keeping the pre-activation ({@code keepPre}: what {@code Sequential}
 * does, so that the Linear child's {@code output()} stays set). Compare {@code sigmoid} against {@code none} at
 * the same {@code keepPre} and {@code dtype}: the difference is what the epilogue costs inside the product,
 * without module overhead ({@link FusedActivationBenchmark} measures the module path). Run it with
 * {@code -prof gc} too: an epilogue that boxes vectors shows up as bytes allocated per call. Returns the
 * output array.
 */
@Figure(work = Figure.Work.PRODUCT)
public class FusedEpilogueBenchmark extends JnnBenchmark {

    @Param({"256x1024x1024"})
    public String shape;

    @Param({"none", "sigmoid"})
    public String activation;

    @Param({"false", "true"})
    public boolean keepPre;

    @Param({"float64", "float32"})
    public String dtype;

    private Kernels kernels;
    private Activation act;
    private Shape s;
    private double[] x;
    private double[] w;
    private double[] b;
    private double[] pre;
    private double[] out;
    private boolean f32;
    private float[] xf;
    private float[] wf;
    private float[] bf;
    private float[] pref;
    private float[] outf;

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
        f32 = "float32".equals(dtype);
        if (f32) {
            xf = BenchData.floats(x);
            wf = BenchData.floats(w);
            bf = BenchData.floats(b);
            pref = keepPre ? new float[s.m * s.n] : null;
            outf = new float[s.m * s.n];
        }
    }

    @Benchmark
    public Object forward() {
        if (f32) {
            kernels.linearForward(xf, wf, bf, pref, outf, s.m, s.k, s.n, act);
            return outf;
        }
        kernels.linearForward(x, w, b, pre, out, s.m, s.k, s.n, act);
        return out;
    }
}
