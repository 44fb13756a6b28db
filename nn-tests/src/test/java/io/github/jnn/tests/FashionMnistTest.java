package io.github.jnn.tests;

import io.github.jnn.data.Dataset;
import io.github.jnn.io.IdxFiles;
import io.github.jnn.nn.Conv2d;
import io.github.jnn.nn.Flatten;
import io.github.jnn.nn.Linear;
import io.github.jnn.nn.LogSoftMax;
import io.github.jnn.nn.MaxPool2d;
import io.github.jnn.nn.ReLU;
import io.github.jnn.nn.Sequential;
import io.github.jnn.nn.Unflatten;
import io.github.jnn.optim.Adam;
import io.github.jnn.optim.SGD;
import io.github.jnn.tensor.DType;
import io.github.jnn.random.NumpyRandom;
import io.github.jnn.train.EpochResult;
import io.github.jnn.train.Trainer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tests that read Debian's dataset-fashion-mnist: skipped with the reason where it is not installed,
 * required in CI ({@link FashionMnistData}).
 */
class FashionMnistTest {

    @Test
    void loadsTheWholeDataset() throws IOException {
        Dataset[] d = IdxFiles.loadDirectory(FashionMnistData.directoryOrSkip());
        assertEquals(60000, d[0].size());
        assertEquals(10000, d[1].size());
        assertEquals(784, d[0].featureCount());
        assertTrue(Arrays.stream(d[0].features().doubles()).allMatch(v -> v >= 0 && v <= 1));
    }

    /** A slice through the IDX loader and the trainer. */
    @Test
    void aSliceTrains() throws Exception {
        Dataset[] d = IdxFiles.loadDirectory(FashionMnistData.directoryOrSkip());
        NumpyRandom rng = new NumpyRandom(1);
        Sequential net = new Sequential()
                .add(new Linear(784, 256, true, rng)).add(new ReLU())
                .add(new Linear(256, 10, true, rng)).add(new LogSoftMax());
        List<EpochResult> h = new Trainer(net, new SGD(net, 0.05, 0.9)).epochs(2).progress(null)
                .fit(d[0].head(6000), d[1].head(2000), rng);
        assertTrue(h.get(1).testAccuracy > 0.75, "test accuracy " + h.get(1).testAccuracy);
    }

    /**
     * nn-bench's CnnExample network (conv5-32, pool, conv5-64, pool, 1024-10) and optimizer, float32, trained
     * one epoch on a 6,400-image slice (100 batches; it reaches 76 %): through Unflatten, the fused
     * Conv2d+ReLU, MaxPool2d and Flatten, the lean backward and Adam. Chance is 10 %; a broken gradient
     * anywhere stays near it.
     */
    @Test
    void aCnnTrainsOnASlice() throws Exception {
        Dataset[] d = IdxFiles.loadDirectory(FashionMnistData.directoryOrSkip());
        NumpyRandom rng = new NumpyRandom(1);
        Sequential net = new Sequential(new Unflatten(1, 28, 28),
                new Conv2d(1, 32, 5, 1, 0, true, rng), new ReLU(), new MaxPool2d(2),
                new Conv2d(32, 64, 5, 1, 0, true, rng), new ReLU(), new MaxPool2d(2),
                new Flatten(), new Linear(1024, 10, true, rng), new LogSoftMax()).to(DType.FLOAT32);
        Adam adam = new Adam(net, 1e-3, 0.9, 0.999, 1e-8, 0.0, Adam.Form.PYTORCH);
        List<EpochResult> h = new Trainer(net, adam).epochs(1).batchSize(64).progress(null)
                .fit(d[0].head(6400), d[1].head(1000), rng);
        assertTrue(h.get(0).testAccuracy > 0.70, "test accuracy " + h.get(0).testAccuracy);
    }
}
