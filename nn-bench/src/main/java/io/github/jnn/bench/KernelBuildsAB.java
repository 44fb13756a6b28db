package io.github.jnn.bench;

import io.github.jnn.kernels.Conv2dShape;
import io.github.jnn.kernels.Pool2dShape;

import java.io.File;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Two or more builds of nn-kernels timed against each other in one JVM, for deciding whether a kernel change
 * pays. Each build (a jar or a classes directory) is loaded by its own class loader, so each has its own
 * compiled code, and their calls alternate in slices of about 50 ms for the whole run: a slow phase of a noisy
 * VM (this project's 2-vCPU VMs drift by ±30 % within minutes) hits all builds alike, where separate JMH runs
 * minutes apart compare the VM's phases more than the kernels. Reports each build's minimum, 10th percentile
 * and median time per call after a quarter of the run as warm-up, and GFLOP/s at the minimum. Vector kernels,
 * one thread, or {@code -Dnn.threads=N}. Not a benchmark for the report (JMH is): a tool for A/B decisions.
 * With N > 1 give it one build per JVM: each build's class loader has its own kernel workers, which spin
 * after their calls (KernelThreads), so two builds in one JVM run more threads than cores and slow down
 * whichever runs next (docs/gemm-avx512.md, session 32).
 * <pre>
 * java --add-modules=jdk.incubator.vector -cp nn-bench/target/benchmarks.jar io.github.jnn.bench.KernelBuildsAB \
 *     forward float64 256x1024x1024 12 /tmp/before.jar nn-kernels/target/classes
 * </pre>
 * Operations: {@code forward} (X·Wᵀ), {@code gradInput} (G·W), {@code gradWeight} (W' = Gᵀ·X; builds from
 * session 35 on) and {@code accGradWeight} (W' += Gᵀ·X), each with a shape {@code MxKxN};
 * {@code convForward} (with bias and ReLU, as Sequential runs Conv2d+ReLU),
 * {@code convGradInput} and {@code convGradWeight} (with the bias gradient), each with a convolution shape
 * {@code NxCxHxW-OkK[sS][pP]} ({@link ConvShape}); {@code maxPoolForward} and {@code maxPoolBackward}
 * over an input {@code NxCxHxW[-kK]} (K×K windows at stride K, 2 unless given); {@code leanStep} and {@code fullStep}, the
 * {@link TrainingStep} of a network {@code INxHxC@batch} (nn-core comes from this jar, nn-kernels from the
 * build).
 */
public final class KernelBuildsAB {
    private static final long SLICE_NANOS = 50_000_000L;

    private KernelBuildsAB() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: KernelBuildsAB forward|gradInput|gradWeight|accGradWeight float64|float32 MxKxN"
                    + " seconds build1 [build2 ...]   (a build is an nn-kernels jar or classes directory)\n"
                    + "       KernelBuildsAB convForward|convGradInput|convGradWeight float64|float32"
                    + " NxCxHxW-OkK[sS][pP] seconds build1 [...]\n"
                    + "       KernelBuildsAB maxPoolForward|maxPoolBackward float64|float32 NxCxHxW[-kK] seconds"
                    + " build1 [...]\n"
                    + "       KernelBuildsAB leanStep|fullStep float64|float32 INxHxC@batch seconds build1 [...]");
            System.exit(2);
        }
        run(args[0], args[1], args[2], Double.parseDouble(args[3]), List.of(args).subList(4, args.length),
                System.out);
    }

    /**
     * Times {@code op} of each build, alternated, for {@code seconds} in all; one line per build on out.
     * {@code size} is a product's {@code MxKxN} or a step's network {@code INxHxC@batch}.
     */
    static void run(String op, String dtype, String size, double seconds, List<String> builds, PrintStream out)
            throws Exception {
        boolean f64 = switch (dtype) {
            case "float64" -> true;
            case "float32" -> false;
            default -> throw new IllegalArgumentException("KernelBuildsAB: dtype " + dtype + ", not float64|float32");
        };
        boolean step = op.equals("leanStep") || op.equals("fullStep");
        boolean conv = op.startsWith("conv");
        boolean pool = op.startsWith("maxPool");
        Shape shape = step || conv || pool ? null : Shape.parse(size);
        Conv2dShape convShape = conv ? ConvShape.parse(size) : null;
        List<Runnable> calls = new ArrayList<>();
        if (step) {
            for (String build : builds) {
                calls.add(stepCall(build, op.equals("leanStep"), dtype, size));
            }
        } else if (conv) {
            for (String build : builds) {
                calls.add(convCall(build, op, f64, convShape));
            }
        } else if (pool) {
            for (String build : builds) {
                calls.add(poolCall(build, op, f64, size));
            }
        } else {
            int m = shape.m;
            int k = shape.k;
            int n = shape.n;
            Object x = gaussian(f64, m * k, 1);
            Object w = gaussian(f64, n * k, 2);
            Object g = gaussian(f64, m * n, 3);
            Object result = gaussian(f64, Math.max(m * n, Math.max(m * k, n * k)), 4);
            for (String build : builds) {
                calls.add(call(build, op, f64, x, w, g, result, m, k, n));
            }
        }
        List<List<Long>> times = new ArrayList<>();
        builds.forEach(b -> times.add(new ArrayList<>()));
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long warm = start + (end - start) / 4;
        while (System.nanoTime() < end) {
            for (int b = 0; b < calls.size(); b++) {
                long sliceEnd = System.nanoTime() + SLICE_NANOS;
                long t;
                do {
                    long t0 = System.nanoTime();
                    calls.get(b).run();
                    t = System.nanoTime();
                    if (t0 > warm) {
                        times.get(b).add(t - t0);
                    }
                } while (t < sliceEnd);
            }
        }
        for (int b = 0; b < builds.size(); b++) {
            List<Long> ts = times.get(b);
            Collections.sort(ts);
            if (ts.isEmpty()) {
                throw new IllegalStateException("KernelBuildsAB: no timed call of " + builds.get(b) + " in "
                        + seconds + " s; give it more time");
            }
            double min = ts.get(0) / 1e6;
            double flops = step || pool ? 0 : conv ? ConvShape.productFlops(convShape) : shape.productFlops();
            String rate = step || pool ? "" : String.format("  %6.1f GFLOP/s at the min", flops / (min * 1e6));
            out.printf("%s %s %s  %-40s min %9.3f  p10 %9.3f  median %9.3f ms%s (%d calls)%n",
                    op, dtype, size, builds.get(b), min, ts.get(ts.size() / 10) / 1e6, ts.get(ts.size() / 2) / 1e6,
                    rate, ts.size());
        }
    }

    private static Runnable call(String build, String op, boolean f64, Object x, Object w, Object g, Object result,
                                 int m, int k, int n) throws Exception {
        // The platform loader as parent: the build's classes, not the copy inside this jar, are the ones used.
        ClassLoader loader = new URLClassLoader(new URL[] {url(build)}, ClassLoader.getPlatformClassLoader());
        Class<?> kernels = buildKernels(loader, build);
        Object set = kernels.getMethod("vector").invoke(null);
        Class<?> activation = loader.loadClass("io.github.jnn.kernels.Activation");
        Class<?> t = f64 ? double[].class : float[].class;
        Method method;
        Object[] arguments;
        switch (op) {
            case "forward" -> {
                method = kernels.getMethod("linearForward", t, t, t, t, t, int.class, int.class, int.class, activation);
                arguments = new Object[] {x, w, null, null, result, m, k, n, activation.getField("NONE").get(null)};
            }
            case "gradInput" -> {
                method = kernels.getMethod("linearGradInput", t, t, t, int.class, int.class, int.class);
                arguments = new Object[] {g, w, result, m, k, n};
            }
            case "gradWeight", "accGradWeight" -> {
                String name = op.equals("gradWeight") ? "linearGradWeight" : "linearAccGradWeight";
                method = kernels.getMethod(name, t, t, t, int.class, int.class, int.class);
                arguments = new Object[] {g, x, result, m, k, n};
            }
            default -> throw new IllegalArgumentException(
                    "KernelBuildsAB: operation " + op + ", not forward|gradInput|gradWeight|accGradWeight");
        }
        return invocation(set, method, arguments, op, build);
    }

    /**
     * One convolution product of {@code build}'s vector set on the shape {@code s} (made again with the
     * build's {@code Conv2dShape}), its scratch kept between calls as a module keeps it.
     */
    private static Runnable convCall(String build, String op, boolean f64, Conv2dShape s) throws Exception {
        ClassLoader loader = new URLClassLoader(new URL[] {url(build)}, ClassLoader.getPlatformClassLoader());
        Class<?> kernels = buildKernels(loader, build);
        Object set = kernels.getMethod("vector").invoke(null);
        Class<?> shapeClass = loader.loadClass(Conv2dShape.class.getName());
        Class<?>[] ints = new Class<?>[11];
        java.util.Arrays.fill(ints, int.class);
        Object shape = shapeClass.getConstructor(ints).newInstance(s.n, s.inC, s.h, s.w, s.outC, s.kh, s.kw,
                s.strideH, s.strideW, s.padH, s.padW);
        Class<?> activation = loader.loadClass("io.github.jnn.kernels.Activation");
        Class<?> t = f64 ? double[].class : float[].class;
        Class<?> scratchType = f64 ? double[][].class : float[][].class;
        Object scratch = f64 ? new double[Conv2dShape.SCRATCH_SLOTS][] : new float[Conv2dShape.SCRATCH_SLOTS][];
        Object x = gaussian(f64, (int) s.inputLength(), 1);
        Object w = gaussian(f64, (int) s.weightLength(), 2);
        Object b = gaussian(f64, s.outC, 3);
        Object g = gaussian(f64, (int) s.outputLength(), 4);
        Method method;
        Object[] arguments;
        switch (op) {
            case "convForward" -> {
                method = kernels.getMethod("conv2dForward", t, t, t, t, t, shapeClass, activation, scratchType);
                arguments = new Object[] {x, w, b, gaussian(f64, (int) s.outputLength(), 5),
                        gaussian(f64, (int) s.outputLength(), 6), shape, activation.getField("RELU").get(null),
                        scratch};
            }
            case "convGradInput" -> {
                method = kernels.getMethod("conv2dGradInput", t, t, t, shapeClass, scratchType);
                arguments = new Object[] {g, w, gaussian(f64, (int) s.inputLength(), 5), shape, scratch};
            }
            case "convGradWeight" -> {
                method = kernels.getMethod("conv2dAccGradWeight", t, t, t, t, shapeClass, scratchType);
                arguments = new Object[] {g, x, gaussian(f64, (int) s.weightLength(), 5),
                        gaussian(f64, s.outC, 6), shape, scratch};
            }
            default -> throw new IllegalArgumentException(
                    "KernelBuildsAB: operation " + op + ", not convForward|convGradInput|convGradWeight");
        }
        return invocation(set, method, arguments, op, build);
    }

    /** Max-pooling forward or backward of {@code build}'s vector set over an input {@code NxCxHxW[-kK]}. */
    private static Runnable poolCall(String build, String op, boolean f64, String size) throws Exception {
        java.util.regex.Matcher d = java.util.regex.Pattern.compile("(\\d+)x(\\d+)x(\\d+)x(\\d+)(?:-k(\\d+))?")
                .matcher(size);
        if (!d.matches()) {
            throw new IllegalArgumentException("KernelBuildsAB: pooling input " + size + ", not NxCxHxW[-kK]");
        }
        int n = Integer.parseInt(d.group(1));
        int c = Integer.parseInt(d.group(2));
        int h = Integer.parseInt(d.group(3));
        int w = Integer.parseInt(d.group(4));
        int k = d.group(5) == null ? 2 : Integer.parseInt(d.group(5));
        Pool2dShape s = new Pool2dShape(n, c, h, w, k, k, k, k, 0, 0); // checked here; its lengths size the arrays
        ClassLoader loader = new URLClassLoader(new URL[] {url(build)}, ClassLoader.getPlatformClassLoader());
        Class<?> kernels = buildKernels(loader, build);
        Object set = kernels.getMethod("vector").invoke(null);
        Class<?> shapeClass = loader.loadClass("io.github.jnn.kernels.Pool2dShape");
        Class<?>[] ints = new Class<?>[10];
        java.util.Arrays.fill(ints, int.class);
        Object shape = shapeClass.getConstructor(ints).newInstance(n, c, h, w, k, k, k, k, 0, 0);
        Class<?> t = f64 ? double[].class : float[].class;
        Object x = gaussian(f64, (int) s.inputLength(), 1);
        Object out = gaussian(f64, (int) s.outputLength(), 2);
        int[] argmax = new int[(int) s.outputLength()];
        Method forward = kernels.getMethod("maxPool2dForward", t, t, int[].class, shapeClass);
        forward.invoke(set, x, out, argmax, shape); // argmax for the backward
        if (op.equals("maxPoolForward")) {
            return invocation(set, forward, new Object[] {x, out, argmax, shape}, op, build);
        }
        if (op.equals("maxPoolBackward")) {
            return invocation(set, kernels.getMethod("maxPool2dBackward", t, int[].class, t, shapeClass),
                    new Object[] {out, argmax, x, shape}, op, build);
        }
        throw new IllegalArgumentException("KernelBuildsAB: operation " + op + ", not maxPoolForward|maxPoolBackward");
    }

    /** {@code method} called on {@code set} with {@code arguments}; a failure names the operation and the build. */
    private static Runnable invocation(Object set, Method method, Object[] arguments, String op, String build) {
        return () -> {
            try {
                method.invoke(set, arguments);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("KernelBuildsAB: " + op + " of " + build + " failed", e);
            }
        };
    }

    /**
     * A {@link TrainingStep} whose nn-kernels classes come from {@code build}: its loader looks in the build
     * first, then where nn-bench and nn-core are (this jar, or their classes directories in a test).
     */
    private static Runnable stepCall(String build, boolean lean, String dtype, String network) throws Exception {
        List<URL> urls = new ArrayList<>(List.of(url(build)));
        for (Class<?> c : List.of(TrainingStep.class, io.github.jnn.nn.Linear.class)) {
            URL at = c.getProtectionDomain().getCodeSource().getLocation();
            if (!urls.contains(at)) {
                urls.add(at);
            }
        }
        ClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        buildKernels(loader, build);
        return (Runnable) loader.loadClass(TrainingStep.class.getName())
                .getConstructor(String.class, String.class, String.class, boolean.class)
                .newInstance(network, dtype, "vector", lean);
    }

    /**
     * The build's {@code Kernels} class, loaded by {@code loader}, which must find it in the build; the
     * build's {@code KernelThreads} set to {@code -Dnn.threads} (one thread if not given).
     */
    private static Class<?> buildKernels(ClassLoader loader, String build)
            throws ReflectiveOperationException {
        Class<?> kernels;
        try {
            kernels = loader.loadClass("io.github.jnn.kernels.Kernels");
            if (!url(build).equals(kernels.getProtectionDomain().getCodeSource().getLocation())) {
                throw new ClassNotFoundException("io.github.jnn.kernels.Kernels is not in " + build);
            }
        } catch (ClassNotFoundException | MalformedURLException e) {
            throw new IllegalArgumentException("KernelBuildsAB: " + build + " holds no nn-kernels classes"
                    + " (io.github.jnn.kernels.Kernels)", e);
        }
        loader.loadClass("io.github.jnn.kernels.KernelThreads").getMethod("set", int.class)
                .invoke(null, Integer.getInteger("nn.threads", 1));
        return kernels;
    }

    private static URL url(String build) throws MalformedURLException {
        File file = new File(build);
        if (!file.exists()) {
            throw new IllegalArgumentException("KernelBuildsAB: no such jar or directory: " + build);
        }
        return file.toURI().toURL();
    }

    private static Object gaussian(boolean f64, int length, long seed) {
        return f64 ? BenchData.gaussian(length, seed) : BenchData.gaussianFloats(length, seed);
    }
}
