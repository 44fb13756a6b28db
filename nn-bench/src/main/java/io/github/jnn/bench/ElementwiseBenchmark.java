package io.github.jnn.bench;

import io.github.jnn.kernels.KernelThreads;
import io.github.jnn.kernels.Kernels;
import io.github.jnn.tensor.DType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Sigmoid and ReLU, forward and backward, over 2^20 doubles (8 MB per array: from L3/memory, not L1). Read
 * ns/element = time / 2^20 in the report. Inputs are N(0, 16): half negative, so a branchy ReLU would
 * mispredict; the scalar sigmoid is a {@code Math.exp} loop, which C2 never vectorizes. {@code dtype}
 * float32 runs the float twins on 2^20 floats (4 MB per array).
 */
@Figure(work = Figure.Work.ELEMENTS, count = ElementwiseBenchmark.LENGTH)
public class ElementwiseBenchmark extends JnnBenchmark {
    public static final int LENGTH = 1 << 20;

    @Param({"scalar", "vector"})
    public String kernels;

    @Param({"float64", "float32"})
    public String dtype;

    private Kernels k;
    private double[] x;
    private double[] y;
    private double[] g;
    private double[] out;
    private boolean f32;
    private float[] xf;
    private float[] yf;
    private float[] gf;
    private float[] outf;

    @Setup
    public void setup() {
        KernelThreads.set(1); // single-threaded figures; ThreadScalingBenchmark varies this
        k = Kernels.byName(kernels);
        x = BenchData.gaussian(LENGTH, 3);
        for (int i = 0; i < LENGTH; i++) {
            x[i] *= 4;
        }
        g = BenchData.gaussian(LENGTH, 4);
        y = new double[LENGTH];
        out = new double[LENGTH];
        Kernels.scalar().sigmoid(x, y, LENGTH); // a valid saved output for the backward benchmarks
        f32 = DType.byName(dtype) == DType.FLOAT32;
        xf = BenchData.floats(x);
        yf = BenchData.floats(y);
        gf = BenchData.floats(g);
        outf = new float[LENGTH];
    }

    @Benchmark
    public Object sigmoid() {
        if (f32) {
            k.sigmoid(xf, outf, LENGTH);
            return outf;
        }
        k.sigmoid(x, out, LENGTH);
        return out;
    }

    @Benchmark
    public Object sigmoidBackward() {
        if (f32) {
            k.sigmoidBackward(yf, gf, outf, LENGTH);
            return outf;
        }
        k.sigmoidBackward(y, g, out, LENGTH);
        return out;
    }

    @Benchmark
    public Object relu() {
        if (f32) {
            k.relu(xf, outf, LENGTH);
            return outf;
        }
        k.relu(x, out, LENGTH);
        return out;
    }

    @Benchmark
    public Object reluBackward() {
        if (f32) {
            k.reluBackward(xf, gf, outf, LENGTH);
            return outf;
        }
        k.reluBackward(x, g, out, LENGTH);
        return out;
    }
}
