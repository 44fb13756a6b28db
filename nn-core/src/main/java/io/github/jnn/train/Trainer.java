package io.github.jnn.train;

import io.github.jnn.data.Dataset;
import io.github.jnn.nn.ClassNLLCriterion;
import io.github.jnn.nn.Criterion;
import io.github.jnn.nn.Module;
import io.github.jnn.nn.Parameter;
import io.github.jnn.optim.LearningRateSchedule;
import io.github.jnn.optim.Optimizer;
import io.github.jnn.random.RandomSource;
import io.github.jnn.tensor.Tensor;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The training loop: for each epoch, shuffled mini-batches of zero-grad → forward → loss → backward →
 * optimizer step, then an evaluation on the held-out set. Prints one line per epoch (and, on a terminal, a
 * live progress bar), calls the listeners, and stops with {@link TrainingDivergedException} on a NaN or
 * infinite loss. The criterion receives class indices ({@code [batch]}), as {@link ClassNLLCriterion} takes.
 */
public final class Trainer {
    private final Module model;
    private final Optimizer optimizer;
    private Criterion criterion = new ClassNLLCriterion();
    private int epochs = 10;
    private int batchSize = 128;
    private boolean dropLast;
    private LearningRateSchedule schedule;
    private PrintStream progress = System.out;
    private boolean progressBar = System.console() != null;
    private final List<TrainingListener> listeners = new ArrayList<>();
    /** Skip the gradient w.r.t. the network's input, which training never uses (same parameter updates). */
    private boolean leanBackward = true;
    /** A batch loss above this many times the first batch's stops training; 0: off. */
    private double divergenceFactor = 1e6;

    public Trainer(Module model, Optimizer optimizer) {
        if (model == null || optimizer == null) {
            throw new IllegalArgumentException("Trainer: model and optimizer must not be null");
        }
        List<Parameter> parameters = model.parameters();
        if (!parameters.isEmpty() && !optimizer.updatesAny(parameters)) {
            throw new IllegalArgumentException("Trainer: the " + optimizer.getClass().getSimpleName() + " updates "
                    + "none of the model's parameters (built over another module?); build it over this model, or over "
                    + "the part of its parameters() to train");
        }
        this.model = model;
        this.optimizer = optimizer;
    }

    public Trainer criterion(Criterion c) {
        if (c == null) {
            throw new IllegalArgumentException("Trainer: criterion must not be null");
        }
        this.criterion = c;
        return this;
    }

    public Trainer epochs(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("Trainer: epochs must be positive, got " + n);
        }
        this.epochs = n;
        return this;
    }

    public Trainer batchSize(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("Trainer: batch size must be positive, got " + n);
        }
        this.batchSize = n;
        return this;
    }

    /** Drop the last partial batch of each epoch (default: keep it). */
    public Trainer dropLast(boolean drop) {
        this.dropLast = drop;
        return this;
    }

    /**
     * Whether each step runs {@code Module.backwardParametersFromZero} (the default: no gradient w.r.t. the
     * network's input, which nothing uses, and the gradients set rather than cleared and added to;
     * bit-identical parameter updates) or the course's {@code zeroGradParameters} and full {@code backward}.
     */
    public Trainer leanBackward(boolean lean) {
        this.leanBackward = lean;
        return this;
    }

    /** A learning-rate schedule applied before each epoch; null for none. */
    public Trainer schedule(LearningRateSchedule s) {
        this.schedule = s;
        return this;
    }

    /** Where the per-epoch lines go; null for silence. */
    public Trainer progress(PrintStream out) {
        this.progress = out;
        return this;
    }

    /** Force the live progress bar on or off (default: on when stdout is a terminal). */
    public Trainer progressBar(boolean on) {
        this.progressBar = on;
        return this;
    }

    public Trainer listener(TrainingListener l) {
        if (l == null) {
            throw new IllegalArgumentException("Trainer: listener must not be null");
        }
        listeners.add(l);
        return this;
    }

    /** e.g. {@code Trainer(SGD(lr=0.05, momentum=0.9), ClassNLLCriterion, 20 epochs, batch 128)}. */
    @Override
    public String toString() {
        return "Trainer(" + optimizer + ", " + criterion + ", " + epochs + " epochs, batch " + batchSize
                + (dropLast ? ", last partial batch dropped" : "") + (schedule == null ? "" : ", " + schedule) + ")";
    }

    /**
     * Stops training with a {@link TrainingDivergedException} when a batch's loss exceeds {@code factor} times
     * the first batch's (default 1e6, far beyond any loss a working run reaches; a first loss below 1e-6 counts
     * as 1e-6; a NaN or infinite loss stops training whatever the factor); 0 turns the guard off.
     */
    public Trainer divergenceFactor(double factor) {
        if (!(factor == 0 || factor > 1) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("Trainer: divergence factor must be 0 (off) or a finite value above 1, "
                    + "got " + factor);
        }
        this.divergenceFactor = factor;
        return this;
    }

    /** Trains on {@code train}, shuffling with {@code rng}; evaluates on {@code test} after each epoch. */
    public List<EpochResult> fit(Dataset train, Dataset test, RandomSource rng) {
        if (train == null || rng == null) {
            throw new IllegalArgumentException("Trainer.fit: " + (train == null ? "training data" : "random source")
                    + " must not be null");
        }
        if (train.size() == 0) {
            throw new IllegalArgumentException("Trainer.fit: the training data set has no samples");
        }
        if (train.batchCount(batchSize, dropLast) == 0) {
            throw new IllegalArgumentException("Trainer.fit: " + train.size() + " samples make no batch of "
                    + batchSize + " with the last partial batch dropped; use a smaller batch or dropLast(false)");
        }
        if (test != null && test.size() == 0) {
            throw new IllegalArgumentException("Trainer.fit: the test data set has no samples (pass null for none)");
        }
        // One conversion per fit, not per batch, when the model was moved to another element type.
        train = Metrics.forModel(model, train);
        test = test == null ? null : Metrics.forModel(model, test);
        List<EpochResult> history = new ArrayList<>();
        double firstLoss = Double.NaN;
        double initialRate = optimizer.learningRate();
        int batches = train.batchCount(batchSize, dropLast);
        // each batch is done with before the next is taken, so one set of batch buffers serves every epoch
        Iterable<Dataset.Batch> shuffled = train.reusingBatches(batchSize, dropLast, rng);
        for (int epoch = 0; epoch < epochs; epoch++) {
            if (schedule != null) {
                schedule.apply(optimizer, epoch, initialRate);
            }
            model.train();
            long start = System.nanoTime();
            double lossSum = 0;
            int correct = 0;
            int seen = 0;
            int b = 0;
            for (Dataset.Batch batch : shuffled) {
                Tensor out = model.forward(batch.x);
                double loss = criterion.forward(out, batch.y);
                if (!Double.isFinite(loss)) {
                    throw new TrainingDivergedException(epoch, b, loss);
                }
                if (Double.isNaN(firstLoss)) {
                    firstLoss = loss;
                } else if (divergenceFactor > 0 && loss > divergenceFactor * Math.max(firstLoss, 1e-6)) {
                    throw new TrainingDivergedException("loss " + loss + " at epoch " + (epoch + 1) + ", batch "
                            + (b + 1) + " is over " + divergenceFactor + " times the first batch's " + firstLoss,
                            epoch, b);
                }
                Tensor gradOut = criterion.backward(out, batch.y);
                if (leanBackward) { // this batch's gradients, not added to the last's: no clearing pass
                    model.backwardParametersFromZero(batch.x, gradOut);
                } else {
                    model.zeroGradParameters();
                    model.backward(batch.x, gradOut);
                }
                optimizer.step();
                for (int r = 0; r < batch.labels.length; r++) {
                    correct += Metrics.argMax(out, r) == batch.labels[r] ? 1 : 0;
                }
                lossSum += loss * batch.labels.length;
                seen += batch.labels.length;
                for (int i = 0; i < listeners.size(); i++) { // indexed: no iterator per batch
                    listeners.get(i).onBatchEnd(epoch, b, batches, loss);
                }
                if (progressBar && progress != null) {
                    bar(epoch, b + 1, batches, lossSum / seen);
                }
                b++;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double testLoss = test == null ? Double.NaN : loss(test);
            if (test != null && !Double.isFinite(testLoss)) {
                throw new TrainingDivergedException("test loss " + testLoss + " after epoch " + (epoch + 1), epoch, b);
            }
            double testAcc = test == null ? Double.NaN : Metrics.accuracy(model, test);
            EpochResult r = new EpochResult(epoch, lossSum / seen, (double) correct / seen, testLoss, testAcc,
                    seconds, seen / seconds);
            history.add(r);
            if (progress != null) {
                progress.print(progressBar ? "\r" : "");
                progress.println(r.format(epochs));
            }
            for (TrainingListener l : listeners) {
                l.onEpochEnd(r);
            }
        }
        return history;
    }

    /** Mean criterion value over {@code data}, in evaluation mode. */
    private double loss(Dataset data) {
        model.evaluate();
        try {
            double sum = 0;
            for (int start = 0; start < data.size(); start += Metrics.CHUNK) {
                int rows = Math.min(Metrics.CHUNK, data.size() - start);
                Tensor x = data.featureRows(start, rows);
                Tensor y = Tensor.zeros(rows);
                for (int r = 0; r < rows; r++) {
                    y.doubles()[r] = data.labels()[start + r];
                }
                sum += criterion.forward(model.forward(x), y) * rows;
            }
            return sum / data.size();
        } finally {
            model.train();
        }
    }

    private void bar(int epoch, int done, int total, double loss) {
        int width = 30;
        int filled = (int) ((long) width * done / total);
        progress.print(String.format(Locale.ROOT, "\repoch %d/%d [%s%s] %d/%d  loss %.4f", epoch + 1, epochs,
                "=".repeat(filled), " ".repeat(width - filled), done, total, loss));
        progress.flush();
    }
}
