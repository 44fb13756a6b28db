package io.github.jnn.tests;

import io.github.jnn.internal.Json;
import io.github.jnn.io.SafeTensors;
import io.github.jnn.kernels.KernelSets;
import io.github.jnn.kernels.Kernels;
import io.github.jnn.nn.BatchNormalization;
import io.github.jnn.nn.ChannelwiseScaling;
import io.github.jnn.nn.ClassNLLCriterion;
import io.github.jnn.nn.ClassNLLCriterionUnstable;
import io.github.jnn.nn.Conv2d;
import io.github.jnn.nn.Criterion;
import io.github.jnn.nn.Dropout;
import io.github.jnn.nn.ELU;
import io.github.jnn.nn.Flatten;
import io.github.jnn.nn.LeakyReLU;
import io.github.jnn.nn.Linear;
import io.github.jnn.nn.LogSoftMax;
import io.github.jnn.nn.MaxPool2d;
import io.github.jnn.nn.MSECriterion;
import io.github.jnn.nn.Module;
import io.github.jnn.nn.Parameter;
import io.github.jnn.nn.ReLU;
import io.github.jnn.nn.Sequential;
import io.github.jnn.nn.Sigmoid;
import io.github.jnn.nn.SoftMax;
import io.github.jnn.nn.SoftPlus;
import io.github.jnn.nn.Tanh;
import io.github.jnn.optim.Adam;
import io.github.jnn.optim.AdamW;
import io.github.jnn.optim.Optimizer;
import io.github.jnn.optim.SGD;
import io.github.jnn.random.NumpyRandom;
import io.github.jnn.tensor.DType;
import io.github.jnn.tensor.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * jnn against PyTorch 1.13, from fixtures that {@code nn-tests/parity/make_fixtures.py} wrote with Debian's
 * python3-torch (checked in, so CI needs no PyTorch): every module (Conv2d, MaxPool2d with ties, Flatten
 * included) and criterion at several shapes including
 * ±1000 extremes, the PyTorch optimizer forms over six steps with a learning rate that changes after the
 * third, and a network whose weights the script saved as safetensors. float64 must match PyTorch's float64
 * within 1e-10 (relative, elementwise, floor 1); float32, measured against the float64 oracle normwise
 * (max error / max |value|), within 4× PyTorch's own float32 distance. Inputs are float32-exact, so the
 * float32 distances measure arithmetic only. Both kernel sets, both dtypes.
 */
class PyTorchParityTest {
    private static final double F64_TOLERANCE = 1e-10;
    private static final double F32_FACTOR = 4;
    private static Map<?, ?> fixtures;

    @BeforeAll
    static void load() throws Exception {
        Path file = Path.of(PyTorchParityTest.class.getResource("/parity/fixtures.json").toURI());
        fixtures = (Map<?, ?>) Json.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    static Stream<Arguments> sets() {
        return KernelSets.all().flatMap(k -> Stream.of(DType.FLOAT64, DType.FLOAT32).map(d -> Arguments.of(k, d)));
    }

    // ----- fixture access -----

    private static List<?> list(Object o) {
        return (List<?>) o;
    }

    private static double[] doubles(Object o) {
        List<?> l = list(o);
        double[] a = new double[l.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = ((Number) l.get(i)).doubleValue();
        }
        return a;
    }

    /** An input of the fixture: float32-exact by construction, stored in 9 digits; rounded to float first. */
    private static Tensor input(Object values, int... shape) {
        double[] a = doubles(values);
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) a[i];
        }
        return Tensor.wrap(a, shape);
    }

    private static int[] shape(Map<?, ?> c, String key) {
        double[] s = doubles(c.get(key));
        int[] out = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = (int) s[i];
        }
        return out;
    }

    private static int[] ints(Object o) {
        double[] d = doubles(o);
        int[] out = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = (int) d[i];
        }
        return out;
    }

    // ----- the comparison -----

    /** f64: elementwise within 1e-10 relative (floor 1); f32: normwise within 4× PyTorch's own distance. */
    static void assertParity(String what, DType dtype, double[] jnn, double[] torch64, double[] torch32) {
        assertEquals(torch64.length, jnn.length, what + ": length");
        if (dtype == DType.FLOAT64) {
            for (int i = 0; i < jnn.length; i++) {
                double tol = F64_TOLERANCE * Math.max(1, Math.abs(torch64[i]));
                assertTrue(Math.abs(jnn[i] - torch64[i]) <= tol || jnn[i] == torch64[i],
                        what + " [" + i + "]: jnn " + jnn[i] + ", PyTorch float64 " + torch64[i]);
            }
            return;
        }
        double ours = distance(jnn, torch64);
        double theirs = distance(torch32, torch64);
        assertTrue(ours <= F32_FACTOR * theirs || ours == 0,
                what + ": jnn float32 is " + ours + " from the float64 oracle, PyTorch's float32 " + theirs);
    }

    private static double distance(double[] a, double[] ref) {
        double err = 0;
        double scale = 0;
        for (int i = 0; i < ref.length; i++) {
            err = Math.max(err, Double.isNaN(a[i]) ? Double.POSITIVE_INFINITY : Math.abs(a[i] - ref[i]));
            scale = Math.max(scale, Math.abs(ref[i]));
        }
        return scale == 0 ? err : err / scale;
    }

    // ----- modules -----

    static Stream<Arguments> moduleCases() {
        return sets().flatMap(a -> list(fixtures.get("modules")).stream()
                .map(c -> Arguments.of(a.get()[0], a.get()[1], ((Map<?, ?>) c).get("name"))));
    }

    private static Map<?, ?> find(String section, Object name) {
        for (Object c : list(fixtures.get(section))) {
            if (((Map<?, ?>) c).get("name").equals(name)) {
                return (Map<?, ?>) c;
            }
        }
        throw new AssertionError("no fixture " + name);
    }

    private static Conv2d conv2d(Map<?, ?> c, Map<?, ?> params, String prefix) {
        Map<?, ?> weight = (Map<?, ?>) params.get(prefix + "weight");
        Map<?, ?> bias = (Map<?, ?>) params.get(prefix + "bias");
        int[] ws = shape(weight, "shape");
        Conv2d conv = new Conv2d(ws[1], ws[0], ws[2], integer(c, "stride"), integer(c, "padding"), bias != null,
                new NumpyRandom(0));
        conv.weight().copyFrom(input(weight.get("values"), ws));
        if (bias != null) {
            conv.bias().copyFrom(input(bias.get("values"), ws[0]));
        }
        return conv;
    }

    private static int integer(Map<?, ?> c, String key) {
        return ((Number) c.get(key)).intValue();
    }

    private static Module module(Map<?, ?> c, int[] shape) {
        Map<?, ?> params = (Map<?, ?>) c.get("params");
        String kind = (String) c.get("module");
        switch (kind) {
            case "Linear": {
                int[] ws = shape((Map<?, ?>) params.get("weight"), "shape");
                Linear l = new Linear(ws[1], ws[0], params.containsKey("bias"), new NumpyRandom(0));
                l.weight().copyFrom(input(((Map<?, ?>) params.get("weight")).get("values"), ws));
                if (params.containsKey("bias")) {
                    l.bias().copyFrom(input(((Map<?, ?>) params.get("bias")).get("values"), ws[0]));
                }
                return l;
            }
            case "Conv2d":
                return conv2d(c, params, "");
            case "Conv2d+ReLU":
                return new Sequential(conv2d(c, params, "0."), new ReLU());
            case "MaxPool2d":
                return new MaxPool2d(integer(c, "kernel"), integer(c, "stride"), integer(c, "padding"));
            case "Flatten":
                return new Flatten();
            case "ChannelwiseScaling": {
                ChannelwiseScaling s = new ChannelwiseScaling(shape[1]);
                s.gamma().copyFrom(input(((Map<?, ?>) params.get("gamma")).get("values"), shape[1]));
                s.beta().copyFrom(input(((Map<?, ?>) params.get("beta")).get("values"), shape[1]));
                return s;
            }
            case "ReLU":
                return new ReLU();
            case "Sigmoid":
                return new Sigmoid();
            case "Tanh":
                return new Tanh();
            case "SoftPlus":
                return new SoftPlus();
            case "ELU":
                return new ELU(((Number) c.get("alpha")).doubleValue());
            case "LeakyReLU":
                return new LeakyReLU(((Number) c.get("slope")).doubleValue());
            case "SoftMax":
                return new SoftMax();
            case "LogSoftMax":
                return new LogSoftMax();
            case "BatchNormalization":
                return new BatchNormalization(((Number) c.get("alpha")).doubleValue());
            case "Dropout":
                return new Dropout(((Number) c.get("p")).doubleValue(), new NumpyRandom(0));
            default:
                throw new AssertionError("unknown module " + kind);
        }
    }

    @ParameterizedTest(name = "{2}, {0}, {1}")
    @MethodSource("moduleCases")
    void moduleForwardAndBackward(Kernels k, DType dtype, String name) {
        Map<?, ?> c = find("modules", name);
        int[] shape = shape(c, "shape");
        Module m = module(c, shape).setKernels(k).to(dtype);
        if (Boolean.FALSE.equals(c.get("training"))) {
            m.evaluate();
        } else {
            m.train();
        }
        Tensor x = input(c.get("x"), shape).to(dtype);
        Tensor y = m.forward(x);
        int[] outShape = y.shape();
        Tensor g = input(c.get("g"), outShape).to(dtype);
        m.zeroGradParameters();
        Tensor gx = m.backward(x, g);
        assertParity(name + " output", dtype, y.toDoubleArray(), doubles(c.get("y64")), doubles(c.get("y32")));
        assertParity(name + " gradInput", dtype, gx.toDoubleArray(), doubles(c.get("gx64")), doubles(c.get("gx32")));
        Map<?, ?> g64 = (Map<?, ?>) c.get("gparams64");
        Map<?, ?> g32 = (Map<?, ?>) c.get("gparams32");
        for (Parameter p : m.parameters()) {
            assertParity(name + " grad " + p.name(), dtype, p.grad().toDoubleArray(), doubles(g64.get(p.name())),
                    doubles(g32.get(p.name())));
        }
        assertEquals(g64.size(), m.parameters().size(), name + ": parameters");
    }

    // ----- criteria -----

    static Stream<Arguments> criterionCases() {
        return sets().flatMap(a -> list(fixtures.get("criteria")).stream()
                .map(c -> Arguments.of(a.get()[0], a.get()[1], ((Map<?, ?>) c).get("name"))));
    }

    @ParameterizedTest(name = "{2}, {0}, {1}")
    @MethodSource("criterionCases")
    void criterionLossAndGradient(Kernels k, DType dtype, String name) {
        Map<?, ?> c = find("criteria", name);
        int[] shape = shape(c, "shape");
        Tensor x = input(c.get("x"), shape).to(dtype);
        Criterion crit;
        double loss;
        Tensor gx;
        if ("MSECriterion".equals(c.get("criterion"))) {
            crit = new MSECriterion();
            Tensor t = input(c.get("target"), shape).to(dtype);
            loss = crit.forward(x, t);
            gx = crit.backward(x, t);
        } else {
            crit = "ClassNLLCriterion".equals(c.get("criterion")) ? new ClassNLLCriterion()
                    : new ClassNLLCriterionUnstable();
            int[] labels = ints(c.get("labels"));
            loss = crit.forward(x, labels);
            gx = crit.backward(x, labels);
        }
        assertParity(name + " loss", dtype, new double[] {loss}, new double[] {((Number) c.get("loss64")).doubleValue()},
                new double[] {((Number) c.get("loss32")).doubleValue()});
        assertParity(name + " gradInput", dtype, gx.toDoubleArray(), doubles(c.get("gx64")), doubles(c.get("gx32")));
    }

    // ----- optimizers -----

    static Stream<Arguments> optimizerCases() {
        return sets().flatMap(a -> list(fixtures.get("optimizers")).stream()
                .map(c -> Arguments.of(a.get()[0], a.get()[1], ((Map<?, ?>) c).get("name"))));
    }

    private static double number(Map<?, ?> c, String key, double otherwise) {
        Object v = c.get(key);
        return v == null ? otherwise : ((Number) v).doubleValue();
    }

    @ParameterizedTest(name = "{2}, {0}, {1}")
    @MethodSource("optimizerCases")
    void optimizerStepsWithAChangingLearningRate(Kernels k, DType dtype, String name) {
        Map<?, ?> c = find("optimizers", name);
        int[] shape = shape(c, "shape");
        Tensor w = input(c.get("w0"), shape).to(dtype);
        Tensor target = input(c.get("c"), shape).to(dtype);
        Tensor grad = Tensor.zeros(dtype, shape);
        List<Parameter> params = List.of(new Parameter("w", w, grad));
        double[] lrs = doubles(c.get("lrs"));
        double wd = number(c, "weight_decay", 0);
        Optimizer opt;
        switch ((String) c.get("optimizer")) {
            case "SGD":
                opt = new SGD(params, lrs[0], number(c, "momentum", 0), wd,
                        Boolean.TRUE.equals(c.get("nesterov")) ? SGD.Form.NESTEROV : SGD.Form.PYTORCH);
                break;
            case "Adam": {
                double[] b = doubles(c.get("betas"));
                opt = new Adam(params, lrs[0], b[0], b[1], number(c, "eps", 1e-8), wd, Adam.Form.PYTORCH);
                break;
            }
            case "AdamW": {
                double[] b = doubles(c.get("betas"));
                opt = new AdamW(params, lrs[0], b[0], b[1], number(c, "eps", 1e-8), wd);
                break;
            }
            default:
                throw new AssertionError("unknown optimizer " + c.get("optimizer"));
        }
        opt.setKernels(k);
        List<?> w64 = list(c.get("w64"));
        List<?> w32 = list(c.get("w32"));
        for (int s = 0; s < lrs.length; s++) {
            for (int i = 0; i < w.size(); i++) {
                grad.setFlat(i, w.getFlat(i) - target.getFlat(i)); // the gradient of |w - c|² / 2
            }
            opt.setLearningRate(lrs[s]);
            opt.step();
            assertParity(name + " step " + (s + 1), dtype, w.toDoubleArray(), doubles(w64.get(s)),
                    doubles(w32.get(s)));
        }
    }

    // ----- a network from a weights file PyTorch's side wrote -----

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("sets")
    void networkFromPyTorchsWeightsFile(Kernels k, DType dtype) throws Exception {
        Map<?, ?> c = (Map<?, ?>) fixtures.get("network");
        NumpyRandom rng = new NumpyRandom(0);
        Sequential net = new Sequential(new Linear(6, 9, true, rng), new ReLU(), new Linear(9, 8, true, rng),
                new Tanh(), new Linear(8, 4, true, rng), new LogSoftMax());
        net.setKernels(k).to(dtype);
        SafeTensors.load(net, Path.of(PyTorchParityTest.class.getResource("/parity/network.safetensors").toURI()));
        Tensor x = input(c.get("x"), shape(c, "shape")).to(dtype);
        int[] labels = ints(c.get("labels"));
        ClassNLLCriterion nll = new ClassNLLCriterion();
        net.zeroGradParameters();
        Tensor out = net.forward(x);
        double loss = nll.forward(out, labels);
        net.backward(x, nll.backward(out, labels));
        assertParity("network output", dtype, out.toDoubleArray(), doubles(c.get("out64")), doubles(c.get("out32")));
        assertParity("network loss", dtype, new double[] {loss}, new double[] {((Number) c.get("loss64")).doubleValue()},
                new double[] {((Number) c.get("loss32")).doubleValue()});
        Map<?, ?> g64 = (Map<?, ?>) c.get("grads64");
        Map<?, ?> g32 = (Map<?, ?>) c.get("grads32");
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : net.namedGradParameters().entrySet()) {
            names.add(e.getKey());
            assertParity("network grad " + e.getKey(), dtype, e.getValue().toDoubleArray(), doubles(g64.get(e.getKey())),
                    doubles(g32.get(e.getKey())));
        }
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias"), names);
    }
}
