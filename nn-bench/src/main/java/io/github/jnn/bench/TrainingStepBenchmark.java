package io.github.jnn.bench;

import io.github.jnn.kernels.KernelThreads;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * One full training step of a 784-H-10 classifier ({@link TrainingStep}), the step PyTorch is compared with
 * (nn-bench/compare). {@code backward=full} is the course's contract (every module's gradInput, the network's
 * input included); {@code lean} skips the input's, which PyTorch never computes either (what {@code Trainer}
 * runs). {@code network} is {@code 784xHx10@batch}: 784-256-10 at batch 128, and 784-1024-10 at batch 256.
 * Read the time per step; the report gives samples/s (batch / time). float32 is the same network after
 * {@code net.to(FLOAT32)}. On {@code threads} kernel threads (1 in the report).
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

    /**
     * Kernel threads ({@code KernelThreads}): 1, the report's single-threaded figures; the comparison's
     * {@code THREADS=2} runs {@code -p threads=2} (ThreadScalingBenchmark varies it for one shape).
     */
    @Param({"1"})
    public int threads;

    private TrainingStep step;

    @Setup
    public void setup() {
        KernelThreads.set(threads);
        step = new TrainingStep(network, dtype, kernels, "lean".equals(backward));
    }

    @Benchmark
    public double step() {
        return step.step();
    }
}
