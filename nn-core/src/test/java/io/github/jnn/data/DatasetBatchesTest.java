package io.github.jnn.data;

import io.github.jnn.random.NumpyRandom;
import io.github.jnn.tensor.DType;
import io.github.jnn.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DatasetBatchesTest {

    /** 11 rows of 3 features, row i holding i, i + 0.5, -i, label i % 4. */
    private static Dataset rows(DType dtype) {
        Tensor x = Tensor.zeros(11, 3);
        int[] y = new int[11];
        for (int i = 0; i < 11; i++) {
            x.set(i, 0, i);
            x.set(i, 1, i + 0.5);
            x.set(i, 2, -i);
            y[i] = i % 4;
        }
        return new Dataset(x.to(dtype), y, 4);
    }

    @ParameterizedTest(name = "{0}, batch {1}, dropLast {2}")
    @CsvSource({"float64, 4, false", "float32, 4, false", "float64, 4, true", "float64, 11, false",
        "float32, 20, false", "float64, 1, true"})
    void reusingBatchesHoldWhatBatchesHoldInTheSameOrder(String dtype, int batch, boolean dropLast) {
        Dataset d = rows(DType.byName(dtype));
        Iterable<Dataset.Batch> copies = d.batches(batch, dropLast, new NumpyRandom(5));
        Iterable<Dataset.Batch> reused = d.reusingBatches(batch, dropLast, new NumpyRandom(5));
        List<Dataset.Batch> firstEpoch = new ArrayList<>();
        for (int epoch = 0; epoch < 3; epoch++) {
            Iterator<Dataset.Batch> expected = copies.iterator();
            int b = 0;
            for (Dataset.Batch got : reused) {
                Dataset.Batch want = expected.next();
                String at = "epoch " + epoch + ", batch " + b;
                assertArrayEquals(want.x.toArray(), got.x.toArray(), at);
                assertEquals(want.x.dtype(), got.x.dtype(), at);
                assertArrayEquals(want.y.doubles(), got.y.doubles(), at);
                assertArrayEquals(want.labels, got.labels, at);
                if (epoch == 0) {
                    firstEpoch.add(got);
                } else {
                    assertSame(firstEpoch.get(b), got, at + ": the buffers of the first epoch, refilled");
                }
                b++;
            }
            assertEquals(false, expected.hasNext(), "as many batches as batches() gives");
            assertEquals(d.batchCount(batch, dropLast), b);
        }
    }

    @org.junit.jupiter.api.Test
    void reusingBatchesCheckTheirArguments() {
        Dataset d = rows(DType.FLOAT64);
        assertEquals("Dataset.reusingBatches: batch size must be positive, got 0",
                assertThrows(IllegalArgumentException.class, () -> d.reusingBatches(0, false, new NumpyRandom(0)))
                        .getMessage());
        assertEquals("Dataset.reusingBatches: random source is null",
                assertThrows(IllegalArgumentException.class, () -> d.reusingBatches(2, false, null)).getMessage());
    }
}
