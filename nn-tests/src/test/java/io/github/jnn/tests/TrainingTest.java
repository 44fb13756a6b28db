package io.github.jnn.tests;

import io.github.jnn.kernels.KernelSets;
import io.github.jnn.data.ToyData;
import io.github.jnn.kernels.Kernels;
import io.github.jnn.nn.ClassNLLCriterion;
import io.github.jnn.nn.Linear;
import io.github.jnn.nn.LogSoftMax;
import io.github.jnn.nn.ReLU;
import io.github.jnn.nn.Sequential;
import io.github.jnn.optim.Adam;
import io.github.jnn.optim.Optimizer;
import io.github.jnn.optim.SGD;
import io.github.jnn.random.NumpyRandom;
import io.github.jnn.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Networks with LogSoftMax + ClassNLL learn, with both optimizers and both kernel sets: the seminar's two
 * blobs (a 2-256-2 net must separate them), and the seminar's 784-256-10 network on synthetic 10-class data
 * (class prototypes plus noise) whose loss must fall.
 */
class TrainingTest {

    static Stream<Arguments> cases() {
        Function<Sequential, Optimizer> sgd = net -> new SGD(net, 0.05, 0.9);
        Function<Sequential, Optimizer> adam = net -> new Adam(net, 1e-3);
        return KernelSets.all().flatMap(k -> Stream.of(Arguments.of(k, "SGD", sgd), Arguments.of(k, "Adam", adam)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void twoBlobsBecomeSeparable(Kernels k, String name, Function<Sequential, Optimizer> make) {
        ToyData data = ToyData.twoBlobs(500, new NumpyRandom(0));
        NumpyRandom init = new NumpyRandom(1);
        Sequential net = new Sequential(new Linear(2, 256, true, init), new ReLU(), new Linear(256, 2, true, init),
                new LogSoftMax());
        net.setKernels(k);
        double[] losses = train(net, make.apply(net), data.x, data.y, 100, 20);
        assertTrue(losses[losses.length - 1] < 0.5 * losses[0], name + " loss " + losses[0] + " -> "
                + losses[losses.length - 1]);
        assertTrue(accuracy(net, data.x, data.y) > 0.98, name + " accuracy");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void seminarNetworkLearnsTenClasses(Kernels k, String name, Function<Sequential, Optimizer> make) {
        NumpyRandom rng = new NumpyRandom(2);
        int n = 640;
        Tensor prototypes = Tensor.wrap(rng.randn(10 * 784), 10, 784);
        Tensor x = Tensor.zeros(n, 784);
        Tensor y = Tensor.zeros(n, 10);
        for (int i = 0; i < n; i++) {
            int c = i % 10;
            y.set(i, c, 1.0);
            for (int j = 0; j < 784; j++) {
                x.set(i, j, 0.3 * prototypes.get(c, j) + rng.randn());
            }
        }
        NumpyRandom init = new NumpyRandom(3);
        Sequential net = new Sequential(new Linear(784, 256, true, init), new ReLU(),
                new Linear(256, 10, true, init), new LogSoftMax());
        net.setKernels(k);
        double[] losses = train(net, make.apply(net), x, y, 128, 3);
        assertTrue(losses[losses.length - 1] < 0.5 * losses[0], name + " loss " + losses[0] + " -> "
                + losses[losses.length - 1]);
    }

    /** Mini-batch epochs in a fixed order; returns the mean loss of each epoch. */
    private static double[] train(Sequential net, Optimizer opt, Tensor x, Tensor y, int batch, int epochs) {
        ClassNLLCriterion nll = new ClassNLLCriterion();
        int n = x.dim(0);
        double[] losses = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            double sum = 0;
            int batches = 0;
            for (int start = 0; start < n; start += batch) {
                int rows = Math.min(batch, n - start);
                Tensor xb = rows(x, start, rows);
                Tensor yb = rows(y, start, rows);
                net.zeroGradParameters();
                Tensor out = net.forward(xb);
                sum += nll.forward(out, yb);
                net.backward(xb, nll.backward(out, yb));
                opt.step();
                batches++;
            }
            losses[e] = sum / batches;
            assertTrue(Double.isFinite(losses[e]), "epoch " + e + " loss " + losses[e]);
        }
        return losses;
    }

    /** Interleaves the data so each batch has both blobs: rows i, i + n/2, ... */
    private static Tensor rows(Tensor t, int start, int count) {
        int cols = t.dim(1);
        int n = t.dim(0);
        Tensor out = Tensor.zeros(count, cols);
        for (int r = 0; r < count; r++) {
            int i = start + r;
            int src = (i % 2 == 0) ? i / 2 : n / 2 + i / 2;
            System.arraycopy(t.doubles(), src * cols, out.doubles(), r * cols, cols);
        }
        return out;
    }

    private static double accuracy(Sequential net, Tensor x, Tensor y) {
        Tensor out = net.forward(x);
        int correct = 0;
        for (int i = 0; i < x.dim(0); i++) {
            int best = out.get(i, 0) >= out.get(i, 1) ? 0 : 1;
            correct += y.get(i, best) == 1.0 ? 1 : 0;
        }
        assertEquals(1000, x.dim(0));
        return correct / 1000.0;
    }
}
