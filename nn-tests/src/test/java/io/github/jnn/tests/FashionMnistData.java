package io.github.jnn.tests;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the Fashion-MNIST tests find Debian's {@code dataset-fashion-mnist}, and what happens without it: on a
 * developer's machine the test is skipped with the reason (the README's test command must pass on a fresh
 * machine); in CI ({@code CI=true}, which {@code .ci/run} installs the package for) a missing dataset fails.
 * {@code -Djnn.test.fashionMnist=DIR} points the tests elsewhere; {@code .ci/run} uses it to rehearse a fresh
 * machine with a directory that does not exist.
 */
final class FashionMnistData {
    static final String DIR_PROPERTY = "jnn.test.fashionMnist";
    static final Path DEFAULT_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    private FashionMnistData() {
    }

    /** The dataset's directory; skips the calling test when it is absent outside CI, fails in CI. */
    static Path directoryOrSkip() {
        String configured = System.getProperty(DIR_PROPERTY);
        Path dir = configured == null || configured.isBlank() ? DEFAULT_DIR : Path.of(configured);
        if (Files.isDirectory(dir)) {
            return dir;
        }
        String reason = "Fashion-MNIST not found at " + dir + " (apt-get install dataset-fashion-mnist)";
        if (requiredByCi()) {
            throw new AssertionError(reason + "; CI must install it (see .ci/run)");
        }
        Assumptions.abort(reason);
        return dir; // not reached
    }

    /** CI services set {@code CI=true}; "false", "0" or an empty value count as not CI. */
    static boolean requiredByCi() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false") && !ci.equals("0");
    }
}
