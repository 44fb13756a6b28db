package io.github.jnn.train;

import io.github.jnn.data.Dataset;
import io.github.jnn.nn.Module;
import io.github.jnn.tensor.Tensor;

/** Predictions, accuracy and the confusion matrix of a classifier over a {@link Dataset}. */
public final class Metrics {
    /** Rows per forward pass when predicting, to bound memory. */
    static final int CHUNK = 1024;

    private Metrics() {
    }

    /**
     * The arg-max class of each row of the model's output, in evaluation mode (the mode is restored). Features
     * are converted to the model's element type first if they differ.
     */
    public static int[] predict(Module model, Dataset data) {
        data = forModel(model, data);
        boolean wasTraining = model.isTraining();
        model.evaluate();
        try {
            int[] out = new int[data.size()];
            for (int start = 0; start < data.size(); start += CHUNK) {
                int rows = Math.min(CHUNK, data.size() - start);
                Tensor y = model.forward(data.featureRows(start, rows));
                for (int r = 0; r < rows; r++) {
                    out[start + r] = argMax(y, r);
                }
            }
            return out;
        } finally {
            if (wasTraining) {
                model.train();
            }
        }
    }

    /** {@code data} with features of the model's element type (itself when they match or there are no parameters). */
    static Dataset forModel(Module model, Dataset data) {
        return model.dtype() == null ? data : data.to(model.dtype());
    }

    static int argMax(Tensor y, int row) {
        int c = y.dim(1);
        int best = 0;
        for (int j = 1; j < c; j++) {
            if (y.getFlat(row * c + j) > y.getFlat(row * c + best)) {
                best = j;
            }
        }
        return best;
    }

    public static double accuracy(Module model, Dataset data) {
        int[] p = predict(model, data);
        int correct = 0;
        for (int i = 0; i < p.length; i++) {
            correct += p[i] == data.labels()[i] ? 1 : 0;
        }
        return p.length == 0 ? Double.NaN : (double) correct / p.length;
    }

    /** {@code m[actual][predicted]} counts. */
    public static int[][] confusionMatrix(Module model, Dataset data) {
        int[] p = predict(model, data);
        int[][] m = new int[data.classes()][data.classes()];
        for (int i = 0; i < p.length; i++) {
            int predicted = Math.min(p[i], data.classes() - 1);
            m[data.labels()[i]][predicted]++;
        }
        return m;
    }

    /** A confusion matrix as a text table, rows actual, columns predicted. */
    public static String format(int[][] m) {
        StringBuilder sb = new StringBuilder("actual\\predicted");
        for (int j = 0; j < m.length; j++) {
            sb.append(String.format("%6d", j));
        }
        for (int i = 0; i < m.length; i++) {
            sb.append(String.format("%n%16d", i));
            for (int j = 0; j < m.length; j++) {
                sb.append(String.format("%6d", m[i][j]));
            }
        }
        return sb.toString();
    }
}
