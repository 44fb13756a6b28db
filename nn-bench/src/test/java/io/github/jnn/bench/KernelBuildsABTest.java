package io.github.jnn.bench;

import io.github.jnn.kernels.Kernels;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KernelBuildsABTest {
    /** The nn-kernels build on this test's class path (a jar or target/classes). */
    private static String thisBuild() throws Exception {
        return new File(Kernels.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
    }

    /** The lines {@link KernelBuildsAB#run} prints for each of {@code ops}, this build twice, 0.3 s each. */
    private static String[] timedLines(List<String> ops, String dtype, String size) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String build = thisBuild();
        for (String op : ops) {
            KernelBuildsAB.run(op, dtype, size, 0.3, List.of(build, build),
                    new PrintStream(bytes, true, StandardCharsets.UTF_8));
        }
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(2 * ops.size(), lines.length, String.join("\n", lines));
        return lines;
    }

    @Test
    void timesEachBuildOnItsOwn() throws Exception {
        List<String> ops = List.of("forward", "gradInput", "gradWeight", "accGradWeight");
        for (String line : timedLines(ops, "float32", "20x40x36")) {
            assertTrue(line.contains(thisBuild()) && line.contains("GFLOP/s at the min"), line);
        }
    }

    @Test
    void timesConvolutionsOfEachBuild() throws Exception {
        List<String> ops = List.of("convForward", "convGradInput", "convGradWeight");
        for (String line : timedLines(ops, "float64", "3x8x9x9-4k3p1")) {
            assertTrue(line.contains(thisBuild()) && line.contains("3x8x9x9-4k3p1")
                    && line.contains("GFLOP/s at the min"), line);
        }
    }

    @Test
    void timesPoolingOfEachBuild() throws Exception {
        for (String line : timedLines(List.of("maxPoolForward", "maxPoolBackward"), "float32", "2x3x10x12-k2")) {
            assertTrue(line.contains(thisBuild()) && line.contains("2x3x10x12-k2") && line.contains(" calls)")
                    && !line.contains("GFLOP/s"), line);
        }
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class, () -> KernelBuildsAB.run(
                "maxPoolForward", "float32", "2x3x10", 0.1, List.of(thisBuild()), System.out));
        assertTrue(shape.getMessage().contains("2x3x10"), shape.getMessage());
    }

    @Test
    void timesTrainingStepsWithEachBuildsKernels() throws Exception {
        for (String line : timedLines(List.of("leanStep", "fullStep"), "float32", "20x16x4@8")) {
            assertTrue(line.contains(thisBuild()) && line.contains("20x16x4@8") && line.contains(" calls)"), line);
        }
    }

    @Test
    void namesWhatItCannotRun() throws Exception {
        String build = thisBuild();
        IllegalArgumentException op = assertThrows(IllegalArgumentException.class, () -> KernelBuildsAB.run(
                "backward", "float64", "2x3x4", 0.1, List.of(build), System.out));
        assertTrue(op.getMessage().contains("backward"), op.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> KernelBuildsAB.run(
                "forward", "float64", "2x3x4", 0.1, List.of("/no/such.jar"), System.out));
        assertTrue(missing.getMessage().contains("/no/such.jar"), missing.getMessage());
    }
}
