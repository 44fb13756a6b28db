package io.github.jnn.data;

import io.github.jnn.random.RandomSource;
import io.github.jnn.tensor.Tensor;

/**
 * The seminar's toy problem: two Gaussian blobs of unit variance around (2, 2) (class 0) and (-2, -2)
 * (class 1), with one-hot labels, drawn as NumPy would ({@code randn(N, 2) + [2, 2]}, then the second blob).
 */
public final class ToyData {
    /** {@code [2N, 2]} points. */
    public final Tensor x;
    /** {@code [2N, 2]} one-hot labels: {@code [1, 0]} for the blob at (2, 2). */
    public final Tensor y;

    private ToyData(Tensor x, Tensor y) {
        this.x = x;
        this.y = y;
    }

    public static ToyData twoBlobs(int perClass, RandomSource rng) {
        if (perClass <= 0) {
            throw new IllegalArgumentException("ToyData.twoBlobs: perClass must be positive, got " + perClass);
        }
        if (rng == null) {
            throw new IllegalArgumentException("ToyData.twoBlobs: random source is null");
        }
        Tensor x = Tensor.zeros(2 * perClass, 2);
        Tensor y = Tensor.zeros(2 * perClass, 2);
        for (int blob = 0; blob < 2; blob++) {
            double centre = blob == 0 ? 2.0 : -2.0;
            for (int i = 0; i < perClass; i++) {
                int row = blob * perClass + i;
                x.set(row, 0, rng.randn() + centre);
                x.set(row, 1, rng.randn() + centre);
                y.set(row, blob, 1.0);
            }
        }
        return new ToyData(x, y);
    }
}
