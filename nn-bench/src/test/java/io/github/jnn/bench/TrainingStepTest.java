package io.github.jnn.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The step the benchmarks and the PyTorch comparison time: it trains, in both forms, for both networks. */
class TrainingStepTest {

    @ParameterizedTest
    @ValueSource(strings = {"784x32x10@16", TrainingStep.CNN + "@8"})
    void repeatedStepsOnOneBatchLowerItsLoss(String network) {
        for (boolean lean : new boolean[] {true, false}) {
            TrainingStep step = new TrainingStep(network, "float32", "vector", lean);
            double first = step.step();
            // ten labels over random inputs: the untrained network's loss is near ln 10
            assertEquals(Math.log(10), first, 1.0, network + " first loss");
            double last = first;
            for (int i = 0; i < 20; i++) {
                last = step.step();
            }
            assertTrue(last < 0.5 * first, network + (lean ? " lean" : " full") + ": loss " + first + " -> " + last);
        }
    }

    @Test
    void aNetworkOfAnotherFormIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TrainingStep("784x10@64", "float32", "vector", true));
        assertTrue(e.getMessage().contains("784x10@64"), e.getMessage());
    }
}
