package io.github.jnn.tensor;

import io.github.jnn.kernels.Activation;
import io.github.jnn.kernels.KernelSets;
import io.github.jnn.kernels.Kernels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TensorOpsTest {

    static java.util.stream.Stream<Kernels> kernels() {
        return KernelSets.all();
    }

    /** One call, either dtype: the same numbers (to float precision) from the kernel of the tensors' type. */
    @ParameterizedTest
    @MethodSource("kernels")
    void dispatchesOnTheTensorsElementType(Kernels k) {
        TensorOps ops = TensorOps.of(k);
        assertSame(k, ops.kernels());
        for (DType dtype : DType.values()) {
            Tensor x = Tensor.of(new double[][] {{1, -2}, {3, 0.5}}).to(dtype);
            Tensor w = Tensor.of(new double[][] {{0.9, 0.3}, {0.2, 0.8}}).to(dtype);
            Tensor out = Tensor.zeros(dtype, 2, 2);
            ops.linearForward(x, w, null, null, out, 2, 2, 2, Activation.RELU);
            assertEquals(dtype, out.dtype());
            assertArrayEquals(new double[] {0.3, 0, 2.85, 1.0}, out.to(DType.FLOAT64).doubles(), 1e-6);
            Tensor y = Tensor.zeros(dtype, 2, 2);
            ops.logSoftmaxRows(x, y);
            assertEquals(Math.log(1 / (1 + Math.exp(-3))), y.getFlat(0), 1e-6);
            ops.sgdStep(w, x, Tensor.zeros(dtype, 2, 2), 0.5, 0, 0);
            assertEquals(0.9 - 0.5, w.getFlat(0), 1e-6);
        }
    }

    @Test
    void mixedElementTypesAreAnError() {
        TensorOps ops = TensorOps.of(Kernels.scalar());
        Tensor x64 = Tensor.zeros(DType.FLOAT64, 2, 2);
        Tensor out32 = Tensor.zeros(DType.FLOAT32, 2, 2);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ops.relu(x64, out32));
        assertTrue(e.getMessage().contains("float32"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TensorOps.of(null));
    }
}
