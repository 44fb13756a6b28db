package io.github.jnn.tests;

import io.github.jnn.data.Dataset;
import io.github.jnn.data.Digits;
import io.github.jnn.kernels.Kernels;
import io.github.jnn.nn.BatchNormalization;
import io.github.jnn.nn.Linear;
import io.github.jnn.nn.LogSoftMax;
import io.github.jnn.nn.ReLU;
import io.github.jnn.nn.Sequential;
import io.github.jnn.optim.SGD;
import io.github.jnn.random.NumpyRandom;
import io.github.jnn.tensor.Tensor;
import io.github.jnn.train.Trainer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The lean backward (no gradient w.r.t. the network's input) trains to the same bits as the full one. */
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
}
