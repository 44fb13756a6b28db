package io.github.jnn.kernels;

/** Optimizer parameter updates over {@code [from, to)}; the vector set calls them for its tails. */
final class UpdateScalar {
    private UpdateScalar() {
    }

    static void sgd(double[] w, double[] g, double[] v, int from, int to, double lr, double momentum,
                    double weightDecay) {
        for (int i = from; i < to; i++) {
            double d = g[i] + weightDecay * w[i];
            v[i] = momentum * v[i] + lr * d;
            w[i] -= v[i];
        }
    }

    static void adam(double[] w, double[] g, double[] m, double[] v, int from, int to, double stepSize,
                     double beta1, double beta2, double eps) { //f32: double beta1, double beta2, float eps) {
        // 1 - β in double, rounded once: in float32, 1 - 0.999f would be 0.0010000467, 5e-5 off. //f32-same
        double b1 = beta1; //f32: float b1 = (float) beta1;
        double b2 = beta2; //f32: float b2 = (float) beta2;
        double c1 = 1.0 - beta1; //f32: float c1 = (float) (1.0 - beta1);
        double c2 = 1.0 - beta2; //f32: float c2 = (float) (1.0 - beta2);
        for (int i = from; i < to; i++) {
            m[i] = b1 * m[i] + c1 * g[i];
            v[i] = b2 * v[i] + c2 * g[i] * g[i];
            w[i] -= stepSize * m[i] / (Math.sqrt(v[i]) + eps);
        }
    }

    /**
     * PyTorch's SGD (dampening 0): {@code d = g + weightDecay·w; v = momentum·v + d; w -= lr·(nesterov ? d +
     * momentum·v : v)}. A zero velocity makes the first step PyTorch's {@code buf = d} exactly.
     */
    static void sgdPyTorch(double[] w, double[] g, double[] v, int from, int to, double lr, double momentum,
                           double weightDecay, boolean nesterov) {
        for (int i = from; i < to; i++) {
            double d = g[i] + weightDecay * w[i];
            double b = momentum * v[i] + d;
            v[i] = b;
            w[i] -= lr * (nesterov ? d + momentum * b : b);
        }
    }

    /**
     * PyTorch's Adam and AdamW, in its order of operations: {@code g' = g + l2·w} (Adam's weight decay);
     * {@code w *= decay} (AdamW's, {@code 1 - lr·weightDecay}); {@code m = β1·m + (1-β1)·g'};
     * {@code v = β2·v + (1-β2)·g'²}; {@code w -= stepSize·m / (sqrt(v)/bc2Sqrt + eps)} with
     * {@code stepSize = lr/(1-β1^t)} and {@code bc2Sqrt = sqrt(1-β2^t)}: ε is added after the bias correction.
     */
    static void adamPyTorch(double[] w, double[] g, double[] m, double[] v, int from, int to, double stepSize,
                            double bc2Sqrt, double beta1, double beta2, double eps, double l2, double decay) { //f32: float bc2Sqrt, double beta1, double beta2, float eps, float l2, float decay) {
        double b1 = beta1; //f32: float b1 = (float) beta1;
        double b2 = beta2; //f32: float b2 = (float) beta2;
        double c1 = 1.0 - beta1; //f32: float c1 = (float) (1.0 - beta1);
        double c2 = 1.0 - beta2; //f32: float c2 = (float) (1.0 - beta2);
        for (int i = from; i < to; i++) {
            double gi = g[i] + l2 * w[i];
            w[i] *= decay;
            m[i] = b1 * m[i] + c1 * gi;
            v[i] = b2 * v[i] + c2 * gi * gi;
            w[i] -= stepSize * m[i] / (Math.sqrt(v[i]) / bc2Sqrt + eps);
        }
    }
}
