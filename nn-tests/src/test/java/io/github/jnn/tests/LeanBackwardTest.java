package io.github.jnn.tests;

import io.github.jnn.data.Dataset;
import io.github.jnn.data.Digits;
import io.github.jnn.kernels.KernelSets;
import io.github.jnn.kernels.Kernels;
import io.github.jnn.nn.BatchNormalization;
import io.github.jnn.nn.ClassNLLCriterion;
import io.github.jnn.nn.Conv2d;
import io.github.jnn.nn.Flatten;
import io.github.jnn.nn.Linear;
import io.github.jnn.nn.LogSoftMax;
import io.github.jnn.nn.MaxPool2d;
import io.github.jnn.nn.ReLU;
import io.github.jnn.nn.Sequential;
import io.github.jnn.nn.Tanh;
import io.github.jnn.nn.Unflatten;
import io.github.jnn.tensor.DType;
import io.github.jnn.optim.SGD;
import io.github.jnn.random.NumpyRandom;
import io.github.jnn.tensor.Tensor;
import io.github.jnn.train.Trainer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The lean backward (no gradient w.r.t. the network's input) trains to the same bits as the full one, and its
 * form from zero gradients sets the same bits as clearing them and running the full backward.
 */
class LeanBackwardTest {

    private static Sequential net(Kernels k) {
        NumpyRandom rng = new NumpyRandom(5);
        Sequential s = new Sequential(new Linear(64, 40, true, rng), new ReLU(), new BatchNormalization(0.9),
                new Linear(40, 10, true, rng), new LogSoftMax());
        s.setKernels(k);
        return s;
    }

    @ParameterizedTest
    @MethodSource("io.github.jnn.kernels.KernelSets#all")
    void sameParametersAsTheFullBackward(Kernels k) {
        Dataset[] split = Digits.load().scaled(1.0 / 16).split(0.8, new NumpyRandom(0));
        Sequential lean = net(k);
        Sequential full = net(k);
        new Trainer(lean, new SGD(lean, 0.05, 0.9)).epochs(2).progress(null).fit(split[0], null, new NumpyRandom(1));
        new Trainer(full, new SGD(full, 0.05, 0.9)).epochs(2).progress(null).leanBackward(false)
                .fit(split[0], null, new NumpyRandom(1));
        List<Tensor> a = lean.getParameters();
        List<Tensor> b = full.getParameters();
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(b.get(i).doubles(), a.get(i).doubles(), 0.0, "parameter " + i);
        }
        assertNull(lean.get(0).gradInput(), "the first Linear never computed dLoss/dInput");
    }

    /** Networks whose gradients {@code backwardParametersFromZero} sets: which child writes its own, and when not. */
    static Stream<Arguments> networks() {
        Supplier<Sequential> mlp = () -> new Sequential(new Linear(64, 40, true, new NumpyRandom(5)), new ReLU(),
                new Linear(40, 10, true, new NumpyRandom(6)), new LogSoftMax());
        Supplier<Sequential> noBias = () -> new Sequential(new Linear(64, 300, new NumpyRandom(5)), new ReLU(),
                new Linear(300, 10, new NumpyRandom(6)), new LogSoftMax());
        Supplier<Sequential> cnn = () -> new Sequential(new Unflatten(1, 8, 8),
                new Conv2d(1, 4, 3, 1, 1, true, new NumpyRandom(5)), new ReLU(), new MaxPool2d(2), new Flatten(),
                new Linear(64, 10, true, new NumpyRandom(6)), new LogSoftMax());
        Supplier<Sequential> nested = () -> new Sequential(new Sequential(new Linear(64, 20, true,
                new NumpyRandom(5)), new Tanh()), new Linear(20, 10, true, new NumpyRandom(6)), new LogSoftMax());
        Supplier<Sequential> tied = () -> { // one Linear twice: its gradient must add up over both places
            Linear shared = new Linear(64, 64, true, new NumpyRandom(5));
            return new Sequential(shared, new Tanh(), shared, new Linear(64, 10, new NumpyRandom(6)),
                    new LogSoftMax());
        };
        Supplier<Sequential> tiedInside = () -> { // the first child a Sequential holding a Linear used again
            Linear shared = new Linear(64, 64, true, new NumpyRandom(5));
            return new Sequential(new Sequential(shared, new Tanh()), shared, new Linear(64, 10, new NumpyRandom(6)),
                    new LogSoftMax());
        };
        Supplier<Sequential> tiedLater = () -> { // the first child a Linear used again inside a later Sequential
            Linear shared = new Linear(64, 64, true, new NumpyRandom(5));
            return new Sequential(shared, new Tanh(), new Sequential(new Tanh(), shared),
                    new Linear(64, 10, new NumpyRandom(6)), new LogSoftMax());
        };
        Stream<Object[]> nets = Stream.of(new Object[] {"mlp", mlp}, new Object[] {"mlp without bias", noBias},
                new Object[] {"cnn", cnn}, new Object[] {"nested", nested}, new Object[] {"tied", tied},
                new Object[] {"tied inside a Sequential", tiedInside},
                new Object[] {"tied in a later Sequential", tiedLater});
        return nets.flatMap(n -> KernelSets.all().flatMap(k -> Stream.of(DType.FLOAT64,
                DType.FLOAT32).map(d -> Arguments.of(n[0], n[1], k, d))));
    }

    @ParameterizedTest(name = "{0}, {2}, {3}")
    @MethodSource("networks")
    void fromZeroSetsTheGradientsOfZeroAndBackward(String name, Supplier<Sequential> make, Kernels k, DType d) {
        Sequential set = make.get();
        Sequential full = make.get();
        set.setKernels(k).to(d);
        full.setKernels(k).to(d);
        NumpyRandom rng = new NumpyRandom(3);
        Tensor x = Tensor.wrap(rng.randn(16 * 64), 16, 64).to(d);
        int[] labels = new int[16];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 10;
        }
        ClassNLLCriterion nll = new ClassNLLCriterion();
        for (int step = 0; step < 2; step++) { // the second over the first's gradients, left in place
            for (Tensor g : set.getGradParameters()) { // whatever they held: never read
                fill(g, step == 0 ? Double.NaN : 1e30);
            }
            Tensor out = set.forward(x);
            nll.forward(out, labels);
            set.backwardParametersFromZero(x, nll.backward(out, labels));
            full.zeroGradParameters();
            Tensor outFull = full.forward(x);
            nll.forward(outFull, labels);
            full.backward(x, nll.backward(outFull, labels));
            List<Tensor> a = set.getGradParameters();
            List<Tensor> b = full.getGradParameters();
            for (int i = 0; i < a.size(); i++) {
                assertArrayEquals(bits(b.get(i)), bits(a.get(i)), name + " step " + step + ", gradient " + i);
            }
        }
    }

    private static void fill(Tensor t, double v) {
        if (t.dtype() == DType.FLOAT32) {
            Arrays.fill(t.floats(), (float) v);
        } else {
            Arrays.fill(t.doubles(), v);
        }
    }

    private static long[] bits(Tensor t) {
        long[] b = new long[t.size()];
        for (int i = 0; i < b.length; i++) {
            b[i] = t.dtype() == DType.FLOAT32 ? Float.floatToRawIntBits(t.floats()[i])
                    : Double.doubleToRawLongBits(t.doubles()[i]);
        }
        return b;
    }
}
