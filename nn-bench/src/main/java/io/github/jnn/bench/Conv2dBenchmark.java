package io.github.jnn.bench;

import io.github.jnn.kernels.Activation;
import io.github.jnn.kernels.Conv2dShape;
import io.github.jnn.kernels.KernelThreads;
import io.github.jnn.kernels.Kernels;
import io.github.jnn.tensor.DType;
import io.github.jnn.tensor.KernelScratch;
import io.github.jnn.tensor.Tensor;
import io.github.jnn.tensor.TensorOps;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * The three products of a Conv2d layer on {@code threads} kernel threads (1 in the report): {@code forward}
 * is the layer with bias and a fused ReLU (as Sequential runs Conv2d+ReLU), {@code gradInput} the gradient to
 * the input, {@code gradWeight} the weight and bias gradients. Each is 2·N·O·outH·outW·C·K² flops; the report
 * gives GFLOP/s and the vector/scalar speedup. The scalar set runs the plain nested loops over [N, C, H, W];
 * the vector set runs the packed products on the patches (im2col) read in place, so its time includes the
 * padding, the packing, the scatter of the input gradient and the layout changes. Shapes: the two
 * convolutions of the Fashion-MNIST example's CNN (LeNet-like, batch 64) and a padded 14×14 layer.
 */
@Figure(work = Figure.Work.CONVOLUTION)
public class Conv2dBenchmark extends JnnBenchmark {

    @Param({"64x1x28x28-32k5", "64x32x12x12-64k5", "64x32x14x14-64k5p2"})
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

    private TensorOps ops;
    private Conv2dShape s;
    private Tensor x;
    private Tensor w;
    private Tensor b;
    private Tensor out;
    private Tensor g;
    private Tensor gradX;
    private Tensor gradW;
    private Tensor gradB;
    private final KernelScratch scratch = new KernelScratch();

    @Setup
    public void setup() {
        KernelThreads.set(threads);
        s = ConvShape.parse(shape);
        ops = TensorOps.of(Kernels.byName(kernels));
        DType type = DType.byName(dtype);
        x = BenchData.gaussian(s.n, s.inC * s.h * s.w, 1).to(type).reshape(s.n, s.inC, s.h, s.w);
        w = BenchData.gaussian(s.outC, s.patchLength(), 2).to(type).reshape(s.outC, s.inC, s.kh, s.kw);
        b = BenchData.gaussian(1, s.outC, 3).to(type).reshape(s.outC);
        g = BenchData.gaussian(s.n, s.outC * s.pixels(), 4).to(type).reshape(s.n, s.outC, s.outH, s.outW);
        out = Tensor.zeros(type, s.n, s.outC, s.outH, s.outW);
        gradX = Tensor.zeros(type, s.n, s.inC, s.h, s.w);
        gradW = Tensor.zeros(type, s.outC, s.inC, s.kh, s.kw);
        gradB = Tensor.zeros(type, s.outC);
    }

    @Benchmark
    public Tensor forward() {
        ops.conv2dForward(x, w, b, null, out, s, Activation.RELU, scratch);
        return out;
    }

    @Benchmark
    public Tensor gradInput() {
        ops.conv2dGradInput(g, w, gradX, s, scratch);
        return gradX;
    }

    @Benchmark
    public Tensor gradWeight() {
        ops.conv2dAccGradWeight(g, x, gradW, gradB, s, scratch);
        return gradW;
    }
}
