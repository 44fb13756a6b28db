package io.github.jnn.kernels;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/**
 * Arrays for the buffers the vector kernels read a whole vector at a time in their inner loops (packed
 * panels and kernels, gradient rows), made so that the element at {@link #doubleStart} ({@link #floatStart})
 * begins a 64-byte cache line wherever the JVM lets that be known. Java aligns arrays to 8 bytes only, and
 * a 512-bit load that crosses two lines costs an Intel core a second L1 access: on a Xeon with AVX-512 the
 * packed products ran 11-12 % faster and the 32→64 convolutions' forward 7-17 % with their buffers aligned
 * (docs/alignment.md). G1, the default collector, places an array of at least half a heap region at the
 * region's start (a humongous object, never moved to another offset), and its elements start one array
 * header (16 bytes with compressed class pointers) after it; so these arrays are made that large, and the
 * kernels use them from the start index on. Under another collector, another header size, or where the VM's
 * options cannot be read, the arrays are as large as asked (plus the start) and land wherever the heap puts
 * them: only the speed differs, never a result. Not a generated class: the float32 twins call the float
 * methods.
 */
final class AlignedArrays {
    private static final int LINE = 64;
    /** The header of a float or double array when class pointers are compressed (the default below 32 GB). */
    private static final int HEADER = 16;
    private static final int DOUBLE_START = (LINE - HEADER) / Double.BYTES;
    private static final int FLOAT_START = (LINE - HEADER) / Float.BYTES;
    /** Bytes from which G1 places an array at a region's start; 0 where arrays are not placed. */
    private static final long PLACED_BYTES = placedBytes();

    private AlignedArrays() {
    }

    private static long placedBytes() {
        try {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (vm == null || !isTrue(vm, "UseG1GC") || !isTrue(vm, "UseCompressedClassPointers")) {
                return 0;
            }
            try {
                if (isTrue(vm, "UseCompactObjectHeaders")) { // JDK 24 on: a 12-byte array header
                    return 0;
                }
            } catch (IllegalArgumentException olderJdk) {
                // no such option before JDK 24: the header is 16 bytes
            }
            long region = Long.parseLong(vm.getVMOption("G1HeapRegionSize").getValue());
            return region / 2 + LINE;
        } catch (RuntimeException | LinkageError unknown) { // no jdk.management, or an option unreadable
            return 0;
        }
    }

    private static boolean isTrue(HotSpotDiagnosticMXBean vm, String option) {
        return Boolean.parseBoolean(vm.getVMOption(option).getValue());
    }

    /** The index of a {@link #doubles} array's first aligned element, from which its {@code length} are used. */
    static int doubleStart() {
        return DOUBLE_START;
    }

    /** The index of a {@link #floats} array's first aligned element. */
    static int floatStart() {
        return FLOAT_START;
    }

    /** Whether arrays are placed (G1 with a 16-byte header), for the tests and the docs. */
    static boolean placed() {
        return PLACED_BYTES > 0;
    }

    /**
     * Whether {@link #doubles} and {@link #floats} can make an array for {@code length} elements: their start
     * (at most 12 elements) and the VM's 8 spare ones, bounded here by LINE elements, within a Java array's
     * size. For kernels that choose a shape by it instead of failing in {@link #size}.
     */
    static boolean fits(long length) {
        return length >= 0 && length <= Integer.MAX_VALUE - LINE;
    }

    /** A new array with room for {@code length} elements from {@link #doubleStart}. */
    static double[] doubles(int length) {
        return new double[size(DOUBLE_START, length, PLACED_BYTES / Double.BYTES)];
    }

    /** A new array with room for {@code length} elements from {@link #floatStart}. */
    static float[] floats(int length) {
        return new float[size(FLOAT_START, length, PLACED_BYTES / Float.BYTES)];
    }

    private static int size(int start, int length, long placed) {
        long size = start + (long) length;
        if (length < 0 || size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a kernel buffer of " + length + " elements (and " + start
                    + " before them for alignment) is beyond a Java array's size");
        }
        return (int) Math.max(size, Math.min(placed, Integer.MAX_VALUE - 8));
    }

    /** This thread's array in {@code holder}, replaced by a new one when it has no room for {@code length}. */
    static double[] doubles(ThreadLocal<double[]> holder, int length) {
        double[] a = holder.get();
        if (a.length < DOUBLE_START + (long) length) {
            a = doubles(length);
            holder.set(a);
        }
        return a;
    }

    static float[] floats(ThreadLocal<float[]> holder, int length) {
        float[] a = holder.get();
        if (a.length < FLOAT_START + (long) length) {
            a = floats(length);
            holder.set(a);
        }
        return a;
    }

    /**
     * A module's scratch array {@code scratch[slot]} with room for {@code length} elements from the start,
     * made when it has none; a new array, not kept, where the caller keeps no scratch (null): placing an
     * array made on every call would make G1 collect half-region arrays every call.
     */
    static double[] doubles(double[][] scratch, int slot, int length) {
        if (scratch == null) {
            return new double[size(DOUBLE_START, length, 0)];
        }
        if (scratch[slot] == null || scratch[slot].length < DOUBLE_START + (long) length) {
            scratch[slot] = doubles(length);
        }
        return scratch[slot];
    }

    static float[] floats(float[][] scratch, int slot, int length) {
        if (scratch == null) {
            return new float[size(FLOAT_START, length, 0)];
        }
        if (scratch[slot] == null || scratch[slot].length < FLOAT_START + (long) length) {
            scratch[slot] = floats(length);
        }
        return scratch[slot];
    }
}
