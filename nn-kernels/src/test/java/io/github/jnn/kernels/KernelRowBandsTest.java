package io.github.jnn.kernels;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class KernelRowBandsTest {
    /**
     * Each output row's class holds exactly the patch elements whose kernel row reads inside [top, bottom), in
     * kernel-row order, and they are the run of {@code all} from {@code first}: ConvDirect packs {@code all}
     * once and reads every class's kernels from there.
     */
    @Test
    void eachClassIsTheRunOfItsKernelRowsInsideTheBand() {
        Random random = new Random(11);
        for (int trial = 0; trial < 300; trial++) {
            int k = 1 + random.nextInt(5);
            int pad = random.nextInt(k + 1);
            int h = Math.max(1, k - 2 * pad) + random.nextInt(12);
            int inC = 1 + random.nextInt(3);
            int stride = 1 + random.nextInt(2);
            Conv2dShape s = new Conv2dShape(1, inC, h, k + random.nextInt(4), 8, k, k, stride, 1, pad, 0);
            KernelRowBands bands = s.rowBands(pad, pad + h);
            String what = s.toString();
            assertEquals(s.patchLength(), bands.all.length, what);
            for (int oh = 0; oh < s.outH; oh++) {
                int c = bands.classOf[oh];
                int[] expected = new int[s.patchLength()];
                int n = 0;
                for (int i = 0; i < s.kh; i++) {
                    int r = oh * s.strideH + i;
                    for (int ch = 0; ch < s.inC; ch++) {
                        for (int j = 0; r >= pad && r < pad + h && j < s.kw; j++) {
                            expected[n++] = (ch * s.kh + i) * s.kw + j;
                        }
                    }
                }
                assertArrayEquals(Arrays.copyOf(expected, n), bands.elements[c], what + ", output row " + oh);
                assertArrayEquals(bands.elements[c],
                        Arrays.copyOfRange(bands.all, bands.first[c], bands.first[c] + n), what + ", row " + oh);
                for (int q = 0; q < n; q++) {
                    assertEquals(s.patches().columns[bands.elements[c][q]], bands.columns[c][q], what);
                }
            }
        }
    }
}
