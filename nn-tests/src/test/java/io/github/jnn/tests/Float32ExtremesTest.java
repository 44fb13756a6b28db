package io.github.jnn.tests;

import io.github.jnn.kernels.KernelSets;
import io.github.jnn.kernels.Kernels;
import io.github.jnn.nn.ELU;
import io.github.jnn.nn.LogSoftMax;
import io.github.jnn.nn.Module;
import io.github.jnn.tensor.DType;
import io.github.jnn.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * float32 where float64 formulas are easy to get wrong: ELU's gradient for very negative inputs (from the
 * output, {@code g·(y + α)} cancels: y rounds to −α) and LogSoftMax at |x| ≈ 1000 ({@code x − (max + log Σ)}
 * rounds {@code log Σ} into the large max). The reference is the float64 module on the same float-rounded
 * input, so only the float32 arithmetic is measured; PyTorch's own float32 is 2.6e-7 (ELU backward) and
 * 9e-8 (LogSoftMax) from float64 at these shapes.
 */
class Float32ExtremesTest {

    static Stream<Kernels> kernels() {
        return KernelSets.all();
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void eluBackwardForVeryNegativeInputs(Kernels k) {
        Random rnd = new Random(1);
        Tensor x = Tensor.zeros(33, 65);
        Tensor g = Tensor.zeros(33, 65);
        for (int i = 0; i < x.size(); i++) {
            x.setFlat(i, i % 5 == 0 ? 3 * rnd.nextDouble() : -40 * rnd.nextDouble()); // e^-40 ~ 4e-18
            g.setFlat(i, rnd.nextGaussian());
        }
        double err = maxElementwiseError(() -> new ELU(1.3), k, x, g, true, 1e-30);
        assertTrue(err <= 1e-6, "ELU float32 backward, elementwise relative error " + err);
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void logSoftMaxNearPlusMinusThousand(Kernels k) {
        Random rnd = new Random(2);
        Tensor x = Tensor.zeros(17, 37);
        Tensor g = Tensor.zeros(17, 37);
        for (int i = 0; i < x.size(); i++) {
            x.setFlat(i, ((i / 37) % 2 == 0 ? 1000 : -1000) + 8 * rnd.nextGaussian());
            g.setFlat(i, rnd.nextGaussian());
        }
        // log-probabilities near 0 carry absolute, not relative, precision (log Σ of a sum near 1 is ill-conditioned
        // in any formula), so the error is relative above 1 and absolute below
        double forward = maxElementwiseError(LogSoftMax::new, k, x, g, false, 1);
        assertTrue(forward <= 1e-6, "LogSoftMax float32 forward, elementwise error " + forward);
    }

    /**
     * Max over elements of |f32 - f64| / max(|f64|, floor) for the output or the input gradient; the inputs are
     * rounded to float first and both modules see those values.
     */
    private static double maxElementwiseError(Supplier<Module> make, Kernels k, Tensor x, Tensor g,
                                              boolean gradient, double floor) {
        Tensor x32 = x.to(DType.FLOAT32);
        Tensor g32 = g.to(DType.FLOAT32);
        Tensor x64 = x32.to(DType.FLOAT64);
        Tensor g64 = g32.to(DType.FLOAT64);
        Module m64 = make.get().setKernels(k);
        Module m32 = make.get().to(DType.FLOAT32).setKernels(k);
        Tensor y64 = m64.forward(x64);
        Tensor y32 = m32.forward(x32);
        Tensor r64 = gradient ? m64.backward(x64, g64) : y64;
        Tensor r32 = gradient ? m32.backward(x32, g32) : y32;
        double worst = 0;
        for (int i = 0; i < r64.size(); i++) {
            double ref = r64.getFlat(i);
            double e = Math.abs(r32.getFlat(i) - ref) / Math.max(Math.abs(ref), floor);
            worst = Math.max(worst, Double.isNaN(e) ? Double.POSITIVE_INFINITY : e);
        }
        return worst;
    }
}
