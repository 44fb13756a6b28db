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

    @Override
    protected void leakyReluUnchecked(double[] x, double[] out, int len, double slope) {
        ElementwiseScalar.leakyRelu(x, out, 0, len, slope);
    }

    @Override
    protected void leakyReluBackwardUnchecked(double[] x, double[] g, double[] gradIn, int len, double slope) {
        ElementwiseScalar.leakyReluBackward(x, g, gradIn, 0, len, slope);
    }

    @Override
    protected void eluUnchecked(double[] x, double[] out, int len, double alpha) {
        ElementwiseScalar.elu(x, out, 0, len, alpha);
    }

    @Override
    protected void eluBackwardUnchecked(double[] x, double[] y, double[] g, double[] gradIn, int len, double alpha) {
        ElementwiseScalar.eluBackward(x, y, g, gradIn, 0, len, alpha);
    }

    @Override
    protected void softplusUnchecked(double[] x, double[] out, int len) {
        ElementwiseScalar.softplus(x, out, 0, len);
    }

    @Override
    protected void softplusBackwardUnchecked(double[] x, double[] g, double[] gradIn, int len) {
        ElementwiseScalar.softplusBackward(x, g, gradIn, 0, len);
    }

    @Override
    protected void tanhUnchecked(double[] x, double[] out, int len) {
        ElementwiseScalar.tanh(x, out, 0, len);
    }

    @Override
    protected void tanhBackwardUnchecked(double[] y, double[] g, double[] gradIn, int len) {
        ElementwiseScalar.tanhBackward(y, g, gradIn, 0, len);
    }

    @Override
    protected void softmaxRowsUnchecked(double[] x, double[] out, int m, int n) {
        SoftmaxScalar.softmaxRows(x, out, m, n);
    }

    @Override
    protected void logSoftmaxRowsUnchecked(double[] x, double[] out, int m, int n) {
        SoftmaxScalar.logSoftmaxRows(x, out, m, n);
    }

    @Override
    protected void softmaxBackwardRowsUnchecked(double[] y, double[] g, double[] gradIn, int m, int n) {
        SoftmaxScalar.softmaxBackwardRows(y, g, gradIn, m, n);
    }

    @Override
    protected void logSoftmaxBackwardRowsUnchecked(double[] y, double[] g, double[] gradIn, int m, int n) {
        SoftmaxScalar.logSoftmaxBackwardRows(y, g, gradIn, m, n);
    }

    @Override
    protected void sgdStepUnchecked(double[] w, double[] g, double[] velocity, int len, double lr, double momentum,
                                    double weightDecay) {
        UpdateScalar.sgd(w, g, velocity, 0, len, lr, momentum, weightDecay);
    }

    @Override
    protected void adamStepUnchecked(double[] w, double[] g, double[] m, double[] v, int len, double stepSize,
                                     double beta1, double beta2, double eps) {
        UpdateScalar.adam(w, g, m, v, 0, len, stepSize, beta1, beta2, eps);
    }

    // ----- float32 -----

    @Override
    protected void linearForwardUnchecked(float[] x, float[] w, float[] b, float[] pre, float[] out,
                                          int m, int k, int n, Activation act) {
        GemmScalarF32.linearForward(x, w, b, pre, out, m, k, n, act);
    }

    @Override
    protected void linearGradInputUnchecked(float[] g, float[] w, float[] gradX, int m, int k, int n) {
        GemmScalarF32.linearGradInput(g, w, gradX, m, k, n);
    }

    @Override
    protected void linearAccGradWeightUnchecked(float[] g, float[] x, float[] gradW, int m, int k, int n) {
        GemmScalarF32.linearAccGradWeight(g, x, gradW, m, k, n);
    }

    @Override
    protected void accColumnSumsUnchecked(float[] g, float[] gradB, int m, int n) {
        GemmScalarF32.accColumnSums(g, gradB, m, n);
    }

    @Override
    protected void sigmoidUnchecked(float[] x, float[] out, int len) {
        ElementwiseScalarF32.sigmoid(x, out, 0, len);
    }

    @Override
    protected void reluUnchecked(float[] x, float[] out, int len) {
        ElementwiseScalarF32.relu(x, out, 0, len);
    }

    @Override
    protected void sigmoidBackwardUnchecked(float[] y, float[] g, float[] gradIn, int len) {
        ElementwiseScalarF32.sigmoidBackward(y, g, gradIn, 0, len);
    }

    @Override
    protected void reluBackwardUnchecked(float[] y, float[] g, float[] gradIn, int len) {
        ElementwiseScalarF32.reluBackward(y, g, gradIn, 0, len);
    }

    @Override
    protected void leakyReluUnchecked(float[] x, float[] out, int len, double slope) {
        ElementwiseScalarF32.leakyRelu(x, out, 0, len, (float) slope);
    }

    @Override
    protected void leakyReluBackwardUnchecked(float[] x, float[] g, float[] gradIn, int len, double slope) {
        ElementwiseScalarF32.leakyReluBackward(x, g, gradIn, 0, len, (float) slope);
    }

    @Override
    protected void eluUnchecked(float[] x, float[] out, int len, double alpha) {
        ElementwiseScalarF32.elu(x, out, 0, len, (float) alpha);
    }

    @Override
    protected void eluBackwardUnchecked(float[] x, float[] y, float[] g, float[] gradIn, int len, double alpha) {
        ElementwiseScalarF32.eluBackward(x, y, g, gradIn, 0, len, (float) alpha);
    }

    @Override
    protected void softplusUnchecked(float[] x, float[] out, int len) {
        ElementwiseScalarF32.softplus(x, out, 0, len);
    }

    @Override
    protected void softplusBackwardUnchecked(float[] x, float[] g, float[] gradIn, int len) {
        ElementwiseScalarF32.softplusBackward(x, g, gradIn, 0, len);
    }

    @Override
    protected void tanhUnchecked(float[] x, float[] out, int len) {
        ElementwiseScalarF32.tanh(x, out, 0, len);
    }

    @Override
    protected void tanhBackwardUnchecked(float[] y, float[] g, float[] gradIn, int len) {
        ElementwiseScalarF32.tanhBackward(y, g, gradIn, 0, len);
    }

    @Override
    protected void softmaxRowsUnchecked(float[] x, float[] out, int m, int n) {
        SoftmaxScalarF32.softmaxRows(x, out, m, n);
    }

    @Override
    protected void logSoftmaxRowsUnchecked(float[] x, float[] out, int m, int n) {
        SoftmaxScalarF32.logSoftmaxRows(x, out, m, n);
    }

    @Override
    protected void softmaxBackwardRowsUnchecked(float[] y, float[] g, float[] gradIn, int m, int n) {
        SoftmaxScalarF32.softmaxBackwardRows(y, g, gradIn, m, n);
    }

    @Override
    protected void logSoftmaxBackwardRowsUnchecked(float[] y, float[] g, float[] gradIn, int m, int n) {
        SoftmaxScalarF32.logSoftmaxBackwardRows(y, g, gradIn, m, n);
    }

    @Override
    protected void sgdStepUnchecked(float[] w, float[] g, float[] velocity, int len, double lr, double momentum,
                                    double weightDecay) {
        UpdateScalarF32.sgd(w, g, velocity, 0, len, (float) lr, (float) momentum, (float) weightDecay);
    }

    @Override
    protected void adamStepUnchecked(float[] w, float[] g, float[] m, float[] v, int len, double stepSize,
                                     double beta1, double beta2, double eps) {
        UpdateScalarF32.adam(w, g, m, v, 0, len, (float) stepSize, beta1, beta2, (float) eps);
    }
}
