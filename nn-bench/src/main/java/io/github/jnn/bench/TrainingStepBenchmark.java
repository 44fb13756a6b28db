package io.github.jnn.bench;

import io.github.jnn.kernels.KernelThreads;
import io.github.jnn.kernels.Kernels;
import io.github.jnn.nn.Linear;
import io.github.jnn.nn.LogSoftMax;
import io.github.jnn.nn.ClassNLLCriterion;
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
 * One full training step of a 784-H-10 classifier, the step PyTorch is compared with (nn-bench/compare):
 * Linear+ReLU, Linear, LogSoftMax, ClassNLL on class indices, SGD with momentum 0.9 in PyTorch's form at lr
 * 0.1: zero gradients, forward, loss, backward, update. {@code backward=full} is the course's contract (every
 * module's gradInput, the network's input included); {@code lean} skips the input's, which PyTorch never
 * computes either (what {@code Trainer} runs). {@code network} is {@code 784xHx10@batch}: 784-256-10 at batch 128, and 784-1024-10 at batch 256.
 * Read the time per step; the report gives samples/s (batch / time). float32 is the same network after
 * {@code net.to(FLOAT32)}. Single-threaded kernels.
 */
// count: results saved before the network parameter existed were 784-256-10 at batch 128
@Figure(work = Figure.Work.SAMPLES, countParam = "network", count = 128)
public class TrainingStepBenchmark extends JnnBenchmark {
    @Param({"scalar", "vector"})
    public String kernels;

    @Param({"float64", "float32"})
    public String dtype;

    @Param({"784x256x10@128", "784x1024x10@256"})
    public String network;

    /** {@code full}: the course's backward, every module's gradInput; {@code lean}: none for the input (as PyTorch). */
    @Param({"full", "lean"})
    public String backward;

    private Sequential net;
    private final ClassNLLCriterion loss = new ClassNLLCriterion();
    private Tensor x;
    private int[] labels;
    private SGD sgd;

    @Setup
    public void setup() {
        KernelThreads.set(1); // single-threaded figures; ThreadScalingBenchmark varies this
        String[] sizes = network.substring(0, network.indexOf('@')).split("x");
        int batch = Integer.parseInt(network.substring(network.indexOf('@') + 1));
        int in = Integer.parseInt(sizes[0]);
        int hidden = Integer.parseInt(sizes[1]);
        int classes = Integer.parseInt(sizes[2]);
        NumpyRandom rng = new NumpyRandom(0);
        net = new Sequential(new Linear(in, hidden, true, rng), new ReLU(), new Linear(hidden, classes, true, rng),
                new LogSoftMax());
        net.setKernels(Kernels.byName(kernels));
        DType type = DType.byName(dtype);
        net.to(type);
        x = BenchData.gaussian(batch, in, 8).to(type);
        labels = new int[batch];
        for (int i = 0; i < batch; i++) {
            labels[i] = i % classes;
        }
        sgd = new SGD(net, 0.1, 0.9, 0.0, SGD.Form.PYTORCH);
    }

    @Benchmark
    public double step() {
        net.zeroGradParameters();
        Tensor out = net.forward(x);
        double l = loss.forward(out, labels);
        if ("lean".equals(backward)) {
            net.backwardParameters(x, loss.backward(out, labels));
        } else {
            net.backward(x, loss.backward(out, labels));
        }
        sgd.step();
        return l;
    }
}
