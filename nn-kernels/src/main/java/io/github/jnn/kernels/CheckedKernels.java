package io.github.jnn.kernels;

/**
 * Checks every argument once, at the public boundary, then calls the unchecked kernel. Subclasses override
 * only the unchecked methods, so no implementation can skip or change the checks.
 */
abstract class CheckedKernels implements Kernels {

    @Override
    public final void linearForward(double[] x, double[] w, double[] b, double[] pre, double[] out,
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
        linearForwardUnchecked(x, w, b, pre, out, m, k, n, act);
    }

    @Override
    public final void linearGradInput(double[] g, double[] w, double[] gradX, int m, int k, int n) {
        String op = "linearGradInput";
        sizes(op, m, k, n);
        need(op, "g", g, (long) m * n, "m*n", m, n);
        need(op, "w", w, (long) n * k, "n*k", n, k);
        need(op, "gradX", gradX, (long) m * k, "m*k", m, k);
        noAlias(op, gradX, "gradX", g, "g", w, "w");
        linearGradInputUnchecked(g, w, gradX, m, k, n);
    }

    @Override
    public final void linearAccGradWeight(double[] g, double[] x, double[] gradW, int m, int k, int n) {
        String op = "linearAccGradWeight";
        sizes(op, m, k, n);
        need(op, "g", g, (long) m * n, "m*n", m, n);
        need(op, "x", x, (long) m * k, "m*k", m, k);
        need(op, "gradW", gradW, (long) n * k, "n*k", n, k);
        noAlias(op, gradW, "gradW", g, "g", x, "x");
        linearAccGradWeightUnchecked(g, x, gradW, m, k, n);
    }

    @Override
    public final void accColumnSums(double[] g, double[] gradB, int m, int n) {
        String op = "accColumnSums";
        sizes(op, m, 1, n);
        need(op, "g", g, (long) m * n, "m*n", m, n);
        need(op, "gradB", gradB, n, "n", n, 1);
        noAlias(op, gradB, "gradB", g, "g", null, null);
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
    public String toString() {
        return name() + " kernels";
    }

    protected abstract void linearForwardUnchecked(double[] x, double[] w, double[] b, double[] pre,
                                                   double[] out, int m, int k, int n, Activation act);

    protected abstract void linearGradInputUnchecked(double[] g, double[] w, double[] gradX, int m, int k, int n);

    protected abstract void linearAccGradWeightUnchecked(double[] g, double[] x, double[] gradW,
                                                         int m, int k, int n);

    protected abstract void accColumnSumsUnchecked(double[] g, double[] gradB, int m, int n);

    protected abstract void sigmoidUnchecked(double[] x, double[] out, int len);

    protected abstract void reluUnchecked(double[] x, double[] out, int len);

    protected abstract void sigmoidBackwardUnchecked(double[] y, double[] g, double[] gradIn, int len);

    protected abstract void reluBackwardUnchecked(double[] y, double[] g, double[] gradIn, int len);

    private static void sizes(String op, int m, int k, int n) {
        if (m < 0 || k < 0 || n < 0) {
            throw new IllegalArgumentException(op + ": negative size m=" + m + ", k=" + k + ", n=" + n);
        }
    }

    private static void need(String op, String name, double[] a, long needed, String formula, int r, int c) {
        if (a == null) {
            throw new IllegalArgumentException(op + ": " + name + " is null");
        }
        if (a.length < needed) {
            throw new IllegalArgumentException(op + ": " + name + " has " + a.length + " elements, needs "
                    + formula + " = " + r + "*" + c + " = " + needed);
        }
    }

    private static void noAlias(String op, double[] out, String outName, double[] a, String aName,
                                double[] b, String bName) {
        if (out != null && (out == a || out == b)) {
            throw new IllegalArgumentException(op + ": " + outName + " must not be the same array as "
                    + (out == a ? aName : bName));
        }
    }

    private static void elementwise(String op, int len, double[] a, String aName, double[] b, String bName,
                                    double[] c, String cName) {
        if (len < 0) {
            throw new IllegalArgumentException(op + ": negative length " + len);
        }
        need(op, aName, a, len, "len", len, 1);
        need(op, bName, b, len, "len", len, 1);
        if (cName != null) {
            need(op, cName, c, len, "len", len, 1);
        }
    }
}
