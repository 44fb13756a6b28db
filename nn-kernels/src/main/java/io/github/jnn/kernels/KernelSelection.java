package io.github.jnn.kernels;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/** Finds the vector kernel set if its module is present and decides the default set, once per JVM. */
final class KernelSelection {
    static final String PROPERTY = "nn.kernels";
    static final String VECTOR_MODULE = "jdk.incubator.vector";
    static final String ENABLE_HINT = "start java with --add-modules=" + VECTOR_MODULE
            + " to use the vector kernels (or -D" + PROPERTY + "=scalar to silence this)";

    private KernelSelection() {
    }

    /** Lazily loaded: touching VectorKernels without the module would throw NoClassDefFoundError. */
    private static final class VectorHolder {
        static final Kernels INSTANCE;
        static final String FAILURE;

        static {
            Kernels found = null;
            String failure = null;
            if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
                failure = "module " + VECTOR_MODULE + " is not in the boot layer";
            } else {
                try {
                    found = (Kernels) Class.forName("io.github.jnn.kernels.VectorKernels")
                            .getDeclaredField("INSTANCE").get(null);
                } catch (ReflectiveOperationException | LinkageError e) {
                    failure = "loading the vector kernels failed: " + e;
                }
            }
            INSTANCE = found;
            FAILURE = failure;
            if (found != null) {
                int feature = Runtime.version().feature();
                for (String hint : new String[] {jitHint(feature, jvmArguments()), loopSafepointHint(feature,
                        vmOption("UseCountedLoopSafepoints"), vmOption("LoopStripMiningIter"))}) {
                    if (hint != null) {
                        System.err.println(hint);
                    }
                }
            }
        }
    }

    static final String TRAP_LIMIT = "-XX:PerMethodTrapLimit=";

    /**
     * The line printed once when the vector kernels load on a JDK before 25 started without a per-method trap
     * limit, else null. There C2 counts the deoptimizations that the Vector API's shared methods have had,
     * once per copy it inlines; a kernel with a hundred vector operations passes the default limit of 100, and
     * C2 then compiles it with its vectors boxed, 2-3× slower, in some runs and not others (docs/convolution.md,
     * session 16). JDK 25 does not.
     */
    static String jitHint(int feature, List<String> jvmArguments) {
        if (feature >= 25 || jvmArguments == null || jvmArguments.stream().anyMatch(a -> a.startsWith(TRAP_LIMIT))) {
            return null;
        }
        return "jnn: on JDK " + feature + " start java with " + TRAP_LIMIT + "1000 too, or C2 may compile the larger"
                + " vector kernels with boxed vectors, 2-3x slower in some runs (see jnn's README)";
    }

    /**
     * The line printed once when the vector kernels load on a JDK before 25 whose C2 puts no safepoints in
     * counted loops ({@code -XX:-UseCountedLoopSafepoints} or {@code -XX:LoopStripMiningIter=0}: the default
     * under the Serial and Parallel collectors, which the JVM picks by itself on one CPU or under 1792 MB), else
     * null. There JDK 17's C2 has compiled convolution kernels whose register tiles fill AVX-512's 32 registers
     * with vectors spilled to the stack (the 12×12 input gradient's tile reloading its kernel vectors before
     * nearly every FMA): 1.2-4.5× slower in some runs and not others. Under G1, or Serial and Parallel with the
     * two flags, it did not happen; under G1 without them it did (docs/convolution.md, session 40). JDK 25
     * under Serial did not. The arguments are the two options' values as the JVM reports them.
     */
    static String loopSafepointHint(int feature, String useCountedLoopSafepoints, String loopStripMiningIter) {
        if (feature >= 25 || useCountedLoopSafepoints == null || loopStripMiningIter == null
                || useCountedLoopSafepoints.equals("true") && !loopStripMiningIter.equals("0")) {
            return null;
        }
        return "jnn: on JDK " + feature + " without safepoints in counted loops (the Serial and Parallel collectors'"
                + " default) C2 may spill the larger vector kernels' registers, up to 4x slower in some runs; start"
                + " java with -XX:+UseG1GC, or -XX:+UseCountedLoopSafepoints -XX:LoopStripMiningIter=1000"
                + " (see jnn's README)";
    }

    /** A HotSpot option's value, or null where the JVM does not report it (no jdk.management, not HotSpot). */
    private static String vmOption(String name) {
        try {
            return java.lang.management.ManagementFactory
                    .getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class).getVMOption(name).getValue();
        } catch (LinkageError | RuntimeException e) {
            return null;
        }
    }

    /** The JVM's own arguments, or null where the java.management module is not in the runtime image. */
    private static List<String> jvmArguments() {
        try {
            return java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments();
        } catch (LinkageError | RuntimeException e) {
            return null;
        }
    }

    private static final class DefaultHolder {
        static final Kernels INSTANCE = choose(System.getProperty(PROPERTY, "auto"), System.err);
    }

    static boolean vectorAvailable() {
        return VectorHolder.INSTANCE != null;
    }

    static Kernels vector() {
        if (VectorHolder.INSTANCE == null) {
            throw new IllegalStateException("vector kernels unavailable (" + VectorHolder.FAILURE + "): "
                    + ENABLE_HINT);
        }
        return VectorHolder.INSTANCE;
    }

    static Kernels getDefault() {
        return DefaultHolder.INSTANCE;
    }

    static Kernels byName(String name) {
        if (name == null) {
            throw new IllegalArgumentException("kernel set name is null; use scalar, vector or auto");
        }
        return name.trim().equalsIgnoreCase("auto") ? getDefault()
                : choose(name, System.err, () -> "kernel set '" + name + "' is not scalar, vector or auto");
    }

    /** Package-private so a test can see the decision and the hint without a new JVM. */
    static Kernels choose(String requested, PrintStream hintStream) {
        return choose(requested, hintStream,
                () -> "-D" + PROPERTY + "=" + requested + " is not a kernel set; use scalar, vector or auto");
    }

    /** {@link #choose}, with {@code unknown} the message for a name that is no kernel set. */
    private static Kernels choose(String requested, PrintStream hintStream, Supplier<String> unknown) {
        switch (requested.trim().toLowerCase(Locale.ROOT)) {
            case "scalar":
                return Kernels.scalar();
            case "vector":
                return vector();
            case "auto":
            case "":
                if (vectorAvailable()) {
                    return VectorHolder.INSTANCE;
                }
                hintStream.println("jnn: using the scalar kernels because " + VectorHolder.FAILURE + "; "
                        + ENABLE_HINT);
                return Kernels.scalar();
            default:
                throw new IllegalArgumentException(unknown.get());
        }
    }
}
