package io.github.jnn.kernels;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Kernel-set choice in a JVM that has the vector module (the default test run). */
class KernelSelectionTest {

    @Test
    void autoPicksVectorWhenTheModuleIsPresentAndSaysNothing() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Kernels k = KernelSelection.choose("auto", new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals("vector", k.name());
        assertEquals("", err.toString(StandardCharsets.UTF_8));
        assertSame(k, Kernels.getDefault(), "no -Dnn.kernels in this run, so the default is auto");
    }

    @Test
    void propertyValuesForceASet() {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertSame(Kernels.scalar(), KernelSelection.choose("scalar", quiet));
        assertSame(Kernels.vector(), KernelSelection.choose(" Vector ", quiet));
        assertSame(Kernels.scalar(), Kernels.byName("scalar"));
        assertEquals("scalar kernels", Kernels.scalar().toString());
    }

    @Test
    void jdksBefore25WithoutATrapLimitGetTheJitHint() {
        assertTrue(KernelSelection.jitHint(17, List.of("--add-modules=jdk.incubator.vector"))
                .contains("-XX:PerMethodTrapLimit=1000"));
        assertNull(KernelSelection.jitHint(17, List.of("-XX:PerMethodTrapLimit=1000")));
        assertNull(KernelSelection.jitHint(25, List.of()));
        assertNull(KernelSelection.jitHint(17, null), "arguments unknown: no guess");
    }

    @Test
    void jdksBefore25WithoutSafepointsInCountedLoopsGetTheLoopHint() {
        String serial = KernelSelection.loopSafepointHint(17, "false", "0"); // Serial's and Parallel's defaults
        assertTrue(serial.contains("-XX:+UseG1GC") && serial.contains("-XX:LoopStripMiningIter=1000"), serial);
        assertTrue(KernelSelection.loopSafepointHint(21, "true", "0").contains("JDK 21"));
        assertTrue(KernelSelection.loopSafepointHint(17, "false", "1000").contains("-XX:+UseCountedLoopSafepoints"));
        assertNull(KernelSelection.loopSafepointHint(17, "true", "1000"), "G1's defaults");
        assertNull(KernelSelection.loopSafepointHint(25, "false", "0"));
        assertNull(KernelSelection.loopSafepointHint(17, null, null), "options unknown: no guess");
    }

    @Test
    void unknownNameIsRejectedWithTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Kernels.byName("gpu"));
        assertEquals("kernel set 'gpu' is not scalar, vector or auto", e.getMessage());
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        e = assertThrows(IllegalArgumentException.class, () -> KernelSelection.choose("gpu", quiet));
        assertEquals("-Dnn.kernels=gpu is not a kernel set; use scalar, vector or auto", e.getMessage());
        assertTrue(Kernels.vectorAvailable());
    }
}
