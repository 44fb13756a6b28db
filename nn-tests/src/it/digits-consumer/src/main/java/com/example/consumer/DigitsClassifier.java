package com.example.consumer;

import io.github.jnn.data.Dataset;
import io.github.jnn.data.Digits;
import io.github.jnn.nn.Linear;
import io.github.jnn.nn.LogSoftMax;
import io.github.jnn.nn.ReLU;
import io.github.jnn.nn.Sequential;
import io.github.jnn.optim.SGD;
import io.github.jnn.random.NumpyRandom;
import io.github.jnn.train.Metrics;
import io.github.jnn.train.Trainer;

/** A user's program: a small MLP on the digits that ship in nn-core, returning its test accuracy. */
public final class DigitsClassifier {
    private DigitsClassifier() {
    }

    public static double trainAndTest(int epochs) {
        NumpyRandom rng = new NumpyRandom(0);
        Dataset[] split = Digits.load().scaled(1.0 / 16).split(0.8, rng);
        Sequential net = new Sequential()
                .add(new Linear(64, 64, true, rng)).add(new ReLU())
                .add(new Linear(64, 10, true, rng)).add(new LogSoftMax());
        new Trainer(net, new SGD(net, 0.05, 0.9)).epochs(epochs).batchSize(64).progress(null)
                .fit(split[0], split[1], rng);
        return Metrics.accuracy(net, split[1]);
    }

    public static void main(String[] args) {
        System.out.println("test accuracy " + trainAndTest(30));
    }
}
