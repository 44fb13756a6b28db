package io.github.jnn.data;

import io.github.jnn.random.NumpyRandom;
import io.github.jnn.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Rows that are not there, counts below zero and factors that are not numbers are refused, naming the call. */
class DatasetGuardsTest {

    private static Dataset rows(int n) {
        Tensor x = Tensor.zeros(n, 3);
        for (int i = 0; i < x.size(); i++) {
            x.setFlat(i, i);
        }
        return new Dataset(x, new int[n], 2);
    }

    @Test
    void rowsOutsideTheDataAreRefusedWithTheRangeAndSize() {
        Dataset d = rows(5);
        assertEquals(3.0, d.featureRows(1, 2).get(0, 0));
        assertEquals(0, d.featureRows(5, 0).rows());
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> d.featureRows(4, 2));
        assertEquals("Dataset.featureRows: rows [4, 4 + 2) are not within the 5 rows", e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> d.featureRows(-1, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> d.featureRows(1, -1));
        assertThrows(IndexOutOfBoundsException.class, () -> d.featureRows(Integer.MAX_VALUE, 2));
        e = assertThrows(IndexOutOfBoundsException.class, () -> d.subset(new int[] {0, 5}));
        assertEquals("Dataset.subset: indices[1] = 5 is not a row of the 5 rows", e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> d.subset(new int[] {-1}));
        assertThrows(IllegalArgumentException.class, () -> d.subset(null));
        assertEquals(12.0, d.subset(new int[] {4}).features().get(0, 0));
    }

    @Test
    void countsAndFactorsAreChecked() {
        Dataset d = rows(5);
        assertEquals(5, d.head(9).size());
        assertEquals(0, d.head(0).size());
        assertEquals("Dataset.head: count must not be negative, got -1",
                assertThrows(IllegalArgumentException.class, () -> d.head(-1)).getMessage());
        assertEquals("Dataset.batchCount: batch size must be positive, got 0",
                assertThrows(IllegalArgumentException.class, () -> d.batchCount(0, false)).getMessage());
        assertEquals(3, d.batchCount(2, false));
        assertEquals(2, d.batchCount(2, true));
        for (double f : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            assertThrows(IllegalArgumentException.class, () -> d.scaled(f));
        }
        assertEquals(1.5, d.scaled(0.5).features().get(1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Dataset(Tensor.zeros(0, 3), new int[0], 0));
    }

    @Test
    void missingSourcesAreNamed() {
        Dataset d = rows(5);
        assertEquals("Dataset.batches: random source is null",
                assertThrows(IllegalArgumentException.class, () -> d.batches(2, false, null)).getMessage());
        assertEquals("Dataset.split: random source is null",
                assertThrows(IllegalArgumentException.class, () -> d.split(0.5, null)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Dataset.standardize(d, null));
        assertThrows(IllegalArgumentException.class, () -> Dataset.standardize(null, d));
        assertEquals(2, d.split(0.6, new NumpyRandom(0))[1].size());
    }
}
