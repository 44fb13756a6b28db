package io.github.jnn.tests;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every vector kernel gives the same bits interpreted as compiled. The Vector API runs its Java fallback in
 * the interpreter and C1 and intrinsics in C2, and the two may legally differ (the order of
 * {@code reduceLanes(ADD)}, the {@code lanewise(EXP)} implementation); then a training run would change its
 * results as the JIT warms up, and "bit-identical for a given thread count" would not hold. The reference
 * runs in a child JVM with {@code -Xint}; this JVM's results are taken after enough calls that the kernels'
 * loops are C2-compiled.
 */
class JitIndependenceTest {
    /** Calls before comparing: far past C2's compile thresholds for every kernel loop. */
    private static final int WARM_UP_CALLS = 400;

    @Test
    void interpretedAndCompiledResultsAreTheSameBits() throws Exception {
        String interpreted = runInterpreted();
        for (int i = 0; i < WARM_UP_CALLS; i++) {
            KernelDigest.digests();
        }
        String compiled = KernelDigest.render(KernelDigest.digests());
        assertTrue(compiled.lines().count() > 60, compiled);
        List<String> differing = new ArrayList<>();
        List<String> want = interpreted.lines().toList();
        List<String> got = compiled.lines().toList();
        assertEquals(want.size(), got.size(), "kernel lists differ:\n" + interpreted + "\nvs\n" + compiled);
        for (int i = 0; i < want.size(); i++) {
            if (!want.get(i).equals(got.get(i))) {
                differing.add(want.get(i).substring(0, want.get(i).indexOf('=')));
            }
        }
        assertTrue(differing.isEmpty(), "results differ between -Xint and C2-compiled code: " + differing);
    }

    private static String runInterpreted() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = List.of(java.toString(), "-Xint", "--add-modules=jdk.incubator.vector",
                "-cp", System.getProperty("java.class.path"), KernelDigest.class.getName());
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "interpreted child JVM did not finish");
        assertEquals(0, p.exitValue(), "interpreted child JVM failed: " + cmd + "\n" + out);
        return out;
    }
}
