package io.github.jnn.kernels;

import java.util.Arrays;

//#keep-double slope alpha lr momentum weightDecay stepSize beta1 beta2 eps bc2Sqrt l2 decay

/**
 * The vector set's double kernels: the fast paths override the reference set's, everything else is
 * inherited from it. The build generates the float twin from this file.
 */
abstract class VectorDoubleKernels extends ScalarKernels { //f32: abstract class VectorFloatKernels extends VectorDoubleKernels {
    @Override
    protected void linearForwardUnchecked(double[] x, double[] w, double[] b, double[] pre, double[] out,
                                          int m, int k, int n, Activation act) {
        GemmVector.linearForward(x, w, b, pre, out, m, k, n, act);
    }

    @Override
    protected void linearGradInputUnchecked(double[] g, double[] w, double[] gradX, int m, int k, int n) {
        if (k < GemmVector.LANES) { // rows shorter than one vector: the plain loop is faster
            GemmScalar.linearGradInput(g, w, gradX, m, k, n);
            return;
        }
        if (GemmVector.packedPays(m, k) && n >= GemmVector.PACKED_MIN_DEPTH) {
            GemmPacked.linearGradInput(g, w, gradX, m, k, n);
            return;
        }
        // gradX[m×k] = g[m×n]·w[n×k]: A(r,t) = g[r*n + t], B = w.
        GemmVector.multiplyRowPanels(g, n, 1, w, gradX, m, n, k, false);
    }

    @Override
    protected void linearAccGradWeightUnchecked(double[] g, double[] x, double[] gradW, int m, int k, int n) {
        gradWeight(g, x, gradW, m, k, n, true);
    }

    @Override
    protected void linearGradWeightUnchecked(double[] g, double[] x, double[] gradW, int m, int k, int n) {
        gradWeight(g, x, gradW, m, k, n, false);
    }

    /** {@code gradW[n×k] (+)= gᵀ[n×m]·x[m×k]}: A(r,t) = g[t*n + r], B = x; every form's sums start from +0. */
    private static void gradWeight(double[] g, double[] x, double[] gradW, int m, int k, int n, boolean accumulate) {
        if (k < GemmVector.LANES) {
            if (!accumulate) {
                java.util.Arrays.fill(gradW, 0, n * k, 0.0);
            }
            GemmScalar.linearAccGradWeight(g, x, gradW, m, k, n);
        } else if (GemmVector.packedPays(n, k) && m > 0) {
            GemmPacked.linearGradWeight(g, x, gradW, m, k, n, accumulate);
        } else {
            GemmVector.multiplyRowPanels(g, 1, n, x, gradW, n, m, k, accumulate);
        }
    }

    @Override
    protected void accColumnSumsUnchecked(double[] g, double[] gradB, int m, int n) {
        GemmVector.accColumnSums(g, gradB, m, n);
    }

    /**
     * {@link ConvInputRows#forward} for stride 1, 5-wide kernels and "same"-like padding (as the input gradient of the
     * transposed convolution), {@link ConvForwardSegments} for other 5-wide kernels (the 12×12 layer without padding),
     * {@link ConvDirect} where the patches are large enough, {@link ConvForwardRows} for small ones (a first layer),
     * else the convolution as one packed product over the whole batch, its patches read in place ({@link PatchMatrix})
     * from the input (zero-padded first when the layer pads), written into the planes.
     */
    @Override
    protected void conv2dForwardUnchecked(double[] x, double[] w, double[] b, double[] pre, double[] out,
                                          Conv2dShape s, Activation act, double[][] scratch) {
        int m = s.n * s.pixels();
        if (m == 0) {
            return;
        }
        boolean keepPre = pre != null && act != Activation.NONE;
        if (ConvInputRows.appliesToForward(s)) {
            ConvInputRows.forward(x, w, b, keepPre ? pre : null, out, act, s, scratch);
            if (pre != null && !keepPre) {
                System.arraycopy(out, 0, pre, 0, m * s.outC);
            }
            return;
        }
        double[] image = ConvLowering.padded(x, s, scratch, 0);
        if (ConvForwardSegments.applies(s)) {
            ConvForwardSegments.forward(image, s, w, b, keepPre ? pre : null, out, act, scratch, 1);
        } else if (ConvDirect.applies(s)) {
            ConvDirect.forward(image, s, w, b, keepPre ? pre : null, out, act, scratch, 1, s.padH, s.padH + s.h,
                    s.padW, s.padW + s.w);
        } else if (ConvForwardRows.applies(s)) {
            ConvForwardRows.forward(image, s, w, b, keepPre ? pre : null, out, act, scratch, 1);
        } else {
            GemmPacked.convForward(image, s.patches(), w, b, keepPre ? pre : null, out, s.outC, s.patchLength(), m,
                    act);
        }
        if (pre != null && !keepPre) {
            System.arraycopy(out, 0, pre, 0, m * s.outC);
        }
    }

    /**
     * With stride 1, 5-wide kernels and input channels in whole vectors, {@link ConvInputRows} takes it from the
     * output gradient's rows directly (float32, batch 64, 12×12 k5 32→64: 3.9 → 2.3 ms against col2im; padded
     * 14×14: 7.0 → 6.7 against the convolution below). Otherwise,
     * with stride 1 and at least a vector of input channels, the input gradient is itself a convolution, run
     * as the forward is: the gradient zero-padded by k - 1 - padding on each side, the kernels flipped with
     * their two channel axes swapped ({@link Conv2dShape#inputGradient}). Its flops grow with the input's
     * pixels, the forward's with the output's; where the input has more than twice as many (a 5×5 kernel on
     * 12×12 without padding: 2.25 times), the zeros cost more than the scatter (there 19 ms against 11, float32
     * at batch 64; with padding 2 on 14×14, 25 against 32).
     * Otherwise (strides, few channels, where that product would have one or two output columns, or small
     * outputs) per chunk of samples {@code Wᵀ · G} gives each window's patch gradient, scattered back by
     * col2im.
     */
    @Override
    protected void conv2dGradInputUnchecked(double[] g, double[] w, double[] gradX, Conv2dShape s,
                                            double[][] scratch) {
        if (ConvInputRows.applies(s)) {
            ConvInputRows.gradInput(g, w, gradX, s, scratch);
            return;
        }
        if (ConvInputPlanes.applies(s)) {
            ConvInputPlanes.gradInput(g, w, gradX, s);
            return;
        }
        boolean asConvolution = s.strideH == 1 && s.strideW == 1 && s.inC >= GemmVector.LANES
                && (long) s.h * s.w <= 2L * s.pixels();
        Conv2dShape t = asConvolution ? s.inputGradient() : null;
        if (t != null) {
            int m = t.n * t.pixels();
            if (m == 0) {
                return;
            }
            double[] image = ConvLowering.spreadGradient(g, s, t, scratch, 0);
            double[] flipped = ConvLowering.scratch(scratch, 2, (int) s.weightLength());
            ConvLowering.flipKernels(w, s, flipped);
            if (ConvDirect.applies(t)) {
                int top = ConvLowering.spreadTop(s); // the spread gradient's rows and columns: zeros outside
                int left = ConvLowering.spreadLeft(s);
                ConvDirect.forward(image, t, flipped, null, null, gradX, Activation.NONE, scratch, 1,
                        Math.max(0, top), Math.min(t.h, top + s.outH), Math.max(0, left), Math.min(t.w, left + s.outW));
            } else {
                GemmPacked.convForward(image, t.patches(), flipped, null, null, gradX, t.outC, t.patchLength(), m,
                        Activation.NONE);
            }
            return;
        }
        int chunk = s.chunkSamples(Double.BYTES);
        int pixels = s.pixels();
        int patch = s.patchLength();
        double[] patches = ConvLowering.scratch(scratch, 0, chunk * pixels * patch);
        double[] gT = ConvLowering.scratch(scratch, 1, chunk * pixels * s.outC);
        for (int first = 0; first < s.n; first += chunk) {
            int count = Math.min(chunk, s.n - first);
            ConvLowering.channelsSideBySide(g, s, first, count, gT);
            GemmPacked.convPatchGradients(w, gT, patches, patch, s.outC, count * pixels);
            ConvLowering.col2imColumns(patches, s, first, count, gradX);
        }
    }

    @Override
    protected void maxPool2dForwardUnchecked(double[] x, double[] out, int[] argmax, Pool2dShape s) {
        PoolVector.maxPool2dForward(x, out, argmax, s);
    }

    /**
     * {@code gradW += G·P} on the patches read in place, as in the forward, with G the output gradient's planes
     * side by side ({@code outC × n·pixels}, row copies; its rows are A's, packed as a Linear's x is).
     */
    @Override
    protected void conv2dAccGradWeightUnchecked(double[] g, double[] x, double[] gradW, double[] gradB,
                                                Conv2dShape s, double[][] scratch) {
        int m = s.n * s.pixels();
        if (m == 0) {
            return;
        }
        if (ConvDirect.appliesToWeights(s)) {
            ConvDirect.accGradWeight(x, s, g, gradW, gradB, scratch, 1);
            return;
        }
        double[] image = ConvLowering.padded(x, s, scratch, 0);
        if (ConvWeightRows.applies(s)) {
            ConvWeightRows.accGradWeight(g, image, s, gradW, gradB, scratch, 1);
            return;
        }
        double[] gT = ConvLowering.scratch(scratch, 1, m * s.outC);
        ConvLowering.channelsSideBySide(g, s, 0, s.n, gT);
        if (gradB != null) {
            ConvLowering.accChannelSums(gT, s, true, gradB);
        }
        GemmPacked.convAccGradWeight(gT, image, s.patches(), gradW, m, s.patchLength(), s.outC);
    }

    @Override
    protected void sigmoidUnchecked(double[] x, double[] out, int len) {
        ElementwiseVector.sigmoid(x, out, len);
    }

    @Override
    protected void reluUnchecked(double[] x, double[] out, int len) {
        ElementwiseVector.relu(x, out, len);
    }

    @Override
    protected void sigmoidBackwardUnchecked(double[] y, double[] g, double[] gradIn, int len) {
        if (KernelThreads.pays(len, UPDATE_CHUNK, UPDATE_WORK * len)) {
            Pass p = Pass.idle(Pass.SIGMOID_BACKWARD);
            p.a = y;
            p.b = g;
            p.c = gradIn;
            p.forRows(len, UPDATE_CHUNK, UPDATE_WORK * len);
        } else {
            ElementwiseVector.sigmoidBackward(y, g, gradIn, 0, len);
        }
    }

    @Override
    protected void reluBackwardUnchecked(double[] y, double[] g, double[] gradIn, int len) {
        // Split like the updates below (three arrays, memory-bound): on 2 threads the worker sat idle through
        // it, 2.6 % of the lean 784-1024-10 step.
        if (KernelThreads.pays(len, UPDATE_CHUNK, UPDATE_WORK * len)) {
            Pass p = Pass.idle(Pass.RELU_BACKWARD);
            p.a = y;
            p.b = g;
            p.c = gradIn;
            p.forRows(len, UPDATE_CHUNK, UPDATE_WORK * len);
        } else {
            ElementwiseVector.reluBackward(y, g, gradIn, 0, len);
        }
    }

    @Override
    protected void leakyReluUnchecked(double[] x, double[] out, int len, double slope) {
        ElementwiseVector.leakyRelu(x, out, len, (double) slope);
    }

    @Override
    protected void leakyReluBackwardUnchecked(double[] x, double[] g, double[] gradIn, int len, double slope) {
        ElementwiseVector.leakyReluBackward(x, g, gradIn, len, (double) slope);
    }

    @Override
    protected void eluUnchecked(double[] x, double[] out, int len, double alpha) {
        ElementwiseVector.elu(x, out, len, (double) alpha);
    }

    @Override
    protected void eluBackwardUnchecked(double[] x, double[] y, double[] g, double[] gradIn, int len, double alpha) {
        ElementwiseVector.eluBackward(x, y, g, gradIn, len, (double) alpha);
    }

    @Override
    protected void softplusUnchecked(double[] x, double[] out, int len) {
        ElementwiseVector.softplus(x, out, len);
    }

    @Override
    protected void softplusBackwardUnchecked(double[] x, double[] g, double[] gradIn, int len) {
        ElementwiseVector.softplusBackward(x, g, gradIn, len);
    }

    @Override
    protected void tanhUnchecked(double[] x, double[] out, int len) {
        ElementwiseVector.tanh(x, out, len);
    }

    @Override
    protected void tanhBackwardUnchecked(double[] y, double[] g, double[] gradIn, int len) {
        ElementwiseVector.tanhBackward(y, g, gradIn, len);
    }

    @Override
    protected void softmaxRowsUnchecked(double[] x, double[] out, int m, int n) {
        SoftmaxVector.softmaxRows(x, out, m, n);
    }

    @Override
    protected void logSoftmaxRowsUnchecked(double[] x, double[] out, int m, int n) {
        SoftmaxVector.logSoftmaxRows(x, out, m, n);
    }

    @Override
    protected void softmaxBackwardRowsUnchecked(double[] y, double[] g, double[] gradIn, int m, int n) {
        SoftmaxVector.softmaxBackwardRows(y, g, gradIn, m, n);
    }

    @Override
    protected void logSoftmaxBackwardRowsUnchecked(double[] y, double[] g, double[] gradIn, int m, int n) {
        SoftmaxVector.logSoftmaxBackwardRows(y, g, gradIn, m, n);
    }

    // The updates are memory-bound (three to four arrays read, two to three written): a value costs about as long
    // as UPDATE_WORK flops of a product, which is what KernelThreads weighs. Split over threads, each value's
    // operations are the same on any of them, so the bits are too.

    @Override
    protected void zeroUnchecked(double[] a, int len) {
        if (KernelThreads.pays(len, UPDATE_CHUNK, UPDATE_WORK * len)) {
            Pass p = Pass.idle(Pass.ZERO);
            p.a = a;
            p.forRows(len, UPDATE_CHUNK, UPDATE_WORK * len);
        } else {
            Arrays.fill(a, 0, len, 0);
        }
    }

    @Override
    protected void sgdStepUnchecked(double[] w, double[] g, double[] velocity, int len, double lr, double momentum,
                                    double weightDecay) {
        double l = lr; //f32: float l = (float) lr;
        double m = momentum; //f32: float m = (float) momentum;
        double d = weightDecay; //f32: float d = (float) weightDecay;
        if (KernelThreads.pays(len, UPDATE_CHUNK, UPDATE_WORK * len)) {
            Pass.sgd(Pass.SGD, w, g, velocity, l, m, d).forRows(len, UPDATE_CHUNK, UPDATE_WORK * len);
        } else {
            UpdateVector.sgd(w, g, velocity, 0, len, l, m, d);
        }
    }

    @Override
    protected void adamStepUnchecked(double[] w, double[] g, double[] m, double[] v, int len, double stepSize,
                                     double beta1, double beta2, double eps) {
        double step = stepSize; //f32: float step = (float) stepSize;
        double e = eps; //f32: float e = (float) eps;
        if (KernelThreads.pays(len, UPDATE_CHUNK, UPDATE_WORK * len)) {
            Pass p = Pass.idle(Pass.ADAM);
            p.a = w;
            p.b = g;
            p.c = m;
            p.d = v;
            p.s0 = step;
            p.s1 = e;
            p.beta1 = beta1;
            p.beta2 = beta2;
            p.forRows(len, UPDATE_CHUNK, UPDATE_WORK * len);
        } else {
            UpdateVector.adam(w, g, m, v, 0, len, step, beta1, beta2, e);
        }
    }

    @Override
    protected void sgdStepPyTorchUnchecked(double[] w, double[] g, double[] velocity, int len, double lr,
                                           double momentum, double weightDecay, boolean nesterov) {
        double l = lr; //f32: float l = (float) lr;
        double m = momentum; //f32: float m = (float) momentum;
        double d = weightDecay; //f32: float d = (float) weightDecay;
        if (KernelThreads.pays(len, UPDATE_CHUNK, UPDATE_WORK * len)) {
            Pass p = Pass.sgd(Pass.SGD_PYTORCH, w, g, velocity, l, m, d);
            p.nesterov = nesterov;
            p.forRows(len, UPDATE_CHUNK, UPDATE_WORK * len);
        } else {
            UpdateVector.sgdPyTorch(w, g, velocity, 0, len, l, m, d, nesterov);
        }
    }

    /** Chunks of an update split over threads: whole cache lines. */
    private static final int UPDATE_CHUNK = 64;
    /** Flops of a product that take about as long as one value of an update (see above). */
    private static final double UPDATE_WORK = 32.0; //f32-same

    /**
     * One of the passes above split over threads, its arguments set as fields ({@link KernelThreads.Task}):
     * arrays a to d and scalars s0 to s2 in the order of the pass's own parameters.
     */
    private static final class Pass extends KernelThreads.Task {
        static final int SIGMOID_BACKWARD = 0;
        static final int RELU_BACKWARD = 1;
        static final int ZERO = 2;
        static final int SGD = 3;
        static final int ADAM = 4;
        static final int SGD_PYTORCH = 5;
        private static final ThreadLocal<Pass> PASSES = ThreadLocal.withInitial(Pass::new);

        int kind;
        double[] a;
        double[] b;
        double[] c;
        double[] d;
        double s0;
        double s1;
        double s2;
        double beta1;
        double beta2;
        boolean nesterov;

        /** This thread's pass (see {@link KernelThreads#idle}), of {@code kind}. */
        static Pass idle(int kind) {
            Pass p = KernelThreads.idle(PASSES, Pass::new);
            p.kind = kind;
            return p;
        }

        /** This thread's pass of an SGD {@code kind}, with the arguments both forms take. */
        static Pass sgd(int kind, double[] w, double[] g, double[] velocity, double l, double m, double d) {
            Pass p = idle(kind);
            p.a = w;
            p.b = g;
            p.c = velocity;
            p.s0 = l;
            p.s1 = m;
            p.s2 = d;
            return p;
        }

        @Override
        public void run(int i0, int i1) {
            switch (kind) {
                case SIGMOID_BACKWARD -> ElementwiseVector.sigmoidBackward(a, b, c, i0, i1);
                case RELU_BACKWARD -> ElementwiseVector.reluBackward(a, b, c, i0, i1);
                case ZERO -> Arrays.fill(a, i0, i1, 0);
                case SGD -> UpdateVector.sgd(a, b, c, i0, i1, s0, s1, s2);
                case ADAM -> UpdateVector.adam(a, b, c, d, i0, i1, s0, beta1, beta2, s1);
                case SGD_PYTORCH -> UpdateVector.sgdPyTorch(a, b, c, i0, i1, s0, s1, s2, nesterov);
                default -> throw new IllegalStateException("pass " + kind);
            }
        }

        @Override
        void clear() {
            a = null;
            b = null;
            c = null;
            d = null;
        }
    }
}
