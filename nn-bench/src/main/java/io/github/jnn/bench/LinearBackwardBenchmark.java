package io.github.jnn.bench;

import io.github.jnn.kernels.KernelThreads;
import io.github.jnn.kernels.Kernels;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * The two products of a Linear's backward at the forward benchmark's shapes: {@code gradInput} is
 * {@code gradX = G·W}, {@code gradWeight} is {@code gradW = Gᵀ·X}, the weight gradient a training step sets
 * ({@code Module.backwardParametersFromZero}) and numpy's {@code g.T @ x} (until session 35 it timed
 * {@code gradW += Gᵀ·X}, which reads gradW as well: docs/gemm-avx512.md). Each is 2·m·k·n flops; read
 * GFLOP/s in the report. The scalar versions are plain loops in the contiguous i-j-p order, which C2 may
 * auto-vectorize, so this "dumb" baseline is stronger than the forward's. {@code dtype} float32 runs the
 * float kernels on the same values rounded to float.
 */
@Figure(work = Figure.Work.PRODUCT)
public class LinearBackwardBenchmark extends JnnBenchmark {

    @Param({"5x4x3", "64x784x256", "256x1024x1024", "1024x1024x1024"})
    public String shape;

    @Param({"scalar", "vector"})
    public String kernels;

    @Param({"float64", "float32"})
    public String dtype;

    /**
     * Kernel threads ({@code KernelThreads}): 1, the report's single-threaded figures; the comparison's
     * {@code THREADS=2} runs {@code -p threads=2} (ThreadScalingBenchmark varies it for one shape).
     */
    @Param({"1"})
    public int threads;

    private Kernels k;
    private Shape s;
    private double[] g;
    private double[] w;
    private double[] x;
    private double[] gradX;
    private double[] gradW;
    private boolean f32;
    private float[] gf;
    private float[] wf;
    private float[] xf;
    private float[] gradXf;
    private float[] gradWf;

    @Setup
    public void setup() {
        KernelThreads.set(threads);
        s = Shape.parse(shape);
        k = Kernels.byName(kernels);
        g = BenchData.gaussian(s.m * s.n, 5);
        w = BenchData.gaussian(s.n * s.k, 6);
        x = BenchData.gaussian(s.m * s.k, 7);
        gradX = new double[s.m * s.k];
        gradW = new double[s.n * s.k];
        f32 = "float32".equals(dtype);
        if (f32) {
            gf = BenchData.floats(g);
            wf = BenchData.floats(w);
            xf = BenchData.floats(x);
            gradXf = new float[s.m * s.k];
            gradWf = new float[s.n * s.k];
        }
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
            k.linearGradWeight(gf, xf, gradWf, s.m, s.k, s.n);
            return gradWf;
        }
        k.linearGradWeight(g, x, gradW, s.m, s.k, s.n);
        return gradW;
    }
}
