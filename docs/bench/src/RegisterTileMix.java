import jdk.incubator.vector.*;
/**
 * The instruction mix of GemmPacked's register tiles with their operands in L1: an 8-row x 3-vector and an
 * 8-row x 2-vector tile (the library's, AVX-512), k steps over packed A (8 values a step) and B (3 or 2
 * vectors a step). Compare with FmaPeakBenchmark in the same minute (docs/gemm-avx512.md, session 38).
 *   javac --add-modules jdk.incubator.vector -d /tmp RegisterTileMix.java
 *   taskset -c 0 java --add-modules=jdk.incubator.vector -cp /tmp RegisterTileMix 256
 */
public class RegisterTileMix {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    static final int L = 16;
    // 8 rows x 3 vectors, k steps over packed A (8 per k) and B (48 per k), all L1 resident
    static float tile(float[] a, float[] b, int k, float[] c) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00=z,c01=z,c02=z,c10=z,c11=z,c12=z,c20=z,c21=z,c22=z,c30=z,c31=z,c32=z,c40=z,c41=z,c42=z,c50=z,c51=z,c52=z,c60=z,c61=z,c62=z,c70=z,c71=z,c72=z;
        for (int q = 0; q < k; q++) {
            int bi = q * 48, ai = q * 8;
            FloatVector b0 = FloatVector.fromArray(S, b, bi), b1 = FloatVector.fromArray(S, b, bi + 16), b2 = FloatVector.fromArray(S, b, bi + 32);
            FloatVector v = FloatVector.broadcast(S, a[ai]); c00 = b0.fma(v, c00); c01 = b1.fma(v, c01); c02 = b2.fma(v, c02);
            v = FloatVector.broadcast(S, a[ai+1]); c10 = b0.fma(v, c10); c11 = b1.fma(v, c11); c12 = b2.fma(v, c12);
            v = FloatVector.broadcast(S, a[ai+2]); c20 = b0.fma(v, c20); c21 = b1.fma(v, c21); c22 = b2.fma(v, c22);
            v = FloatVector.broadcast(S, a[ai+3]); c30 = b0.fma(v, c30); c31 = b1.fma(v, c31); c32 = b2.fma(v, c32);
            v = FloatVector.broadcast(S, a[ai+4]); c40 = b0.fma(v, c40); c41 = b1.fma(v, c41); c42 = b2.fma(v, c42);
            v = FloatVector.broadcast(S, a[ai+5]); c50 = b0.fma(v, c50); c51 = b1.fma(v, c51); c52 = b2.fma(v, c52);
            v = FloatVector.broadcast(S, a[ai+6]); c60 = b0.fma(v, c60); c61 = b1.fma(v, c61); c62 = b2.fma(v, c62);
            v = FloatVector.broadcast(S, a[ai+7]); c70 = b0.fma(v, c70); c71 = b1.fma(v, c71); c72 = b2.fma(v, c72);
        }
        FloatVector s = c00.add(c01).add(c02).add(c10).add(c11).add(c12).add(c20).add(c21).add(c22).add(c30).add(c31).add(c32)
            .add(c40).add(c41).add(c42).add(c50).add(c51).add(c52).add(c60).add(c61).add(c62).add(c70).add(c71).add(c72);
        return s.reduceLanes(VectorOperators.ADD);
    }
    static float tile2(float[] a, float[] b, int k, float[] c) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00=z,c01=z,c10=z,c11=z,c20=z,c21=z,c30=z,c31=z,c40=z,c41=z,c50=z,c51=z,c60=z,c61=z,c70=z,c71=z;
        for (int q = 0; q < k; q++) {
            int bi = q * 32, ai = q * 8;
            FloatVector b0 = FloatVector.fromArray(S, b, bi), b1 = FloatVector.fromArray(S, b, bi + 16);
            FloatVector v = FloatVector.broadcast(S, a[ai]); c00 = b0.fma(v, c00); c01 = b1.fma(v, c01);
            v = FloatVector.broadcast(S, a[ai+1]); c10 = b0.fma(v, c10); c11 = b1.fma(v, c11);
            v = FloatVector.broadcast(S, a[ai+2]); c20 = b0.fma(v, c20); c21 = b1.fma(v, c21);
            v = FloatVector.broadcast(S, a[ai+3]); c30 = b0.fma(v, c30); c31 = b1.fma(v, c31);
            v = FloatVector.broadcast(S, a[ai+4]); c40 = b0.fma(v, c40); c41 = b1.fma(v, c41);
            v = FloatVector.broadcast(S, a[ai+5]); c50 = b0.fma(v, c50); c51 = b1.fma(v, c51);
            v = FloatVector.broadcast(S, a[ai+6]); c60 = b0.fma(v, c60); c61 = b1.fma(v, c61);
            v = FloatVector.broadcast(S, a[ai+7]); c70 = b0.fma(v, c70); c71 = b1.fma(v, c71);
        }
        FloatVector s = c00.add(c01).add(c10).add(c11).add(c20).add(c21).add(c30).add(c31).add(c40).add(c41).add(c50).add(c51).add(c60).add(c61).add(c70).add(c71);
        return s.reduceLanes(VectorOperators.ADD);
    }
    public static void main(String[] x) {
        int k = Integer.parseInt(x[0]);
        float[] a = new float[8 * k], b = new float[48 * k], c = new float[1];
        for (int i = 0; i < a.length; i++) a[i] = (i % 7) * 1e-3f;
        for (int i = 0; i < b.length; i++) b[i] = (i % 5) * 1e-3f;
        float sink = 0;
        for (int round = 0; round < 8; round++) {
            long t0 = System.nanoTime(); int reps = 0;
            while (System.nanoTime() - t0 < 1_000_000_000L) { for (int r = 0; r < 100; r++) sink += tile(a, b, k, c); reps += 100; }
            double tt = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime(); int reps2 = 0;
            while (System.nanoTime() - t1 < 1_000_000_000L) { for (int r = 0; r < 100; r++) sink += tile2(a, b, k, c); reps2 += 100; }
            double tp = (System.nanoTime() - t1) / 1e9;
            double ft = 2.0 * 24 * 16 * k * reps / tt / 1e9, fp = 2.0 * 16 * 16 * k * reps2 / tp / 1e9;
            System.out.printf("k=%d tile8x3 %.1f GFLOP/s  tile8x2 %.1f  ratio %.3f%n", k, ft, fp, ft / fp);
        }
        System.out.println(sink);
    }
}
