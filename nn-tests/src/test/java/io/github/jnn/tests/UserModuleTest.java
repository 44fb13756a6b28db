package io.github.jnn.tests;

import io.github.jnn.kernels.Kernels;
import io.github.jnn.nn.ElementwiseActivation;
import io.github.jnn.nn.Linear;
import io.github.jnn.nn.Sequential;
import io.github.jnn.random.NumpyRandom;
import io.github.jnn.tensor.DType;
import io.github.jnn.tensor.Tensor;
import io.github.jnn.tensor.TestTensors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A user's own activation, written outside the library's packages as a user would: it implements the two
 * protected methods of {@link ElementwiseActivation} and gets shapes, dtypes, buffers and the Module contract
 * from the base; its gradient checks like the library's own, and it runs in float32 too.
 */
class UserModuleTest {

    /** {@code x·|x|}, derivative {@code 2|x|}: elementwise code of the user's, no kernel of the library's. */
    static final class SignedSquare extends ElementwiseActivation {
        @Override
        protected void forward(Tensor x, Tensor out) {
            for (int i = 0; i < x.size(); i++) {
                double v = x.getFlat(i);
                out.setFlat(i, v * Math.abs(v));
            }
        }

        @Override
        protected void backward(Tensor x, Tensor y, Tensor g, Tensor gradIn) {
            for (int i = 0; i < x.size(); i++) {
                gradIn.setFlat(i, g.getFlat(i) * 2 * Math.abs(x.getFlat(i)));
            }
        }

        @Override
        public String toString() {
            return "SignedSquare";
        }
    }

    @ParameterizedTest
    @MethodSource("io.github.jnn.kernels.KernelSets#all")
    void userActivationChecksLikeTheLibrarysOwn(Kernels kernels) {
        Random rnd = new Random(3);
        GradientChecker.checkModule(new SignedSquare(), kernels, TestTensors.gaussian(rnd, 5, 7), rnd);
        Sequential net = new Sequential(new Linear(7, 4, true, new NumpyRandom(1)), new SignedSquare());
        GradientChecker.checkModule(net, kernels, TestTensors.gaussian(rnd, 5, 7), rnd);
    }

    @ParameterizedTest
    @MethodSource("io.github.jnn.kernels.KernelSets#all")
    void userActivationRunsInFloat32(Kernels kernels) {
        Sequential net = new Sequential(new Linear(3, 2, true, new NumpyRandom(1)), new SignedSquare());
        net.setKernels(kernels).to(DType.FLOAT32);
        Tensor x = TestTensors.gaussian(new Random(4), 2, 3).to(DType.FLOAT32);
        Tensor y = net.forward(x);
        assertEquals(DType.FLOAT32, y.dtype());
        double pre = net.get(0).output().getFlat(0);
        assertEquals(pre * Math.abs(pre), y.getFlat(0), 1e-6);
        assertEquals(DType.FLOAT32, net.backward(x, y).dtype());
    }
}
