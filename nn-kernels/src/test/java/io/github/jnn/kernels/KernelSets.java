package io.github.jnn.kernels;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sources for {@code @MethodSource}: every kernel set, so each test runs against both. */
public final class KernelSets {
    private KernelSets() {
    }

    /**
     * Scalar and vector. The vector set must be there in this run (surefire passes the module): a test
     * matrix that silently lost its vector half would pass without testing anything new.
     */
    public static Stream<Kernels> all() {
        assertTrue(Kernels.vectorAvailable(),
                "the vector kernels are missing: run the tests with --add-modules=jdk.incubator.vector");
        return Stream.of(Kernels.scalar(), Kernels.vector());
    }
}
