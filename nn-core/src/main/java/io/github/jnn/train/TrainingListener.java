package io.github.jnn.train;

/** Hooks into {@link Trainer#fit}; both methods do nothing by default. */
public interface TrainingListener {

    /** After each optimizer step; {@code batch} counts from 0 within the epoch. */
    default void onBatchEnd(int epoch, int batch, int batches, double loss) {
    }

    /** After each epoch's evaluation. */
    default void onEpochEnd(EpochResult result) {
    }
}
