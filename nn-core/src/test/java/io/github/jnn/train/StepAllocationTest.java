package io.github.jnn.train;

import io.github.jnn.data.Dataset;
import io.github.jnn.kernels.Kernels;
import io.github.jnn.nn.BatchNormalization;
import io.github.jnn.nn.ChannelwiseScaling;
import io.github.jnn.nn.ClassNLLCriterion;
import io.github.jnn.nn.Conv2d;
import io.github.jnn.nn.Criterion;
import io.github.jnn.nn.Dropout;
import io.github.jnn.nn.ELU;
import io.github.jnn.nn.Flatten;
import io.github.jnn.nn.LeakyReLU;
import io.github.jnn.nn.Linear;
import io.github.jnn.nn.LogSoftMax;
import io.github.jnn.nn.MSECriterion;
import io.github.jnn.nn.MaxPool2d;
import io.github.jnn.nn.ReLU;
import io.github.jnn.nn.Sequential;
import io.github.jnn.nn.Sigmoid;
import io.github.jnn.nn.SoftMax;
import io.github.jnn.nn.SoftPlus;
import io.github.jnn.nn.Tanh;
import io.github.jnn.nn.Unflatten;
import io.github.jnn.optim.Adam;
import io.github.jnn.optim.Optimizer;
import io.github.jnn.optim.SGD;
import io.github.jnn.random.NumpyRandom;
import io.github.jnn.tensor.DType;
import io.github.jnn.tensor.Tensor;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A training step whose buffers already have the batch's shape allocates nothing: the modules, the criterion
 * and the optimizer reuse what they own, so a long training run makes no garbage. Counted on the calling thread
 * with the scalar kernels, so that no allocation is hidden by the JIT's escape analysis: the step's own code
 * allocates nothing even when interpreted.
 */
class StepAllocationTest {

    private static final int BATCH = 8;

    @ParameterizedTest(name = "{0}, {1}, {2} step, {3}")
    @CsvSource({
        "mlp, float64, lean, sgd", "mlp, float32, lean, sgd", "mlp, float64, full, sgd", "mlp, float32, full, sgd",
        "mlp, float32, lean, adam", "nested, float64, lean, sgd", "nested, float32, full, adam",
        "course, float64, full, sgd", "course, float32, lean, adam",
        "cnn, float64, lean, adam", "cnn, float32, full, sgd"})
    void warmStepsAllocateNothing(String network, String dtype, String form, String optimizer) {
        Runnable step = step(network, dtype, form, optimizer);
        step.run(); // the first step makes the buffers
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        // Rounds of 20 steps until one allocates nothing: the JVM itself may allocate once on the way (linking
        // the native StrictMath.tanh for compiled callers took 2 KB here), a step that allocates does in every round.
        long bytes = -1;
        for (int round = 0; round < 10 && bytes != 0; round++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 20; i++) {
                step.run();
            }
            bytes = threads.getCurrentThreadAllocatedBytes() - before;
        }
        assertEquals(0, bytes, "bytes allocated by 20 warm steps, in each of 10 rounds");
    }

    /**
     * The same through {@link Trainer}: between the ends of two batches of one epoch (the batch taken from the
     * shuffled data, the step, the metrics, the listeners) nothing is allocated; each epoch allocates its order.
     */
    @ParameterizedTest(name = "{0}, {1}, {2} step")
    @CsvSource({"mlp, float64, lean", "mlp, float32, full", "cnn, float32, lean"})
    void trainerBatchesAllocateNothing(String network, String dtype, String form) {
        NumpyRandom rng = new NumpyRandom(4);
        Sequential net = network(network, rng);
        net.setKernels(Kernels.scalar());
        net.to(DType.byName(dtype));
        int rows = 64;
        int[] labels = new int[rows];
        for (int i = 0; i < rows; i++) {
            labels[i] = i % 4;
        }
        Dataset data = new Dataset(Tensor.wrap(rng.randn(rows * 12), rows, 12), labels, 4);
        int epochs = 10;
        int batches = rows / BATCH;
        long[] at = new long[epochs * batches]; // the thread's allocated bytes at the end of each batch
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        new Trainer(net, new SGD(net, 0.01, 0.9)).epochs(epochs).batchSize(BATCH).progress(null)
                .leanBackward(form.equals("lean"))
                .listener(new TrainingListener() {
                    @Override
                    public void onBatchEnd(int epoch, int batch, int total, double loss) {
                        at[epoch * batches + batch] = threads.getCurrentThreadAllocatedBytes();
                    }
                })
                .fit(data, null, new NumpyRandom(5));
        // Some epoch after the first, whose batches grow the buffers, allocates nothing between its batches' ends
        // (the JVM may allocate once on the way, see above); an allocating batch does so in every epoch.
        long least = Long.MAX_VALUE;
        for (int epoch = 1; epoch < epochs; epoch++) {
            long bytes = at[epoch * batches + batches - 1] - at[epoch * batches];
            least = Math.min(least, bytes);
        }
        assertEquals(0, least, "bytes allocated between the first and last batch of an epoch, fewest of 9 epochs");
    }

    /** One training step of {@code network} (mlp, nested, course or cnn) on a fixed batch. */
    static Runnable step(String network, String dtype, String form, String optimizer) {
        NumpyRandom rng = new NumpyRandom(3);
        Sequential net = network(network, rng);
        net.setKernels(Kernels.scalar());
        net.to(DType.byName(dtype));
        Tensor x = Tensor.wrap(rng.randn(BATCH * 12), BATCH, 12).to(DType.byName(dtype));
        int[] labels = {0, 1, 2, 3, 0, 1, 2, 3};
        Tensor oneHot = Tensor.zeros(BATCH, 4).to(DType.byName(dtype));
        for (int i = 0; i < BATCH; i++) {
            oneHot.setFlat(i * 4 + labels[i], 1.0);
        }
        Criterion loss = network.equals("course") ? new MSECriterion() : new ClassNLLCriterion();
        Optimizer opt = optimizer.equals("sgd") ? new SGD(net, 0.1, 0.9, 0.0, SGD.Form.PYTORCH)
                : new Adam(net, 1e-3, 0.9, 0.999, 1e-8, 0.0, Adam.Form.PYTORCH);
        boolean lean = form.equals("lean");
        return () -> {
            Tensor out = net.forward(x);
            Tensor g;
            if (loss instanceof MSECriterion) {
                loss.forward(out, oneHot);
                g = loss.backward(out, oneHot);
            } else {
                loss.forward(out, labels);
                g = loss.backward(out, labels);
            }
            if (lean) {
                net.backwardParametersFromZero(x, g);
            } else {
                net.zeroGradParameters();
                net.backward(x, g);
            }
            opt.step();
        };
    }

    /** The network of {@code name}: mlp, nested, course or cnn, 12 inputs and 4 classes. */
    private static Sequential network(String name, NumpyRandom rng) {
        return switch (name) {
            case "mlp" -> new Sequential(new Linear(12, 16, true, rng), new ReLU(), new Linear(16, 4, true, rng),
                    new LogSoftMax());
            case "nested" -> new Sequential(new Sequential(new Linear(12, 16, true, rng), new ReLU()),
                    new Sequential(new Linear(16, 4, true, rng), new LogSoftMax()));
            case "course" -> new Sequential(new Linear(12, 16, true, rng), new BatchNormalization(0.9),
                    new ChannelwiseScaling(16, rng), new Dropout(0.2, rng), new Sigmoid(),
                    new Linear(16, 8, false, rng), new Tanh(), new ELU(), new LeakyReLU(), new SoftPlus(),
                    new Linear(8, 4, true, rng), new SoftMax());
            case "cnn" -> new Sequential(new Unflatten(1, 6, 2), new Conv2d(1, 3, 3, 1, 1, true, rng), new ReLU(),
                    new MaxPool2d(2), new Flatten(), new Linear(9, 4, true, rng), new LogSoftMax());
            default -> throw new IllegalArgumentException(name);
        };
    }
}
