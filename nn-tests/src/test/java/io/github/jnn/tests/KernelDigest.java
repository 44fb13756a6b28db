package io.github.jnn.tests;

import io.github.jnn.tensor.TestTensors;
import io.github.jnn.kernels.TestArrays;
import io.github.jnn.kernels.Activation;
import io.github.jnn.kernels.Conv2dShape;
import io.github.jnn.kernels.KernelThreads;
import io.github.jnn.kernels.Kernels;
import io.github.jnn.kernels.Pool2dShape;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import static io.github.jnn.kernels.TestArrays.gaussian;
import static io.github.jnn.tensor.TestTensors.gaussian;

/**
 * Runs every vector kernel once, both dtypes, on fixed inputs whose shapes reach each code path (the dot
 * and packed products, vector bodies with scalar tails), and hashes the raw bits of every result. Used by
 * {@link JitIndependenceTest} in this JVM after warm-up and, through {@link #main}, in a child JVM started
 * with {@code -Xint}: the two must agree bit for bit, otherwise a result would depend on whether its loop
 * happened to be compiled (as {@code reduceLanes(ADD)} and {@code lanewise(EXP)} made it, see
 * {@code VectorMath}).
 */
public final class KernelDigest {
    /** Product shapes m×k×n: dot path for both dtypes, packed path for float32 only, packed for both. */
    private static final int[][] SHAPES = {{13, 37, 9}, {70, 40, 36}, {168, 45, 38}};
    /** Elementwise and row lengths: vector bodies plus a tail. */
    private static final int LEN = 4099;
    private static final int ROW = 29;
    /** Rows shorter than a vector (the narrow-row softmax), over several of its chunks. */
    private static final int NARROW_ROW = 7;

    private KernelDigest() {
    }

    /**
     * Kernel name → hash of its result's raw bits, in a fixed order, for the vector set, or for the set named
     * by {@code -Djnn.digest.kernels=scalar|vector} (to compare a kernel change's bits before and after).
     */
    public static Map<String, Long> digests() {
        Kernels v = Kernels.byName(System.getProperty("jnn.digest.kernels", "vector"));
        Map<String, Long> out = new LinkedHashMap<>();
        int saved = KernelThreads.get();
        KernelThreads.set(1);
        try {
            for (int[] s : SHAPES) {
                products(v, s[0], s[1], s[2], out);
            }
            elementwise(v, out);
            convolutions(v, out);
        } finally {
            KernelThreads.set(saved);
        }
        return out;
    }

    private static void products(Kernels v, int m, int k, int n, Map<String, Long> out) {
        Random rnd = new Random(31L * m + k * 7L + n);
        double[] x = gaussian(rnd, m * k);
        double[] w = gaussian(rnd, n * k);
        double[] b = gaussian(rnd, n);
        double[] g = gaussian(rnd, m * n);
        String shape = m + "x" + k + "x" + n;
        for (Activation act : Activation.values()) {
            double[] pre = new double[m * n];
            double[] y = new double[m * n];
            v.linearForward(x, w, b, pre, y, m, k, n, act);
            out.put("f64 forward " + act + " " + shape, hash(pre) * 31 + hash(y));
            float[] pref = new float[m * n];
            float[] yf = new float[m * n];
            v.linearForward(f(x), f(w), f(b), pref, yf, m, k, n, act);
            out.put("f32 forward " + act + " " + shape, hash(pref) * 31 + hash(yf));
        }
        double[] gx = new double[m * k];
        v.linearGradInput(g, w, gx, m, k, n);
        out.put("f64 gradInput " + shape, hash(gx));
        float[] gxf = new float[m * k];
        v.linearGradInput(f(g), f(w), gxf, m, k, n);
        out.put("f32 gradInput " + shape, hash(gxf));
        double[] gw = gaussian(rnd, n * k);
        v.linearAccGradWeight(g, x, gw, m, k, n);
        out.put("f64 accGradWeight " + shape, hash(gw));
        float[] gwf = f(gaussian(rnd, n * k));
        v.linearAccGradWeight(f(g), f(x), gwf, m, k, n);
        out.put("f32 accGradWeight " + shape, hash(gwf));
        double[] gb = gaussian(rnd, n);
        v.accColumnSums(g, gb, m, n);
        out.put("f64 accColumnSums " + shape, hash(gb));
        float[] gbf = f(gaussian(rnd, n));
        v.accColumnSums(f(g), gbf, m, n);
        out.put("f32 accColumnSums " + shape, hash(gbf));
    }

    private static void elementwise(Kernels v, Map<String, Long> out) {
        Random rnd = new Random(7);
        double[] x = gaussian(rnd, LEN);
        for (int i = 0; i < LEN; i += 17) {
            x[i] *= 400; // reach saturation and exp's extremes
        }
        double[] y = gaussian(rnd, LEN);
        double[] g = gaussian(rnd, LEN);
        float[] xf = f(x);
        float[] yf = f(y);
        float[] gf = f(g);
        double[] o = new double[LEN];
        float[] of = new float[LEN];
        v.sigmoid(x, o, LEN);
        v.sigmoid(xf, of, LEN);
        put(out, "sigmoid", o, of);
        v.sigmoidBackward(y, g, o, LEN);
        v.sigmoidBackward(yf, gf, of, LEN);
        put(out, "sigmoidBackward", o, of);
        v.relu(x, o, LEN);
        v.relu(xf, of, LEN);
        put(out, "relu", o, of);
        v.reluBackward(y, g, o, LEN);
        v.reluBackward(yf, gf, of, LEN);
        put(out, "reluBackward", o, of);
        v.leakyRelu(x, o, LEN, 0.03);
        v.leakyRelu(xf, of, LEN, 0.03);
        put(out, "leakyRelu", o, of);
        v.leakyReluBackward(x, g, o, LEN, 0.03);
        v.leakyReluBackward(xf, gf, of, LEN, 0.03);
        put(out, "leakyReluBackward", o, of);
        v.elu(x, o, LEN, 0.7);
        v.elu(xf, of, LEN, 0.7);
        put(out, "elu", o, of);
        v.eluBackward(x, y, g, o, LEN, 0.7);
        v.eluBackward(xf, yf, gf, of, LEN, 0.7);
        put(out, "eluBackward", o, of);
        v.softplus(x, o, LEN);
        v.softplus(xf, of, LEN);
        put(out, "softplus", o, of);
        v.softplusBackward(x, g, o, LEN);
        v.softplusBackward(xf, gf, of, LEN);
        put(out, "softplusBackward", o, of);
        v.tanh(x, o, LEN);
        v.tanh(xf, of, LEN);
        put(out, "tanh", o, of);
        v.tanhBackward(y, g, o, LEN);
        v.tanhBackward(yf, gf, of, LEN);
        put(out, "tanhBackward", o, of);
        rows(v, x, y, g, xf, yf, gf, o, of, ROW, "", out);
        rows(v, x, y, g, xf, yf, gf, o, of, NARROW_ROW, " narrow", out);
        double[] w = y.clone();
        double[] vel = g.clone();
        float[] wf = f(y);
        float[] velf = f(g);
        v.sgdStep(w, x, vel, LEN, 0.01, 0.9, 1e-4);
        v.sgdStep(wf, xf, velf, LEN, 0.01, 0.9, 1e-4);
        out.put("f64 sgdStep", hash(w) * 31 + hash(vel));
        out.put("f32 sgdStep", hash(wf) * 31 + hash(velf));
        double[] m1 = g.clone();
        double[] m2 = new double[LEN];
        float[] m1f = f(g);
        float[] m2f = new float[LEN];
        for (int i = 0; i < LEN; i++) {
            m2[i] = y[i] * y[i];
            m2f[i] = (float) m2[i];
        }
        v.adamStep(w, x, m1, m2, LEN, 0.001, 0.9, 0.999, 1e-8);
        v.adamStep(wf, xf, m1f, m2f, LEN, 0.001, 0.9, 0.999, 1e-8);
        out.put("f64 adamStep", (hash(w) * 31 + hash(m1)) * 31 + hash(m2));
        out.put("f32 adamStep", (hash(wf) * 31 + hash(m1f)) * 31 + hash(m2f));
    }

    /** Conv2d's three kernels (lowered onto the packed products in the vector set) and max-pooling. */
    private static void convolutions(Kernels v, Map<String, Long> out) {
        Conv2dShape[] shapes = {new Conv2dShape(3, 2, 11, 9, 7, 3, 3, 1, 1, 1, 1),
            new Conv2dShape(8, 6, 12, 12, 40, 5, 5, 1, 1, 0, 0), new Conv2dShape(2, 3, 9, 8, 5, 4, 3, 2, 3, 1, 2)};
        for (Conv2dShape s : shapes) {
            Random rnd = new Random(s.hashCode());
            double[] x = gaussian(rnd, (int) s.inputLength());
            double[] w = gaussian(rnd, (int) s.weightLength());
            double[] b = gaussian(rnd, s.outC);
            double[] g = gaussian(rnd, (int) s.outputLength());
            double[] y = new double[g.length];
            double[] pre = new double[g.length];
            float[] yf = new float[g.length];
            float[] pref = new float[g.length];
            v.conv2dForward(x, w, b, pre, y, s, Activation.RELU, null);
            v.conv2dForward(f(x), f(w), f(b), pref, yf, s, Activation.RELU, null);
            put(out, "conv2dForward " + s, y, yf);
            put(out, "conv2dForward pre " + s, pre, pref);
            double[] gx = new double[x.length];
            float[] gxf = new float[x.length];
            v.conv2dGradInput(g, w, gx, s, null);
            v.conv2dGradInput(f(g), f(w), gxf, s, null);
            put(out, "conv2dGradInput " + s, gx, gxf);
            double[] gw = new double[w.length];
            float[] gwf = new float[w.length];
            double[] gb = new double[s.outC];
            float[] gbf = new float[s.outC];
            v.conv2dAccGradWeight(g, x, gw, gb, s, null);
            v.conv2dAccGradWeight(f(g), f(x), gwf, gbf, s, null);
            put(out, "conv2dAccGradWeight " + s, gw, gwf);
            put(out, "conv2d bias gradient " + s, gb, gbf);
        }
        Pool2dShape p = new Pool2dShape(3, 4, 13, 11, 3, 3, 2, 2, 1, 1);
        double[] x = gaussian(new Random(p.hashCode()), (int) p.inputLength());
        double[] y = new double[(int) p.outputLength()];
        float[] yf = new float[y.length];
        int[] arg = new int[y.length];
        int[] argf = new int[y.length];
        v.maxPool2dForward(x, y, arg, p);
        v.maxPool2dForward(f(x), yf, argf, p);
        put(out, "maxPool2dForward " + p, y, yf);
        out.put("maxPool2d argmax " + p, (long) java.util.Arrays.hashCode(arg) * 31 + java.util.Arrays.hashCode(argf));
        double[] gx = new double[x.length];
        float[] gxf = new float[x.length];
        v.maxPool2dBackward(y, arg, gx, p);
        v.maxPool2dBackward(yf, argf, gxf, p);
        put(out, "maxPool2dBackward " + p, gx, gxf);
    }

    /** The row kernels (softmax, log-softmax and their backward passes) over rows of {@code row} values. */
    private static void rows(Kernels v, double[] x, double[] y, double[] g, float[] xf, float[] yf, float[] gf,
                             double[] o, float[] of, int row, String suffix, Map<String, Long> out) {
        int m = LEN / row;
        v.softmaxRows(x, o, m, row);
        v.softmaxRows(xf, of, m, row);
        put(out, "softmaxRows" + suffix, o, of);
        v.logSoftmaxRows(x, o, m, row);
        v.logSoftmaxRows(xf, of, m, row);
        put(out, "logSoftmaxRows" + suffix, o, of);
        v.softmaxBackwardRows(y, g, o, m, row);
        v.softmaxBackwardRows(yf, gf, of, m, row);
        put(out, "softmaxBackwardRows" + suffix, o, of);
        v.logSoftmaxBackwardRows(y, g, o, m, row);
        v.logSoftmaxBackwardRows(yf, gf, of, m, row);
        put(out, "logSoftmaxBackwardRows" + suffix, o, of);
    }

    private static void put(Map<String, Long> out, String name, double[] o, float[] of) {
        out.put("f64 " + name, hash(o));
        out.put("f32 " + name, hash(of));
    }

    private static float[] f(double[] a) {
        float[] r = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = (float) a[i];
        }
        return r;
    }

    private static long hash(double[] a) {
        long h = 1;
        for (double d : a) {
            h = h * 1_000_003L + Double.doubleToRawLongBits(d);
        }
        return h;
    }

    private static long hash(float[] a) {
        long h = 1;
        for (float d : a) {
            h = h * 1_000_003L + Float.floatToRawIntBits(d);
        }
        return h;
    }

    /** Prints {@code name=hash} lines, one per kernel, for the parent test to compare. */
    public static void main(String[] args) {
        System.out.print(render(digests()));
        System.out.flush();
    }

    static String render(Map<String, Long> d) {
        StringBuilder sb = new StringBuilder();
        d.forEach((k, val) -> sb.append(k).append('=').append(Long.toHexString(val)).append('\n'));
        return sb.toString();
    }
}
