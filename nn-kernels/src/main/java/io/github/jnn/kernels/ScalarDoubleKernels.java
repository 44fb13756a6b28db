package io.github.jnn.kernels;

import java.util.Arrays;

//#keep-double slope alpha lr momentum weightDecay stepSize beta1 beta2 eps bc2Sqrt l2 decay

/**
 * The reference set's double kernels: plain loops. Hyperparameters are passed on with a {@code (double)} cast
 * that does nothing here and becomes the one rounding to float in the generated float twin.
 */
abstract class ScalarDoubleKernels extends CheckedFloatKernels { //f32: abstract class ScalarFloatKernels extends ScalarDoubleKernels {
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
    protected void linearGradWeightUnchecked(double[] g, double[] x, double[] gradW, int m, int k, int n) {
        java.util.Arrays.fill(gradW, 0, n * k, 0.0);
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
        ElementwiseScalar.leakyRelu(x, out, 0, len, (double) slope);
    }

    @Override
    protected void leakyReluBackwardUnchecked(double[] x, double[] g, double[] gradIn, int len, double slope) {
        ElementwiseScalar.leakyReluBackward(x, g, gradIn, 0, len, (double) slope);
    }

    @Override
    protected void eluUnchecked(double[] x, double[] out, int len, double alpha) {
        ElementwiseScalar.elu(x, out, 0, len, (double) alpha);
    }

    @Override
    protected void eluBackwardUnchecked(double[] x, double[] y, double[] g, double[] gradIn, int len, double alpha) {
        ElementwiseScalar.eluBackward(x, y, g, gradIn, 0, len, (double) alpha);
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
    protected void conv2dForwardUnchecked(double[] x, double[] w, double[] b, double[] pre, double[] out,
                                          Conv2dShape s, Activation act, double[][] scratch) {
        ConvScalar.conv2dForward(x, w, b, pre, out, s, act);
    }

    @Override
    protected void conv2dGradInputUnchecked(double[] g, double[] w, double[] gradX, Conv2dShape s,
                                            double[][] scratch) {
        ConvScalar.conv2dGradInput(g, w, gradX, s);
    }

    @Override
    protected void conv2dAccGradWeightUnchecked(double[] g, double[] x, double[] gradW, double[] gradB,
                                                Conv2dShape s, double[][] scratch) {
        ConvScalar.conv2dAccGradWeight(g, x, gradW, gradB, s);
    }

    @Override
    protected void maxPool2dForwardUnchecked(double[] x, double[] out, int[] argmax, Pool2dShape s) {
        ConvScalar.maxPool2dForward(x, out, argmax, s);
    }

    @Override
    protected void maxPool2dBackwardUnchecked(double[] g, int[] argmax, double[] gradX, Pool2dShape s) {
        ConvScalar.maxPool2dBackward(g, argmax, gradX, s);
    }

    @Override
    protected void zeroUnchecked(double[] a, int len) {
        Arrays.fill(a, 0, len, 0);
    }

    @Override
    protected void sgdStepUnchecked(double[] w, double[] g, double[] velocity, int len, double lr, double momentum,
                                    double weightDecay) {
        UpdateScalar.sgd(w, g, velocity, 0, len, (double) lr, (double) momentum, (double) weightDecay);
    }

    @Override
    protected void adamStepUnchecked(double[] w, double[] g, double[] m, double[] v, int len, double stepSize,
                                     double beta1, double beta2, double eps) {
        UpdateScalar.adam(w, g, m, v, 0, len, (double) stepSize, beta1, beta2, (double) eps);
    }

    // The PyTorch forms are elementwise and memory-bound: the vector set runs Adam's too (SGD's has a vector
    // twin, UpdateVector.sgdPyTorch).

    @Override
    protected void sgdStepPyTorchUnchecked(double[] w, double[] g, double[] velocity, int len, double lr,
                                           double momentum, double weightDecay, boolean nesterov) {
        UpdateScalar.sgdPyTorch(w, g, velocity, 0, len, (double) lr, (double) momentum, (double) weightDecay,
                nesterov);
    }

    @Override
    protected void adamStepPyTorchUnchecked(double[] w, double[] g, double[] m, double[] v, int len,
                                            double stepSize, double bc2Sqrt, double beta1, double beta2,
                                            double eps, double l2, double decay) {
        UpdateScalar.adamPyTorch(w, g, m, v, 0, len, (double) stepSize, (double) bc2Sqrt, beta1, beta2,
                (double) eps, (double) l2, (double) decay);
    }
}
