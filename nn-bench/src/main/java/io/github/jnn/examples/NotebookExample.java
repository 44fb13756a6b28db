package io.github.jnn.examples;

import io.github.jnn.kernels.Kernels;
import io.github.jnn.nn.Linear;
import io.github.jnn.nn.MSECriterion;
import io.github.jnn.nn.Sequential;
import io.github.jnn.nn.Sigmoid;
import io.github.jnn.random.NumpyRandom;
import io.github.jnn.tensor.Tensor;

/**
 * The course notebook's first cells, in Java: the same network, the same NumPy seeds, the same numbers.
 * Run: {@code java --add-modules=jdk.incubator.vector -cp nn-bench/target/benchmarks.jar
 * io.github.jnn.examples.NotebookExample}.
 */
public final class NotebookExample {
    private NotebookExample() {
    }

    public static void main(String[] args) {
        Kernels kernels = Kernels.getDefault();
        System.out.println("kernel set: " + kernels.name());

        // init_linear(): np.random.seed(0); Linear(4, 3)
        Linear linear = new Linear(4, 3, new NumpyRandom(0));
        System.out.println(linear + ", W =");
        System.out.println(linear.weight());

        // The notebook's correct_output comes from np.random.seed(1); its code says seed(2) (see README).
        Tensor x1 = toyData(1);
        System.out.println("\ndumb_forward, X = 10 * randn(5, 4) after seed(1):");
        System.out.println(linear.dumbForward(x1));
        System.out.println("forward (" + kernels.name() + " kernels):");
        System.out.println(linear.forward(x1));

        System.out.println("\nSequential(Linear W=[[0.9,0.3],[0.2,0.8]], Sigmoid) on [[1, 0.5]]:");
        Linear small = new Linear(2, 2, new NumpyRandom(0));
        small.weight().copyFrom(new double[][] {{0.9, 0.3}, {0.2, 0.8}});
        Sequential net = new Sequential(small, new Sigmoid());
        System.out.println(net);
        System.out.println(net.forward(Tensor.of(new double[][] {{1, 0.5}})));

        // The gradient check uses the seed-2 data, as the notebook does.
        Tensor x2 = toyData(2);
        Tensor y = Tensor.zeros(5, 3);
        int[] classes = {0, 1, 2, 2, 1};
        for (int i = 0; i < classes.length; i++) {
            y.set(i, classes[i], 1.0);
        }
        MSECriterion mse = new MSECriterion();
        Tensor out = linear.forward(x2);
        System.out.printf("%nMSE on the seed-2 data: %.8f%n", mse.forward(out, y));
        linear.zeroGradParameters();
        Tensor gradX = linear.backward(x2, mse.backward(out, y));
        System.out.println("gradient w.r.t. W:");
        System.out.println(linear.gradWeight());
        System.out.println("gradient w.r.t. input:");
        System.out.println(gradX);
    }

    private static Tensor toyData(long seed) {
        double[] x = new NumpyRandom(seed).randn(20);
        for (int i = 0; i < x.length; i++) {
            x[i] *= 10;
        }
        return Tensor.wrap(x, 5, 4);
    }
}
