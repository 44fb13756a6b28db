package io.github.jnn.train;

import io.github.jnn.data.Dataset;
import io.github.jnn.nn.Linear;
import io.github.jnn.nn.LogSoftMax;
import io.github.jnn.nn.Sequential;
import io.github.jnn.optim.SGD;
import io.github.jnn.random.NumpyRandom;
import io.github.jnn.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Trainer refuses what cannot train and stops what diverges, naming why. */
class TrainerGuardsTest {

    private static Sequential net() {
        return new Sequential(new Linear(2, 2, true, new NumpyRandom(0)), new LogSoftMax());
    }

    private static Dataset data(int n) {
        Tensor x = Tensor.zeros(n, 2);
        for (int i = 0; i < n; i++) {
            x.set(i, 0, i % 2 == 0 ? 1 : -1);
        }
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
        }
        return new Dataset(x, y, 2);
    }

    @Test
    void emptyDataOrNoBatchIsRefusedBeforeTraining() {
        Sequential net = net();
        Trainer t = new Trainer(net, new SGD(net, 0.1, 0)).progress(null).batchSize(8);
        NumpyRandom rng = new NumpyRandom(0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.fit(data(0), null, rng));
        assertTrue(e.getMessage().contains("no samples"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> t.dropLast(true).fit(data(5), null, rng));
        assertTrue(e.getMessage().contains("5 samples make no batch of 8"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> t.criterion(null));
        assertThrows(IllegalArgumentException.class, () -> t.fit(null, null, rng));
        assertThrows(IllegalArgumentException.class, () -> t.fit(data(8), data(0), rng));
    }

    @Test
    void aLossGrowingFarPastItsStartStopsTraining() {
        // a step far too large on labels that flip: the loss grows with the logits while staying finite
        Sequential net = net();
        Dataset flipped = data(16);
        for (int i = 0; i < 16; i += 4) {
            flipped.labels()[i] = 1 - flipped.labels()[i];
        }
        Trainer t = new Trainer(net, new SGD(net, 1e4, 0.9)).progress(null).batchSize(2).epochs(20)
                .divergenceFactor(10);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> t.fit(flipped, null, new NumpyRandom(1)));
        assertTrue(e.getMessage().contains("is over 10.0 times the first batch's"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> t.divergenceFactor(0.5));
    }

    @Test
    void aNonFiniteTestLossStopsTraining() {
        Sequential net = net();
        Dataset test = data(4);
        test.features().set(0, 0, Double.NaN);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> new Trainer(net, new SGD(net, 0.1, 0)).progress(null).epochs(1).fit(data(8), test,
                        new NumpyRandom(0)));
        assertEquals("training diverged: test loss NaN after epoch 1 (try a smaller learning rate)", e.getMessage());
    }

    @Test
    void anOptimizerOverAnotherModelIsRefused() {
        Sequential net = net();
        Sequential other = net();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(net, new SGD(other, 0.1, 0.9)));
        assertTrue(e.getMessage().startsWith("Trainer: the SGD updates none of the model's parameters"),
                e.getMessage());
        // a part of the model's parameters (the first layer's only) is a choice, not a mistake
        new Trainer(net, new SGD(net.parameters().subList(0, 2), 0.1, 0.9, 0, SGD.Form.COURSE));
        Sequential noParameters = new Sequential(new LogSoftMax());
        new Trainer(noParameters, new SGD(other, 0.1, 0.9));
    }
}
