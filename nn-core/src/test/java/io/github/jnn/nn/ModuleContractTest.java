package io.github.jnn.nn;

import io.github.jnn.tensor.TestTensors;
import io.github.jnn.kernels.Kernels;
import io.github.jnn.nn.Linear;
import io.github.jnn.nn.MSECriterion;
import io.github.jnn.nn.Module;
import io.github.jnn.nn.ReLU;
import io.github.jnn.nn.Sequential;
import io.github.jnn.nn.Sigmoid;
import io.github.jnn.random.NumpyRandom;
import io.github.jnn.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Module contract: accumulation, buffer reuse, fusion transparency, modes, and the error messages. */
class ModuleContractTest {

    private static Sequential net(Kernels kernels) {
        NumpyRandom rng = new NumpyRandom(5);
        Sequential s = new Sequential(new Linear(6, 5, true, rng), new ReLU(), new Linear(5, 3, true, rng),
                new Sigmoid());
        s.setKernels(kernels);
        return s;
    }

    @ParameterizedTest
    @MethodSource("io.github.jnn.kernels.KernelSets#all")
    void gradientsAccumulateUntilZeroed(Kernels kernels) {
        Sequential s = net(kernels);
        Random rnd = new Random(1);
        Tensor x = TestTensors.gaussian(rnd, 4, 6);
        Tensor g = TestTensors.gaussian(rnd, 4, 3);
        s.zeroGradParameters();
        s.forward(x);
        s.backward(x, g);
        List<double[]> once = s.getGradParameters().stream().map(t -> t.doubles().clone()).toList();
        s.forward(x);
        s.backward(x, g);
        List<Tensor> twice = s.getGradParameters();
        assertEquals(4, twice.size());
        for (int i = 0; i < once.size(); i++) {
            double[] doubled = once.get(i).clone();
            for (int j = 0; j < doubled.length; j++) {
                doubled[j] *= 2;
            }
            assertArrayEquals(doubled, twice.get(i).doubles(), 1e-12, "parameter " + i);
            assertTrue(java.util.Arrays.stream(once.get(i)).anyMatch(v -> v != 0), "gradient " + i + " is zero");
        }
        s.zeroGradParameters();
        for (Tensor t : s.getGradParameters()) {
            assertTrue(java.util.Arrays.stream(t.doubles()).allMatch(v -> v == 0.0));
        }
    }

    @ParameterizedTest
    @MethodSource("io.github.jnn.kernels.KernelSets#all")
    void fusedSequentialLeavesEveryChildsOutputAsIfRunAlone(Kernels kernels) {
        Sequential s = net(kernels);
        Tensor x = TestTensors.gaussian(new Random(2), 4, 6);
        Tensor out = s.forward(x);
        Tensor h = x;
        for (Module m : s.modules()) {
            Tensor expected = copyOfForwardAlone(m, h);
            assertArrayEquals(expected.doubles(), m.output().doubles(), 1e-12, m.toString());
            h = expected;
        }
        assertSame(s.get(3).output(), out);
    }

    private static Tensor copyOfForwardAlone(Module m, Tensor in) {
        Module fresh;
        if (m instanceof Linear) {
            Linear l = (Linear) m;
            Linear c = new Linear(l.inputSize(), l.outputSize(), l.bias() != null, new NumpyRandom(0));
            c.weight().copyFrom(l.weight());
            if (l.bias() != null) {
                c.bias().copyFrom(l.bias());
            }
            fresh = c;
        } else {
            fresh = m instanceof ReLU ? new ReLU() : new Sigmoid();
        }
        fresh.setKernels(Kernels.scalar());
        return fresh.forward(in).copy();
    }

    @Test
    void buffersAreReusedForTheSameBatchShape() {
        Linear l = new Linear(3, 2, new NumpyRandom(0));
        Tensor a = l.forward(Tensor.zeros(4, 3));
        Tensor b = l.forward(Tensor.zeros(4, 3));
        assertSame(a, b);
        Tensor c = l.forward(Tensor.zeros(5, 3));
        assertEquals("[5, 2]", c.shapeString());
    }

    @Test
    void trainAndEvaluateReachEveryChild() {
        Sequential inner = new Sequential(new ReLU());
        Sequential s = new Sequential(new Linear(2, 2), inner);
        s.evaluate();
        assertFalse(s.get(0).isTraining());
        assertFalse(inner.get(0).isTraining());
        s.train();
        assertTrue(inner.get(0).isTraining());
    }

    @Test
    void toStringReadsLikeTorch() {
        assertEquals("Linear(784 -> 256)", new Linear(784, 256, true, new NumpyRandom(0)).toString());
        Sequential s = new Sequential(new Linear(2, 2, new NumpyRandom(0)), new Sigmoid());
        assertEquals("Sequential {\n  (0): Linear(2 -> 2) without bias\n  (1): Sigmoid\n}", s.toString());
    }

    @Test
    void linearInputWidthErrorNamesModuleAndShapes() {
        Linear l = new Linear(4, 3, new NumpyRandom(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> l.forward(Tensor.zeros(5, 5)));
        assertEquals("Linear(4 -> 3) without bias: input shape [5, 5] does not match the expected [N, 4]",
                e.getMessage());
    }

    @Test
    void errorInsideSequentialNamesTheChild() {
        Sequential s = new Sequential(new Linear(4, 3, new NumpyRandom(0)), new ReLU(),
                new Linear(2, 1, new NumpyRandom(0)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.forward(Tensor.zeros(2, 4)));
        assertEquals("Linear(2 -> 1) without bias: input shape [2, 3] does not match the expected [N, 2]",
                e.getMessage());
    }

    @Test
    void criterionShapeMismatchNamesBothShapes() {
        MSECriterion mse = new MSECriterion();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> mse.forward(Tensor.zeros(5, 3), Tensor.zeros(5, 2)));
        assertEquals("MSECriterion: input shape [5, 3] and target shape [5, 2] must be the same [N, features]",
                e.getMessage());
    }

    @Test
    void gradOutputMismatchNamesBothShapes() {
        Linear l = new Linear(4, 3, new NumpyRandom(0));
        l.forward(Tensor.zeros(5, 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> l.backward(Tensor.zeros(5, 4), Tensor.zeros(5, 4)));
        assertEquals("Linear(4 -> 3) without bias: gradOutput shape [5, 4] does not match output shape [5, 3]",
                e.getMessage());
    }

    @Test
    void nullsFailWithAMessage() {
        Linear l = new Linear(4, 3, new NumpyRandom(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> l.forward(null));
        assertEquals("Linear(4 -> 3) without bias: forward got a null input", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new MSECriterion().backward(Tensor.zeros(1, 1), (Tensor) null));
        assertEquals("MSECriterion: backward got a null target", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Sequential().add(null));
        assertTrue(e.getMessage().contains("module is null"));
        e = assertThrows(IllegalArgumentException.class,
                () -> Kernels.scalar().sigmoid(null, new double[1], 1));
        assertEquals("sigmoid: x is null", e.getMessage());
    }

    @Test
    void backwardBeforeForwardIsAnError() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new Sigmoid().backward(Tensor.zeros(1, 1), Tensor.zeros(1, 1)));
        assertEquals("Sigmoid: backward called before forward", e.getMessage());
    }

    @Test
    void kernelBoundaryChecksSizes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Kernels.scalar().linearForward(new double[19], new double[12], null, null, new double[15],
                        5, 4, 3, io.github.jnn.kernels.Activation.NONE));
        assertEquals("linearForward: x has 19 elements, needs m*k = 5*4 = 20", e.getMessage());
    }
}
