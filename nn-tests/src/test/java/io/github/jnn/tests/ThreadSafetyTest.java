package io.github.jnn.tests;

import io.github.jnn.data.Dataset;
import io.github.jnn.data.Digits;
import io.github.jnn.nn.BatchNormalization;
import io.github.jnn.nn.Linear;
import io.github.jnn.nn.LogSoftMax;
import io.github.jnn.nn.Module;
import io.github.jnn.nn.Predictor;
import io.github.jnn.nn.ReLU;
import io.github.jnn.nn.Sequential;
import io.github.jnn.optim.SGD;
import io.github.jnn.random.NumpyRandom;
import io.github.jnn.tensor.Tensor;
import io.github.jnn.train.Trainer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The thread contract: one module per thread, detected when broken; a Predictor serves many threads. */
class ThreadSafetyTest {

    private static Sequential architecture() {
        NumpyRandom rng = new NumpyRandom(3);
        return new Sequential(new Linear(64, 48, true, rng), new BatchNormalization(0.9), new ReLU(),
                new Linear(48, 10, true, rng), new LogSoftMax());
    }

    @Test
    void predictorGivesEveryThreadTheSingleThreadedBits() throws Exception {
        Dataset[] split = Digits.load().scaled(1.0 / 16).split(0.8, new NumpyRandom(0));
        Sequential net = architecture();
        new Trainer(net, new SGD(net, 0.05, 0.9)).epochs(2).progress(null).fit(split[0], null, new NumpyRandom(1));
        net.evaluate();
        List<Tensor> batches = new ArrayList<>();
        List<double[]> want = new ArrayList<>();
        for (int start = 0; start + 16 <= split[1].size(); start += 16) {
            Tensor x = split[1].featureRows(start, 16);
            batches.add(x);
            want.add(net.forward(x).toDoubleArray());
        }
        Predictor predictor = new Predictor(net, ThreadSafetyTest::architecture);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<double[]>>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    List<double[]> got = new ArrayList<>();
                    for (int round = 0; round < 5; round++) {
                        for (Tensor x : batches) {
                            got.add(predictor.predict(x).toDoubleArray());
                        }
                    }
                    return got;
                }));
            }
            for (Future<List<double[]>> f : results) {
                List<double[]> got = f.get(2, TimeUnit.MINUTES);
                for (int i = 0; i < got.size(); i++) {
                    assertArrayEquals(want.get(i % want.size()), got.get(i), 0.0, "batch " + i);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThrows(IllegalArgumentException.class, () -> new Predictor(net,
                () -> new Sequential(new Linear(64, 10, true, new NumpyRandom(0)), new LogSoftMax())));
    }

    /** A module whose forward waits until the test lets it go, so two calls overlap for certain. */
    static final class Gate extends Module {
        final CountDownLatch inside = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        protected Tensor updateOutput(Tensor input) {
            inside.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return input;
        }

        @Override
        protected Tensor updateGradInput(Tensor input, Tensor gradOutput) {
            return gradOutput;
        }

        @Override
        public String toString() {
            return "Gate";
        }
    }

    @Test
    void aSecondThreadInsideTheSameModuleIsAnError() throws Exception {
        Gate gate = new Gate();
        Sequential shared = new Sequential(gate);
        Tensor x = Tensor.zeros(1, 1);
        Thread first = new Thread(() -> shared.forward(x), "first");
        first.start();
        assertTrue(gate.inside.await(30, TimeUnit.SECONDS));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> shared.forward(x));
        assertTrue(e.getMessage().contains("while first is using this module") && e.getMessage().contains("Predictor"),
                e.getMessage());
        gate.release.countDown();
        first.join(30_000);
        shared.forward(x); // released: usable again from this thread
    }
}
