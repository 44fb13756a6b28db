import io.github.jnn.bench.TrainingStep;

import java.lang.management.ManagementFactory;

/**
 * Bytes allocated and time taken per training step ({@link TrainingStep}, vector kernels), in five rounds of
 * {@code steps} steps each, from the JVM's own count of this thread's allocations. A warm step allocates a few
 * hundred bytes; a round at hundreds of kilobytes or more means some Vector API call in a kernel runs as its
 * Java fallback in this JVM (JFR's ObjectAllocationSample events name it). Run it several times: which calls
 * C2 leaves unintrinsified can differ from one JVM to the next (docs/performance.md, "Vector API calls
 * compiled unintrinsified in some JVMs").
 *   java --add-modules=jdk.incubator.vector -XX:+UseG1GC -XX:PerMethodTrapLimit=1000 -Dnn.threads=1 \
 *       -cp nn-bench/target/benchmarks.jar docs/bench/src/StepAllocationProbe.java 784x256x10@128 float32 lean 1500
 */
public class StepAllocationProbe {
    public static void main(String[] args) {
        if (args.length != 4) {
            throw new IllegalArgumentException("usage: network (784x256x10@128, fashion-cnn@64) dtype"
                    + " (float32, float64) lean|full steps");
        }
        TrainingStep step = new TrainingStep(args[0], args[1], "vector", args[2].equals("lean"));
        int steps = Integer.parseInt(args[3]);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        for (int round = 0; round < 5; round++) {
            long bytes = threads.getThreadAllocatedBytes(id);
            long start = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                step.step();
            }
            long time = System.nanoTime() - start;
            bytes = threads.getThreadAllocatedBytes(id) - bytes;
            System.out.printf("round %d: %.0f B/step, %.3f ms/step%n", round, bytes / (double) steps,
                    time / 1e6 / steps);
        }
    }
}
