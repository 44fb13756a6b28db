import java.util.Arrays;
import java.util.Random;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The padded 14×14 layer's float32 weight gradient (64 samples, 32 → 64 channels, 5×5, padding 2) the other way
 * round from {@code ConvDirect}'s tiles: vectors along the windows instead of along the output channels, so that
 * the inner loop has no broadcast, no offset table and no range check. A block of SB samples is copied with
 * the samples interleaved row by row ({@code X[c, j][y·SB·14 + s·14 + x] = image[s, c, y, x + j]}, the padded
 * rows included; g likewise, {@code G[o][y·SB·14 + s·14 + x]}), so that kernel row i of every window of the
 * block lies at a constant distance {@code i·SB·14} and a tile of 4 output channels × 5 kernel columns runs one
 * flat loop over the block (9 loads, 20 FMAs a vector of windows), skipping the rows that read only padding.
 * Its per-lane running sums stay in an array between blocks (3.2 MB), added across the lanes at the end.
 * Not a kernel of the library: a measurement (docs/convolution.md, "Session 48"). Modes ({@code -Dmode}):
 * {@code all}; {@code noPack} (the copies made once, the tiles over them again per block); {@code hotSums}
 * (noPack, and every tile's running sums at one place); {@code hot} (hotSums, and every tile reading the
 * operands of the first tile). {@code -Dsb} samples per block (4 or 8), {@code -Dbase} where the copies start
 * (12: on a cache line under G1, as {@code AlignedArrays} places them; 0: 16 bytes past one).
 *   java --add-modules=jdk.incubator.vector -XX:+UseG1GC -Dmode=all -Dsb=8 docs/bench/src/LaneSumWeightGradientProbe.java
 */
public class LaneSumWeightGradientProbe {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    static final int N = 64, C = 32, O = 64, H = 14, W = 14, K = 5, P = 2;
    static final int PH = H + 2 * P, PW = W + 2 * P, OH = H, OW = W;
    static final int SB = Integer.getInteger("sb", 8);
    static final int BASE = Integer.getInteger("base", 12);
    static final int ROW = SB * OW, QB = OH * ROW, XS = PH * ROW + L;
    static final String MODE = System.getProperty("mode", "all");
    static final boolean PACK = MODE.equals("all");
    static final boolean HOT_SUMS = MODE.equals("hotSums") || MODE.equals("hot");
    static final boolean HOT = MODE.equals("hot");

    public static void main(String[] args) {
        Random r = new Random(1);
        float[] image = new float[N * C * PH * PW];
        for (int n = 0; n < N; n++) for (int c = 0; c < C; c++) for (int y = 0; y < H; y++) for (int x = 0; x < W; x++)
            image[((n * C + c) * PH + y + P) * PW + x + P] = (float) r.nextGaussian();
        float[] g = new float[N * O * OH * OW];
        for (int i = 0; i < g.length; i++) g[i] = (float) r.nextGaussian();
        float[] gw = new float[O * C * K * K];
        float[] x = new float[Math.max(BASE + C * K * XS, 1 << 20)]; // 4 MB: placed on a G1 region's start
        float[] gRows = new float[Math.max(BASE + O * QB + L, 1 << 20)];
        float[] sums = new float[O * C * K * K * L];
        packX(image, 0, x);
        packG(g, 0, gRows);
        run(image, g, gw, x, gRows, sums);
        if (PACK) {
            double worst = 0;
            for (int t = 0; t < 200; t++) {
                int o = r.nextInt(O), c = r.nextInt(C), i = r.nextInt(K), j = r.nextInt(K);
                double s = 0;
                for (int n = 0; n < N; n++) for (int y = 0; y < OH; y++) for (int xx = 0; xx < OW; xx++)
                    s += (double) g[((n * O + o) * OH + y) * OW + xx] * image[((n * C + c) * PH + y + i) * PW + xx + j];
                worst = Math.max(worst, Math.abs(s - gw[((o * C + c) * K + i) * K + j]) / (1 + Math.abs(s)));
            }
            System.out.printf("largest relative error against float64 sums: %.1e%n", worst);
        }
        long best = Long.MAX_VALUE;
        for (int rep = 0; rep < 150; rep++) {
            long t0 = System.nanoTime();
            run(image, g, gw, x, gRows, sums);
            best = Math.min(best, System.nanoTime() - t0);
        }
        double flops = 2.0 * N * OH * OW * C * K * K * O;
        System.out.printf("mode %s, %d samples a block, base %d: fastest of 150 %.2f ms (%.0f GFLOP/s counting every product)%n",
                MODE, SB, BASE, best / 1e6, flops / best);
    }

    static void run(float[] image, float[] g, float[] gw, float[] x, float[] gRows, float[] sums) {
        Arrays.fill(sums, 0f);
        for (int n0 = 0; n0 < N; n0 += SB) {
            if (PACK) {
                packX(image, n0, x);
                packG(g, n0, gRows);
            }
            for (int og = 0; og < O / 4; og++) {
                for (int c = 0; c < C; c++) {
                    for (int i = 0; i < K; i++) {
                        int yLo = Math.max(0, P - i), yHi = Math.min(OH, P + H - i); // rows reading the image
                        int q0 = yLo * ROW / L * L, q1 = Math.min(QB, (yHi * ROW + L - 1) / L * L);
                        tile(gRows, BASE + (HOT ? 0 : og * 4 * QB), x, BASE + (HOT ? 0 : c * K * XS) + i * ROW, sums,
                                HOT_SUMS ? 0 : ((og * C + c) * K + i) * 20 * L, q0, q1);
                    }
                }
            }
        }
        for (int og = 0; og < O / 4; og++) for (int c = 0; c < C; c++) for (int i = 0; i < K; i++)
            for (int k = 0; k < 4; k++) for (int j = 0; j < K; j++) {
                int at = ((og * C + c) * K + i) * 20 * L + (k * 5 + j) * L;
                gw[(((og * 4 + k) * C + c) * K + i) * K + j] = FloatVector.fromArray(S, sums, at).reduceLanes(VectorOperators.ADD);
            }
    }

    /** A block's input, per channel and kernel column, samples interleaved row by row (a 16-lane copy per row of 14). */
    static void packX(float[] image, int n0, float[] x) {
        for (int c = 0; c < C; c++) for (int j = 0; j < K; j++) {
            int to = BASE + (c * K + j) * XS;
            for (int y = 0; y < PH; y++) for (int s = 0; s < SB; s++) {
                int from = ((n0 + s) * C + c) * PH * PW + y * PW + j;
                int at = to + y * ROW + s * OW;
                if (from + L <= image.length) FloatVector.fromArray(S, image, from).intoArray(x, at);
                else System.arraycopy(image, from, x, at, OW);
            }
        }
    }

    /** A block's output gradient, per channel, in the same order. */
    static void packG(float[] g, int n0, float[] gRows) {
        for (int o = 0; o < O; o++) for (int y = 0; y < OH; y++) for (int s = 0; s < SB; s++) {
            int from = (((n0 + s) * O + o) * OH + y) * OW;
            int at = BASE + o * QB + y * ROW + s * OW;
            if (from + L <= g.length) FloatVector.fromArray(S, g, from).intoArray(gRows, at);
            else System.arraycopy(g, from, gRows, at, OW);
        }
    }

    static void tile(float[] gRows, int gb, float[] x, int xb, float[] sums, int at, int q0, int q1) {
        FloatVector a00 = FloatVector.fromArray(S, sums, at), a01 = FloatVector.fromArray(S, sums, at + L);
        FloatVector a02 = FloatVector.fromArray(S, sums, at + 2 * L), a03 = FloatVector.fromArray(S, sums, at + 3 * L);
        FloatVector a04 = FloatVector.fromArray(S, sums, at + 4 * L), a10 = FloatVector.fromArray(S, sums, at + 5 * L);
        FloatVector a11 = FloatVector.fromArray(S, sums, at + 6 * L), a12 = FloatVector.fromArray(S, sums, at + 7 * L);
        FloatVector a13 = FloatVector.fromArray(S, sums, at + 8 * L), a14 = FloatVector.fromArray(S, sums, at + 9 * L);
        FloatVector a20 = FloatVector.fromArray(S, sums, at + 10 * L), a21 = FloatVector.fromArray(S, sums, at + 11 * L);
        FloatVector a22 = FloatVector.fromArray(S, sums, at + 12 * L), a23 = FloatVector.fromArray(S, sums, at + 13 * L);
        FloatVector a24 = FloatVector.fromArray(S, sums, at + 14 * L), a30 = FloatVector.fromArray(S, sums, at + 15 * L);
        FloatVector a31 = FloatVector.fromArray(S, sums, at + 16 * L), a32 = FloatVector.fromArray(S, sums, at + 17 * L);
        FloatVector a33 = FloatVector.fromArray(S, sums, at + 18 * L), a34 = FloatVector.fromArray(S, sums, at + 19 * L);
        for (int v = q0; v < q1; v += L) {
            int gi = gb + v;
            FloatVector g0 = FloatVector.fromArray(S, gRows, gi);
            FloatVector g1 = FloatVector.fromArray(S, gRows, gi + QB);
            FloatVector g2 = FloatVector.fromArray(S, gRows, gi + 2 * QB);
            FloatVector g3 = FloatVector.fromArray(S, gRows, gi + 3 * QB);
            int xi = xb + v;
            FloatVector u = FloatVector.fromArray(S, x, xi);
            a00 = g0.fma(u, a00); a10 = g1.fma(u, a10); a20 = g2.fma(u, a20); a30 = g3.fma(u, a30);
            u = FloatVector.fromArray(S, x, xi + XS);
            a01 = g0.fma(u, a01); a11 = g1.fma(u, a11); a21 = g2.fma(u, a21); a31 = g3.fma(u, a31);
            u = FloatVector.fromArray(S, x, xi + 2 * XS);
            a02 = g0.fma(u, a02); a12 = g1.fma(u, a12); a22 = g2.fma(u, a22); a32 = g3.fma(u, a32);
            u = FloatVector.fromArray(S, x, xi + 3 * XS);
            a03 = g0.fma(u, a03); a13 = g1.fma(u, a13); a23 = g2.fma(u, a23); a33 = g3.fma(u, a33);
            u = FloatVector.fromArray(S, x, xi + 4 * XS);
            a04 = g0.fma(u, a04); a14 = g1.fma(u, a14); a24 = g2.fma(u, a24); a34 = g3.fma(u, a34);
        }
        a00.intoArray(sums, at); a01.intoArray(sums, at + L); a02.intoArray(sums, at + 2 * L); a03.intoArray(sums, at + 3 * L);
        a04.intoArray(sums, at + 4 * L); a10.intoArray(sums, at + 5 * L); a11.intoArray(sums, at + 6 * L); a12.intoArray(sums, at + 7 * L);
        a13.intoArray(sums, at + 8 * L); a14.intoArray(sums, at + 9 * L); a20.intoArray(sums, at + 10 * L); a21.intoArray(sums, at + 11 * L);
        a22.intoArray(sums, at + 12 * L); a23.intoArray(sums, at + 13 * L); a24.intoArray(sums, at + 14 * L); a30.intoArray(sums, at + 15 * L);
        a31.intoArray(sums, at + 16 * L); a32.intoArray(sums, at + 17 * L); a33.intoArray(sums, at + 18 * L); a34.intoArray(sums, at + 19 * L);
    }
}
