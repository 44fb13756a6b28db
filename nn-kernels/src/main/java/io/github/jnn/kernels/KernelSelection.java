package io.github.jnn.kernels;

import java.io.PrintStream;
import java.util.Locale;

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
        return name.trim().equalsIgnoreCase("auto") ? getDefault() : choose(name, System.err);
    }

    /** Package-private so a test can see the decision and the hint without a new JVM. */
    static Kernels choose(String requested, PrintStream hintStream) {
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
                throw new IllegalArgumentException("-D" + PROPERTY + "=" + requested
                        + " is not a kernel set; use scalar, vector or auto");
        }
    }
}
