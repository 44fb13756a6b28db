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
        if (k < GemmVector.LANES) { // rows shorter than one vector: the plain loop is faster
            GemmScalar.linearGradInput(g, w, gradX, m, k, n);
            return;
        }
        if (GemmVector.packedPays(m, k) && n > 0) {
            GemmPacked.linearGradInput(g, w, gradX, m, k, n);
            return;
        }
        // gradX[m×k] = g[m×n]·w[n×k]: A(r,t) = g[r*n + t], B = w.
        GemmVector.multiplyRowPanels(g, n, 1, w, gradX, m, n, k, false);
    }

    @Override
    protected void linearAccGradWeightUnchecked(double[] g, double[] x, double[] gradW, int m, int k, int n) {
        if (k < GemmVector.LANES) {
            GemmScalar.linearAccGradWeight(g, x, gradW, m, k, n);
            return;
        }
        if (GemmVector.packedPays(n, k) && m > 0) {
            GemmPacked.linearAccGradWeight(g, x, gradW, m, k, n);
            return;
        }
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

    @Override
    protected void leakyReluUnchecked(double[] x, double[] out, int len, double slope) {
        ElementwiseVector.leakyRelu(x, out, len, slope);
    }

    @Override
    protected void leakyReluBackwardUnchecked(double[] x, double[] g, double[] gradIn, int len, double slope) {
        ElementwiseVector.leakyReluBackward(x, g, gradIn, len, slope);
    }

    @Override
    protected void eluUnchecked(double[] x, double[] out, int len, double alpha) {
        ElementwiseVector.elu(x, out, len, alpha);
    }

    @Override
    protected void eluBackwardUnchecked(double[] x, double[] y, double[] g, double[] gradIn, int len, double alpha) {
        ElementwiseVector.eluBackward(x, y, g, gradIn, len, alpha);
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

    @Override
    protected void sgdStepUnchecked(double[] w, double[] g, double[] velocity, int len, double lr, double momentum,
                                    double weightDecay) {
        UpdateVector.sgd(w, g, velocity, len, lr, momentum, weightDecay);
    }

    @Override
    protected void adamStepUnchecked(double[] w, double[] g, double[] m, double[] v, int len, double stepSize,
                                     double beta1, double beta2, double eps) {
        UpdateVector.adam(w, g, m, v, len, stepSize, beta1, beta2, eps);
    }

    // ----- float32 -----

    @Override
    protected void linearForwardUnchecked(float[] x, float[] w, float[] b, float[] pre, float[] out,
                                          int m, int k, int n, Activation act) {
        GemmVectorF32.linearForward(x, w, b, pre, out, m, k, n, act);
    }

    @Override
    protected void linearGradInputUnchecked(float[] g, float[] w, float[] gradX, int m, int k, int n) {
        if (k < GemmVectorF32.LANES) { // rows shorter than one vector: the plain loop is faster
            GemmScalarF32.linearGradInput(g, w, gradX, m, k, n);
            return;
        }
        if (GemmVectorF32.packedPays(m, k) && n > 0) {
            GemmPackedF32.linearGradInput(g, w, gradX, m, k, n);
            return;
        }
        // gradX[m×k] = g[m×n]·w[n×k]: A(r,t) = g[r*n + t], B = w.
        GemmVectorF32.multiplyRowPanels(g, n, 1, w, gradX, m, n, k, false);
    }

    @Override
    protected void linearAccGradWeightUnchecked(float[] g, float[] x, float[] gradW, int m, int k, int n) {
        if (k < GemmVectorF32.LANES) {
            GemmScalarF32.linearAccGradWeight(g, x, gradW, m, k, n);
            return;
        }
        if (GemmVectorF32.packedPays(n, k) && m > 0) {
            GemmPackedF32.linearAccGradWeight(g, x, gradW, m, k, n);
            return;
        }
        // gradW[n×k] += gᵀ[n×m]·x[m×k]: A(r,t) = g[t*n + r], B = x.
        GemmVectorF32.multiplyRowPanels(g, 1, n, x, gradW, n, m, k, true);
    }

    @Override
    protected void accColumnSumsUnchecked(float[] g, float[] gradB, int m, int n) {
        GemmVectorF32.accColumnSums(g, gradB, m, n);
    }

    @Override
    protected void sigmoidUnchecked(float[] x, float[] out, int len) {
        ElementwiseVectorF32.sigmoid(x, out, len);
    }

    @Override
    protected void reluUnchecked(float[] x, float[] out, int len) {
        ElementwiseVectorF32.relu(x, out, len);
    }

    @Override
    protected void sigmoidBackwardUnchecked(float[] y, float[] g, float[] gradIn, int len) {
        ElementwiseVectorF32.sigmoidBackward(y, g, gradIn, len);
    }

    @Override
    protected void reluBackwardUnchecked(float[] y, float[] g, float[] gradIn, int len) {
        ElementwiseVectorF32.reluBackward(y, g, gradIn, len);
    }

    @Override
    protected void leakyReluUnchecked(float[] x, float[] out, int len, double slope) {
        ElementwiseVectorF32.leakyRelu(x, out, len, (float) slope);
    }

    @Override
    protected void leakyReluBackwardUnchecked(float[] x, float[] g, float[] gradIn, int len, double slope) {
        ElementwiseVectorF32.leakyReluBackward(x, g, gradIn, len, (float) slope);
    }

    @Override
    protected void eluUnchecked(float[] x, float[] out, int len, double alpha) {
        ElementwiseVectorF32.elu(x, out, len, (float) alpha);
    }

    @Override
    protected void eluBackwardUnchecked(float[] x, float[] y, float[] g, float[] gradIn, int len, double alpha) {
        ElementwiseVectorF32.eluBackward(x, y, g, gradIn, len, (float) alpha);
    }

    @Override
    protected void softplusUnchecked(float[] x, float[] out, int len) {
        ElementwiseVectorF32.softplus(x, out, len);
    }

    @Override
    protected void softplusBackwardUnchecked(float[] x, float[] g, float[] gradIn, int len) {
        ElementwiseVectorF32.softplusBackward(x, g, gradIn, len);
    }

    @Override
    protected void tanhUnchecked(float[] x, float[] out, int len) {
        ElementwiseVectorF32.tanh(x, out, len);
    }

    @Override
    protected void tanhBackwardUnchecked(float[] y, float[] g, float[] gradIn, int len) {
        ElementwiseVectorF32.tanhBackward(y, g, gradIn, len);
    }

    @Override
    protected void softmaxRowsUnchecked(float[] x, float[] out, int m, int n) {
        SoftmaxVectorF32.softmaxRows(x, out, m, n);
    }

    @Override
    protected void logSoftmaxRowsUnchecked(float[] x, float[] out, int m, int n) {
        SoftmaxVectorF32.logSoftmaxRows(x, out, m, n);
    }

    @Override
    protected void softmaxBackwardRowsUnchecked(float[] y, float[] g, float[] gradIn, int m, int n) {
        SoftmaxVectorF32.softmaxBackwardRows(y, g, gradIn, m, n);
    }

    @Override
    protected void logSoftmaxBackwardRowsUnchecked(float[] y, float[] g, float[] gradIn, int m, int n) {
        SoftmaxVectorF32.logSoftmaxBackwardRows(y, g, gradIn, m, n);
    }

    @Override
    protected void sgdStepUnchecked(float[] w, float[] g, float[] velocity, int len, double lr, double momentum,
                                    double weightDecay) {
        UpdateVectorF32.sgd(w, g, velocity, len, (float) lr, (float) momentum, (float) weightDecay);
    }

    @Override
    protected void adamStepUnchecked(float[] w, float[] g, float[] m, float[] v, int len, double stepSize,
                                     double beta1, double beta2, double eps) {
        UpdateVectorF32.adam(w, g, m, v, len, (float) stepSize, beta1, beta2, (float) eps);
    }
}
