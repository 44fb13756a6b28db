import io.github.jnn.kernels.Activation;
import io.github.jnn.kernels.Conv2dShape;
import io.github.jnn.kernels.Kernels;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The padded 14x14 layer's three convolution products (float32, batch 64, 32 -> 64 channels, k5 p2) alternated in
 * one JVM, 50 ms each, with each one's minimum and median printed every 10 s: whether a slow level is one
 * product's own or the machine's (docs/convolution.md, session 41). One kernel thread with -Dnn.threads=1.
 * With a second argument (forward, gradInput or gradWeight) it runs that product alone and prints every call,
 * its start and its time in ms, to see how long a slow level lasts (session 42).
 *   javac --add-modules jdk.incubator.vector -cp nn-kernels/target/nn-kernels-0.1.0-SNAPSHOT.jar -d /tmp/pp \
 *       docs/bench/src/ConvPhaseProbe.java
 *   java --add-modules=jdk.incubator.vector -XX:+UseG1GC -XX:PerMethodTrapLimit=1000 -Dnn.threads=1 \
 *       -cp nn-kernels/target/nn-kernels-0.1.0-SNAPSHOT.jar:/tmp/pp ConvPhaseProbe 240 [gradWeight]
 */
public class ConvPhaseProbe {
    public static void main(String[] args) {
        double seconds = Double.parseDouble(args[0]);
        Conv2dShape s = new Conv2dShape(64, 32, 14, 14, 64, 5, 5, 1, 1, 2, 2);
        Kernels k = Kernels.vector();
        Random r = new Random(1);
        float[] x = gaussian(r, (int) s.inputLength()), w = gaussian(r, (int) s.weightLength());
        float[] b = gaussian(r, s.outC), g = gaussian(r, (int) s.outputLength());
        float[] pre = new float[(int) s.outputLength()], out = new float[(int) s.outputLength()];
        float[] gradX = new float[(int) s.inputLength()], gradW = new float[(int) s.weightLength()];
        float[] gradB = new float[s.outC];
        float[][] scratch = new float[Conv2dShape.SCRATCH_SLOTS][];
        Runnable[] products = {
            () -> k.conv2dForward(x, w, b, pre, out, s, Activation.RELU, scratch),
            () -> k.conv2dGradInput(g, w, gradX, s, scratch),
            () -> k.conv2dAccGradWeight(g, x, gradW, gradB, s, scratch)};
        String[] names = {"forward", "gradInput", "gradWeight"};
        if (args.length > 1) {
            int which = java.util.Arrays.asList(names).indexOf(args[1]);
            if (which < 0) {
                throw new IllegalArgumentException(args[1] + ": not one of " + String.join(", ", names));
            }
            trace(products[which], seconds);
            return;
        }
        List<List<Double>> window = new ArrayList<>();
        for (int i = 0; i < products.length; i++) {
            window.add(new ArrayList<>());
        }
        long start = System.nanoTime();
        long windowStart = start;
        for (int p = 0; System.nanoTime() - start < seconds * 1e9; p = (p + 1) % products.length) {
            long sliceEnd = System.nanoTime() + 50_000_000L;
            while (System.nanoTime() < sliceEnd) {
                long t = System.nanoTime();
                products[p].run();
                window.get(p).add((System.nanoTime() - t) / 1e6);
            }
            if (System.nanoTime() - windowStart > 10e9) {
                StringBuilder line = new StringBuilder(String.format("t=%4.0fs", (System.nanoTime() - start) / 1e9));
                for (int i = 0; i < products.length; i++) {
                    List<Double> ms = window.get(i);
                    Collections.sort(ms);
                    line.append(String.format("  %s min %.2f median %.2f ms", names[i], ms.get(0), ms.get(ms.size() / 2)));
                    ms.clear();
                }
                System.out.println(line);
                windowStart = System.nanoTime();
            }
        }
    }

    /** Every call of one product for that many seconds: its start (s) and its time (ms), printed at the end. */
    private static void trace(Runnable product, double seconds) {
        StringBuilder lines = new StringBuilder();
        long start = System.nanoTime();
        while (System.nanoTime() - start < seconds * 1e9) {
            long t = System.nanoTime();
            product.run();
            long end = System.nanoTime();
            lines.append(String.format("%.4f %.3f%n", (t - start) / 1e9, (end - t) / 1e6));
        }
        System.out.print(lines);
    }

    private static float[] gaussian(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }
}
