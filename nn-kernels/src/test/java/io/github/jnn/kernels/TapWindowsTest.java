package io.github.jnn.kernels;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which windows each of ConvDirect's weight-gradient tiles runs over. */
class TapWindowsTest {

    @Test
    void thePaddedLayerTakesKernelColumnsInTurnAndSkipsTheWindowsInThePadding() {
        Conv2dShape s = new Conv2dShape(64, 32, 14, 14, 64, 5, 5, 1, 1, 2, 2);
        TapWindows tw = s.tapWindows(6, 128);
        assertEquals(0, tw.order[0]); // kernel column 0, kernel row 0, channels in turn
        assertEquals(25, tw.order[1]);
        assertEquals(1, tw.samplesPerBlock);
        assertEquals(3, tw.partStart.length); // 196 windows in two parts of 98
        long steps = 0;
        for (int t = 0; t < tw.classOf.length; t++) {
            for (int part = 0; part < 2; part++) {
                steps += tw.upTo[tw.classOf[t]][part][1];
            }
        }
        // 4096 of the 4900 products per channel pair meet the image; the tiles' bounding rectangles add a few
        assertTrue(steps * 6 < 0.86 * 196 * 800, "window steps " + steps * 6);
    }

    @Test
    void anUnpaddedLayerKeepsThePatchOrderAndEveryWindow() {
        Conv2dShape s = new Conv2dShape(64, 32, 12, 12, 64, 5, 5, 1, 1, 0, 0);
        TapWindows tw = s.tapWindows(6, 128);
        for (int e = 0; e < s.patchLength(); e++) {
            assertEquals(e, tw.order[e]);
        }
        assertEquals(2, tw.samplesPerBlock); // 64 windows a sample
        for (int[][] byPart : tw.windows) {
            assertNull(byPart[0]);
        }
    }

    @Test
    void tooManyRectanglesOnAHugeImageFallBackToEveryWindow() {
        // 15×15 kernels padded by 7 on 600×600: dozens of rectangles, each listing up to 360,000 windows
        Conv2dShape s = new Conv2dShape(1, 4, 600, 600, 8, 15, 15, 1, 1, 7, 7);
        TapWindows tw = s.tapWindows(6, 128);
        assertEquals(1, tw.windows.length);
        for (int e = 0; e < s.patchLength(); e++) {
            assertEquals(e, tw.order[e]);
        }
        for (int[] part : tw.windows[0]) {
            assertNull(part);
        }
    }

    @Test
    void everyWindowInWhichATileReadsTheImageIsInItsList() {
        Random random = new Random(11);
        for (int trial = 0; trial < 300; trial++) {
            int kh = 1 + random.nextInt(5);
            int kw = 1 + random.nextInt(5);
            int padH = random.nextInt(kh + 2);
            int padW = random.nextInt(kw + 2);
            int strideH = 1 + random.nextInt(3);
            int strideW = 1 + random.nextInt(3);
            int h = Math.max(1, kh - 2 * padH) + random.nextInt(12);
            int w = Math.max(1, kw - 2 * padW) + random.nextInt(12);
            Conv2dShape s = new Conv2dShape(3, 1 + random.nextInt(4), h, w, 8, kh, kw, strideH, strideW, padH, padW);
            int block = 1 + random.nextInt(150);
            TapWindows tw = s.tapWindows(6, block);
            String what = s + " block " + block;
            int pixels = s.pixels();
            int parts = tw.partStart.length - 1;
            assertEquals(0, tw.partStart[0], what);
            assertEquals(pixels, tw.partStart[parts], what);
            for (int t = 0; t < tw.classOf.length; t++) {
                int c = tw.classOf[t];
                for (int part = 0; part < parts; part++) {
                    int length = tw.partStart[part + 1] - tw.partStart[part];
                    assertTrue(length * tw.samplesPerBlock <= Math.max(block, pixels > block ? 0 : pixels), what);
                    boolean[] listed = new boolean[tw.samplesPerBlock * length];
                    int count = tw.upTo[c][part][tw.samplesPerBlock];
                    for (int i = 0; i < count; i++) {
                        int[] index = tw.windows[c][part];
                        int window = index == null ? i : index[i];
                        assertTrue(i == 0 || window > (index == null ? i - 1 : index[i - 1]), what);
                        listed[window] = true;
                        int n = window / length;
                        int px = tw.partStart[part] + window % length;
                        assertEquals(n * tw.sampleLength + s.patches().windowStart(px), tw.offsets[c][part][i], what);
                    }
                    for (int n = 0; n < tw.samplesPerBlock; n++) {
                        for (int px = tw.partStart[part]; px < tw.partStart[part + 1]; px++) {
                            int oh = px / s.outW;
                            int ow = px % s.outW;
                            for (int x = 0; x < 6; x++) {
                                int q = tw.order[t * 6 + x];
                                int row = oh * s.strideH + q / s.kw % s.kh - s.padH;
                                int col = ow * s.strideW + q % s.kw - s.padW;
                                if (row >= 0 && row < s.h && col >= 0 && col < s.w) {
                                    assertTrue(listed[n * length + px - tw.partStart[part]],
                                            what + ": tile " + t + " skips window " + px + " of element " + q);
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
