import io.github.jnn.nn.ClassNLLCriterion;
import io.github.jnn.nn.LogSoftMax;
import io.github.jnn.nn.Linear;
import io.github.jnn.nn.ReLU;
import io.github.jnn.nn.Sequential;
import io.github.jnn.optim.SGD;
import io.github.jnn.random.NumpyRandom;
import io.github.jnn.tensor.DType;
import io.github.jnn.tensor.Tensor;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Whether an application's own Vector API code on another float species slows jnn's kernels: the lean float32
 * training step of 784-1024-10 at batch 256 (one kernel thread), timed after the application has summed an
 * array with FloatVector on the species given ({@code 64}, {@code 128}, {@code 256} or {@code 512} bits, or
 * {@code none}), before jnn's first step ({@code first}) or after jnn has run 1,500 steps ({@code after}).
 * Prints the fastest of the last 1,000 steps (docs/performance.md, "Other Vector API code in the same JVM"). The
 * application's code stores its lanes with intoArray; summed with reduceLanes instead, no slowdown was measured.
 *   java --add-modules=jdk.incubator.vector -XX:+UseG1GC -XX:PerMethodTrapLimit=1000 -Dnn.threads=1 \
 *       -cp nn-bench/target/benchmarks.jar docs/bench/src/OtherSpeciesProbe.java 256 first
 */
public class OtherSpeciesProbe {
    public static void main(String[] args) {
        String bits = args.length > 0 ? args[0] : "none";
        boolean after = args.length > 1 && args[1].equals("after");
        VectorSpecies<Float> species = bits.equals("none") ? null
                : VectorSpecies.of(float.class, jdk.incubator.vector.VectorShape.forBitSize(Integer.parseInt(bits)));
        double sink = 0;
        if (species != null && !after) {
            sink += application(species);
        }
        NumpyRandom rng = new NumpyRandom(0);
        Sequential net = new Sequential(new Linear(784, 1024, true, rng), new ReLU(), new Linear(1024, 10, true, rng),
                new LogSoftMax());
        net.to(DType.FLOAT32);
        java.util.Random r = new java.util.Random(8);
        double[] xd = new double[256 * 784];
        for (int i = 0; i < xd.length; i++) {
            xd[i] = r.nextGaussian();
        }
        Tensor x = Tensor.wrap(xd, 256, 784).to(DType.FLOAT32);
        int[] labels = new int[256];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 10;
        }
        ClassNLLCriterion loss = new ClassNLLCriterion();
        SGD sgd = new SGD(net, 0.1, 0.9, 0.0, SGD.Form.PYTORCH);
        if (after) {
            steps(net, loss, sgd, x, labels, 1500);
            if (species != null) {
                sink += application(species);
            }
        }
        long best = steps(net, loss, sgd, x, labels, 1500);
        System.out.printf("application's FloatVector species: %s (%s jnn's first step, its sums %.0f); jnn's lean step"
                + " %.2f ms%n", bits, after ? "after" : "before", sink, best / 1e6);
    }

    /** The fastest of the last 1,000 of {@code count} steps, in ns. */
    private static long steps(Sequential net, ClassNLLCriterion loss, SGD sgd, Tensor x, int[] labels, int count) {
        long best = Long.MAX_VALUE;
        for (int it = 0; it < count; it++) {
            long t0 = System.nanoTime();
            Tensor out = net.forward(x);
            loss.forward(out, labels);
            net.backwardParametersFromZero(x, loss.backward(out, labels));
            sgd.step();
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
