package io.github.jnn.train;

import java.util.Locale;

/** What one epoch of {@link Trainer#fit} measured. Accuracies are fractions in [0, 1]; NaN when not measured. */
public final class EpochResult {
    public final int epoch;
    public final double trainLoss;
    public final double trainAccuracy;
    public final double testLoss;
    public final double testAccuracy;
    public final double seconds;
    public final double samplesPerSecond;

    EpochResult(int epoch, double trainLoss, double trainAccuracy, double testLoss, double testAccuracy,
                double seconds, double samplesPerSecond) {
        this.epoch = epoch;
        this.trainLoss = trainLoss;
        this.trainAccuracy = trainAccuracy;
        this.testLoss = testLoss;
        this.testAccuracy = testAccuracy;
        this.seconds = seconds;
        this.samplesPerSecond = samplesPerSecond;
    }

    /**
     * e.g. {@code epoch 3: loss 0.1234, train 96.50%, test loss 0.1400, test 95.80%, 1.20 s, 12,000 samples/s};
     * without the test figures when there was no test set.
     */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "epoch %d: loss %.4f, train %.2f%%, ", epoch + 1, trainLoss,
                100 * trainAccuracy) + (hasTest() ? String.format(Locale.ROOT, "test loss %.4f, test %.2f%%, ",
                testLoss, 100 * testAccuracy) : "") + String.format(Locale.ROOT, "%.2f s, %,.0f samples/s", seconds,
                samplesPerSecond);
    }

    /**
     * The one-line progress report, e.g. {@code epoch 3/20  loss 0.1234  train 96.50%  test loss 0.1400  test
     * 95.80%  1.20 s  12,000 samples/s}; without the test figures when there was no test set.
     */
    public String format(int epochs) {
        return String.format(Locale.ROOT, "epoch %d/%d  loss %.4f  train %.2f%%  ", epoch + 1, epochs, trainLoss,
                100 * trainAccuracy) + (hasTest() ? String.format(Locale.ROOT, "test loss %.4f  test %.2f%%  ",
                testLoss, 100 * testAccuracy) : "") + String.format(Locale.ROOT, "%.2f s  %,.0f samples/s", seconds,
                samplesPerSecond);
    }

    /** Whether a test set was evaluated (its loss and accuracy are NaN when there was none). */
    private boolean hasTest() {
        return !(Double.isNaN(testLoss) && Double.isNaN(testAccuracy));
    }
}
