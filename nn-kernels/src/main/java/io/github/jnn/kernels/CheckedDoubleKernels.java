package io.github.jnn.kernels;

//#keep-double slope alpha lr momentum weightDecay stepSize beta1 beta2 eps bc2Sqrt l2 decay

/**
 * Checks every argument of the double kernels once, at the public boundary, then calls the unchecked kernel.
 * Subclasses override only the unchecked methods, so no implementation can skip or change the checks. The
 * build generates the float twin from this file; the shared checks (arrays as {@code Object}) live here only.
 */
abstract class CheckedDoubleKernels implements Kernels { //f32: abstract class CheckedFloatKernels extends CheckedDoubleKernels {

    @Override
    public final void linearForward(double[] x, double[] w, double[] b, double[] pre, double[] out,
                                    int m, int k, int n, Activation act) {
        checkLinearForward(x, w, b, pre, out, m, k, n, act);
        linearForwardUnchecked(x, w, b, pre, out, m, k, n, act);
    }

    @Override
    public final void linearGradInput(double[] g, double[] w, double[] gradX, int m, int k, int n) {
        checkLinearGradInput(g, w, gradX, m, k, n);
        linearGradInputUnchecked(g, w, gradX, m, k, n);
    }

    @Override
    public final void linearAccGradWeight(double[] g, double[] x, double[] gradW, int m, int k, int n) {
        checkLinearGradWeight("linearAccGradWeight", g, x, gradW, m, k, n);
        linearAccGradWeightUnchecked(g, x, gradW, m, k, n);
    }

    @Override
    public final void linearGradWeight(double[] g, double[] x, double[] gradW, int m, int k, int n) {
        checkLinearGradWeight("linearGradWeight", g, x, gradW, m, k, n);
        linearGradWeightUnchecked(g, x, gradW, m, k, n);
    }

    @Override
    public final void accColumnSums(double[] g, double[] gradB, int m, int n) {
        checkAccColumnSums(g, gradB, m, n);
        accColumnSumsUnchecked(g, gradB, m, n);
    }

    @Override
    public final void sigmoid(double[] x, double[] out, int len) {
        elementwise("sigmoid", len, x, "x", out, "out", null, null);
        sigmoidUnchecked(x, out, len);
    }

    @Override
    public final void relu(double[] x, double[] out, int len) {
        elementwise("relu", len, x, "x", out, "out", null, null);
        reluUnchecked(x, out, len);
    }

    @Override
    public final void sigmoidBackward(double[] y, double[] g, double[] gradIn, int len) {
        elementwise("sigmoidBackward", len, y, "y", g, "g", gradIn, "gradIn");
        sigmoidBackwardUnchecked(y, g, gradIn, len);
    }

    @Override
    public final void reluBackward(double[] y, double[] g, double[] gradIn, int len) {
        elementwise("reluBackward", len, y, "y", g, "g", gradIn, "gradIn");
        reluBackwardUnchecked(y, g, gradIn, len);
    }

    @Override
    public final void leakyRelu(double[] x, double[] out, int len, double slope) {
        elementwise("leakyRelu", len, x, "x", out, "out", null, null);
        leakyReluUnchecked(x, out, len, slope);
    }

    @Override
    public final void leakyReluBackward(double[] x, double[] g, double[] gradIn, int len, double slope) {
        elementwise("leakyReluBackward", len, x, "x", g, "g", gradIn, "gradIn");
        leakyReluBackwardUnchecked(x, g, gradIn, len, slope);
    }

    @Override
    public final void elu(double[] x, double[] out, int len, double alpha) {
        elementwise("elu", len, x, "x", out, "out", null, null);
        eluUnchecked(x, out, len, alpha);
    }

    @Override
    public final void eluBackward(double[] x, double[] y, double[] g, double[] gradIn, int len, double alpha) {
        elementwise("eluBackward", len, x, "x", y, "y", g, "g");
        need("eluBackward", "gradIn", gradIn, len, "len", len, 1);
        eluBackwardUnchecked(x, y, g, gradIn, len, alpha);
    }

    @Override
    public final void softplus(double[] x, double[] out, int len) {
        elementwise("softplus", len, x, "x", out, "out", null, null);
        softplusUnchecked(x, out, len);
    }

    @Override
    public final void softplusBackward(double[] x, double[] g, double[] gradIn, int len) {
        elementwise("softplusBackward", len, x, "x", g, "g", gradIn, "gradIn");
        softplusBackwardUnchecked(x, g, gradIn, len);
    }

    @Override
    public final void tanh(double[] x, double[] out, int len) {
        elementwise("tanh", len, x, "x", out, "out", null, null);
        tanhUnchecked(x, out, len);
    }

    @Override
    public final void tanhBackward(double[] y, double[] g, double[] gradIn, int len) {
        elementwise("tanhBackward", len, y, "y", g, "g", gradIn, "gradIn");
        tanhBackwardUnchecked(y, g, gradIn, len);
    }

    @Override
    public final void softmaxRows(double[] x, double[] out, int m, int n) {
        rows("softmaxRows", m, n, x, "x", out, "out", null, null);
        softmaxRowsUnchecked(x, out, m, n);
    }

    @Override
    public final void logSoftmaxRows(double[] x, double[] out, int m, int n) {
        rows("logSoftmaxRows", m, n, x, "x", out, "out", null, null);
        logSoftmaxRowsUnchecked(x, out, m, n);
    }

    @Override
    public final void softmaxBackwardRows(double[] y, double[] g, double[] gradIn, int m, int n) {
        rows("softmaxBackwardRows", m, n, y, "y", g, "g", gradIn, "gradIn");
        noAlias("softmaxBackwardRows", gradIn, "gradIn", y, "y", g, "g");
        softmaxBackwardRowsUnchecked(y, g, gradIn, m, n);
    }

    @Override
    public final void logSoftmaxBackwardRows(double[] y, double[] g, double[] gradIn, int m, int n) {
        rows("logSoftmaxBackwardRows", m, n, y, "y", g, "g", gradIn, "gradIn");
        noAlias("logSoftmaxBackwardRows", gradIn, "gradIn", y, "y", g, "g");
        logSoftmaxBackwardRowsUnchecked(y, g, gradIn, m, n);
    }

    @Override
    public final void conv2dForward(double[] x, double[] w, double[] b, double[] pre, double[] out, Conv2dShape s,
                                    Activation act, double[][] scratch) {
        checkConv2dForward(x, w, b, pre, out, s, act, scratch);
        conv2dForwardUnchecked(x, w, b, pre, out, s, act, scratch);
    }

    @Override
    public final void conv2dGradInput(double[] g, double[] w, double[] gradX, Conv2dShape s, double[][] scratch) {
        checkConv2dGradInput(g, w, gradX, s, scratch);
        conv2dGradInputUnchecked(g, w, gradX, s, scratch);
    }

    @Override
    public final void conv2dAccGradWeight(double[] g, double[] x, double[] gradW, double[] gradB, Conv2dShape s,
                                          double[][] scratch) {
        checkConv2dAccGradWeight(g, x, gradW, gradB, s, scratch);
        conv2dAccGradWeightUnchecked(g, x, gradW, gradB, s, scratch);
    }

    @Override
    public final void maxPool2dForward(double[] x, double[] out, int[] argmax, Pool2dShape s) {
        checkMaxPool2dForward(x, out, argmax, s);
        maxPool2dForwardUnchecked(x, out, argmax, s);
    }

    @Override
    public final void maxPool2dBackward(double[] g, int[] argmax, double[] gradX, Pool2dShape s) {
        checkMaxPool2dBackward(g, argmax, gradX, s);
        maxPool2dBackwardUnchecked(g, argmax, gradX, s);
    }

    @Override
    public final void zero(double[] a, int len) {
        elementwise("zero", len, a, "a");
        zeroUnchecked(a, len);
    }

    @Override
    public final void sgdStep(double[] w, double[] g, double[] velocity, int len, double lr, double momentum,
                              double weightDecay) {
        elementwise("sgdStep", len, w, "w", g, "g", velocity, "velocity");
        sgdStepUnchecked(w, g, velocity, len, lr, momentum, weightDecay);
    }

    @Override
    public final void adamStep(double[] w, double[] g, double[] m, double[] v, int len, double stepSize,
                               double beta1, double beta2, double eps) {
        elementwise("adamStep", len, w, "w", g, "g", m, "m");
        need("adamStep", "v", v, len, "len", len, 1);
        adamStepUnchecked(w, g, m, v, len, stepSize, beta1, beta2, eps);
    }

    @Override
    public final void sgdStepPyTorch(double[] w, double[] g, double[] velocity, int len, double lr,
                                     double momentum, double weightDecay, boolean nesterov) {
        elementwise("sgdStepPyTorch", len, w, "w", g, "g", velocity, "velocity");
        sgdStepPyTorchUnchecked(w, g, velocity, len, lr, momentum, weightDecay, nesterov);
    }

    @Override
    public final void adamStepPyTorch(double[] w, double[] g, double[] m, double[] v, int len, double stepSize,
                                      double bc2Sqrt, double beta1, double beta2, double eps, double l2,
                                      double decay) {
        elementwise("adamStepPyTorch", len, w, "w", g, "g", m, "m");
        need("adamStepPyTorch", "v", v, len, "len", len, 1);
        adamStepPyTorchUnchecked(w, g, m, v, len, stepSize, bc2Sqrt, beta1, beta2, eps, l2, decay);
    }

    protected abstract void linearForwardUnchecked(double[] x, double[] w, double[] b, double[] pre,
                                                   double[] out, int m, int k, int n, Activation act);

    protected abstract void linearGradInputUnchecked(double[] g, double[] w, double[] gradX, int m, int k, int n);

    protected abstract void linearAccGradWeightUnchecked(double[] g, double[] x, double[] gradW,
                                                         int m, int k, int n);

    protected abstract void linearGradWeightUnchecked(double[] g, double[] x, double[] gradW, int m, int k, int n);

    protected abstract void accColumnSumsUnchecked(double[] g, double[] gradB, int m, int n);

    protected abstract void sigmoidUnchecked(double[] x, double[] out, int len);

    protected abstract void reluUnchecked(double[] x, double[] out, int len);

    protected abstract void sigmoidBackwardUnchecked(double[] y, double[] g, double[] gradIn, int len);

    protected abstract void reluBackwardUnchecked(double[] y, double[] g, double[] gradIn, int len);

    protected abstract void leakyReluUnchecked(double[] x, double[] out, int len, double slope);

    protected abstract void leakyReluBackwardUnchecked(double[] x, double[] g, double[] gradIn, int len, double slope);

    protected abstract void eluUnchecked(double[] x, double[] out, int len, double alpha);

    protected abstract void eluBackwardUnchecked(double[] x, double[] y, double[] g, double[] gradIn, int len,
                                                 double alpha);

    protected abstract void softplusUnchecked(double[] x, double[] out, int len);

    protected abstract void softplusBackwardUnchecked(double[] x, double[] g, double[] gradIn, int len);

    protected abstract void tanhUnchecked(double[] x, double[] out, int len);

    protected abstract void tanhBackwardUnchecked(double[] y, double[] g, double[] gradIn, int len);

    protected abstract void softmaxRowsUnchecked(double[] x, double[] out, int m, int n);

    protected abstract void logSoftmaxRowsUnchecked(double[] x, double[] out, int m, int n);

    protected abstract void softmaxBackwardRowsUnchecked(double[] y, double[] g, double[] gradIn, int m, int n);

    protected abstract void logSoftmaxBackwardRowsUnchecked(double[] y, double[] g, double[] gradIn, int m, int n);

    protected abstract void conv2dForwardUnchecked(double[] x, double[] w, double[] b, double[] pre, double[] out,
                                                   Conv2dShape s, Activation act, double[][] scratch);

    protected abstract void conv2dGradInputUnchecked(double[] g, double[] w, double[] gradX, Conv2dShape s,
                                                     double[][] scratch);

    protected abstract void conv2dAccGradWeightUnchecked(double[] g, double[] x, double[] gradW, double[] gradB,
                                                         Conv2dShape s, double[][] scratch);

    protected abstract void maxPool2dForwardUnchecked(double[] x, double[] out, int[] argmax, Pool2dShape s);

    protected abstract void maxPool2dBackwardUnchecked(double[] g, int[] argmax, double[] gradX, Pool2dShape s);

    protected abstract void zeroUnchecked(double[] a, int len);

    protected abstract void sgdStepUnchecked(double[] w, double[] g, double[] velocity, int len, double lr,
                                             double momentum, double weightDecay);

    protected abstract void adamStepUnchecked(double[] w, double[] g, double[] m, double[] v, int len,
                                              double stepSize, double beta1, double beta2, double eps);

    protected abstract void sgdStepPyTorchUnchecked(double[] w, double[] g, double[] velocity, int len,
                                                    double lr, double momentum, double weightDecay,
                                                    boolean nesterov);

    protected abstract void adamStepPyTorchUnchecked(double[] w, double[] g, double[] m, double[] v, int len,
                                                     double stepSize, double bc2Sqrt, double beta1,
                                                     double beta2, double eps, double l2, double decay);

//#if[f64]
    @Override
    public String toString() {
        return name() + " kernels";
    }

    /** The checks of {@link #linearForward}, shared by the float64 and float32 overloads (arrays as Object). */
    static void checkLinearForward(Object x, Object w, Object b, Object pre, Object out,
                                           int m, int k, int n, Activation act) {
        String op = "linearForward";
        sizes(op, m, k, n);
        need(op, "x", x, (long) m * k, "m*k", m, k);
        need(op, "w", w, (long) n * k, "n*k", n, k);
        if (b != null) {
            need(op, "b", b, n, "n", n, 1);
        }
        need(op, "out", out, (long) m * n, "m*n", m, n);
        if (pre != null) {
            need(op, "pre", pre, (long) m * n, "m*n", m, n);
        }
        if (act == null) {
            throw new IllegalArgumentException(op + ": act is null; use Activation.NONE");
        }
        if (pre == out && act != Activation.NONE) {
            throw new IllegalArgumentException(op + ": pre and out are the same array but act is " + act);
        }
        noAlias(op, out, "out", x, "x", w, "w");
        noAlias(op, pre, "pre", x, "x", w, "w");
    }

    static void checkLinearGradInput(Object g, Object w, Object gradX, int m, int k, int n) {
        String op = "linearGradInput";
        sizes(op, m, k, n);
        need(op, "g", g, (long) m * n, "m*n", m, n);
        need(op, "w", w, (long) n * k, "n*k", n, k);
        need(op, "gradX", gradX, (long) m * k, "m*k", m, k);
        noAlias(op, gradX, "gradX", g, "g", w, "w");
    }

    static void checkLinearGradWeight(String op, Object g, Object x, Object gradW, int m, int k, int n) {
        sizes(op, m, k, n);
        need(op, "g", g, (long) m * n, "m*n", m, n);
        need(op, "x", x, (long) m * k, "m*k", m, k);
        need(op, "gradW", gradW, (long) n * k, "n*k", n, k);
        noAlias(op, gradW, "gradW", g, "g", x, "x");
    }

    static void checkAccColumnSums(Object g, Object gradB, int m, int n) {
        String op = "accColumnSums";
        sizes(op, m, 1, n);
        need(op, "g", g, (long) m * n, "m*n", m, n);
        need(op, "gradB", gradB, n, "n", n, 1);
        noAlias(op, gradB, "gradB", g, "g", null, null);
    }

    static void checkConv2dForward(Object x, Object w, Object b, Object pre, Object out, Conv2dShape s,
                                   Activation act, Object[] scratch) {
        String op = "conv2dForward";
        convShape(op, s, scratch);
        need(op, "x", x, s.inputLength(), "input", s);
        need(op, "w", w, s.weightLength(), "weight", s);
        if (b != null) {
            need(op, "b", b, s.outC, "outC", s);
        }
        need(op, "out", out, s.outputLength(), "output", s);
        if (pre != null) {
            need(op, "pre", pre, s.outputLength(), "output", s);
        }
        if (act == null) {
            throw new IllegalArgumentException(op + ": act is null; use Activation.NONE");
        }
        if (pre == out && act != Activation.NONE) {
            throw new IllegalArgumentException(op + ": pre and out are the same array but act is " + act);
        }
        noAlias(op, out, "out", x, "x", w, "w");
        noAlias(op, pre, "pre", x, "x", w, "w");
    }

    static void checkConv2dGradInput(Object g, Object w, Object gradX, Conv2dShape s, Object[] scratch) {
        String op = "conv2dGradInput";
        convShape(op, s, scratch);
        need(op, "g", g, s.outputLength(), "output", s);
        need(op, "w", w, s.weightLength(), "weight", s);
        need(op, "gradX", gradX, s.inputLength(), "input", s);
        noAlias(op, gradX, "gradX", g, "g", w, "w");
    }

    static void checkConv2dAccGradWeight(Object g, Object x, Object gradW, Object gradB, Conv2dShape s,
                                         Object[] scratch) {
        String op = "conv2dAccGradWeight";
        convShape(op, s, scratch);
        need(op, "g", g, s.outputLength(), "output", s);
        need(op, "x", x, s.inputLength(), "input", s);
        need(op, "gradW", gradW, s.weightLength(), "weight", s);
        if (gradB != null) {
            need(op, "gradB", gradB, s.outC, "outC", s);
            noAlias(op, gradB, "gradB", g, "g", gradW, "gradW");
        }
        noAlias(op, gradW, "gradW", g, "g", x, "x");
    }

    static void checkMaxPool2dForward(Object x, Object out, int[] argmax, Pool2dShape s) {
        String op = "maxPool2dForward";
        poolShape(op, s);
        need(op, "x", x, s.inputLength(), "input", s);
        need(op, "out", out, s.outputLength(), "output", s);
        need(op, "argmax", argmax, s.outputLength(), "output", s);
        noAlias(op, out, "out", x, "x", null, null);
    }

    static void checkMaxPool2dBackward(Object g, int[] argmax, Object gradX, Pool2dShape s) {
        String op = "maxPool2dBackward";
        poolShape(op, s);
        need(op, "g", g, s.outputLength(), "output", s);
        need(op, "argmax", argmax, s.outputLength(), "output", s);
        need(op, "gradX", gradX, s.inputLength(), "input", s);
        noAlias(op, gradX, "gradX", g, "g", null, null);
        long inputLength = s.inputLength();
        for (int i = 0; i < s.outputLength(); i++) {
            if (argmax[i] < 0 || argmax[i] >= inputLength) {
                throw new IllegalArgumentException(op + ": argmax[" + i + "] = " + argmax[i]
                        + " is outside the input of " + s + "; pass the argmax of this shape's forward");
            }
        }
    }

    static void convShape(String op, Conv2dShape s, Object[] scratch) {
        if (s == null) {
            throw new IllegalArgumentException(op + ": shape is null");
        }
        if (scratch != null && scratch.length < Conv2dShape.SCRATCH_SLOTS) {
            throw new IllegalArgumentException(op + ": the scratch holder has " + scratch.length
                    + " slots, needs " + Conv2dShape.SCRATCH_SLOTS);
        }
    }

    static void poolShape(String op, Pool2dShape s) {
        if (s == null) {
            throw new IllegalArgumentException(op + ": shape is null");
        }
    }

    /** Like the matrix {@link #need}, the size named by what it is in the convolution or pooling {@code s}. */
    static void need(String op, String name, Object a, long needed, String what, Object s) {
        if (a == null) {
            throw new IllegalArgumentException(op + ": " + name + " is null");
        }
        int length = a instanceof int[] ? ((int[]) a).length : length(a);
        if (length < needed) {
            throw new IllegalArgumentException(op + ": " + name + " has " + length + " elements, needs the "
                    + what + " size " + needed + " of " + s);
        }
    }

    static void rows(String op, int m, int n, Object a, String aName, Object b, String bName,
                             Object c, String cName) {
        sizes(op, m, 1, n);
        long len = (long) m * n;
        need(op, aName, a, len, "m*n", m, n);
        need(op, bName, b, len, "m*n", m, n);
        if (cName != null) {
            need(op, cName, c, len, "m*n", m, n);
        }
    }

    static void sizes(String op, int m, int k, int n) {
        if (m < 0 || k < 0 || n < 0) {
            throw new IllegalArgumentException(op + ": negative size m=" + m + ", k=" + k + ", n=" + n);
        }
    }

    static void need(String op, String name, Object a, long needed, String formula, int r, int c) {
        if (a == null) {
            throw new IllegalArgumentException(op + ": " + name + " is null");
        }
        int length = length(a);
        if (length < needed) {
            throw new IllegalArgumentException(op + ": " + name + " has " + length + " elements, needs "
                    + formula + " = " + r + "*" + c + " = " + needed);
        }
    }

    static void noAlias(String op, Object out, String outName, Object a, String aName,
                                Object b, String bName) {
        if (out != null && (out == a || out == b)) {
            throw new IllegalArgumentException(op + ": " + outName + " must not be the same array as "
                    + (out == a ? aName : bName));
        }
    }

    static void elementwise(String op, int len, Object a, String aName) {
        if (len < 0) {
            throw new IllegalArgumentException(op + ": negative length " + len);
        }
        need(op, aName, a, len, "len", len, 1);
    }

    static void elementwise(String op, int len, Object a, String aName, Object b, String bName,
                                    Object c, String cName) {
        elementwise(op, len, a, aName);
        need(op, bName, b, len, "len", len, 1);
        if (cName != null) {
            need(op, cName, c, len, "len", len, 1);
        }
    }

    static int length(Object a) {
        return a instanceof double[] ? ((double[]) a).length : ((float[]) a).length;
    }
//#else[f32]
//#end
}
