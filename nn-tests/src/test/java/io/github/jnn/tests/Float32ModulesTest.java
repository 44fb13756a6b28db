package io.github.jnn.tests;

import io.github.jnn.tensor.TestTensors;
import io.github.jnn.kernels.TestArrays;
import io.github.jnn.kernels.KernelSets;
import io.github.jnn.data.Dataset;
import io.github.jnn.data.Digits;
import io.github.jnn.kernels.KernelThreads;
import io.github.jnn.kernels.Kernels;
import io.github.jnn.nn.BatchNormalization;
import io.github.jnn.nn.ChannelwiseScaling;
import io.github.jnn.nn.ClassNLLCriterion;
import io.github.jnn.nn.Criterion;
import io.github.jnn.nn.Dropout;
import io.github.jnn.nn.ELU;
import io.github.jnn.nn.LeakyReLU;
import io.github.jnn.nn.Linear;
import io.github.jnn.nn.LogSoftMax;
import io.github.jnn.nn.MSECriterion;
import io.github.jnn.nn.Module;
import io.github.jnn.nn.ReLU;
import io.github.jnn.nn.Sequential;
import io.github.jnn.nn.Sigmoid;
import io.github.jnn.nn.SoftMax;
import io.github.jnn.nn.SoftPlus;
import io.github.jnn.nn.Tanh;
import io.github.jnn.optim.Adam;
import io.github.jnn.optim.Optimizer;
import io.github.jnn.optim.SGD;
import io.github.jnn.random.NumpyRandom;
import io.github.jnn.tensor.DType;
import io.github.jnn.tensor.Tensor;
import io.github.jnn.train.EpochResult;
import io.github.jnn.train.Trainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static io.github.jnn.kernels.TestArrays.normRelError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every module in float32 against the same module in float64 (gradient checks stay in float64, see
 * {@link GradientCheckTest}): the same weights, converted with {@code Module.to(FLOAT32)}, the same input
 * rounded to float, then forward, backward and an optimizer step, on both kernel sets and 1 and 2 threads.
 */
class Float32ModulesTest {
    /** Sums of a few hundred float terms, then a few elementwise roundings. */
    private static final double TOLERANCE = 2e-5;
    private final int savedThreads = KernelThreads.get();

    @AfterEach
    void restore() {
        KernelThreads.set(savedThreads);
    }

    static Stream<Arguments> cases() {
        return KernelSets.all().flatMap(k -> Stream.of(1, 2).map(t -> Arguments.of(k, t)));
    }

    /** Builders run twice with the same seed, so both copies start with equal weights. */
    private static List<Supplier<Module>> models() {
        return List.of(
            () -> new Sequential(new Linear(64, 300, true, new NumpyRandom(1)), new ReLU(),
                    new Linear(300, 40, true, new NumpyRandom(2)), new Sigmoid(), new Linear(40, 10, new NumpyRandom(3)),
                    new LogSoftMax()),
            () -> new Sequential(new Linear(64, 20, true, new NumpyRandom(4)), new LeakyReLU(), new ELU(0.7),
                    new SoftPlus(), new Tanh(), new SoftMax()),
            () -> new Sequential(new Linear(64, 33, true, new NumpyRandom(5)), new BatchNormalization(0.9),
                    new ChannelwiseScaling(33, new NumpyRandom(6)), new Dropout(0.3, new NumpyRandom(7)),
                    new ReLU(), new Linear(33, 10, new NumpyRandom(8))));
    }

    @ParameterizedTest(name = "{0}, {1} thread(s)")
    @MethodSource("cases")
    void float32MatchesFloat64(Kernels kernels, int threads) {
        KernelThreads.set(threads);
        int batch = 200; // past the packed-forward threshold, so both GEMM paths run
        Random rnd = new Random(42);
        Tensor x64 = TestTensors.gaussian(rnd, batch, 64);
        Tensor g64 = TestTensors.gaussian(rnd, batch, 10);
        Tensor x32 = x64.to(DType.FLOAT32);
        int index = 0;
        for (Supplier<Module> build : models()) {
            Module m64 = build.get().setKernels(kernels);
            Module m32 = build.get().setKernels(kernels);
            Optimizer opt32 = new SGD(m32, 0.1, 0.9); // built before to(): must still update the converted tensors
            m32.to(DType.FLOAT32);
            Optimizer opt64 = new SGD(m64, 0.1, 0.9);
            assertEquals(DType.FLOAT32, m32.dtype());
            String what = "model " + index++ + " on " + kernels + ", " + threads + " thread(s): ";

            Tensor y64 = m64.forward(x64);
            Tensor y32 = m32.forward(x32);
            assertEquals(DType.FLOAT32, y32.dtype());
            assertClose(what + "output", y32, y64);
            Tensor gy64 = g64.dim(1) == y64.dim(1) ? g64 : TestTensors.gaussian(new Random(7), batch, y64.dim(1));
            m64.zeroGradParameters();
            m32.zeroGradParameters();
            Tensor gx64 = m64.backward(x64, gy64);
            Tensor gx32 = m32.backward(x32, gy64.to(DType.FLOAT32));
            assertClose(what + "gradInput", gx32, gx64);
            for (int p = 0; p < m64.getGradParameters().size(); p++) {
                assertClose(what + "gradient " + p, m32.getGradParameters().get(p), m64.getGradParameters().get(p));
            }
            opt64.step();
            opt32.step();
            for (int p = 0; p < m64.getParameters().size(); p++) {
                assertEquals(DType.FLOAT32, m32.getParameters().get(p).dtype());
                assertClose(what + "parameter " + p + " after a step", m32.getParameters().get(p),
                        m64.getParameters().get(p));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.jnn.kernels.KernelSets#all")
    void criteriaAndAdamInFloat32(Kernels kernels) {
        Random rnd = new Random(3);
        Tensor x64 = TestTensors.gaussian(rnd, 7, 5);
        Tensor t64 = TestTensors.gaussian(rnd, 7, 5);
        Criterion mse = new MSECriterion();
        double l64 = mse.forward(x64, t64);
        Tensor g64 = mse.backward(x64, t64).copy();
        double l32 = mse.forward(x64.to(DType.FLOAT32), t64); // a float64 target is fine: it is only read
        assertEquals(l64, l32, 1e-5 * l64);
        assertEquals(DType.FLOAT32, mse.backward(x64.to(DType.FLOAT32), t64).dtype());
        assertClose("mse gradient", mse.gradInput(), g64);

        Tensor labels = Tensor.vector(0, 4, 2, 2, 1, 3, 0);
        Criterion nll = new ClassNLLCriterion();
        assertEquals(nll.forward(x64, labels), nll.forward(x64.to(DType.FLOAT32), labels), 1e-6);

        Linear a = new Linear(5, 3, true, new NumpyRandom(9));
        Linear b = new Linear(5, 3, true, new NumpyRandom(9));
        a.setKernels(kernels);
        b.setKernels(kernels).to(DType.FLOAT32);
        Optimizer adamA = new Adam(a, 0.01, 0.9, 0.999, 1e-8);
        Optimizer adamB = new Adam(b, 0.01, 0.9, 0.999, 1e-8);
        for (int step = 0; step < 5; step++) {
            for (Linear l : new Linear[] {a, b}) {
                l.zeroGradParameters();
                Tensor in = l == a ? x64 : x64.to(DType.FLOAT32);
                Tensor out = l.forward(in);
                l.backward(in, Tensor.zeros(out.dtype(), 7, 3).fill(0.5));
            }
            adamA.step();
            adamB.step();
        }
        assertClose("Adam weight after 5 steps", b.weight(), a.weight());
    }

    @Test
    void mixedElementTypesAreRejectedWithBothNamed() {
        Linear l = new Linear(4, 3, new NumpyRandom(0));
        l.to(DType.FLOAT32);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> l.forward(Tensor.zeros(2, 4)));
        assertEquals("Linear(4 -> 3) without bias: input is float64 [2, 4] but the parameters are float32; "
                + "convert one side with Tensor.to(...) or Module.to(...)", e.getMessage());
        IllegalStateException s = assertThrows(IllegalStateException.class, () -> l.weight().doubles());
        assertEquals("Tensor [3, 4] is float32: use floats(), or to(FLOAT64) for a float64 copy", s.getMessage());
    }

    @Test
    void conversionKeepsIdentityAndRoundsToNearest() {
        Linear l = new Linear(3, 2, new NumpyRandom(0));
        Tensor w = l.weight();
        double[] before = w.doubles().clone();
        l.to(DType.FLOAT32);
        assertSame(w, l.weight());
        for (int i = 0; i < before.length; i++) {
            assertEquals((float) before[i], w.floats()[i]);
        }
        l.to(DType.FLOAT64);
        for (int i = 0; i < before.length; i++) {
            assertEquals((double) (float) before[i], w.doubles()[i]);
        }
        Tensor t = Tensor.wrap(new float[] {1.5f, -2f}, 1, 2);
        assertSame(t, t.to(DType.FLOAT32));
        assertEquals(-2.0, t.to(DType.FLOAT64).get(0, 1));
        assertEquals("Tensor(float32, [1, 2])\n[[   1.50000000  -2.00000000]]", t.toString());
    }

    /** The digits network trains in float32 to the same bar as in float64 (the Trainer converts the data). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.jnn.kernels.KernelSets#all")
    void digitsReach97PercentInFloat32(Kernels kernels) {
        Dataset[] split = Digits.load().scaled(1.0 / 16).split(0.8, new NumpyRandom(0));
        NumpyRandom rng = new NumpyRandom(1);
        Sequential net = new Sequential(new Linear(64, 256, true, rng), new ReLU(), new Linear(256, 10, true, rng),
                new LogSoftMax());
        net.setKernels(kernels).to(DType.FLOAT32);
        List<EpochResult> h = new Trainer(net, new SGD(net, 0.05, 0.9)).epochs(60).batchSize(128).progress(null)
                .fit(split[0], split[1], rng);
        double acc = h.get(59).testAccuracy;
        assertTrue(acc >= 0.97, "float32 test accuracy " + acc);
        assertEquals(DType.FLOAT32, net.output().dtype());
    }

    private static void assertClose(String what, Tensor actual, Tensor expected) {
        assertTrue(actual.sameShape(expected), what + ": shape " + actual.shapeString() + " vs " + expected.shapeString());
        double err = normRelError(actual.to(DType.FLOAT64).doubles(), expected.to(DType.FLOAT64).doubles());
        assertTrue(err <= TOLERANCE, what + ": float32 vs float64 relative error " + err);
    }
}
