package io.github.jnn.bench;

import io.github.jnn.kernels.KernelThreads;
import io.github.jnn.kernels.Kernels;
import io.github.jnn.nn.Linear;
import io.github.jnn.nn.MSECriterion;
import io.github.jnn.nn.ReLU;
import io.github.jnn.nn.Sequential;
import io.github.jnn.optim.SGD;
import io.github.jnn.random.NumpyRandom;
import io.github.jnn.tensor.DType;
import io.github.jnn.tensor.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * One full training step of the seminar's 784-256-10 network (Linear+ReLU, Linear; bias on both) at batch
 * 128: zero gradients, forward, MSE loss against one-hot targets, backward, and an SGD step (lr 0.01, no
 * momentum). Read the time per step; the report also gives samples/s (128 / time). This is what a user's
 * training loop costs per batch, all kernels included, in float64 or, after {@code net.to(FLOAT32)}, float32.
 */
@Figure(work = Figure.Work.SAMPLES, count = TrainingStepBenchmark.BATCH)
public class TrainingStepBenchmark extends JnnBenchmark {
    public static final int BATCH = 128;

    @Param({"scalar", "vector"})
    public String kernels;

    @Param({"float64", "float32"})
    public String dtype;

    private Sequential net;
    private final MSECriterion loss = new MSECriterion();
    private Tensor x;
    private Tensor target;
    private SGD sgd;

    @Setup
    public void setup() {
        KernelThreads.set(1); // single-threaded figures; ThreadScalingBenchmark varies this
        NumpyRandom rng = new NumpyRandom(0);
        net = new Sequential(new Linear(784, 256, true, rng), new ReLU(), new Linear(256, 10, true, rng));
        net.setKernels(Kernels.byName(kernels));
        DType type = DType.byName(dtype);
        net.to(type);
        x = BenchData.gaussian(BATCH, 784, 8).to(type);
        target = Tensor.zeros(BATCH, 10);
        for (int i = 0; i < BATCH; i++) {
            target.set(i, i % 10, 1.0);
        }
        sgd = new SGD(net, 0.01, 0.0);
    }

    @Benchmark
    public double step() {
        net.zeroGradParameters();
        Tensor out = net.forward(x);
        double l = loss.forward(out, target);
        net.backward(x, loss.backward(out, target));
        sgd.step();
        return l;
    }
}
