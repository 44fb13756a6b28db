package io.github.jnn.optim;

/** Multiplies the rate by {@code gamma} every {@code stepSize} epochs: {@code lr·gamma^(epoch / stepSize)}. */
public final class StepDecay implements LearningRateSchedule {
    private final int stepSize;
    private final double gamma;

    public StepDecay(int stepSize, double gamma) {
        if (stepSize <= 0) {
            throw new IllegalArgumentException("StepDecay: step size must be positive, got " + stepSize);
        }
        if (!(gamma > 0 && gamma <= 1)) {
            throw new IllegalArgumentException("StepDecay: gamma must be in (0, 1], got " + gamma);
        }
        this.stepSize = stepSize;
        this.gamma = gamma;
    }

    @Override
    public double rate(int epoch, double initialRate) {
        if (epoch < 0) {
            throw new IllegalArgumentException("StepDecay: negative epoch " + epoch);
        }
        return initialRate * Math.pow(gamma, epoch / stepSize);
    }

    @Override
    public String toString() {
        return "StepDecay(every " + stepSize + " epochs x" + gamma + ")";
    }
}
