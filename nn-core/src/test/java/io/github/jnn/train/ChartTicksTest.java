package io.github.jnn.train;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChartTicksTest {

    @Test
    void stepsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertEquals(0.02, ChartTicks.step(0.013), 1e-15);
        assertEquals(1.0, ChartTicks.step(0.7), 1e-15);
        assertEquals(5.0, ChartTicks.step(3.1), 1e-15);
        assertEquals(20.0, ChartTicks.step(17), 1e-12);
        assertEquals(1.0, ChartTicks.step(1), 1e-15);
        assertEquals(100_000.0, ChartTicks.step(99_999), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> ChartTicks.step(0));
        assertThrows(IllegalArgumentException.class, () -> ChartTicks.step(Double.NaN));
    }

    @Test
    void linearTicksCoverTheRangeAtRoundValues() {
        assertEquals(List.of(0.0, 0.5, 1.0, 1.5, 2.0, 2.5), ChartTicks.linear(0.08, 2.31, 5));
        assertEquals(List.of(84.0, 86.0, 88.0, 90.0, 92.0), ChartTicks.linear(84.6, 91.2, 5));
        assertEquals(List.of(0.1, 0.2, 0.3, 0.4), ChartTicks.linear(0.1, 0.4, 3)); // no 0.30000000000000004
        assertThrows(IllegalArgumentException.class, () -> ChartTicks.linear(1, 1, 5));
    }

    @Test
    void labelsHaveNoTrailingZeros() {
        assertEquals("0.05", ChartTicks.label(0.05));
        assertEquals("20", ChartTicks.label(20.0));
        assertEquals("1.5", ChartTicks.label(1.5));
        assertEquals("1,000", ChartTicks.label(1000));
        assertEquals("0", ChartTicks.label(0));
        assertTrue(ChartTicks.label(0.3).equals("0.3"));
    }
}
