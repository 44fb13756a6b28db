import io.github.jnn.kernels.Kernels;
import io.github.jnn.nn.Conv2d;
import io.github.jnn.nn.Linear;
import io.github.jnn.nn.MaxPool2d;
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
 */
public class LargeShapeProbe {
    /** A fixed 64-bit LCG: float32-exact values in [-1, 1), the same on every JVM. */
    static long seed = 12345;
    static double next() { seed = seed * 6364136223846793005L + 1442695040888963407L; return (float) (((seed >>> 11) * 0x1.0p-53) * 2 - 1); }
    static double[] rand(int n, double scale) { double[] a = new double[n]; for (int i = 0; i < n; i++) a[i] = (float) (next() * scale); return a; }
    static void write(Path p, double[] a) throws IOException {
        ByteBuffer bb = ByteBuffer.allocate(8 * a.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : a) bb.putDouble(v);
        Files.write(p, bb.array());
    }
    public static void main(String[] args) throws Exception {
        Path dir = Paths.get(args[0]);
        // name, batch, in channels, height, width, out channels, kernel, stride, padding, bias, ReLU after it
        String[] specs = {
            "A 3 32 14 14 64 5 1 2 1 0", "B 2 1 28 28 32 5 1 0 1 0", "C 2 1 28 28 32 5 1 2 1 1", "D 2 32 12 12 64 5 1 0 1 0",
            "E 3 16 11 9 32 3 2 1 1 0", "F 2 8 13 10 48 3 1 1 1 0", "G 2 32 14 14 64 5 1 2 0 1", "H 2 3 17 15 64 7 2 3 1 0",
            "I 5 32 14 14 64 5 1 2 1 1", "J 2 64 7 7 128 3 1 1 1 0", "K 1 2 30 31 64 5 1 2 1 0", "L 2 32 28 28 64 5 1 2 1 0"};
        StringBuilder index = new StringBuilder();
        for (String spec : specs) {
            String[] f = spec.split(" ");
            int n = Integer.parseInt(f[1]), c = Integer.parseInt(f[2]), h = Integer.parseInt(f[3]), w = Integer.parseInt(f[4]);
            int o = Integer.parseInt(f[5]), k = Integer.parseInt(f[6]), s = Integer.parseInt(f[7]), p = Integer.parseInt(f[8]);
            boolean bias = f[9].equals("1"), relu = f[10].equals("1");
            double[] x = rand(n * c * h * w, 1), wt = rand(o * c * k * k, 1 / Math.sqrt(c * k * k)), b = rand(o, 0.1);
            Conv2d probe = new Conv2d(c, o, k, s, p, bias, new NumpyRandom(0));
            int[] os = probe.outputShape(n, c, h, w);
            double[] g = rand(os[0] * os[1] * os[2] * os[3], 1);
            String name = f[0];
            write(dir.resolve(name + "_x.bin"), x); write(dir.resolve(name + "_w.bin"), wt); write(dir.resolve(name + "_b.bin"), b); write(dir.resolve(name + "_g.bin"), g);
            index.append(spec).append('\n');
            for (String ks : new String[] {"vector", "scalar"}) {
                for (DType dt : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
                    Conv2d conv = new Conv2d(c, o, k, s, p, bias, new NumpyRandom(0));
                    io.github.jnn.nn.Module m = relu ? new Sequential(conv, new ReLU()) : new Sequential(conv);
                    m.to(dt); m.setKernels(Kernels.byName(ks));
                    conv.weight().copyFrom(Tensor.wrap(wt.clone(), o, c, k, k).to(dt));
                    if (bias) conv.bias().copyFrom(Tensor.wrap(b.clone(), o).to(dt));
                    Tensor xi = Tensor.wrap(x.clone(), n, c, h, w).to(dt);
                    Tensor gi = Tensor.wrap(g.clone(), os).to(dt);
                    Tensor y = m.forward(xi);
                    m.zeroGradParameters();
                    Tensor gx = m.backward(xi, gi);
                    String t = name + "_" + ks + "_" + (dt == DType.FLOAT64 ? "64" : "32");
                    write(dir.resolve(t + "_y.bin"), y.toDoubleArray());
                    write(dir.resolve(t + "_gx.bin"), gx.toDoubleArray());
                    write(dir.resolve(t + "_gw.bin"), conv.gradWeight().toDoubleArray());
                    if (bias) write(dir.resolve(t + "_gb.bin"), conv.gradBias().toDoubleArray());
                }
            }
        }
        // name, batch, channels, height, width, kernel, stride, padding; a third of the values small integers (ties)
        String[] pools = {"P1 2 32 28 28 2 2 0", "P2 2 64 14 14 2 2 0", "P3 3 16 13 11 3 2 1", "P4 2 32 10 10 3 1 1", "P5 2 64 9 9 2 2 0"};
        for (String spec : pools) {
            String[] f = spec.split(" ");
            int n = Integer.parseInt(f[1]), c = Integer.parseInt(f[2]), h = Integer.parseInt(f[3]), w = Integer.parseInt(f[4]);
            int k = Integer.parseInt(f[5]), s = Integer.parseInt(f[6]), p = Integer.parseInt(f[7]);
            double[] x = rand(n * c * h * w, 1);
            for (int i = 0; i < x.length; i += 3) x[i] = Math.rint(x[i] * 2); // ties
            String name = f[0];
            write(dir.resolve(name + "_x.bin"), x);
            index.append(spec).append('\n');
            for (String ks : new String[] {"vector", "scalar"}) {
                for (DType dt : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
                    MaxPool2d m = new MaxPool2d(k, s, p);
                    m.to(dt); m.setKernels(Kernels.byName(ks));
                    Tensor xi = Tensor.wrap(x.clone(), n, c, h, w).to(dt);
                    Tensor y = m.forward(xi);
                    int[] ys = y.shape();
                    double[] g = new double[y.size()];
                    seed = 777; for (int i = 0; i < g.length; i++) g[i] = (float) next();
                    write(dir.resolve(name + "_g.bin"), g);
                    Tensor gx = m.backward(xi, Tensor.wrap(g, ys).to(dt));
                    String t = name + "_" + ks + "_" + (dt == DType.FLOAT64 ? "64" : "32");
                    write(dir.resolve(t + "_y.bin"), y.toDoubleArray());
                    write(dir.resolve(t + "_gx.bin"), gx.toDoubleArray());
                }
            }
        }
        // name, batch, in, out, bias, ReLU after it
        String[] linears = {"M 256 784 1024 1 1", "N 64 1024 10 1 0", "O 128 784 256 0 1", "Q 33 65 17 1 0"};
        for (String spec : linears) {
            String[] f = spec.split(" ");
            int n = Integer.parseInt(f[1]), in = Integer.parseInt(f[2]), out = Integer.parseInt(f[3]);
            boolean bias = f[4].equals("1"), relu = f[5].equals("1");
            double[] x = rand(n * in, 1), wt = rand(out * in, 1 / Math.sqrt(in)), b = rand(out, 0.1), g = rand(n * out, 1);
            String name = f[0];
            write(dir.resolve(name + "_x.bin"), x); write(dir.resolve(name + "_w.bin"), wt); write(dir.resolve(name + "_b.bin"), b); write(dir.resolve(name + "_g.bin"), g);
            index.append(spec).append('\n');
            for (String ks : new String[] {"vector", "scalar"}) {
                for (DType dt : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
                    Linear lin = new Linear(in, out, bias, new NumpyRandom(0));
                    io.github.jnn.nn.Module m = relu ? new Sequential(lin, new ReLU()) : new Sequential(lin);
                    m.to(dt); m.setKernels(Kernels.byName(ks));
                    lin.weight().copyFrom(Tensor.wrap(wt.clone(), out, in).to(dt));
                    if (bias) lin.bias().copyFrom(Tensor.wrap(b.clone(), out).to(dt));
                    Tensor xi = Tensor.wrap(x.clone(), n, in).to(dt);
                    Tensor y = m.forward(xi);
                    m.zeroGradParameters();
                    Tensor gx = m.backward(xi, Tensor.wrap(g.clone(), n, out).to(dt));
                    String t = name + "_" + ks + "_" + (dt == DType.FLOAT64 ? "64" : "32");
                    write(dir.resolve(t + "_y.bin"), y.toDoubleArray());
                    write(dir.resolve(t + "_gx.bin"), gx.toDoubleArray());
                    write(dir.resolve(t + "_gw.bin"), lin.gradWeight().toDoubleArray());
                    if (bias) write(dir.resolve(t + "_gb.bin"), lin.gradBias().toDoubleArray());
                }
            }
        }
        Files.writeString(dir.resolve("index.txt"), index.toString());
    }
}
