import jdk.incubator.vector.*;

/**
 * ConvDirect's weight-gradient tile shapes with their operands near L1 (docs/convolution.md, session 39). Each
 * runs over a listed block of 98 windows (half a 14x14 sample; window i's gradient row at index[i], its image
 * offset at offsets[i], as TapWindows lists them), float32, 24 or 16 accumulators:
 *   6x4 (the library's tapTile4): 6 patch elements at offsets passed in (six range checks a window) x 4 vectors;
 *   6x4 contiguous: the same with the six elements at b + 0..5 written into the code (one image index);
 *   8x2, 8x3, 12x2, 4x4: that many contiguous elements x vectors of channels; 8x3 arbitrary: offsets passed in.
 * Contiguous elements need channels stored together (a channels-last copy of the input). Compare with
 * FmaPeakBenchmark in the same minute.
 *   javac --add-modules jdk.incubator.vector -d /tmp/tt TapTileMix.java
 *   java --add-modules=jdk.incubator.vector -cp /tmp/tt TapTileMix
 */
public class TapTileMix {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    static final int L = 16;

    static void tileA(float[] image, int[] index, int[] offsets, int count, int base, int f0, int f1, int f2, int f3,
                      int f4, int f5, float[] gRows, int g, float[] sums, int d0, int d1, int d2, int d3, int d4, int d5) {
        FloatVector a00 = FloatVector.fromArray(S, sums, d0), a01 = FloatVector.fromArray(S, sums, d0 + L);
        FloatVector a02 = FloatVector.fromArray(S, sums, d0 + 2 * L), a03 = FloatVector.fromArray(S, sums, d0 + 3 * L);
        FloatVector a10 = FloatVector.fromArray(S, sums, d1), a11 = FloatVector.fromArray(S, sums, d1 + L);
        FloatVector a12 = FloatVector.fromArray(S, sums, d1 + 2 * L), a13 = FloatVector.fromArray(S, sums, d1 + 3 * L);
        FloatVector a20 = FloatVector.fromArray(S, sums, d2), a21 = FloatVector.fromArray(S, sums, d2 + L);
        FloatVector a22 = FloatVector.fromArray(S, sums, d2 + 2 * L), a23 = FloatVector.fromArray(S, sums, d2 + 3 * L);
        FloatVector a30 = FloatVector.fromArray(S, sums, d3), a31 = FloatVector.fromArray(S, sums, d3 + L);
        FloatVector a32 = FloatVector.fromArray(S, sums, d3 + 2 * L), a33 = FloatVector.fromArray(S, sums, d3 + 3 * L);
        FloatVector a40 = FloatVector.fromArray(S, sums, d4), a41 = FloatVector.fromArray(S, sums, d4 + L);
        FloatVector a42 = FloatVector.fromArray(S, sums, d4 + 2 * L), a43 = FloatVector.fromArray(S, sums, d4 + 3 * L);
        FloatVector a50 = FloatVector.fromArray(S, sums, d5), a51 = FloatVector.fromArray(S, sums, d5 + L);
        FloatVector a52 = FloatVector.fromArray(S, sums, d5 + 2 * L), a53 = FloatVector.fromArray(S, sums, d5 + 3 * L);
        for (int i = 0; i < count; i++) {
            int b = base + offsets[i];
            int gi = g + index[i] * (4 * L);
            FloatVector w0 = FloatVector.fromArray(S, gRows, gi);
            FloatVector w1 = FloatVector.fromArray(S, gRows, gi + L);
            FloatVector w2 = FloatVector.fromArray(S, gRows, gi + 2 * L);
            FloatVector w3 = FloatVector.fromArray(S, gRows, gi + 3 * L);
            FloatVector v = FloatVector.broadcast(S, image[b + f0]);
            a00 = w0.fma(v, a00); a01 = w1.fma(v, a01); a02 = w2.fma(v, a02); a03 = w3.fma(v, a03);
            v = FloatVector.broadcast(S, image[b + f1]);
            a10 = w0.fma(v, a10); a11 = w1.fma(v, a11); a12 = w2.fma(v, a12); a13 = w3.fma(v, a13);
            v = FloatVector.broadcast(S, image[b + f2]);
            a20 = w0.fma(v, a20); a21 = w1.fma(v, a21); a22 = w2.fma(v, a22); a23 = w3.fma(v, a23);
            v = FloatVector.broadcast(S, image[b + f3]);
            a30 = w0.fma(v, a30); a31 = w1.fma(v, a31); a32 = w2.fma(v, a32); a33 = w3.fma(v, a33);
            v = FloatVector.broadcast(S, image[b + f4]);
            a40 = w0.fma(v, a40); a41 = w1.fma(v, a41); a42 = w2.fma(v, a42); a43 = w3.fma(v, a43);
            v = FloatVector.broadcast(S, image[b + f5]);
            a50 = w0.fma(v, a50); a51 = w1.fma(v, a51); a52 = w2.fma(v, a52); a53 = w3.fma(v, a53);
        }
        a00.intoArray(sums, d0); a01.intoArray(sums, d0 + L); a02.intoArray(sums, d0 + 2 * L); a03.intoArray(sums, d0 + 3 * L);
        a10.intoArray(sums, d1); a11.intoArray(sums, d1 + L); a12.intoArray(sums, d1 + 2 * L); a13.intoArray(sums, d1 + 3 * L);
        a20.intoArray(sums, d2); a21.intoArray(sums, d2 + L); a22.intoArray(sums, d2 + 2 * L); a23.intoArray(sums, d2 + 3 * L);
        a30.intoArray(sums, d3); a31.intoArray(sums, d3 + L); a32.intoArray(sums, d3 + 2 * L); a33.intoArray(sums, d3 + 3 * L);
        a40.intoArray(sums, d4); a41.intoArray(sums, d4 + L); a42.intoArray(sums, d4 + 2 * L); a43.intoArray(sums, d4 + 3 * L);
        a50.intoArray(sums, d5); a51.intoArray(sums, d5 + L); a52.intoArray(sums, d5 + 2 * L); a53.intoArray(sums, d5 + 3 * L);
    }

    /** {@link #tileA} with its six elements at b + 0..5 written into the code. */
    static void tileAc(float[] image, int[] index, int[] offsets, int count, int base, float[] gRows, int g,
                       float[] sums, int d0, int d1, int d2, int d3, int d4, int d5) {
        FloatVector a00 = FloatVector.fromArray(S, sums, d0), a01 = FloatVector.fromArray(S, sums, d0 + L);
        FloatVector a02 = FloatVector.fromArray(S, sums, d0 + 2 * L), a03 = FloatVector.fromArray(S, sums, d0 + 3 * L);
        FloatVector a10 = FloatVector.fromArray(S, sums, d1), a11 = FloatVector.fromArray(S, sums, d1 + L);
        FloatVector a12 = FloatVector.fromArray(S, sums, d1 + 2 * L), a13 = FloatVector.fromArray(S, sums, d1 + 3 * L);
        FloatVector a20 = FloatVector.fromArray(S, sums, d2), a21 = FloatVector.fromArray(S, sums, d2 + L);
        FloatVector a22 = FloatVector.fromArray(S, sums, d2 + 2 * L), a23 = FloatVector.fromArray(S, sums, d2 + 3 * L);
        FloatVector a30 = FloatVector.fromArray(S, sums, d3), a31 = FloatVector.fromArray(S, sums, d3 + L);
        FloatVector a32 = FloatVector.fromArray(S, sums, d3 + 2 * L), a33 = FloatVector.fromArray(S, sums, d3 + 3 * L);
        FloatVector a40 = FloatVector.fromArray(S, sums, d4), a41 = FloatVector.fromArray(S, sums, d4 + L);
        FloatVector a42 = FloatVector.fromArray(S, sums, d4 + 2 * L), a43 = FloatVector.fromArray(S, sums, d4 + 3 * L);
        FloatVector a50 = FloatVector.fromArray(S, sums, d5), a51 = FloatVector.fromArray(S, sums, d5 + L);
        FloatVector a52 = FloatVector.fromArray(S, sums, d5 + 2 * L), a53 = FloatVector.fromArray(S, sums, d5 + 3 * L);
        for (int i = 0; i < count; i++) {
            int b = base + offsets[i];
            int gi = g + index[i] * (4 * L);
            FloatVector w0 = FloatVector.fromArray(S, gRows, gi);
            FloatVector w1 = FloatVector.fromArray(S, gRows, gi + L);
            FloatVector w2 = FloatVector.fromArray(S, gRows, gi + 2 * L);
            FloatVector w3 = FloatVector.fromArray(S, gRows, gi + 3 * L);
            FloatVector v = FloatVector.broadcast(S, image[b + 0]);
            a00 = w0.fma(v, a00); a01 = w1.fma(v, a01); a02 = w2.fma(v, a02); a03 = w3.fma(v, a03);
            v = FloatVector.broadcast(S, image[b + 1]);
            a10 = w0.fma(v, a10); a11 = w1.fma(v, a11); a12 = w2.fma(v, a12); a13 = w3.fma(v, a13);
            v = FloatVector.broadcast(S, image[b + 2]);
            a20 = w0.fma(v, a20); a21 = w1.fma(v, a21); a22 = w2.fma(v, a22); a23 = w3.fma(v, a23);
            v = FloatVector.broadcast(S, image[b + 3]);
            a30 = w0.fma(v, a30); a31 = w1.fma(v, a31); a32 = w2.fma(v, a32); a33 = w3.fma(v, a33);
            v = FloatVector.broadcast(S, image[b + 4]);
            a40 = w0.fma(v, a40); a41 = w1.fma(v, a41); a42 = w2.fma(v, a42); a43 = w3.fma(v, a43);
            v = FloatVector.broadcast(S, image[b + 5]);
            a50 = w0.fma(v, a50); a51 = w1.fma(v, a51); a52 = w2.fma(v, a52); a53 = w3.fma(v, a53);
        }
        a00.intoArray(sums, d0); a01.intoArray(sums, d0 + L); a02.intoArray(sums, d0 + 2 * L); a03.intoArray(sums, d0 + 3 * L);
        a10.intoArray(sums, d1); a11.intoArray(sums, d1 + L); a12.intoArray(sums, d1 + 2 * L); a13.intoArray(sums, d1 + 3 * L);
        a20.intoArray(sums, d2); a21.intoArray(sums, d2 + L); a22.intoArray(sums, d2 + 2 * L); a23.intoArray(sums, d2 + 3 * L);
        a30.intoArray(sums, d3); a31.intoArray(sums, d3 + L); a32.intoArray(sums, d3 + 2 * L); a33.intoArray(sums, d3 + 3 * L);
        a40.intoArray(sums, d4); a41.intoArray(sums, d4 + L); a42.intoArray(sums, d4 + 2 * L); a43.intoArray(sums, d4 + 3 * L);
        a50.intoArray(sums, d5); a51.intoArray(sums, d5 + L); a52.intoArray(sums, d5 + 2 * L); a53.intoArray(sums, d5 + 3 * L);
    }

    /** 8 contiguous taps x 2 vectors: sums of tap x at d + x * 2L. */
    static void tileB(float[] image, int[] index, int[] offsets, int count, int base, float[] gRows, int g,
                      float[] sums, int d) {
        FloatVector a00 = FloatVector.fromArray(S, sums, d), a01 = FloatVector.fromArray(S, sums, d + L);
        FloatVector a10 = FloatVector.fromArray(S, sums, d + 2 * L), a11 = FloatVector.fromArray(S, sums, d + 3 * L);
        FloatVector a20 = FloatVector.fromArray(S, sums, d + 4 * L), a21 = FloatVector.fromArray(S, sums, d + 5 * L);
        FloatVector a30 = FloatVector.fromArray(S, sums, d + 6 * L), a31 = FloatVector.fromArray(S, sums, d + 7 * L);
        FloatVector a40 = FloatVector.fromArray(S, sums, d + 8 * L), a41 = FloatVector.fromArray(S, sums, d + 9 * L);
        FloatVector a50 = FloatVector.fromArray(S, sums, d + 10 * L), a51 = FloatVector.fromArray(S, sums, d + 11 * L);
        FloatVector a60 = FloatVector.fromArray(S, sums, d + 12 * L), a61 = FloatVector.fromArray(S, sums, d + 13 * L);
        FloatVector a70 = FloatVector.fromArray(S, sums, d + 14 * L), a71 = FloatVector.fromArray(S, sums, d + 15 * L);
        for (int i = 0; i < count; i++) {
            int b = base + offsets[i];
            int gi = g + index[i] * (2 * L);
            FloatVector w0 = FloatVector.fromArray(S, gRows, gi);
            FloatVector w1 = FloatVector.fromArray(S, gRows, gi + L);
            FloatVector v = FloatVector.broadcast(S, image[b]);
            a00 = w0.fma(v, a00); a01 = w1.fma(v, a01);
            v = FloatVector.broadcast(S, image[b + 1]);
            a10 = w0.fma(v, a10); a11 = w1.fma(v, a11);
            v = FloatVector.broadcast(S, image[b + 2]);
            a20 = w0.fma(v, a20); a21 = w1.fma(v, a21);
            v = FloatVector.broadcast(S, image[b + 3]);
            a30 = w0.fma(v, a30); a31 = w1.fma(v, a31);
            v = FloatVector.broadcast(S, image[b + 4]);
            a40 = w0.fma(v, a40); a41 = w1.fma(v, a41);
            v = FloatVector.broadcast(S, image[b + 5]);
            a50 = w0.fma(v, a50); a51 = w1.fma(v, a51);
            v = FloatVector.broadcast(S, image[b + 6]);
            a60 = w0.fma(v, a60); a61 = w1.fma(v, a61);
            v = FloatVector.broadcast(S, image[b + 7]);
            a70 = w0.fma(v, a70); a71 = w1.fma(v, a71);
        }
        a00.intoArray(sums, d); a01.intoArray(sums, d + L); a10.intoArray(sums, d + 2 * L); a11.intoArray(sums, d + 3 * L);
        a20.intoArray(sums, d + 4 * L); a21.intoArray(sums, d + 5 * L); a30.intoArray(sums, d + 6 * L); a31.intoArray(sums, d + 7 * L);
        a40.intoArray(sums, d + 8 * L); a41.intoArray(sums, d + 9 * L); a50.intoArray(sums, d + 10 * L); a51.intoArray(sums, d + 11 * L);
        a60.intoArray(sums, d + 12 * L); a61.intoArray(sums, d + 13 * L); a70.intoArray(sums, d + 14 * L); a71.intoArray(sums, d + 15 * L);
    }

    /** 8 contiguous taps x 3 vectors (24 accumulators). */
    static void tileB3(float[] image, int[] index, int[] offsets, int count, int base, float[] gRows, int g,
                       float[] sums, int d) {
        FloatVector z = FloatVector.zero(S);
        FloatVector a00 = FloatVector.fromArray(S, sums, d), a01 = FloatVector.fromArray(S, sums, d + L), a02 = FloatVector.fromArray(S, sums, d + 2 * L);
        FloatVector a10 = FloatVector.fromArray(S, sums, d + 3 * L), a11 = FloatVector.fromArray(S, sums, d + 4 * L), a12 = FloatVector.fromArray(S, sums, d + 5 * L);
        FloatVector a20 = FloatVector.fromArray(S, sums, d + 6 * L), a21 = FloatVector.fromArray(S, sums, d + 7 * L), a22 = FloatVector.fromArray(S, sums, d + 8 * L);
        FloatVector a30 = FloatVector.fromArray(S, sums, d + 9 * L), a31 = FloatVector.fromArray(S, sums, d + 10 * L), a32 = FloatVector.fromArray(S, sums, d + 11 * L);
        FloatVector a40 = FloatVector.fromArray(S, sums, d + 12 * L), a41 = FloatVector.fromArray(S, sums, d + 13 * L), a42 = FloatVector.fromArray(S, sums, d + 14 * L);
        FloatVector a50 = FloatVector.fromArray(S, sums, d + 15 * L), a51 = FloatVector.fromArray(S, sums, d + 16 * L), a52 = FloatVector.fromArray(S, sums, d + 17 * L);
        FloatVector a60 = FloatVector.fromArray(S, sums, d + 18 * L), a61 = FloatVector.fromArray(S, sums, d + 19 * L), a62 = FloatVector.fromArray(S, sums, d + 20 * L);
        FloatVector a70 = FloatVector.fromArray(S, sums, d + 21 * L), a71 = FloatVector.fromArray(S, sums, d + 22 * L), a72 = FloatVector.fromArray(S, sums, d + 23 * L);
        for (int i = 0; i < count; i++) {
            int b = base + offsets[i];
            int gi = g + index[i] * (3 * L);
            FloatVector w0 = FloatVector.fromArray(S, gRows, gi);
            FloatVector w1 = FloatVector.fromArray(S, gRows, gi + L);
            FloatVector w2 = FloatVector.fromArray(S, gRows, gi + 2 * L);
            FloatVector v = FloatVector.broadcast(S, image[b]);
            a00 = w0.fma(v, a00); a01 = w1.fma(v, a01); a02 = w2.fma(v, a02);
            v = FloatVector.broadcast(S, image[b + 1]);
            a10 = w0.fma(v, a10); a11 = w1.fma(v, a11); a12 = w2.fma(v, a12);
            v = FloatVector.broadcast(S, image[b + 2]);
            a20 = w0.fma(v, a20); a21 = w1.fma(v, a21); a22 = w2.fma(v, a22);
            v = FloatVector.broadcast(S, image[b + 3]);
            a30 = w0.fma(v, a30); a31 = w1.fma(v, a31); a32 = w2.fma(v, a32);
            v = FloatVector.broadcast(S, image[b + 4]);
            a40 = w0.fma(v, a40); a41 = w1.fma(v, a41); a42 = w2.fma(v, a42);
            v = FloatVector.broadcast(S, image[b + 5]);
            a50 = w0.fma(v, a50); a51 = w1.fma(v, a51); a52 = w2.fma(v, a52);
            v = FloatVector.broadcast(S, image[b + 6]);
            a60 = w0.fma(v, a60); a61 = w1.fma(v, a61); a62 = w2.fma(v, a62);
            v = FloatVector.broadcast(S, image[b + 7]);
            a70 = w0.fma(v, a70); a71 = w1.fma(v, a71); a72 = w2.fma(v, a72);
        }
        a00.intoArray(sums, d); a01.intoArray(sums, d + L); a02.intoArray(sums, d + 2 * L);
        a10.intoArray(sums, d + 3 * L); a11.intoArray(sums, d + 4 * L); a12.intoArray(sums, d + 5 * L);
        a20.intoArray(sums, d + 6 * L); a21.intoArray(sums, d + 7 * L); a22.intoArray(sums, d + 8 * L);
        a30.intoArray(sums, d + 9 * L); a31.intoArray(sums, d + 10 * L); a32.intoArray(sums, d + 11 * L);
        a40.intoArray(sums, d + 12 * L); a41.intoArray(sums, d + 13 * L); a42.intoArray(sums, d + 14 * L);
        a50.intoArray(sums, d + 15 * L); a51.intoArray(sums, d + 16 * L); a52.intoArray(sums, d + 17 * L);
        a60.intoArray(sums, d + 18 * L); a61.intoArray(sums, d + 19 * L); a62.intoArray(sums, d + 20 * L);
        a70.intoArray(sums, d + 21 * L); a71.intoArray(sums, d + 22 * L); a72.intoArray(sums, d + 23 * L);
    }

    /** 12 contiguous taps x 2 vectors (24 accumulators). */
    static void tile12(float[] image, int[] index, int[] offsets, int count, int base, float[] gRows, int g,
                       float[] sums, int d) {
        FloatVector a00 = FloatVector.fromArray(S, sums, d), a01 = FloatVector.fromArray(S, sums, d + L);
        FloatVector a10 = FloatVector.fromArray(S, sums, d + 2 * L), a11 = FloatVector.fromArray(S, sums, d + 3 * L);
        FloatVector a20 = FloatVector.fromArray(S, sums, d + 4 * L), a21 = FloatVector.fromArray(S, sums, d + 5 * L);
        FloatVector a30 = FloatVector.fromArray(S, sums, d + 6 * L), a31 = FloatVector.fromArray(S, sums, d + 7 * L);
        FloatVector a40 = FloatVector.fromArray(S, sums, d + 8 * L), a41 = FloatVector.fromArray(S, sums, d + 9 * L);
        FloatVector a50 = FloatVector.fromArray(S, sums, d + 10 * L), a51 = FloatVector.fromArray(S, sums, d + 11 * L);
        FloatVector a60 = FloatVector.fromArray(S, sums, d + 12 * L), a61 = FloatVector.fromArray(S, sums, d + 13 * L);
        FloatVector a70 = FloatVector.fromArray(S, sums, d + 14 * L), a71 = FloatVector.fromArray(S, sums, d + 15 * L);
        FloatVector a80 = FloatVector.fromArray(S, sums, d + 16 * L), a81 = FloatVector.fromArray(S, sums, d + 17 * L);
        FloatVector a90 = FloatVector.fromArray(S, sums, d + 18 * L), a91 = FloatVector.fromArray(S, sums, d + 19 * L);
        FloatVector aA0 = FloatVector.fromArray(S, sums, d + 20 * L), aA1 = FloatVector.fromArray(S, sums, d + 21 * L);
        FloatVector aB0 = FloatVector.fromArray(S, sums, d + 22 * L), aB1 = FloatVector.fromArray(S, sums, d + 23 * L);
        for (int i = 0; i < count; i++) {
            int b = base + offsets[i];
            int gi = g + index[i] * (2 * L);
            FloatVector w0 = FloatVector.fromArray(S, gRows, gi);
            FloatVector w1 = FloatVector.fromArray(S, gRows, gi + L);
            FloatVector v = FloatVector.broadcast(S, image[b]); a00 = w0.fma(v, a00); a01 = w1.fma(v, a01);
            v = FloatVector.broadcast(S, image[b + 1]); a10 = w0.fma(v, a10); a11 = w1.fma(v, a11);
            v = FloatVector.broadcast(S, image[b + 2]); a20 = w0.fma(v, a20); a21 = w1.fma(v, a21);
            v = FloatVector.broadcast(S, image[b + 3]); a30 = w0.fma(v, a30); a31 = w1.fma(v, a31);
            v = FloatVector.broadcast(S, image[b + 4]); a40 = w0.fma(v, a40); a41 = w1.fma(v, a41);
            v = FloatVector.broadcast(S, image[b + 5]); a50 = w0.fma(v, a50); a51 = w1.fma(v, a51);
            v = FloatVector.broadcast(S, image[b + 6]); a60 = w0.fma(v, a60); a61 = w1.fma(v, a61);
            v = FloatVector.broadcast(S, image[b + 7]); a70 = w0.fma(v, a70); a71 = w1.fma(v, a71);
            v = FloatVector.broadcast(S, image[b + 8]); a80 = w0.fma(v, a80); a81 = w1.fma(v, a81);
            v = FloatVector.broadcast(S, image[b + 9]); a90 = w0.fma(v, a90); a91 = w1.fma(v, a91);
            v = FloatVector.broadcast(S, image[b + 10]); aA0 = w0.fma(v, aA0); aA1 = w1.fma(v, aA1);
            v = FloatVector.broadcast(S, image[b + 11]); aB0 = w0.fma(v, aB0); aB1 = w1.fma(v, aB1);
        }
        a00.intoArray(sums, d); a01.intoArray(sums, d + L); a10.intoArray(sums, d + 2 * L); a11.intoArray(sums, d + 3 * L);
        a20.intoArray(sums, d + 4 * L); a21.intoArray(sums, d + 5 * L); a30.intoArray(sums, d + 6 * L); a31.intoArray(sums, d + 7 * L);
        a40.intoArray(sums, d + 8 * L); a41.intoArray(sums, d + 9 * L); a50.intoArray(sums, d + 10 * L); a51.intoArray(sums, d + 11 * L);
        a60.intoArray(sums, d + 12 * L); a61.intoArray(sums, d + 13 * L); a70.intoArray(sums, d + 14 * L); a71.intoArray(sums, d + 15 * L);
        a80.intoArray(sums, d + 16 * L); a81.intoArray(sums, d + 17 * L); a90.intoArray(sums, d + 18 * L); a91.intoArray(sums, d + 19 * L);
        aA0.intoArray(sums, d + 20 * L); aA1.intoArray(sums, d + 21 * L); aB0.intoArray(sums, d + 22 * L); aB1.intoArray(sums, d + 23 * L);
    }

    /** 8 taps at arbitrary offsets x 3 vectors. */
    static void tile83(float[] image, int[] index, int[] offsets, int count, int base, int[] f, float[] gRows, int g, float[] sums, int d) {
        int f0 = f[0], f1 = f[1], f2 = f[2], f3 = f[3], f4 = f[4], f5 = f[5], f6 = f[6], f7 = f[7];
        FloatVector a00 = FloatVector.fromArray(S, sums, d + 0 * L);
        FloatVector a01 = FloatVector.fromArray(S, sums, d + 1 * L);
        FloatVector a02 = FloatVector.fromArray(S, sums, d + 2 * L);
        FloatVector a10 = FloatVector.fromArray(S, sums, d + 3 * L);
        FloatVector a11 = FloatVector.fromArray(S, sums, d + 4 * L);
        FloatVector a12 = FloatVector.fromArray(S, sums, d + 5 * L);
        FloatVector a20 = FloatVector.fromArray(S, sums, d + 6 * L);
        FloatVector a21 = FloatVector.fromArray(S, sums, d + 7 * L);
        FloatVector a22 = FloatVector.fromArray(S, sums, d + 8 * L);
        FloatVector a30 = FloatVector.fromArray(S, sums, d + 9 * L);
        FloatVector a31 = FloatVector.fromArray(S, sums, d + 10 * L);
        FloatVector a32 = FloatVector.fromArray(S, sums, d + 11 * L);
        FloatVector a40 = FloatVector.fromArray(S, sums, d + 12 * L);
        FloatVector a41 = FloatVector.fromArray(S, sums, d + 13 * L);
        FloatVector a42 = FloatVector.fromArray(S, sums, d + 14 * L);
        FloatVector a50 = FloatVector.fromArray(S, sums, d + 15 * L);
        FloatVector a51 = FloatVector.fromArray(S, sums, d + 16 * L);
        FloatVector a52 = FloatVector.fromArray(S, sums, d + 17 * L);
        FloatVector a60 = FloatVector.fromArray(S, sums, d + 18 * L);
        FloatVector a61 = FloatVector.fromArray(S, sums, d + 19 * L);
        FloatVector a62 = FloatVector.fromArray(S, sums, d + 20 * L);
        FloatVector a70 = FloatVector.fromArray(S, sums, d + 21 * L);
        FloatVector a71 = FloatVector.fromArray(S, sums, d + 22 * L);
        FloatVector a72 = FloatVector.fromArray(S, sums, d + 23 * L);
        for (int i = 0; i < count; i++) {
            int b = base + offsets[i];
            int gi = g + index[i] * (3 * L);
            FloatVector w0 = FloatVector.fromArray(S, gRows, gi + 0 * L);
            FloatVector w1 = FloatVector.fromArray(S, gRows, gi + 1 * L);
            FloatVector w2 = FloatVector.fromArray(S, gRows, gi + 2 * L);
            FloatVector v0 = FloatVector.broadcast(S, image[b + f0]);
            a00 = w0.fma(v0, a00);
            a01 = w1.fma(v0, a01);
            a02 = w2.fma(v0, a02);
            FloatVector v1 = FloatVector.broadcast(S, image[b + f1]);
            a10 = w0.fma(v1, a10);
            a11 = w1.fma(v1, a11);
            a12 = w2.fma(v1, a12);
            FloatVector v2 = FloatVector.broadcast(S, image[b + f2]);
            a20 = w0.fma(v2, a20);
            a21 = w1.fma(v2, a21);
            a22 = w2.fma(v2, a22);
            FloatVector v3 = FloatVector.broadcast(S, image[b + f3]);
            a30 = w0.fma(v3, a30);
            a31 = w1.fma(v3, a31);
            a32 = w2.fma(v3, a32);
            FloatVector v4 = FloatVector.broadcast(S, image[b + f4]);
            a40 = w0.fma(v4, a40);
            a41 = w1.fma(v4, a41);
            a42 = w2.fma(v4, a42);
            FloatVector v5 = FloatVector.broadcast(S, image[b + f5]);
            a50 = w0.fma(v5, a50);
            a51 = w1.fma(v5, a51);
            a52 = w2.fma(v5, a52);
            FloatVector v6 = FloatVector.broadcast(S, image[b + f6]);
            a60 = w0.fma(v6, a60);
            a61 = w1.fma(v6, a61);
            a62 = w2.fma(v6, a62);
            FloatVector v7 = FloatVector.broadcast(S, image[b + f7]);
            a70 = w0.fma(v7, a70);
            a71 = w1.fma(v7, a71);
            a72 = w2.fma(v7, a72);
        }
        a00.intoArray(sums, d + 0 * L);
        a01.intoArray(sums, d + 1 * L);
        a02.intoArray(sums, d + 2 * L);
        a10.intoArray(sums, d + 3 * L);
        a11.intoArray(sums, d + 4 * L);
        a12.intoArray(sums, d + 5 * L);
        a20.intoArray(sums, d + 6 * L);
        a21.intoArray(sums, d + 7 * L);
        a22.intoArray(sums, d + 8 * L);
        a30.intoArray(sums, d + 9 * L);
        a31.intoArray(sums, d + 10 * L);
        a32.intoArray(sums, d + 11 * L);
        a40.intoArray(sums, d + 12 * L);
        a41.intoArray(sums, d + 13 * L);
        a42.intoArray(sums, d + 14 * L);
        a50.intoArray(sums, d + 15 * L);
        a51.intoArray(sums, d + 16 * L);
        a52.intoArray(sums, d + 17 * L);
        a60.intoArray(sums, d + 18 * L);
        a61.intoArray(sums, d + 19 * L);
        a62.intoArray(sums, d + 20 * L);
        a70.intoArray(sums, d + 21 * L);
        a71.intoArray(sums, d + 22 * L);
        a72.intoArray(sums, d + 23 * L);
    }

    /** 4 contiguous taps x 4 vectors. */
    static void tile44(float[] image, int[] index, int[] offsets, int count, int base, float[] gRows, int g, float[] sums, int d) {
        FloatVector a00 = FloatVector.fromArray(S, sums, d + 0 * L);
        FloatVector a01 = FloatVector.fromArray(S, sums, d + 1 * L);
        FloatVector a02 = FloatVector.fromArray(S, sums, d + 2 * L);
        FloatVector a03 = FloatVector.fromArray(S, sums, d + 3 * L);
        FloatVector a10 = FloatVector.fromArray(S, sums, d + 4 * L);
        FloatVector a11 = FloatVector.fromArray(S, sums, d + 5 * L);
        FloatVector a12 = FloatVector.fromArray(S, sums, d + 6 * L);
        FloatVector a13 = FloatVector.fromArray(S, sums, d + 7 * L);
        FloatVector a20 = FloatVector.fromArray(S, sums, d + 8 * L);
        FloatVector a21 = FloatVector.fromArray(S, sums, d + 9 * L);
        FloatVector a22 = FloatVector.fromArray(S, sums, d + 10 * L);
        FloatVector a23 = FloatVector.fromArray(S, sums, d + 11 * L);
        FloatVector a30 = FloatVector.fromArray(S, sums, d + 12 * L);
        FloatVector a31 = FloatVector.fromArray(S, sums, d + 13 * L);
        FloatVector a32 = FloatVector.fromArray(S, sums, d + 14 * L);
        FloatVector a33 = FloatVector.fromArray(S, sums, d + 15 * L);
        for (int i = 0; i < count; i++) {
            int b = base + offsets[i];
            int gi = g + index[i] * (4 * L);
            FloatVector w0 = FloatVector.fromArray(S, gRows, gi + 0 * L);
            FloatVector w1 = FloatVector.fromArray(S, gRows, gi + 1 * L);
            FloatVector w2 = FloatVector.fromArray(S, gRows, gi + 2 * L);
            FloatVector w3 = FloatVector.fromArray(S, gRows, gi + 3 * L);
            FloatVector v0 = FloatVector.broadcast(S, image[b + 0]);
            a00 = w0.fma(v0, a00);
            a01 = w1.fma(v0, a01);
            a02 = w2.fma(v0, a02);
            a03 = w3.fma(v0, a03);
            FloatVector v1 = FloatVector.broadcast(S, image[b + 1]);
            a10 = w0.fma(v1, a10);
            a11 = w1.fma(v1, a11);
            a12 = w2.fma(v1, a12);
            a13 = w3.fma(v1, a13);
            FloatVector v2 = FloatVector.broadcast(S, image[b + 2]);
            a20 = w0.fma(v2, a20);
            a21 = w1.fma(v2, a21);
            a22 = w2.fma(v2, a22);
            a23 = w3.fma(v2, a23);
            FloatVector v3 = FloatVector.broadcast(S, image[b + 3]);
            a30 = w0.fma(v3, a30);
            a31 = w1.fma(v3, a31);
            a32 = w2.fma(v3, a32);
            a33 = w3.fma(v3, a33);
        }
        a00.intoArray(sums, d + 0 * L);
        a01.intoArray(sums, d + 1 * L);
        a02.intoArray(sums, d + 2 * L);
        a03.intoArray(sums, d + 3 * L);
        a10.intoArray(sums, d + 4 * L);
        a11.intoArray(sums, d + 5 * L);
        a12.intoArray(sums, d + 6 * L);
        a13.intoArray(sums, d + 7 * L);
        a20.intoArray(sums, d + 8 * L);
        a21.intoArray(sums, d + 9 * L);
        a22.intoArray(sums, d + 10 * L);
        a23.intoArray(sums, d + 11 * L);
        a30.intoArray(sums, d + 12 * L);
        a31.intoArray(sums, d + 13 * L);
        a32.intoArray(sums, d + 14 * L);
        a33.intoArray(sums, d + 15 * L);
    }

    public static void main(String[] x) {
        int count = 98; // windows of a block (half a 14x14 sample)
        int[] index = new int[count], offsets = new int[count], offsets8 = new int[count];
        for (int i = 0; i < count; i++) { // a 7-row part of 14-wide rows, padded width 18
            index[i] = i;
            offsets[i] = (i / 14) * 18 + i % 14;
            offsets8[i] = offsets[i] * 8;
        }
        float[] image = new float[40 * 18 * 18]; // NCHW, padded
        float[] image8 = new float[40 * 18 * 18]; // 8 channels together
        for (int i = 0; i < image.length; i++) { image[i] = (i % 7) * 1e-3f; image8[i] = (i % 5) * 1e-3f; }
        float[] gRows = new float[128 * 4 * L + 16];
        for (int i = 0; i < gRows.length; i++) gRows[i] = (i % 3) * 1e-3f;
        float[] sums = new float[64 * 800 + 1024];
        int tilesA = 133, tilesB = 100, tilesB3 = 100;
        for (int round = 0; round < 6; round++) {
            StringBuilder line = new StringBuilder();
            for (int variant = 0; variant < 7; variant++) {
                long t0 = System.nanoTime();
                long flops = 0;
                while (System.nanoTime() - t0 < 700_000_000L) {
                    if (variant == 0) {
                        for (int t = 0; t < tilesA; t++) {
                            int c = (6 * t) % 32; // six channels of one (i, j)
                            int f = c * 324 + (t % 5) * 18 + (t % 3);
                            tileA(image, index, offsets, count, 0, f, f + 324, f + 648, f + 972, f + 1296, f + 1620,
                                    gRows, 0, sums, t * 6 * 64, t * 6 * 64 + 64, t * 6 * 64 + 128, t * 6 * 64 + 192,
                                    t * 6 * 64 + 256, t * 6 * 64 + 320);
                        }
                        flops += 2L * tilesA * count * 6 * 64;
                    } else if (variant == 1) {
                        for (int t = 0; t < tilesB; t++) {
                            for (int cb = 0; cb < 2; cb++) {
                                int base = (t % 4) * 8 * 324 + ((t % 5) * 18 + (t % 3)) * 8;
                                tileB(image8, index, offsets8, count, base, gRows, cb * 128 * 2 * L, sums, (t * 2 + cb) * 8 * 2 * L);
                            }
                        }
                        flops += 2L * tilesB * 2 * count * 8 * 32;
                    } else if (variant == 4) {
                        for (int t = 0; t < 67; t++) {
                            for (int cb = 0; cb < 2; cb++) {
                                int base = (t % 3) * 8 * 324 + ((t % 5) * 18 + (t % 3)) * 8;
                                tile12(image8, index, offsets8, count, base, gRows, cb * 128 * 2 * L, sums, (t * 2 + cb) * 12 * 2 * L);
                            }
                        }
                        flops += 2L * 67 * 2 * count * 12 * 32;
                    } else if (variant == 5) {
                        for (int t = 0; t < 200; t++) {
                            int base = (t % 4) * 8 * 324 + ((t % 5) * 18 + (t % 3)) * 8;
                            tile44(image8, index, offsets8, count, base, gRows, 0, sums, t * 4 * 4 * L);
                        }
                        flops += 2L * 200 * count * 4 * 64;
                    } else if (variant == 6) {
                        int[] f = new int[8];
                        for (int t = 0; t < 100; t++) {
                            int c = (8 * t) % 32;
                            for (int e = 0; e < 8; e++) f[e] = (c + e) * 324 + (t % 5) * 18 + (t % 3);
                            tile83(image, index, offsets, count, 0, f, gRows, 0, sums, t * 8 * 3 * L);
                        }
                        flops += 2L * 100 * count * 8 * 48;
                    } else if (variant == 3) {
                        for (int t = 0; t < tilesA; t++) {
                            int base = (t % 4) * 8 * 324 + ((t % 5) * 18 + (t % 3)) * 8;
                            tileAc(image8, index, offsets8, count, base,
                                    gRows, 0, sums, t * 6 * 64, t * 6 * 64 + 64, t * 6 * 64 + 128, t * 6 * 64 + 192,
                                    t * 6 * 64 + 256, t * 6 * 64 + 320);
                        }
                        flops += 2L * tilesA * count * 6 * 64;
                    } else {
                        for (int t = 0; t < tilesB3; t++) {
                            int base = (t % 4) * 8 * 324 + ((t % 5) * 18 + (t % 3)) * 8;
                            tileB3(image8, index, offsets8, count, base, gRows, 0, sums, t * 8 * 3 * L);
                        }
                        flops += 2L * tilesB3 * count * 8 * 48;
                    }
                }
                double secs = (System.nanoTime() - t0) / 1e9;
                line.append(String.format("  %s %.1f GFLOP/s", variant == 0 ? "6x4" : variant == 1 ? "8x2 contiguous" : variant == 2 ? "8x3 contiguous" : variant == 3 ? "6x4 contiguous" : variant == 4 ? "12x2 contiguous" : variant == 5 ? "4x4 contiguous" : "8x3 arbitrary", flops / secs / 1e9));
            }
            System.out.println("round " + round + line);
        }
    }
}
