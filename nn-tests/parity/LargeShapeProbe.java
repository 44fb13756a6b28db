import io.github.jnn.kernels.Kernels;
import io.github.jnn.nn.Conv2d;
import io.github.jnn.nn.Linear;
import io.github.jnn.nn.MaxPool2d;
import io.github.jnn.nn.Module;
import io.github.jnn.nn.ReLU;
import io.github.jnn.nn.Sequential;
import io.github.jnn.random.NumpyRandom;
import io.github.jnn.tensor.DType;
import io.github.jnn.tensor.Tensor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Writes jnn's outputs and gradients at shapes the CNN and MLP examples use (Conv2d, Conv2d+ReLU, MaxPool2d with
 * ties, Linear), both kernel sets and both dtypes, with their inputs, as raw little-endian float64 files for
 * large_shape_probe.py to hold against PyTorch. The checked-in fixtures (make_fixtures.py) stay small; these
 * shapes take the vector set's direct and packed kernels. Not part of the build (docs/pytorch-parity.md):
 *   mvn -q -B package -DskipTests
 *   CP=nn-core/target/nn-core-0.1.0-SNAPSHOT.jar:nn-kernels/target/nn-kernels-0.1.0-SNAPSHOT.jar
 *   javac --add-modules jdk.incubator.vector -cp $CP -d /tmp/lsp nn-tests/parity/LargeShapeProbe.java
 *   mkdir -p /tmp/lsp/out && java --add-modules=jdk.incubator.vector -XX:PerMethodTrapLimit=1000 \
 *       -cp $CP:/tmp/lsp LargeShapeProbe /tmp/lsp/out
 *   /usr/bin/python3 nn-tests/parity/large_shape_probe.py /tmp/lsp/out
 * Each case's line in index.txt is its name and numbers; the Python side reads the same layout.
 */
public class LargeShapeProbe {
    /** Conv2d: name, batch, in channels, height, width, out channels, kernel, stride, padding, bias, ReLU after. */
    private static final String[] CONVS = {
        "A 3 32 14 14 64 5 1 2 1 0", "B 2 1 28 28 32 5 1 0 1 0", "C 2 1 28 28 32 5 1 2 1 1",
        "D 2 32 12 12 64 5 1 0 1 0", "E 3 16 11 9 32 3 2 1 1 0", "F 2 8 13 10 48 3 1 1 1 0",
        "G 2 32 14 14 64 5 1 2 0 1", "H 2 3 17 15 64 7 2 3 1 0", "I 5 32 14 14 64 5 1 2 1 1",
        "J 2 64 7 7 128 3 1 1 1 0", "K 1 2 30 31 64 5 1 2 1 0", "L 2 32 28 28 64 5 1 2 1 0"};
    /** MaxPool2d: name, batch, channels, height, width, kernel, stride, padding (names start with P). */
    private static final String[] POOLS = {
        "P1 2 32 28 28 2 2 0", "P2 2 64 14 14 2 2 0", "P3 3 16 13 11 3 2 1", "P4 2 32 10 10 3 1 1",
        "P5 2 64 9 9 2 2 0"};
    /** Linear: name, batch, in, out, bias, ReLU after. */
    private static final String[] LINEARS = {"M 256 784 1024 1 1", "N 64 1024 10 1 0", "O 128 784 256 0 1",
        "Q 33 65 17 1 0"};
    private static final String[] KERNEL_SETS = {"vector", "scalar"};
    private static final DType[] DTYPES = {DType.FLOAT64, DType.FLOAT32};

    private static Path dir;
    /** A fixed 64-bit LCG, so that every JVM draws the same inputs. */
    private static long seed = 12345;

    public static void main(String[] args) throws IOException {
        dir = Paths.get(args[0]);
        StringBuilder index = new StringBuilder();
        for (String spec : CONVS) {
            int[] v = numbers(spec);
            int n = v[0], c = v[1], h = v[2], w = v[3], o = v[4], k = v[5], stride = v[6], pad = v[7];
            boolean bias = v[8] == 1;
            int[] outShape = new Conv2d(c, o, k, stride, pad, bias, new NumpyRandom(0)).outputShape(n, c, h, w);
            layer(name(spec), new int[] {n, c, h, w}, new int[] {o, c, k, k}, c * k * k, o, bias, v[9] == 1,
                    outShape, () -> new Conv2d(c, o, k, stride, pad, bias, new NumpyRandom(0)));
            index.append(spec).append('\n');
        }
        for (String spec : POOLS) {
            pool(spec);
            index.append(spec).append('\n');
        }
        for (String spec : LINEARS) {
            int[] v = numbers(spec);
            int n = v[0], in = v[1], out = v[2];
            boolean bias = v[3] == 1;
            layer(name(spec), new int[] {n, in}, new int[] {out, in}, in, out, bias, v[4] == 1, new int[] {n, out},
                    () -> new Linear(in, out, bias, new NumpyRandom(0)));
            index.append(spec).append('\n');
        }
        Files.writeString(dir.resolve("index.txt"), index.toString());
    }

    /** A Conv2d or Linear: its weight, bias, input and output gradient drawn here, its results per kernel set and dtype. */
    private static void layer(String name, int[] inShape, int[] weightShape, int fanIn, int out, boolean bias,
                              boolean relu, int[] outShape, Supplier<Module> make)
            throws IOException {
        double[] x = draw(size(inShape), 1);
        double[] w = draw(size(weightShape), 1 / Math.sqrt(fanIn));
        double[] b = draw(out, 0.1);
        double[] g = draw(size(outShape), 1);
        write(name + "_x", x);
        write(name + "_w", w);
        write(name + "_b", b);
        write(name + "_g", g);
        for (String kernels : KERNEL_SETS) {
            for (DType dtype : DTYPES) {
                Module layer = make.get();
                Module net = relu ? new Sequential(layer, new ReLU()) : new Sequential(layer);
                net.to(dtype);
                net.setKernels(Kernels.byName(kernels));
                Tensor weight = layer.getParameters().get(0);
                weight.copyFrom(Tensor.wrap(w.clone(), weightShape).to(dtype));
                if (bias) {
                    layer.getParameters().get(1).copyFrom(Tensor.wrap(b.clone(), out).to(dtype));
                }
                Tensor input = Tensor.wrap(x.clone(), inShape).to(dtype);
                Tensor y = net.forward(input);
                net.zeroGradParameters();
                Tensor gradInput = net.backward(input, Tensor.wrap(g.clone(), outShape).to(dtype));
                String tag = tag(name, kernels, dtype);
                write(tag + "_y", y.toDoubleArray());
                write(tag + "_gx", gradInput.toDoubleArray());
                write(tag + "_gw", layer.getGradParameters().get(0).toDoubleArray());
                if (bias) {
                    write(tag + "_gb", layer.getGradParameters().get(1).toDoubleArray());
                }
            }
        }
    }

    /** A third of the input rounded to small integers, so that windows hold ties. */
    private static void pool(String spec) throws IOException {
        int[] v = numbers(spec);
        int[] inShape = {v[0], v[1], v[2], v[3]};
        int k = v[4], stride = v[5], pad = v[6];
        String name = name(spec);
        double[] x = draw(size(inShape), 1);
        for (int i = 0; i < x.length; i += 3) {
            x[i] = Math.rint(x[i] * 2);
        }
        int[] outShape = new MaxPool2d(k, stride, pad).forward(Tensor.wrap(x.clone(), inShape)).shape();
        double[] g = draw(size(outShape), 1);
        write(name + "_x", x);
        write(name + "_g", g);
        for (String kernels : KERNEL_SETS) {
            for (DType dtype : DTYPES) {
                MaxPool2d pool = new MaxPool2d(k, stride, pad);
                pool.to(dtype);
                pool.setKernels(Kernels.byName(kernels));
                Tensor input = Tensor.wrap(x.clone(), inShape).to(dtype);
                Tensor y = pool.forward(input);
                Tensor gradInput = pool.backward(input, Tensor.wrap(g.clone(), outShape).to(dtype));
                String tag = tag(name, kernels, dtype);
                write(tag + "_y", y.toDoubleArray());
                write(tag + "_gx", gradInput.toDoubleArray());
            }
        }
    }

    private static String name(String spec) {
        return spec.substring(0, spec.indexOf(' '));
    }

    private static int[] numbers(String spec) {
        return Arrays.stream(spec.substring(spec.indexOf(' ') + 1).split(" ")).mapToInt(Integer::parseInt).toArray();
    }

    private static String tag(String name, String kernels, DType dtype) {
        return name + "_" + kernels + "_" + (dtype == DType.FLOAT64 ? "64" : "32");
    }

    private static int size(int[] shape) {
        return Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    }

    /** {@code count} values in [-scale, scale), each float32-exact, so both dtypes start from the same inputs. */
    private static double[] draw(int count, double scale) {
        double[] a = new double[count];
        for (int i = 0; i < count; i++) {
            seed = seed * 6364136223846793005L + 1442695040888963407L;
            a[i] = (float) (((seed >>> 11) * 0x1.0p-53 * 2 - 1) * scale);
        }
        return a;
    }

    private static void write(String name, double[] values) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(Double.BYTES * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            bytes.putDouble(v);
        }
        Files.write(dir.resolve(name + ".bin"), bytes.array());
    }
}
