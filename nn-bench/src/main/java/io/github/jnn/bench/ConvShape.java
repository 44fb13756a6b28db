package io.github.jnn.bench;

import io.github.jnn.kernels.Conv2dShape;

/**
 * A convolution benchmark's {@code shape} parameter, {@code NxCxHxW-OkK[sS][pP]}: batch N of C×H×W inputs,
 * O filters of K×K, stride S (default 1), padding P (default 0). {@code 64x1x28x28-32k5} is LeNet's first
 * layer on MNIST-sized images.
 */
public final class ConvShape {
    private static final java.util.regex.Pattern FORM =
            java.util.regex.Pattern.compile("(\\d+)x(\\d+)x(\\d+)x(\\d+)-(\\d+)k(\\d+)(?:s(\\d+))?(?:p(\\d+))?");

    private ConvShape() {
    }

    /** Parses the parameter; the message names the text on failure. */
    public static Conv2dShape parse(String text) {
        java.util.regex.Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("convolution shape '" + text
                    + "' is not of the form NxCxHxW-OkK[sS][pP], e.g. 64x1x28x28-32k5");
        }
        int[] v = new int[8];
        for (int i = 0; i < 8; i++) {
            v[i] = m.group(i + 1) == null ? (i == 6 ? 1 : 0) : Integer.parseInt(m.group(i + 1));
        }
        return new Conv2dShape(v[0], v[1], v[2], v[3], v[4], v[5], v[5], v[6], v[6], v[7], v[7]);
    }

    /** Flops of one of the convolution's three products (forward, gradient to input, gradient to weight). */
    public static double productFlops(Conv2dShape s) {
        return 2.0 * s.n * s.outC * s.pixels() * s.patchLength();
    }
}
