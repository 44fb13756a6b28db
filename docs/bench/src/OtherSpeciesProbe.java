import io.github.jnn.bench.TrainingStep;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Whether an application's own Vector API code on another float species slows jnn's kernels: the lean float32
 * training step of 784-1024-10 at batch 256 ({@link TrainingStep}, one kernel thread), timed after the
 * application has summed an array with FloatVector on the species given ({@code 64}, {@code 128}, {@code 256}
 * or {@code 512} bits, or {@code none}), before jnn's first step ({@code first}) or after jnn has run 1,500
 * steps ({@code after}). Prints the fastest of the last 1,000 steps (docs/performance.md, "Other Vector API
 * code in the same JVM"). The application's code stores its lanes with intoArray; summed with reduceLanes
 * instead, no slowdown was measured.
 *   java --add-modules=jdk.incubator.vector -XX:+UseG1GC -XX:PerMethodTrapLimit=1000 -Dnn.threads=1 \
 *       -cp nn-bench/target/benchmarks.jar docs/bench/src/OtherSpeciesProbe.java 256 first
 */
public class OtherSpeciesProbe {
    public static void main(String[] args) {
        String bits = args.length > 0 ? args[0] : "none";
        boolean after = args.length > 1 && args[1].equals("after");
        VectorSpecies<Float> species = bits.equals("none") ? null
                : VectorSpecies.of(float.class, VectorShape.forBitSize(Integer.parseInt(bits)));
        double sink = 0;
        if (species != null && !after) {
            sink += application(species);
        }
        TrainingStep step = new TrainingStep("784x1024x10@256", "float32", "vector", true);
        if (after) {
            steps(step, 1500);
            if (species != null) {
                sink += application(species);
            }
        }
        long best = steps(step, 1500);
        System.out.printf("application's FloatVector species: %s (%s jnn's first step, its sums %.0f); jnn's lean step"
                + " %.2f ms%n", bits, after ? "after" : "before", sink, best / 1e6);
    }

    /** The fastest of the last 1,000 of {@code count} steps, in ns. */
    private static long steps(TrainingStep step, int count) {
        long best = Long.MAX_VALUE;
        for (int it = 0; it < count; it++) {
            long t0 = System.nanoTime();
            step.step();
            if (it >= count - 1000) {
                best = Math.min(best, System.nanoTime() - t0);
            }
        }
        return best;
    }

    /** The application's own vector code: sums of an array, often enough for C2 to compile it. */
    private static double application(VectorSpecies<Float> species) {
        float[] a = new float[4096];
        java.util.Arrays.fill(a, 1f);
        double sum = 0;
        for (int round = 0; round < 20000; round++) {
            FloatVector acc = FloatVector.zero(species);
            for (int i = 0; i + species.length() <= a.length; i += species.length()) {
                acc = acc.add(FloatVector.fromArray(species, a, i));
            }
            float[] lanes = new float[species.length()];
            acc.intoArray(lanes, 0);
            sum += lanes[0];
        }
        return sum;
    }
}
