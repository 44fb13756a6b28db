package io.github.jnn.train;

/** A loss that became NaN or infinite; training stops at once, naming where. */
public final class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    public final int epoch;
    public final int batch;

    TrainingDivergedException(int epoch, int batch, double loss) {
        this("loss " + loss + " at epoch " + (epoch + 1) + ", batch " + (batch + 1), epoch, batch);
    }

    TrainingDivergedException(String what, int epoch, int batch) {
        super("training diverged: " + what + " (try a smaller learning rate)");
        this.epoch = epoch;
        this.batch = batch;
    }
}
