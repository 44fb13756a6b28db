package io.github.jnn.optim;

/** The learning rate for an epoch (counted from 0), given the initial one. */
@FunctionalInterface
public interface LearningRateSchedule {

    double rate(int epoch, double initialRate);

    /** Sets {@code optimizer}'s learning rate for {@code epoch}. */
    default void apply(Optimizer optimizer, int epoch, double initialRate) {
        optimizer.setLearningRate(rate(epoch, initialRate));
    }

    /** The rate never changes. */
    static LearningRateSchedule constant() {
        return (epoch, initialRate) -> initialRate;
    }
}
