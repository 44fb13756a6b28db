package io.github.jnn.tests;

import io.github.jnn.kernels.KernelThreads;
import io.github.jnn.kernels.Kernels;
import io.github.jnn.nn.ClassNLLCriterion;
import io.github.jnn.nn.Conv2d;
import io.github.jnn.nn.Flatten;
import io.github.jnn.nn.Linear;
import io.github.jnn.nn.LogSoftMax;
import io.github.jnn.nn.MaxPool2d;
import io.github.jnn.nn.ReLU;
import io.github.jnn.nn.Sequential;
import io.github.jnn.nn.Unflatten;
import io.github.jnn.optim.Adam;
import io.github.jnn.optim.Optimizer;
import io.github.jnn.optim.SGD;
import io.github.jnn.random.NumpyRandom;
import io.github.jnn.tensor.DType;
import io.github.jnn.tensor.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A warm training step with the vector kernels on two threads allocates nothing, on the calling thread nor on
 * the kernel workers: the products, the elementwise passes and the optimizer's update are split over the
 * threads without a task object per call (nn-core's StepAllocationTest counts the scalar kernels on one
 * thread). Compiled code: steps until the JIT has compiled the kernels, then rounds of steps until one
 * allocates nothing; a step that allocates does so in every round. In a JVM of its own, as a training
 * application's: after hundreds of other tests in one JVM the JIT has compiled the kernels from their calls,
 * and there the float64 log-softmax allocated in some runs (docs/performance.md, session 58).
 */
@Tag("own-jvm")
class ThreadedStepAllocationTest {
    private final int saved = KernelThreads.get();

    @AfterEach
    void restore() {
        KernelThreads.set(saved);
    }

    @ParameterizedTest(name = "{0}, {1}, {2} step, {3}")
    @CsvSource({"mlp, float32, lean, sgd", "mlp, float64, lean, sgd", "mlp, float32, full, sgd",
        "mlp, float64, full, adam", "cnn, float32, lean, sgd", "cnn, float32, full, sgd", "cnn, float64, lean, sgd"})
    void warmStepsOnTwoThreadsAllocateNothing(String network, String dtype, String form, String optimizer) {
        KernelThreads.set(2);
        Runnable step = step(network, dtype, form.equals("lean"), optimizer);
        for (int i = 0; i < 400; i++) {
            step.run();
        }
        List<Long> workers = workerIds();
        assertEquals(1, workers.size(), "the kernels' one worker thread besides the caller");
        long[] ids = {Thread.currentThread().getId(), workers.get(0)};
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long bytes = -1;
        for (int round = 0; round < 20 && bytes != 0; round++) {
            long before = threads.getThreadAllocatedBytes(ids[0]) + threads.getThreadAllocatedBytes(ids[1]);
            for (int i = 0; i < 20; i++) {
                step.run();
            }
            bytes = threads.getThreadAllocatedBytes(ids[0]) + threads.getThreadAllocatedBytes(ids[1]) - before;
        }
        assertEquals(0, bytes, "bytes allocated by 20 warm steps on two threads, in each of 20 rounds");
    }

    /** The ids of the kernels' worker threads (named jnn-kernels-N). */
    private static List<Long> workerIds() {
        List<Long> ids = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("jnn-kernels-") && t.isAlive()) {
                ids.add(t.getId());
            }
        }
        return ids;
    }

    /**
     * One step of 784-256-10 at batch 128 (Linear+ReLU, Linear, LogSoftMax, ClassNLL): large enough for each
     * product and the first layer's update to be split over two threads.
     */
    private static Runnable step(String network, String dtype, boolean lean, String optimizer) {
        NumpyRandom rng = new NumpyRandom(6);
        Sequential net = network.equals("mlp")
                ? new Sequential(new Linear(784, 256, true, rng), new ReLU(), new Linear(256, 10, true, rng),
                        new LogSoftMax())
                : new Sequential(new Unflatten(1, 28, 28), new Conv2d(1, 32, 5, 1, 0, true, rng), new ReLU(),
                        new MaxPool2d(2), new Conv2d(32, 64, 5, 1, 0, true, rng), new ReLU(), new MaxPool2d(2),
                        new Flatten(), new Linear(1024, 10, true, rng), new LogSoftMax());
        net.setKernels(Kernels.vector());
        net.to(DType.byName(dtype));
        int batch = network.equals("mlp") ? 128 : 32;
        Tensor x = Tensor.wrap(rng.randn(batch * 784), batch, 784).to(DType.byName(dtype));
        int[] labels = new int[batch];
        for (int i = 0; i < batch; i++) {
            labels[i] = i % 10;
        }
        ClassNLLCriterion loss = new ClassNLLCriterion();
        Optimizer opt = optimizer.equals("sgd") ? new SGD(net, 0.01, 0.9, 0.0, SGD.Form.PYTORCH)
                : new Adam(net, 1e-3, 0.9, 0.999, 1e-8, 0.0, Adam.Form.PYTORCH);
        return () -> {
            Tensor out = net.forward(x);
            loss.forward(out, labels);
            Tensor g = loss.backward(out, labels);
            if (lean) {
                net.backwardParametersFromZero(x, g);
            } else {
                net.zeroGradParameters();
                net.backward(x, g);
            }
            opt.step();
        };
    }
}
