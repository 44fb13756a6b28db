package io.github.jnn.tests;

import io.github.jnn.kernels.Kernels;
import io.github.jnn.nn.Linear;
import io.github.jnn.nn.Sequential;
import io.github.jnn.nn.Sigmoid;
import io.github.jnn.random.NumpyRandom;
import io.github.jnn.tensor.Tensor;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs only in the surefire execution started without {@code --add-modules=jdk.incubator.vector} (see
 * nn-tests/pom.xml): the library must still work, on the scalar kernels, and say once how to get vectors.
 */
@Tag("without-vector-module")
class WithoutVectorModuleTest {

    @Test
    void fallsBackToScalarAndHintsOnceOnStderr() {
        assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty(),
                "this test must run in a JVM without the vector module");
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        Kernels first;
        Kernels second;
        try {
            first = Kernels.getDefault();
            second = Kernels.getDefault();
        } finally {
            System.setErr(original);
        }
        assertEquals("scalar", first.name());
        assertEquals(first, second);
        String err = captured.toString(StandardCharsets.UTF_8);
        assertEquals(1, err.lines().count(), "exactly one hint line, got: " + err);
        assertTrue(err.contains("--add-modules=jdk.incubator.vector"), err);

        // The scalar kernels do real work here.
        double[] out = new double[2];
        first.sigmoid(new double[] {0.0, 1000.0}, out, 2);
        assertEquals(0.5, out[0]);
        assertEquals(1.0, out[1]);
    }

    /** The notebook's Sequential(Linear, Sigmoid) example, on whatever kernels the library chose here. */
    @Test
    void modulesWorkOnTheFallback() {
        Linear linear = new Linear(2, 2, new NumpyRandom(0));
        linear.weight().copyFrom(new double[][] {{0.9, 0.3}, {0.2, 0.8}});
        Tensor y = new Sequential(linear, new Sigmoid()).forward(Tensor.of(new double[][] {{1, 0.5}}));
        assertEquals(0.7407749, y.get(0, 0), 1e-7);
        assertEquals(0.64565631, y.get(0, 1), 1e-8);
    }

    @Test
    void askingForVectorsExplicitlyFailsWithTheHint() {
        assertFalse(Kernels.vectorAvailable());
        IllegalStateException e = assertThrows(IllegalStateException.class, Kernels::vector);
        assertTrue(e.getMessage().contains("--add-modules=jdk.incubator.vector"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> Kernels.byName("vector"));
    }
}
