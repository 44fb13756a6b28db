package io.github.jnn.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class AlignedArraysTest {
    private static final int HEADER = 16;

    @Test
    void startsAreOneHeaderShortOfALine() {
        assertEquals(64, HEADER + AlignedArrays.doubleStart() * Double.BYTES);
        assertEquals(64, HEADER + AlignedArrays.floatStart() * Float.BYTES);
    }

    @Test
    void arraysHoldTheLengthFromTheStart() {
        for (int n : new int[] {0, 1, 1000, 3_000_000}) {
            assertTrue(AlignedArrays.doubles(n).length >= AlignedArrays.doubleStart() + n, "doubles " + n);
            assertTrue(AlignedArrays.floats(n).length >= AlignedArrays.floatStart() + n, "floats " + n);
        }
    }

    /** With G1 (the surefire JVM's default collector here), an array of at least half a region. */
    @Test
    void placedArraysAreHalfARegionWhereG1Runs() {
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        boolean g1 = Boolean.parseBoolean(vm.getVMOption("UseG1GC").getValue());
        boolean compressed = Boolean.parseBoolean(vm.getVMOption("UseCompressedClassPointers").getValue());
        if (!g1 || !compressed) {
            assertTrue(!AlignedArrays.placed());
            assertEquals(AlignedArrays.doubleStart() + 10, AlignedArrays.doubles(10).length);
            return;
        }
        long region = Long.parseLong(vm.getVMOption("G1HeapRegionSize").getValue());
        assertTrue(AlignedArrays.placed());
        assertTrue((long) AlignedArrays.doubles(10).length * Double.BYTES >= region / 2);
        assertTrue((long) AlignedArrays.floats(10).length * Float.BYTES >= region / 2);
    }

    @Test
    void threadBuffersGrowAndAreKept() {
        ThreadLocal<double[]> holder = ThreadLocal.withInitial(() -> new double[0]);
        double[] a = AlignedArrays.doubles(holder, 100);
        assertSame(a, AlignedArrays.doubles(holder, 100));
        assertSame(a, holder.get());
        int room = a.length - AlignedArrays.doubleStart();
        double[] b = AlignedArrays.doubles(holder, room + 1);
        assertNotSame(a, b);
        assertTrue(b.length >= AlignedArrays.doubleStart() + room + 1);
    }

    @Test
    void moduleScratchIsKeptAndNoScratchMeansANewArray() {
        float[][] scratch = new float[2][];
        float[] a = AlignedArrays.floats(scratch, 1, 50);
        assertSame(a, scratch[1]);
        assertSame(a, AlignedArrays.floats(scratch, 1, 50));
        float[] fresh = AlignedArrays.floats(null, 1, 50);
        assertEquals(AlignedArrays.floatStart() + 50, fresh.length);
        assertNotSame(fresh, AlignedArrays.floats(null, 1, 50));
    }

    /** A length past Java's array limit once the start is added is refused before any allocation. */
    @Test
    void lengthsPastTheArrayLimitAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> AlignedArrays.doubles(Integer.MAX_VALUE - 8));
        assertThrows(IllegalArgumentException.class, () -> AlignedArrays.floats(Integer.MAX_VALUE - 8));
        assertThrows(IllegalArgumentException.class, () -> AlignedArrays.floats(null, 0, Integer.MAX_VALUE));
        assertThrows(IllegalArgumentException.class, () -> AlignedArrays.doubles(-1));
    }

    /** What fits says the arrays can hold, they can: its bound leaves room for either start within the limit. */
    @Test
    void fitsStaysWithinWhatTheArraysTake() {
        assertTrue(AlignedArrays.fits(0));
        assertTrue(AlignedArrays.fits(Integer.MAX_VALUE - 64));
        assertTrue(!AlignedArrays.fits(Integer.MAX_VALUE - 63));
        assertTrue(!AlignedArrays.fits(-1));
        int start = Math.max(AlignedArrays.doubleStart(), AlignedArrays.floatStart());
        assertTrue(start + (long) Integer.MAX_VALUE - 64 <= Integer.MAX_VALUE - 8);
        assertThrows(IllegalArgumentException.class, () -> AlignedArrays.floats(Integer.MAX_VALUE - 8 - start + 1));
    }
}
