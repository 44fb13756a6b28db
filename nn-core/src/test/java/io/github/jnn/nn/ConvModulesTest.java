package io.github.jnn.nn;

import io.github.jnn.kernels.KernelSets;
import io.github.jnn.kernels.Kernels;
import io.github.jnn.kernels.TestArrays;
import io.github.jnn.random.NumpyRandom;
import io.github.jnn.tensor.DType;
import io.github.jnn.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Conv2d, MaxPool2d and Flatten as modules: shapes, initialisation, names, fusion, dtypes and their errors. */
class ConvModulesTest {

    private static Tensor input(long seed, int... shape) {
        int size = 1;
        for (int d : shape) {
            size *= d;
        }
        return Tensor.wrap(TestArrays.gaussian(new Random(seed), size), shape);
    }

    @Test
    void initialisationIsPyTorchsBoundDrawnRowByRow() {
        Conv2d conv = new Conv2d(3, 4, 5, 1, 2, true, new NumpyRandom(0));
        assertArrayEquals(new int[] {4, 3, 5, 5}, conv.weight().shape());
        NumpyRandom same = new NumpyRandom(0);
        double bound = 1 / Math.sqrt(3 * 25);
        for (int i = 0; i < conv.weight().size(); i++) {
            assertEquals(same.uniform(-bound, bound), conv.weight().getFlat(i));
        }
        for (int i = 0; i < 4; i++) {
            assertEquals(same.uniform(-bound, bound), conv.bias().getFlat(i));
        }
        assertArrayEquals(new int[] {7, 4, 28, 28}, conv.outputShape(7, 3, 28, 28));
    }

    @Test
    void sequentialNamesParametersAsPyTorchsStateDict() {
        NumpyRandom rng = new NumpyRandom(1);
        Sequential cnn = new Sequential(new Conv2d(1, 2, 3, 1, 0, true, rng), new ReLU(), new MaxPool2d(2),
                new Flatten(), new Linear(2 * 3 * 3, 10, true, rng));
        Map<String, Tensor> named = cnn.namedParameters();
        assertEquals(java.util.List.of("0.weight", "0.bias", "4.weight", "4.bias"), java.util.List.copyOf(named.keySet()));
        Tensor y = cnn.forward(input(2, 5, 1, 8, 8));
        assertArrayEquals(new int[] {5, 10}, y.shape());
    }

    /**
     * Sequential's fused Conv2d+activation pass gives what the two modules give run one after the other: the
     * same bits for ReLU, within an ulp for sigmoid (the epilogue's exp and the elementwise kernel's may round
     * differently); the conv's own output is its pre-activation either way.
     */
    @ParameterizedTest
    @MethodSource("io.github.jnn.kernels.KernelSets#all")
    void fusedActivationMatchesTheUnfusedPair(Kernels k) {
        for (DType dtype : DType.values()) {
            for (boolean sigmoid : new boolean[] {false, true}) {
                Conv2d a = new Conv2d(3, 5, 3, 2, 1, true, new NumpyRandom(3));
                Conv2d b = new Conv2d(3, 5, 3, 2, 1, true, new NumpyRandom(3));
                Module actA = sigmoid ? new Sigmoid() : new ReLU();
                Module actB = sigmoid ? new Sigmoid() : new ReLU();
                Sequential fused = new Sequential(a, actA).setKernels(k).to(dtype);
                b.setKernels(k).to(dtype);
                actB.setKernels(k);
                Tensor x = input(4, 4, 3, 9, 7).to(dtype);
                Tensor y = fused.forward(x);
                Tensor pre = b.forward(x);
                Tensor y2 = actB.forward(pre);
                double ulps = !sigmoid ? 0 : dtype == DType.FLOAT64 ? 1e-15 : 1e-7;
                assertArrayEquals(y2.toDoubleArray(), y.toDoubleArray(), ulps, dtype + " " + actA);
                assertArrayEquals(pre.toDoubleArray(), a.output().toDoubleArray(), "the conv's own output");
                Tensor g = input(5, y.shape()[0], 5, 5, 4).to(dtype);
                assertArrayEquals(b.backward(x, actB.backward(pre, g)).toDoubleArray(),
                        fused.backward(x, g).toDoubleArray(), 10 * ulps, "backward through the fused pair");
            }
        }
    }

    @Test
    void float32ModelsRunInFloat32() {
        Sequential cnn = new Sequential(new Conv2d(2, 3, 3, 1, 1, true, new NumpyRandom(5)), new ReLU(),
                new MaxPool2d(2), new Flatten()).to(DType.FLOAT32);
        Tensor x = input(6, 2, 2, 6, 6).to(DType.FLOAT32);
        Tensor y = cnn.forward(x);
        assertEquals(DType.FLOAT32, y.dtype());
        assertArrayEquals(new int[] {2, 27}, y.shape());
        Tensor g = cnn.backward(x, input(7, 2, 27).to(DType.FLOAT32));
        assertArrayEquals(x.shape(), g.shape());
        assertEquals(DType.FLOAT32, ((Conv2d) cnn.get(0)).gradWeight().dtype());
    }

    @Test
    void flattenIsAViewAndBackwardRestoresTheShape() {
        Flatten f = new Flatten();
        Tensor x = input(8, 2, 3, 4, 5);
        Tensor y = f.forward(x);
        assertArrayEquals(new int[] {2, 60}, y.shape());
        assertSame(x.doubles(), y.doubles(), "no copy");
        Tensor g = input(9, 2, 60);
        assertArrayEquals(new int[] {2, 3, 4, 5}, f.backward(x, g).shape());
        assertArrayEquals(new int[] {0, 60}, f.forward(Tensor.zeros(0, 3, 4, 5)).shape());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.backward(x, input(1, 2, 59)));
        assertTrue(e.getMessage().contains("Flatten: gradOutput shape [2, 59]"), e.getMessage());
    }

    @Test
    void errorsNameTheModuleAndTheShapes() {
        Conv2d conv = new Conv2d(3, 8, 5, 1, 0, true, new NumpyRandom(0));
        String channels = message(() -> conv.forward(input(1, 2, 4, 28, 28)));
        assertEquals("Conv2d(3 -> 8, 5x5): input shape [2, 4, 28, 28] has 4 channels, expected 3", channels);
        String small = message(() -> conv.forward(input(1, 2, 3, 4, 9)));
        assertEquals("Conv2d(3 -> 8, 5x5): input shape [2, 3, 4, 9] is 4x9, smaller than the 5x5 kernel", small);
        String rank = message(() -> conv.forward(input(1, 2, 75)));
        assertEquals("Conv2d(3 -> 8, 5x5): input shape [2, 75] is not [N, C, H, W] (rank 4)", rank);
        conv.forward(input(1, 2, 3, 8, 8));
        String grad = message(() -> conv.backward(input(1, 2, 3, 8, 8), input(2, 2, 8, 5, 4)));
        assertTrue(grad.startsWith("Conv2d(3 -> 8, 5x5): gradOutput shape [2, 8, 5, 4] does not match output "
                + "shape [2, 8, 4, 4]"), grad);
        String dtype = message(() -> conv.forward(input(1, 2, 3, 8, 8).to(DType.FLOAT32)));
        assertTrue(dtype.startsWith("Conv2d(3 -> 8, 5x5): input is float32 [2, 3, 8, 8] but the parameters are float64"),
                dtype);
        assertTrue(message(() -> new Conv2d(0, 8, 5)).contains("must be positive"));
        // the constructor's errors describe the layer asked for, bias included, before its tensors exist
        assertEquals("Conv2d(3 -> 8, 5x5, stride 0): channels, kernel size and stride must be positive, padding "
                + "non-negative", message(() -> new Conv2d(3, 8, 5, 0, 0, true, new NumpyRandom(0))));
        assertTrue(message(() -> new Conv2d(3, 8, 5, 0, 0, false, new NumpyRandom(0))).startsWith(
                "Conv2d(3 -> 8, 5x5, stride 0, without bias): "));

        MaxPool2d pool = new MaxPool2d(3, 2);
        assertEquals("MaxPool2d(3x3, stride 2): input shape [1, 2, 2, 5] is 2x5, smaller than the 3x3 window",
                message(() -> pool.forward(input(1, 1, 2, 2, 5))));
        assertEquals("MaxPool2d(3x3, stride 2): input shape [4, 9] is not [N, C, H, W] (rank 4)",
                message(() -> pool.forward(input(1, 4, 9))));
        pool.forward(input(1, 1, 2, 7, 7));
        assertTrue(message(() -> pool.backward(input(1, 1, 2, 9, 9), input(2, 1, 2, 3, 3)))
                .startsWith("MaxPool2d(3x3, stride 2): backward input shape [1, 2, 9, 9] is not the last forward's"));
        assertTrue(message(() -> new MaxPool2d(2, 2, 2)).contains("half the kernel"));
        assertTrue(message(() -> new Flatten().forward(Tensor.vector(1, 2))).contains("Flatten: input shape [2]"));
    }

    @ParameterizedTest
    @MethodSource("io.github.jnn.kernels.KernelSets#all")
    void maxPoolDefaultsToAStrideOfItsWindow(Kernels k) {
        MaxPool2d pool = new MaxPool2d(2);
        pool.setKernels(k);
        Tensor x = Tensor.wrap(new double[] {1, 2, 5, 6, 3, 4, 7, 8, 9, 10, 13, 14, 11, 12, 15, 16}, 1, 1, 4, 4);
        assertArrayEquals(new double[] {4, 8, 12, 16}, pool.forward(x).toDoubleArray());
        assertEquals("MaxPool2d(2x2)", pool.toString());
    }

    private static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }
}
