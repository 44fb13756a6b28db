import jdk.incubator.vector.*;

/**
 * What loads cost a loop of fused multiply-adds whose operands stay in L1: 20 FMAs (4 × 5 accumulators, the
 * shape of the lane-sum weight-gradient tile, LaneSumWeightGradientProbe) per step over 1,024 floats, with
 * {@code -Dvariant}: 0, 9 vector loads a step (4 + 5 operands); 1, 5 vector loads (the other 4 operands kept in
 * registers); 2, one vector load; 3, none; 4, 4 vector loads and 5 broadcasts of single floats; 5, 9 broadcasts.
 * {@code -Dbase=12} puts the operands on cache lines under G1 (0: 16 bytes past). Compare with
 * FmaPeakBenchmark (docs/convolution.md, "Session 48").
 *   javac --add-modules jdk.incubator.vector -d /tmp docs/bench/src/LoadMix.java
 *   java --add-modules=jdk.incubator.vector -XX:+UseG1GC -Dvariant=0 -cp /tmp LoadMix
 */
public class LoadMix {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    static final int VARIANT = Integer.getInteger("variant", 0);
    static void run(float[] a, int base, float[] acc) {
        int variant = VARIANT;
        FloatVector a00=FloatVector.fromArray(S, acc, 0),a01=FloatVector.fromArray(S, acc, 16),a02=FloatVector.fromArray(S, acc, 32),a03=FloatVector.fromArray(S, acc, 48),a04=FloatVector.fromArray(S, acc, 64),a10=FloatVector.fromArray(S, acc, 80),a11=FloatVector.fromArray(S, acc, 96),a12=FloatVector.fromArray(S, acc, 112),a13=FloatVector.fromArray(S, acc, 128),a14=FloatVector.fromArray(S, acc, 144),a20=FloatVector.fromArray(S, acc, 160),a21=FloatVector.fromArray(S, acc, 176),a22=FloatVector.fromArray(S, acc, 192),a23=FloatVector.fromArray(S, acc, 208),a24=FloatVector.fromArray(S, acc, 224),a30=FloatVector.fromArray(S, acc, 240),a31=FloatVector.fromArray(S, acc, 256),a32=FloatVector.fromArray(S, acc, 272),a33=FloatVector.fromArray(S, acc, 288),a34=FloatVector.fromArray(S, acc, 304);
        FloatVector r0 = FloatVector.fromArray(S, a, base), r1 = FloatVector.fromArray(S, a, base + 16), r2 = FloatVector.fromArray(S, a, base + 32), r3 = FloatVector.fromArray(S, a, base + 48);
        FloatVector r4 = FloatVector.fromArray(S, a, base + 64), r5 = FloatVector.fromArray(S, a, base + 80), r6 = FloatVector.fromArray(S, a, base + 96), r7 = FloatVector.fromArray(S, a, base + 112), r8 = FloatVector.fromArray(S, a, base + 128);
        {
            for (int v = 0; v < 1024; v += L) { // 4 KB per row; 9 rows of 4 KB: 36 KB in L1
                int i = base + v;
                FloatVector g0, g1, g2, g3, u0, u1, u2, u3, u4;
                if (variant == 0) {
                    g0 = FloatVector.fromArray(S, a, i); g1 = FloatVector.fromArray(S, a, i + 1040); g2 = FloatVector.fromArray(S, a, i + 2080); g3 = FloatVector.fromArray(S, a, i + 3120);
                    u0 = FloatVector.fromArray(S, a, i + 4160); u1 = FloatVector.fromArray(S, a, i + 5200); u2 = FloatVector.fromArray(S, a, i + 6240); u3 = FloatVector.fromArray(S, a, i + 7280); u4 = FloatVector.fromArray(S, a, i + 8320);
                } else if (variant == 4) {
                    g0 = FloatVector.fromArray(S, a, i); g1 = FloatVector.fromArray(S, a, i + 1040); g2 = FloatVector.fromArray(S, a, i + 2080); g3 = FloatVector.fromArray(S, a, i + 3120);
                    int k = base + 4160 + (v >> 4);
                    u0 = FloatVector.broadcast(S, a[k]); u1 = FloatVector.broadcast(S, a[k + 64]); u2 = FloatVector.broadcast(S, a[k + 128]); u3 = FloatVector.broadcast(S, a[k + 192]); u4 = FloatVector.broadcast(S, a[k + 256]);
                } else if (variant == 5) {
                    int k = base + 4160 + (v >> 4);
                    g0 = FloatVector.broadcast(S, a[k + 320]); g1 = FloatVector.broadcast(S, a[k + 384]); g2 = FloatVector.broadcast(S, a[k + 448]); g3 = FloatVector.broadcast(S, a[k + 512]);
                    u0 = FloatVector.broadcast(S, a[k]); u1 = FloatVector.broadcast(S, a[k + 64]); u2 = FloatVector.broadcast(S, a[k + 128]); u3 = FloatVector.broadcast(S, a[k + 192]); u4 = FloatVector.broadcast(S, a[k + 256]);
                } else if (variant == 1) {
                    g0 = FloatVector.fromArray(S, a, i); g1 = FloatVector.fromArray(S, a, i + 1040); g2 = FloatVector.fromArray(S, a, i + 2080); g3 = FloatVector.fromArray(S, a, i + 3120);
                    u0 = FloatVector.fromArray(S, a, i + 4160); u1 = r5; u2 = r6; u3 = r7; u4 = r8;
                } else if (variant == 2) {
                    g0 = FloatVector.fromArray(S, a, i); g1 = r1; g2 = r2; g3 = r3;
                    u0 = r4; u1 = r5; u2 = r6; u3 = r7; u4 = r8;
                } else {
                    g0 = r0; g1 = r1; g2 = r2; g3 = r3; u0 = r4; u1 = r5; u2 = r6; u3 = r7; u4 = r8;
                }
                a00 = g0.fma(u0, a00); a10 = g1.fma(u0, a10); a20 = g2.fma(u0, a20); a30 = g3.fma(u0, a30);
                a01 = g0.fma(u1, a01); a11 = g1.fma(u1, a11); a21 = g2.fma(u1, a21); a31 = g3.fma(u1, a31);
                a02 = g0.fma(u2, a02); a12 = g1.fma(u2, a12); a22 = g2.fma(u2, a22); a32 = g3.fma(u2, a32);
                a03 = g0.fma(u3, a03); a13 = g1.fma(u3, a13); a23 = g2.fma(u3, a23); a33 = g3.fma(u3, a33);
                a04 = g0.fma(u4, a04); a14 = g1.fma(u4, a14); a24 = g2.fma(u4, a24); a34 = g3.fma(u4, a34);
            }
        }
        a00.intoArray(acc, 0);
        a01.intoArray(acc, 16);
        a02.intoArray(acc, 32);
        a03.intoArray(acc, 48);
        a04.intoArray(acc, 64);
        a10.intoArray(acc, 80);
        a11.intoArray(acc, 96);
        a12.intoArray(acc, 112);
        a13.intoArray(acc, 128);
        a14.intoArray(acc, 144);
        a20.intoArray(acc, 160);
        a21.intoArray(acc, 176);
        a22.intoArray(acc, 192);
        a23.intoArray(acc, 208);
        a24.intoArray(acc, 224);
        a30.intoArray(acc, 240);
        a31.intoArray(acc, 256);
        a32.intoArray(acc, 272);
        a33.intoArray(acc, 288);
        a34.intoArray(acc, 304);
    }
    public static void main(String[] args) {
        float[] acc = new float[320];
        float[] a = new float[1 << 20]; // humongous under G1: element 12 on a cache line
        for (int i = 0; i < a.length; i++) a[i] = 1e-7f * (i % 7);
        float[] out = new float[L];
        int base = Integer.getInteger("base", 12);
        int n = 2000;
        long best = Long.MAX_VALUE;
        for (int t = 0; t < 40; t++) {
            long t0 = System.nanoTime();
            for (int k = 0; k < n; k++) run(a, base, acc);
            best = Math.min(best, System.nanoTime() - t0);
        }
        double flops = 2.0 * 20 * L * (1024 / L) * n;
        System.out.printf("variant %d base %d: %.1f GFLOP/s (%.3f)%n", VARIANT, base, flops / best, acc[0]);
    }
}
