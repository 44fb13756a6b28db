package io.github.jnn.kernels;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which output columns ConvDirect's row tiles leave over, and which kernel columns those read. */
class EdgeColumnsTest {

    @Test
    void thePaddedFourteenWideRowsLeaveTheirTwoEdgeColumns() {
        Conv2dShape s = new Conv2dShape(64, 32, 14, 14, 64, 5, 5, 1, 1, 2, 2);
        EdgeColumns e = s.edgeColumns(2, 16, 6);
        assertEquals(1, e.first); // tiles over columns 1-6 and 7-12
        assertEquals(2, e.tiles);
        assertArrayEquals(new int[] {0, 13}, e.columns);
        assertEquals(2, e.elements.length);
        assertEquals(32 * 5 * 3, e.elements[e.classOf[0]].length);
        assertEquals(32 * 5 * 3, e.elements[e.classOf[1]].length);
        assertEquals(2, e.elements[e.classOf[0]][0]); // column 0 reads kernel columns 2-4, column 13 0-2
        assertEquals(0, e.elements[e.classOf[1]][0]);
    }

    @Test
    void unpaddedRowsLeaveTheirLastColumnsWithEveryKernelColumn() {
        Conv2dShape s = new Conv2dShape(64, 32, 12, 12, 64, 5, 5, 1, 1, 0, 0);
        EdgeColumns e = s.edgeColumns(0, 12, 6);
        assertEquals(0, e.first);
        assertArrayEquals(new int[] {6, 7}, e.columns);
        assertEquals(1, e.elements.length);
        assertEquals(s.patchLength(), e.elements[0].length);
    }

    @Test
    void everyColumnIsTiledOrLeftOverOnceAndReadsExactlyTheKernelColumnsInside() {
        Random random = new Random(7);
        for (int trial = 0; trial < 400; trial++) {
            int k = 1 + random.nextInt(5);
            int pad = random.nextInt(k + 2);
            int w = Math.max(1, k - 2 * pad) + random.nextInt(30);
            int inC = 1 + random.nextInt(3);
            Conv2dShape s = new Conv2dShape(1, inC, k + random.nextInt(4), w, 8, k, k, 1, 1, 0, pad);
            int run = random.nextBoolean() ? 6 : 12;
            int left = pad;
            int right = pad + w;
            EdgeColumns e = s.edgeColumns(left, right, run);
            String what = s + " run " + run;
            int[] times = new int[s.outW];
            for (int p = e.first; p < e.first + e.tiles * run; p++) {
                times[p]++;
            }
            for (int ow : e.columns) {
                times[ow]++;
            }
            for (int ow = 0; ow < s.outW; ow++) {
                assertEquals(1, times[ow], what + ": column " + ow);
            }
            assertEquals(s.outW / run, e.tiles, what);
            int[] all = s.rowBands(0, s.h + 2 * pad).all; // the kernel-row order the tiles' kernels are packed in
            for (int c = 0; c < e.elements.length; c++) {
                for (int q = 0; q < e.elements[c].length; q++) {
                    assertEquals(e.elements[c][q], all[e.positions[c][q]], what);
                }
            }
            for (int i = 0; i < e.columns.length; i++) {
                int ow = e.columns[i];
                List<Integer> expected = new ArrayList<>(); // in kernel-row order: i, then c, then j
                for (int ki = 0; ki < s.kh; ki++) {
                    for (int c = 0; c < s.inC; c++) {
                        for (int j = 0; j < s.kw; j++) {
                            if (left <= ow + j && ow + j < right) {
                                expected.add((c * s.kh + ki) * s.kw + j);
                            }
                        }
                    }
                }
                int[] got = e.elements[e.classOf[i]];
                assertArrayEquals(expected.stream().mapToInt(Integer::intValue).toArray(), got,
                        what + ", column " + ow);
                for (int q = 0; q < got.length; q++) {
                    assertEquals(s.patches().columns[got[q]], e.offsets[e.classOf[i]][q], what);
                }
            }
            assertTrue(e.first <= s.outW - e.tiles * run, what);
        }
    }
}
