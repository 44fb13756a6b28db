package io.github.jnn.bench;

import io.github.jnn.kernels.Activation;
import io.github.jnn.kernels.KernelThreads;
import io.github.jnn.kernels.Kernels;
import io.github.jnn.tensor.DType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * The vector kernels' three products at 256×1024×1024 on 1 and 2 threads ({@code KernelThreads}): forward
 * {@code X·Wᵀ + b}, {@code gradX = G·W}, {@code gradW += Gᵀ·X}. Read GFLOP/s in the report and compare the
 * two thread counts; the results are bit-identical, only the time differs. Both element types: float32
 * moves half the bytes per FLOP, so it shows whether a second core is starved for memory.
 */
@Figure(work = Figure.Work.PRODUCT)
public class ThreadScalingBenchmark extends JnnBenchmark {

    @Param({"256x1024x1024"})
    public String shape;

    @Param({"1", "2"})
    public int threads;

    @Param({"float64", "float32"})
    public String dtype;

    private final Kernels k = Kernels.vector();
    private Shape s;
    private double[] x;
    private double[] w;
    private double[] b;
    private double[] g;
    private double[] out;
    private double[] gradX;
    private double[] gradW;
    private boolean f32;
    private float[] xf;
    private float[] wf;
    private float[] bf;
    private float[] gf;
    private float[] outf;
    private float[] gradXf;
    private float[] gradWf;

    @Setup
    public void setup() {
        KernelThreads.set(threads);
        s = Shape.parse(shape);
        x = BenchData.gaussian(s.m * s.k, 1);
        w = BenchData.gaussian(s.n * s.k, 2);
        b = BenchData.gaussian(s.n, 3);
        g = BenchData.gaussian(s.m * s.n, 4);
        out = new double[s.m * s.n];
        gradX = new double[s.m * s.k];
        gradW = new double[s.n * s.k];
        f32 = DType.byName(dtype) == DType.FLOAT32;
        xf = BenchData.gaussianFloats(s.m * s.k, 1);
        wf = BenchData.gaussianFloats(s.n * s.k, 2);
        bf = BenchData.gaussianFloats(s.n, 3);
        gf = BenchData.gaussianFloats(s.m * s.n, 4);
        outf = new float[s.m * s.n];
        gradXf = new float[s.m * s.k];
        gradWf = new float[s.n * s.k];
    }

    @Benchmark
    public Object forward() {
        if (f32) {
            k.linearForward(xf, wf, bf, null, outf, s.m, s.k, s.n, Activation.NONE);
            return outf;
        }
        k.linearForward(x, w, b, null, out, s.m, s.k, s.n, Activation.NONE);
        return out;
    }

    @Benchmark
    public Object gradInput() {
        if (f32) {
            k.linearGradInput(gf, wf, gradXf, s.m, s.k, s.n);
            return gradXf;
        }
        k.linearGradInput(g, w, gradX, s.m, s.k, s.n);
        return gradX;
    }

    @Benchmark
    public Object gradWeight() {
        if (f32) {
            k.linearAccGradWeight(gf, xf, gradWf, s.m, s.k, s.n);
            return gradWf;
        }
        k.linearAccGradWeight(g, x, gradW, s.m, s.k, s.n);
        return gradW;
    }
}
