package io.github.jnn.nn;

import io.github.jnn.tensor.Tensor;

import java.util.Arrays;

/**
 * {@code [N, d1·d2·...]} to {@code [N, d1, d2, ...]}, as PyTorch's {@code nn.Unflatten(1, (d1, d2, ...))}: puts
 * a data set's flat rows (an IDX image is a row of H·W pixels) into the {@code [N, C, H, W]} shape a
 * {@link Conv2d} takes. A view like {@link Flatten}, whose inverse it is.
 */
public class Unflatten extends Module {
    private final int[] sampleShape;
    private final int features;
    /** The last views made, handed out again while they fit (see {@link Flatten}). */
    private Tensor view;
    private Tensor gradView;

    /** The shape of one sample, e.g. {@code 1, 28, 28} for a grey 28×28 image. */
    public Unflatten(int... sampleShape) {
        if (sampleShape == null || sampleShape.length == 0) {
            throw new IllegalArgumentException("Unflatten: give the shape of one sample, e.g. 1, 28, 28");
        }
        this.sampleShape = sampleShape.clone();
        long f = 1;
        for (int d : sampleShape) {
            if (d <= 0) {
                throw new IllegalArgumentException(this + ": sizes must be positive");
            }
            f *= d;
        }
        if (f > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(this + ": one sample does not fit a Java array");
        }
        this.features = (int) f;
    }

    @Override
    protected Tensor updateOutput(Tensor input) {
        requireFeatures(input, features);
        if (view != null && view.sharesStorage(input) && view.dim(0) == input.dim(0)) {
            return view; // the sample shape is fixed, so the batch size decides the rest
        }
        int[] shape = new int[sampleShape.length + 1];
        shape[0] = input.dim(0);
        System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
        view = input.reshape(shape);
        return view;
    }

    @Override
    protected Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        requireFeatures(input, features);
        if (gradView == null || !gradView.sharesStorage(gradOutput) || !gradView.hasShape(input.dim(0), features)) {
            gradView = gradOutput.reshape(input.dim(0), features);
        }
        return gradView;
    }

    @Override
    public String toString() {
        return "Unflatten(" + Arrays.toString(sampleShape) + ")";
    }
}
