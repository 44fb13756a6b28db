package io.github.jnn.tests;

import io.github.jnn.data.Dataset;
import io.github.jnn.data.Digits;
import io.github.jnn.kernels.Kernels;
import io.github.jnn.nn.Linear;
import io.github.jnn.nn.LogSoftMax;
import io.github.jnn.nn.ReLU;
import io.github.jnn.nn.Sequential;
import io.github.jnn.optim.SGD;
import io.github.jnn.random.NumpyRandom;
import io.github.jnn.tensor.Tensor;
import io.github.jnn.train.EpochResult;
import io.github.jnn.train.HistoryChart;
import io.github.jnn.train.Metrics;
import io.github.jnn.train.Trainer;
import io.github.jnn.train.TrainingDivergedException;
import io.github.jnn.train.TrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The training loop end to end on the shipped digits. */
class TrainerTest {

    private static Sequential network(int in, NumpyRandom rng) {
        return new Sequential(new Linear(in, 256, true, rng), new ReLU(), new Linear(256, 10, true, rng),
                new LogSoftMax());
    }

    /** The target: at least 97 % test accuracy on digits, fixed seed, 80/20 split. */
    @ParameterizedTest
    @MethodSource("io.github.jnn.kernels.KernelSets#all")
    void digitsReach97Percent(Kernels k) {
        Dataset[] split = Digits.load().scaled(1.0 / 16).split(0.8, new NumpyRandom(0));
        NumpyRandom rng = new NumpyRandom(1);
        Sequential net = network(64, rng);
        net.setKernels(k);
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        AtomicInteger batches = new AtomicInteger();
        List<EpochResult> h = new Trainer(net, new SGD(net, 0.05, 0.9)).epochs(60).batchSize(128)
                .progress(new PrintStream(lines, true, StandardCharsets.UTF_8)).progressBar(false)
                .listener(new TrainingListener() {
                    @Override
                    public void onBatchEnd(int epoch, int batch, int count, double loss) {
                        batches.incrementAndGet();
                    }
                })
                .fit(split[0], split[1], rng);
        assertEquals(60, h.size());
        assertEquals(60 * 12, batches.get(), "1438 samples in batches of 128: 12 per epoch");
        assertEquals(60, lines.toString(StandardCharsets.UTF_8).lines().count(), "one line per epoch");
        double acc = h.get(59).testAccuracy;
        assertTrue(acc >= 0.97, "test accuracy " + acc);
        assertEquals(acc, Metrics.accuracy(net, split[1]), 1e-12);
        int[][] cm = Metrics.confusionMatrix(net, split[1]);
        int diagonal = 0;
        for (int i = 0; i < 10; i++) {
            diagonal += cm[i][i];
        }
        assertEquals(Math.round(acc * split[1].size()), diagonal);
    }

    @Test
    void divergenceNamesEpochAndBatch() {
        Tensor x = Tensor.zeros(8, 2);
        x.set(5, 0, Double.NaN);
        Dataset d = new Dataset(x, new int[8], 2);
        NumpyRandom rng = new NumpyRandom(0);
        Sequential net = new Sequential(new Linear(2, 2, true, rng), new LogSoftMax());
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> new Trainer(net, new SGD(net, 0.1, 0)).batchSize(8).progress(null).fit(d, null, rng));
        assertEquals("training diverged: loss NaN at epoch 1, batch 1 (try a smaller learning rate)", e.getMessage());
    }

    @Test
    void historyChartIsWritten(@TempDir Path dir) throws Exception {
        Dataset[] split = Digits.load().scaled(1.0 / 16).split(0.8, new NumpyRandom(0));
        NumpyRandom rng = new NumpyRandom(1);
        Sequential net = network(64, rng);
        List<EpochResult> h = new Trainer(net, new SGD(net, 0.05, 0.9)).epochs(3).progress(null)
                .fit(split[0], split[1], rng);
        Path svg = dir.resolve("chart.svg");
        HistoryChart.write(h, "digits", svg);
        String s = Files.readString(svg);
        assertTrue(s.startsWith("<svg"));
        assertEquals(4, s.split("<polyline").length - 1, "train and test lines in two panels");
    }
}
