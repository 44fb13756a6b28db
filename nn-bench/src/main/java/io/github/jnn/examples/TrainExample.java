package io.github.jnn.examples;

import io.github.jnn.data.Dataset;
import io.github.jnn.data.Digits;
import io.github.jnn.io.IdxFiles;
import io.github.jnn.io.SafeTensors;
import io.github.jnn.kernels.KernelThreads;
import io.github.jnn.kernels.Kernels;
import io.github.jnn.nn.Linear;
import io.github.jnn.nn.LogSoftMax;
import io.github.jnn.nn.ReLU;
import io.github.jnn.nn.Sequential;
import io.github.jnn.optim.SGD;
import io.github.jnn.random.NumpyRandom;
import io.github.jnn.tensor.DType;
import io.github.jnn.train.EpochResult;
import io.github.jnn.train.HistoryChart;
import io.github.jnn.train.Metrics;
import io.github.jnn.train.Trainer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Trains the seminar's network (Linear-ReLU-Linear-LogSoftMax, ClassNLL, SGD with momentum, batch 128) end to
 * end, once per kernel set from the same seed: on scikit-learn's digits (shipped, 80/20 split, 64-256-10) by
 * default, or on an MNIST-style IDX directory (784-256-10) with {@code --idx DIR}; in float64 by default,
 * float32 (the model moved with {@code to(FLOAT32)}) with {@code --dtype float32}, or both. Prints each epoch,
 * the test accuracy and samples/s per kernel set and element type, writes a chart and the weights
 * (safetensors) for each, and reloads the weights to check the round trip.
 *
 * <pre>java --add-modules=jdk.incubator.vector -cp nn-bench/target/benchmarks.jar io.github.jnn.examples.TrainExample
 *      [--idx /usr/share/datasets/fashion-mnist] [--epochs N] [--limit N] [--kernels scalar,vector]
 *      [--dtype float64,float32] [--threads N] [--out DIR]</pre>
 */
public final class TrainExample {
    private static final String USAGE = "TrainExample [--idx DIR] [--epochs N] [--limit N] [--kernels scalar,vector]"
            + " [--dtype float64,float32] [--threads N] [--out train-report]";

    private TrainExample() {
    }

    public static void main(String[] args) throws IOException {
        Path idx = null;
        Integer epochsArg = null;
        int limit = Integer.MAX_VALUE;
        List<Kernels> kernelSets = Kernels.vectorAvailable() ? List.of(Kernels.scalar(), Kernels.vector())
                : List.of(Kernels.scalar());
        List<DType> dtypes = List.of(DType.FLOAT64);
        Path out = Path.of("train-report");
        ExampleArgs a = new ExampleArgs(args);
        try {
            for (String option; (option = a.next()) != null; ) {
                switch (option) {
                    case "--idx":
                        idx = Path.of(a.value());
                        break;
                    case "--epochs":
                        epochsArg = a.count();
                        break;
                    case "--limit":
                        limit = a.count();
                        break;
                    case "--kernels":
                        kernelSets = a.value(v -> each(v, Kernels::byName));
                        break;
                    case "--dtype":
                        dtypes = a.value(v -> each(v, DType::byName));
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

        Dataset train;
        Dataset test;
        String name;
        if (idx == null) {
            Dataset[] split = Digits.load().scaled(1.0 / 16).split(0.8, new NumpyRandom(0));
            train = split[0];
            test = split[1];
            name = "digits";
        } else {
            Dataset[] files = IdxFiles.loadDirectory(idx);
            train = files[0].head(limit);
            test = files[1];
            name = idx.getFileName().toString();
        }
        int epochs = epochsArg != null ? epochsArg : idx == null ? 60 : 20;
        System.out.printf("%s: %d training and %d test samples, %d features, %d classes, %d epochs, "
                        + "%d kernel threads (vector set; the scalar set is single-threaded)%n", name, train.size(),
                test.size(), train.featureCount(), train.classes(), epochs, KernelThreads.get());

        List<String> summary = new ArrayList<>();
        for (Kernels kernels : kernelSets) {
            for (DType dtype : dtypes) {
                String d = dtype.name().toLowerCase(Locale.ROOT); // as --dtype spells it
                String run = kernels.name() + (dtype == DType.FLOAT64 ? "" : "-" + d);
                NumpyRandom rng = new NumpyRandom(1);
                Sequential net = network(train.featureCount(), train.classes(), rng);
                net.setKernels(kernels).to(dtype);
                System.out.println("\n" + kernels + ", " + d + ":\n" + net);
                List<EpochResult> history = new Trainer(net, new SGD(net, 0.05, 0.9)).epochs(epochs).batchSize(128)
                        .fit(train, test, rng);
                EpochResult last = history.get(history.size() - 1);
                double meanRate = history.stream().mapToDouble(r -> r.samplesPerSecond).skip(Math.min(1, epochs - 1))
                        .average().orElse(Double.NaN);

                Path weights = out.resolve(name + "-" + run + ".safetensors");
                SafeTensors.save(net, weights);
                Sequential reloaded = network(train.featureCount(), train.classes(), new NumpyRandom(99));
                reloaded.setKernels(kernels).to(dtype);
                SafeTensors.load(reloaded, weights);
                double reloadedAcc = Metrics.accuracy(reloaded, test);
                Path chart = out.resolve(name + "-" + run + ".svg");
                HistoryChart.write(history, name + ", " + net.get(0) + " ..., " + kernels + ", " + d, chart);

                if (kernels == Kernels.getDefault() && dtype == DType.FLOAT64) {
                    System.out.println("confusion matrix (test):\n" + Metrics.format(Metrics.confusionMatrix(net, test)));
                }
                summary.add(String.format(Locale.ROOT, "%-7s %-7s test accuracy %.2f%% (reloaded from %s: %.2f%%), "
                                + "%,.0f samples/s (mean over epochs 2..%d), chart %s", kernels.name(), d,
                        100 * last.testAccuracy, weights, 100 * reloadedAcc, meanRate, epochs, chart));
            }
        }
        System.out.println();
        summary.forEach(System.out::println);
    }

    /** The seminar's classifier: Linear(in, 256) - ReLU - Linear(256, classes) - LogSoftMax, with bias. */
    static Sequential network(int in, int classes, NumpyRandom rng) {
        return new Sequential(new Linear(in, 256, true, rng), new ReLU(), new Linear(256, classes, true, rng),
                new LogSoftMax());
    }

    /** Each of {@code list}'s comma-separated names read by {@code parse}, in order (it throws on a bad one). */
    private static <T> List<T> each(String list, Function<String, T> parse) {
        List<T> read = new ArrayList<>();
        for (String name : list.split(",")) {
            read.add(parse.apply(name.trim()));
        }
        return read;
    }
}
