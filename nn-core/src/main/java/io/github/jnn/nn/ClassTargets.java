package io.github.jnn.nn;

import io.github.jnn.tensor.Tensor;

import java.util.Arrays;

/**
 * Reads classification targets for an {@code [N, classes]} input: either one-hot rows of the same shape, or
 * N class indices (shape {@code [N]}, or {@code [N, 1]} when there is more than one class; integral values). Every malformed target is an
 * exception naming the criterion, the row and the value.
 */
final class ClassTargets {
    private ClassTargets() {
    }

    static int[] classes(Criterion criterion, Tensor input, Tensor target, int[] reuse) {
        if (input == null || target == null) {
            throw new IllegalArgumentException(criterion + ": got a null " + (input == null ? "input" : "target"));
        }
        if (input.rank() != 2) {
            throw new IllegalArgumentException(criterion + ": input shape " + input.shapeString()
                    + " is not [N, classes]");
        }
        int n = input.dim(0);
        int c = input.dim(1);
        if (n == 0) {
            throw new IllegalArgumentException(criterion + ": input shape " + input.shapeString()
                    + " has no rows; a loss over an empty batch is undefined");
        }
        int[] out = reuse != null && reuse.length == n ? reuse : new int[n];
        // Read through getFlat: targets may be float64 for a float32 model (class indices are exact in both).
        Tensor t = target;
        if (target.sameShape(input)) { // one-hot wins the one ambiguous case, [N, 1] with a single class
            for (int i = 0; i < n; i++) {
                out[i] = oneHotIndex(criterion, t, i, c);
            }
            return out;
        }
        if (target.hasShape(n) || target.hasShape(n, 1)) {
            for (int i = 0; i < n; i++) {
                double v = t.getFlat(i);
                if (v != Math.rint(v) || v < 0 || v >= c) {
                    throw new IllegalArgumentException(criterion + ": target[" + i + "] = " + v
                            + " is not a class index in [0, " + c + ")");
                }
                out[i] = (int) v;
            }
            return out;
        }
        throw new IllegalArgumentException(criterion + ": target shape " + target.shapeString()
                + " fits neither one-hot rows " + input.shapeString() + " nor class indices [" + n + "]");
    }

    private static int oneHotIndex(Criterion criterion, Tensor t, int row, int c) {
        int hot = -1;
        for (int j = 0; j < c; j++) {
            double v = t.getFlat(row * c + j);
            if (v == 1.0 && hot < 0) {
                hot = j;
            } else if (v != 0.0) {
                hot = -2;
                break;
            }
        }
        if (hot < 0) {
            throw new IllegalArgumentException(criterion + ": target row " + row + " is not one-hot: "
                    + Arrays.toString(t.toArray()[row]));
        }
        return hot;
    }
}
