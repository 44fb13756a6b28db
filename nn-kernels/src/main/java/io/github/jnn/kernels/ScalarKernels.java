package io.github.jnn.kernels;

/** The reference kernel set: plain loops, no SIMD beyond what the JIT finds by itself. */
class ScalarKernels extends CheckedKernels {
    static final ScalarKernels INSTANCE = new ScalarKernels();

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    protected void linearForwardUnchecked(double[] x, double[] w, double[] b, double[] pre, double[] out,
                                          int m, int k, int n, Activation act) {
        GemmScalar.linearForward(x, w, b, pre, out, m, k, n, act);
    }

    @Override
    protected void linearGradInputUnchecked(double[] g, double[] w, double[] gradX, int m, int k, int n) {
        GemmScalar.linearGradInput(g, w, gradX, m, k, n);
    }

    @Override
    protected void linearAccGradWeightUnchecked(double[] g, double[] x, double[] gradW, int m, int k, int n) {
        GemmScalar.linearAccGradWeight(g, x, gradW, m, k, n);
    }

    @Override
    protected void accColumnSumsUnchecked(double[] g, double[] gradB, int m, int n) {
        GemmScalar.accColumnSums(g, gradB, m, n);
    }

    @Override
    protected void sigmoidUnchecked(double[] x, double[] out, int len) {
        ElementwiseScalar.sigmoid(x, out, 0, len);
    }

    @Override
    protected void reluUnchecked(double[] x, double[] out, int len) {
        ElementwiseScalar.relu(x, out, 0, len);
    }

    @Override
    protected void sigmoidBackwardUnchecked(double[] y, double[] g, double[] gradIn, int len) {
        ElementwiseScalar.sigmoidBackward(y, g, gradIn, 0, len);
    }

    @Override
    protected void reluBackwardUnchecked(double[] y, double[] g, double[] gradIn, int len) {
        ElementwiseScalar.reluBackward(y, g, gradIn, 0, len);
    }
}
