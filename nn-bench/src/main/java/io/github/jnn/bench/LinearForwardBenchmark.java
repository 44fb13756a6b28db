package io.github.jnn.bench;

import io.github.jnn.kernels.KernelThreads;
import io.github.jnn.kernels.Kernels;
import io.github.jnn.nn.Linear;
import io.github.jnn.random.NumpyRandom;
import io.github.jnn.tensor.DType;
import io.github.jnn.tensor.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * {@code Linear.forward}: {@code X·Wᵀ (+ b)} through the module, as a user calls it, with the scalar ("dumb":
 * the notebook's triple loop) or the vector kernels. Read the time per call; the report turns it into
 * GFLOP/s = 2·m·k·n / time and the vector/scalar speedup. 5×4×3 is the notebook's toy layer (call overhead
 * dominates), 64×784×256 an MNIST hidden layer, the 1024-wide ones are large enough to leave the caches.
 * {@code dtype} float32 is the same layer after {@code Linear.to(FLOAT32)}: twice the lanes per vector and half
 * the bytes, so up to twice the FLOP/s.
 */
@Figure(work = Figure.Work.PRODUCT)
public class LinearForwardBenchmark extends JnnBenchmark {

    @Param({"5x4x3", "64x784x256", "256x1024x1024", "1024x1024x1024"})
    public String shape;

    @Param({"scalar", "vector"})
    public String kernels;

    @Param({"false", "true"})
    public boolean bias;

    @Param({"float64", "float32"})
    public String dtype;

    /**
     * Kernel threads ({@code KernelThreads}): 1, the report's single-threaded figures; the comparison's
     * {@code THREADS=2} runs {@code -p threads=2} (ThreadScalingBenchmark varies it for one shape).
     */
    @Param({"1"})
    public int threads;

    private Linear linear;
    private Tensor x;

    @Setup
    public void setup() {
        KernelThreads.set(threads);
        Shape s = Shape.parse(shape);
        linear = new Linear(s.k, s.n, bias, new NumpyRandom(0));
        linear.setKernels(Kernels.byName(kernels));
        DType type = DType.byName(dtype);
        linear.to(type);
        x = BenchData.gaussian(s.m, s.k, 1).to(type);
    }

    @Benchmark
    public Tensor forward() {
        return linear.forward(x);
    }
}
