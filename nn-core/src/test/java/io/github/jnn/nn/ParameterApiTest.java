package io.github.jnn.nn;

import io.github.jnn.random.NumpyRandom;
import io.github.jnn.tensor.DType;
import io.github.jnn.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What a PyTorch user reaches for: named gradients, parameters with their gradients, int[] targets, flat arrays. */
class ParameterApiTest {

    private static Sequential net() {
        return new Sequential(new Linear(3, 4, true, new NumpyRandom(0)), new ReLU(),
                new Linear(4, 2, true, new NumpyRandom(1)), new LogSoftMax());
    }

    @Test
    void parametersCarryNameValueAndGradient() {
        Sequential net = net();
        List<Parameter> ps = net.parameters();
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), ps.stream().map(Parameter::name).toList());
        Linear first = (Linear) net.get(0);
        assertSame(first.weight(), ps.get(0).value());
        assertSame(first.gradWeight(), ps.get(0).grad());
        Map<String, Tensor> grads = net.namedGradParameters();
        assertEquals(List.copyOf(net.namedParameters().keySet()), List.copyOf(grads.keySet()));
        assertSame(((Linear) net.get(2)).gradBias(), grads.get("2.bias"));
        assertEquals("Parameter(0.weight [4, 3] float64)", ps.get(0).toString());
    }

    @Test
    void classTargetsAsIntArraysAndLinearFromTheGlobalGenerator() {
        NumpyRandom.global().seed(0);
        Linear a = new Linear(4, 3, true);
        Linear b = new Linear(4, 3, true, new NumpyRandom(0));
        assertArrayEquals(b.weight().doubles(), a.weight().doubles(), 0.0);
        Sequential net = net();
        Tensor x = Tensor.of(new double[][] {{1, 2, 3}, {-1, 0, 1}});
        Tensor out = net.forward(x);
        ClassNLLCriterion nll = new ClassNLLCriterion();
        double byInts = nll.forward(out, new int[] {1, 0});
        assertEquals(nll.forward(out, Tensor.classes(1, 0)), byInts, 0.0);
        assertArrayEquals(nll.backward(out, Tensor.classes(1, 0)).doubles(), nll.backward(out, new int[] {1, 0}).doubles(), 0.0);
        assertThrows(IllegalArgumentException.class, () -> nll.forward(out, (int[]) null));
    }

    @Test
    void classIndicesAreReadAfreshOnEveryCall() {
        // the criterion keeps one targets tensor and refills it: each call must see its own indices
        Tensor out = Tensor.of(new double[][] {{-0.1, -2.3}, {-1.5, -0.25}, {-0.7, -0.7}});
        Tensor two = Tensor.of(new double[][] {{-0.1, -2.3}, {-1.5, -0.25}});
        ClassNLLCriterion nll = new ClassNLLCriterion();
        int[] labels = {0, 1, 1};
        double first = nll.forward(out, labels);
        labels[0] = 1; // the caller's array changed in place between steps
        assertEquals(new ClassNLLCriterion().forward(out, Tensor.classes(1, 1, 1)), nll.forward(out, labels), 0.0);
        assertEquals(new ClassNLLCriterion().forward(out, Tensor.classes(0, 1, 1)), first, 0.0);
        assertEquals(new ClassNLLCriterion().forward(two, Tensor.classes(1, 0)), nll.forward(two, new int[] {1, 0}),
                0.0);
        assertArrayEquals(new ClassNLLCriterion().backward(out, Tensor.classes(0, 0, 1)).doubles(),
                nll.backward(out, new int[] {0, 0, 1}).doubles(), 0.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> nll.forward(out, new int[] {0, -1, 1}));
        assertEquals("Tensor.classes: labels[1] = -1 is not a class index (they start at 0)", e.getMessage());
    }

    @Test
    void flatArraysAndRankOneTensorsForEitherDtype() {
        Tensor t = Tensor.of(new double[][] {{1, 2}, {3, 4.5}});
        assertArrayEquals(new double[] {1, 2, 3, 4.5}, t.toDoubleArray(), 0.0);
        assertArrayEquals(new float[] {1, 2, 3, 4.5f}, t.toFloatArray(), 0f);
        Tensor f = Tensor.vector(1f, 2.5f);
        assertEquals(DType.FLOAT32, f.dtype());
        assertArrayEquals(new int[] {2}, f.shape());
        assertArrayEquals(new double[] {1, 2.5}, f.toDoubleArray(), 0.0);
        double[] copy = t.toDoubleArray();
        copy[0] = 99;
        assertEquals(1, t.getFlat(0), "a copy, not the storage");
    }

    @Test
    void toReturnsTheModulesOwnType() {
        Linear l = new Linear(2, 2, new NumpyRandom(0)).to(DType.FLOAT32);
        assertEquals(DType.FLOAT32, l.weight().dtype());
        Sequential s = net().to(DType.FLOAT32);
        assertEquals(DType.FLOAT32, s.dtype());
        BatchNormalization bn = new BatchNormalization(0.9);
        assertSame(bn, bn.to(DType.FLOAT32)); // typed as BatchNormalization: no cast needed
    }
}
