package io.github.jnn.bench;

/** A benchmark's {@code "m x k x n"} parameter: batch rows, input features, output features. */
public final class Shape {
    public final int m;
    public final int k;
    public final int n;

    private Shape(int m, int k, int n) {
        this.m = m;
        this.k = k;
        this.n = n;
    }

    /** Parses {@code "256x1024x1024"}; the message names the text on failure. */
    public static Shape parse(String text) {
        String[] parts = text.trim().split("x");
        if (parts.length != 3) {
            throw new IllegalArgumentException("shape '" + text + "' is not of the form MxKxN, e.g. 64x784x256");
        }
        try {
            return new Shape(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("shape '" + text + "' is not of the form MxKxN, e.g. 64x784x256");
        }
    }

    @Override
    public String toString() {
        return m + "x" + k + "x" + n;
    }

    /** Floating-point operations of one {@code m×k · k×n} product (a multiply and an add per term). */
    public double productFlops() {
        return 2.0 * m * k * n;
    }
}
