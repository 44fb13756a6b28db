package io.github.jnn.examples;

import io.github.jnn.data.Dataset;
import io.github.jnn.io.IdxFiles;
import io.github.jnn.io.SafeTensors;
import io.github.jnn.kernels.KernelThreads;
import io.github.jnn.kernels.Kernels;
import io.github.jnn.nn.Conv2d;
import io.github.jnn.nn.Flatten;
import io.github.jnn.nn.Linear;
import io.github.jnn.nn.LogSoftMax;
import io.github.jnn.nn.MaxPool2d;
import io.github.jnn.nn.ReLU;
import io.github.jnn.nn.Sequential;
import io.github.jnn.nn.Unflatten;
import io.github.jnn.optim.Adam;
import io.github.jnn.random.NumpyRandom;
import io.github.jnn.tensor.DType;
import io.github.jnn.train.EpochResult;
import io.github.jnn.train.HistoryChart;
import io.github.jnn.train.Metrics;
import io.github.jnn.train.Trainer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Trains a LeNet-like CNN on Fashion-MNIST: conv5-32, ReLU, pool 2, conv5-64, ReLU, pool 2, flatten, 1024-10,
 * LogSoftMax (ClassNLL, PyTorch's Adam with lr 1e-3, batch 64). Each conv and its ReLU run as one fused
 * kernel call; the vector set lowers the convolutions onto its threaded matrix products. Prints each epoch,
 * the test accuracy and samples/s, writes the history chart and the weights as safetensors under the names
 * PyTorch's {@code state_dict} gives the same {@code nn.Sequential} ({@code 1.weight}, {@code 1.bias},
 * {@code 4.weight}, ..., {@code 8.weight}), and reloads them to check the round trip.
 *
 * <pre>java --add-modules=jdk.incubator.vector -cp nn-bench/target/benchmarks.jar io.github.jnn.examples.CnnExample
 *      [--idx /usr/share/datasets/fashion-mnist] [--epochs 8] [--limit N] [--test-limit N]
 *      [--kernels vector] [--dtype float32] [--threads N] [--out cnn-report]</pre>
 */
public final class CnnExample {
    private static final String USAGE = "CnnExample [--idx /usr/share/datasets/fashion-mnist] [--epochs 8]"
            + " [--limit N] [--test-limit N] [--kernels vector|scalar] [--dtype float32|float64] [--threads N]"
            + " [--out cnn-report]";

    private CnnExample() {
    }

    public static void main(String[] args) throws IOException {
        Path idx = Path.of("/usr/share/datasets/fashion-mnist");
        int epochs = 8;
        int limit = Integer.MAX_VALUE;
        int testLimit = Integer.MAX_VALUE;
        Kernels kernels = Kernels.getDefault();
        DType dtype = DType.FLOAT32;
        Path out = Path.of("cnn-report");
        ExampleArgs a = new ExampleArgs(args);
        try {
            for (String option; (option = a.next()) != null; ) {
                switch (option) {
                    case "--idx":
                        idx = Path.of(a.value());
                        break;
                    case "--epochs":
                        epochs = a.count();
                        break;
                    case "--limit":
                        limit = a.count();
                        break;
                    case "--test-limit":
                        testLimit = a.count();
                        break;
                    case "--kernels":
                        kernels = a.value(Kernels::byName);
                        break;
                    case "--dtype":
                        dtype = a.value(DType::byName);
                        break;
                    case "--threads":
                        a.threads();
                        break;
                    case "--out":
                        out = Path.of(a.value());
                        break;
                    default:
                        throw a.unknown();
                }
            }
        } catch (ExampleArgs.UsageError e) {
            ExampleArgs.exit(e, USAGE);
        }
        if (!java.nio.file.Files.isDirectory(idx)) {
            System.err.println("Fashion-MNIST not found at " + idx + ": apt-get install dataset-fashion-mnist, or "
                    + "--idx DIR for a directory of MNIST-style IDX files");
            System.exit(2);
        }
        Dataset[] files = IdxFiles.loadDirectory(idx);
        Dataset train = files[0].head(limit);
        Dataset test = files[1].head(testLimit);
        System.out.printf(Locale.ROOT, "%s: %d training and %d test samples, %s kernels, %s, %d kernel threads, "
                        + "%d epochs%n", idx, train.size(), test.size(), kernels.name(), dtype.name().toLowerCase(),
                KernelThreads.get(), epochs);

        NumpyRandom rng = new NumpyRandom(1);
        Sequential net = network(rng);
        net.setKernels(kernels).to(dtype);
        System.out.println(net);
        Adam adam = new Adam(net, 1e-3, 0.9, 0.999, 1e-8, 0.0, Adam.Form.PYTORCH);
        long start = System.nanoTime();
        List<EpochResult> history = new Trainer(net, adam).epochs(epochs).batchSize(64).progress(System.out)
                .fit(train, test, rng);
        double seconds = (System.nanoTime() - start) / 1e9;
        EpochResult last = history.get(history.size() - 1);

        String run = "fashion-cnn-" + kernels.name() + "-" + dtype.name().toLowerCase();
        Path weights = out.resolve(run + ".safetensors");
        SafeTensors.save(net, weights);
        Sequential reloaded = network(new NumpyRandom(99));
        reloaded.setKernels(kernels).to(dtype);
        SafeTensors.load(reloaded, weights);
        double reloadedAccuracy = Metrics.accuracy(reloaded, test);
        Path chart = out.resolve(run + ".svg");
        HistoryChart.write(history, "Fashion-MNIST CNN (conv5-32, pool, conv5-64, pool, 1024-10), " + kernels.name()
                + ", " + dtype.name().toLowerCase(), chart);
        System.out.printf(Locale.ROOT, "%ntest accuracy %.2f%% after %d epochs (reloaded from %s: %.2f%%), "
                        + "%.0f s in all, %,.0f samples/s in the last epoch, chart %s%n", 100 * last.testAccuracy,
                epochs, weights, 100 * reloadedAccuracy, seconds, last.samplesPerSecond, chart);
    }

    /**
     * The CNN, as {@code nn.Sequential(nn.Unflatten(1, (1, 28, 28)), nn.Conv2d(1, 32, 5), nn.ReLU(),
     * nn.MaxPool2d(2), nn.Conv2d(32, 64, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(1024, 10),
     * nn.LogSoftmax(1))}: 28 → 24 → 12 → 8 → 4, 64·4·4 = 1024 features.
     */
    public static Sequential network(NumpyRandom rng) {
        return new Sequential(new Unflatten(1, 28, 28),
                new Conv2d(1, 32, 5, 1, 0, true, rng), new ReLU(), new MaxPool2d(2),
                new Conv2d(32, 64, 5, 1, 0, true, rng), new ReLU(), new MaxPool2d(2),
                new Flatten(), new Linear(1024, 10, true, rng), new LogSoftMax());
    }
}
