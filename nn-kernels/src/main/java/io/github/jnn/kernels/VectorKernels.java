package io.github.jnn.kernels;

/**
 * The {@code jdk.incubator.vector} kernel set. Only loaded when the module is present (see
 * {@link KernelSelection}); it overrides the fast paths and inherits nothing else it could get wrong.
 */
final class VectorKernels extends ScalarKernels {
    static final VectorKernels INSTANCE = new VectorKernels();

    @Override
    public String name() {
        return "vector";
    }

    @Override
    protected void linearForwardUnchecked(double[] x, double[] w, double[] b, double[] pre, double[] out,
                                          int m, int k, int n, Activation act) {
        GemmVector.linearForward(x, w, b, pre, out, m, k, n, act);
    }

    @Override
    protected void linearGradInputUnchecked(double[] g, double[] w, double[] gradX, int m, int k, int n) {
        // gradX[m×k] = g[m×n]·w[n×k]: A(r,t) = g[r*n + t], B = w.
        GemmVector.multiplyRowPanels(g, n, 1, w, gradX, m, n, k, false);
    }

    @Override
    protected void linearAccGradWeightUnchecked(double[] g, double[] x, double[] gradW, int m, int k, int n) {
        // gradW[n×k] += gᵀ[n×m]·x[m×k]: A(r,t) = g[t*n + r], B = x.
        GemmVector.multiplyRowPanels(g, 1, n, x, gradW, n, m, k, true);
    }

    @Override
    protected void accColumnSumsUnchecked(double[] g, double[] gradB, int m, int n) {
        GemmVector.accColumnSums(g, gradB, m, n);
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
        ElementwiseVector.sigmoidBackward(y, g, gradIn, len);
    }

    @Override
    protected void reluBackwardUnchecked(double[] y, double[] g, double[] gradIn, int len) {
        ElementwiseVector.reluBackward(y, g, gradIn, len);
    }
}
