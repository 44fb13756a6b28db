package io.github.jnn.train;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HistoryChartTest {

    private static List<EpochResult> history(int epochs) {
        List<EpochResult> h = new ArrayList<>();
        for (int e = 0; e < epochs; e++) {
            double loss = 2.3 / (1 + e);
            h.add(new EpochResult(e, loss, 0.5 + 0.4 * e / epochs, loss * 1.1, 0.48 + 0.4 * e / epochs, 1, 1000));
        }
        return h;
    }

    private static List<String> texts(String svg) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("<text[^>]*>([^<]*)</text>").matcher(svg);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void axesHaveOneTwoFiveTicksAndGridLines() {
        String svg = HistoryChart.svg(history(60), "digits");
        List<String> t = texts(svg);
        // loss 0.0377..2.53: ticks 0, 0.5, ... 3; accuracy 48..89 %: 40, 50, ... 90; epochs 1, 10, ..., 60
        for (String tick : List.of("0", "0.5", "1", "1.5", "2", "2.5", "3", "40", "50", "90", "10", "30", "60")) {
            assertTrue(t.contains(tick), "tick " + tick + " in " + t);
        }
        assertTrue(!t.contains("0.0377") && !t.contains("2.53"), "no raw extremes as ticks: " + t);
        int grid = svg.split("stroke=\"#e2e2e2\"").length - 1;
        assertEquals(7 + 6 + 2 * 7, grid, "horizontal grid per value tick, vertical per epoch tick");
        assertEquals(4, svg.split("<polyline").length - 1);
    }

    @Test
    void fewEpochsGetEveryEpochAndOneEpochStillDraws() {
        List<String> t = texts(HistoryChart.svg(history(3), "t"));
        assertTrue(t.containsAll(List.of("1", "2", "3")), t.toString());
        String one = HistoryChart.svg(history(1), "t");
        assertTrue(texts(one).contains("1"));
        assertEquals(4, one.split("<polyline").length - 1);
    }

    @Test
    void valueTypesPrintReadably() {
        EpochResult r = new EpochResult(2, 0.1234, 0.965, 0.14, 0.958, 1.2, 12000);
        assertEquals("epoch 3: loss 0.1234, train 96.50%, test loss 0.1400, test 95.80%, 1.20 s, 12,000 samples/s",
                r.toString());
        assertEquals("epoch 3/20  loss 0.1234  train 96.50%  test loss 0.1400  test 95.80%  1.20 s  12,000 samples/s",
                r.format(20));
        EpochResult noTest = new EpochResult(2, 0.1234, 0.965, Double.NaN, Double.NaN, 1.2, 12000);
        assertEquals("epoch 3: loss 0.1234, train 96.50%, 1.20 s, 12,000 samples/s", noTest.toString());
        assertEquals("epoch 3/20  loss 0.1234  train 96.50%  1.20 s  12,000 samples/s", noTest.format(20));
    }
}
