package io.github.jnn.bench;

import io.github.jnn.kernels.KernelThreads;
import io.github.jnn.kernels.Kernels;
import io.github.jnn.nn.ElementwiseActivation;
import io.github.jnn.nn.Linear;
import io.github.jnn.nn.ReLU;
import io.github.jnn.nn.Sequential;
import io.github.jnn.nn.Sigmoid;
import io.github.jnn.random.NumpyRandom;
import io.github.jnn.tensor.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Linear (with bias) followed by ReLU or sigmoid: {@code fused} runs them through a {@link Sequential}, which
 * applies bias and activation in the matmul kernel's epilogue; {@code separate} calls the Linear and then the
 * activation module, a second pass over the output. Compare the two times at the same parameters; the
 * difference is what fusion saves (or costs). GFLOP/s counts only the 2·m·k·n of the product.
 */
@Figure(work = Figure.Work.PRODUCT)
public class FusedActivationBenchmark extends JnnBenchmark {

    @Param({"64x784x256", "256x1024x1024"})
    public String shape;

    @Param({"scalar", "vector"})
    public String kernels;

    @Param({"relu", "sigmoid"})
    public String activation;

    private Linear linear;
    private ElementwiseActivation act;
    private Sequential fusedNet;
    private Tensor x;

    @Setup
    public void setup() {
        KernelThreads.set(1); // single-threaded figures; ThreadScalingBenchmark varies this
        Shape s = Shape.parse(shape);
        linear = new Linear(s.k, s.n, true, new NumpyRandom(0));
        act = "relu".equals(activation) ? new ReLU() : new Sigmoid();
        fusedNet = new Sequential(linear, act);
        fusedNet.setKernels(Kernels.byName(kernels));
        x = BenchData.gaussian(s.m, s.k, 1);
    }

    @Benchmark
    public Tensor fused() {
        return fusedNet.forward(x);
    }

    @Benchmark
    public Tensor separate() {
        return act.forward(linear.forward(x));
    }
}
