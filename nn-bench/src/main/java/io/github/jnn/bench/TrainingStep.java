package io.github.jnn.bench;

import io.github.jnn.examples.CnnExample;
import io.github.jnn.kernels.Kernels;
import io.github.jnn.nn.ClassNLLCriterion;
import io.github.jnn.nn.Linear;
import io.github.jnn.nn.LogSoftMax;
import io.github.jnn.nn.ReLU;
import io.github.jnn.nn.Sequential;
import io.github.jnn.optim.SGD;
import io.github.jnn.random.NumpyRandom;
import io.github.jnn.tensor.DType;
import io.github.jnn.tensor.Tensor;

/**
 * The training step that {@link TrainingStepBenchmark} times and PyTorch is compared with (nn-bench/compare):
 * a {@code IN-H-C} classifier, Linear+ReLU, Linear, LogSoftMax (or {@value #CNN}: {@link CnnExample}'s
 * network on 784 inputs), ClassNLL on class indices, SGD with momentum
 * 0.9 in PyTorch's form at lr 0.1: zero gradients, forward, loss, backward, update. Lean skips the
 * gradient w.r.t. the network's input, which PyTorch never computes either, and sets the gradients instead
 * of clearing them and adding to them ({@code backwardParametersFromZero}, what {@code Trainer} runs); full
 * is the course's contract. A {@link Runnable} so that {@link KernelBuildsAB} can run it from its own class
 * loader.
 */
public final class TrainingStep implements Runnable {
    /** The network name for {@link CnnExample#network}: two conv5 + ReLU + pool2 layers and a 1024-10 Linear. */
    public static final String CNN = "fashion-cnn";
    private final Sequential net;
    private final ClassNLLCriterion loss = new ClassNLLCriterion();
    private final Tensor x;
    private final int[] labels;
    private final SGD sgd;
    private final boolean lean;

    /** {@code network} is {@code INxHxC@batch}, e.g. {@code 784x1024x10@256}, or {@code fashion-cnn@batch}. */
    public TrainingStep(String network, String dtype, String kernels, boolean lean) {
        int at = network.indexOf('@');
        String name = network.substring(0, Math.max(at, 0));
        String[] sizes = name.split("x");
        boolean cnn = name.equals(CNN);
        if (at < 0 || sizes.length != 3 && !cnn) {
            throw new IllegalArgumentException("TrainingStep: network " + network + ", not INxHxC@batch or "
                    + CNN + "@batch");
        }
        int batch = Integer.parseInt(network.substring(at + 1));
        int in = cnn ? 28 * 28 : Integer.parseInt(sizes[0]);
        int hidden = cnn ? 0 : Integer.parseInt(sizes[1]);
        int classes = cnn ? 10 : Integer.parseInt(sizes[2]);
        NumpyRandom rng = new NumpyRandom(0);
        net = cnn ? CnnExample.network(rng)
                : new Sequential(new Linear(in, hidden, true, rng), new ReLU(), new Linear(hidden, classes, true, rng),
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
        this.lean = lean;
    }

    /** One step; returns its loss (before the update). */
    public double step() {
        Tensor out = net.forward(x);
        double l = loss.forward(out, labels);
        if (lean) { // as Trainer: the gradients set, not cleared and added to
            net.backwardParametersFromZero(x, loss.backward(out, labels));
        } else {
            net.zeroGradParameters();
            net.backward(x, loss.backward(out, labels));
        }
        sgd.step();
        return l;
    }

    @Override
    public void run() {
        step();
    }
}
