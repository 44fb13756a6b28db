package io.github.jnn.nn;

import io.github.jnn.random.NumpyRandom;
import io.github.jnn.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Batches of zero or one row and modes switched at the wrong time: clear errors, state never corrupted. */
class OddBatchesTest {

    @Test
    void criteriaRefuseAnEmptyBatch() {
        Tensor empty = Tensor.zeros(0, 3);
        for (Criterion c : new Criterion[] {new MSECriterion(), new ClassNLLCriterion(), new ClassNLLCriterionUnstable()}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> c.forward(empty, c instanceof MSECriterion ? Tensor.zeros(0, 3) : Tensor.zeros(0)));
            assertTrue(e.getMessage().startsWith(c + ": input shape [0, 3] has no rows"), e.getMessage());
        }
    }

    @Test
    void batchNormalizationTrainingNeedsTwoRowsAndKeepsItsStatistics() {
        BatchNormalization bn = new BatchNormalization(0.9);
        bn.forward(Tensor.of(new double[][] {{1, 2}, {3, 6}}));
        double[] mean = bn.movingMean();
        double[] var = bn.movingVariance();
        for (int rows : new int[] {0, 1}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> bn.forward(Tensor.zeros(rows, 2)));
            assertTrue(e.getMessage().contains("at least 2 rows"), e.getMessage());
        }
        assertArrayEquals(mean, bn.movingMean(), 0.0);
        assertArrayEquals(var, bn.movingVariance(), 0.0);
        bn.evaluate();
        Tensor one = bn.forward(Tensor.of(new double[][] {{1, 2}}));
        assertTrue(Double.isFinite(one.getFlat(0)) && Double.isFinite(one.getFlat(1)), "evaluation takes one row");
    }

    @Test
    void switchingModesBetweenForwardAndBackwardIsExplained() {
        Tensor x = Tensor.of(new double[][] {{1, 2}, {3, 4}});
        Dropout d = new Dropout(0.5, new NumpyRandom(0));
        d.forward(x);
        d.evaluate();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> d.backward(x, x));
        assertTrue(e.getMessage().contains("the last forward ran in training mode"), e.getMessage());
        d.forward(x);
        d.train();
        e = assertThrows(IllegalStateException.class, () -> d.backward(x, x));
        assertTrue(e.getMessage().contains("evaluation mode but backward runs in training"), e.getMessage());
        d.forward(x);
        assertEquals(2, d.backward(x, x).dim(0), "consistent modes still work");
        BatchNormalization bn = new BatchNormalization(0.9);
        bn.forward(x);
        bn.evaluate();
        assertThrows(IllegalStateException.class, () -> bn.backward(x, x));
    }
}
