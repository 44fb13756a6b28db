package io.github.jnn.data;

import io.github.jnn.random.RandomSource;
import io.github.jnn.tensor.DType;
import io.github.jnn.tensor.Tensor;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Features {@code [N, F]} with one class label per row. Immutable: splits, subsets and scaling return new
 * datasets. {@link #batches} gives shuffled mini-batches, a new order each time it is iterated (each epoch).
 */
public final class Dataset {
    private final Tensor features;
    private final int[] labels;
    private final int classes;

    /** Labels must lie in {@code [0, classes)}. */
    public Dataset(Tensor features, int[] labels, int classes) {
        if (features == null || labels == null) {
            throw new IllegalArgumentException("Dataset: features and labels must not be null");
        }
        if (classes < 1) {
            throw new IllegalArgumentException("Dataset: the number of classes must be positive, got " + classes);
        }
        if (features.rank() != 2 || features.dim(0) != labels.length) {
            throw new IllegalArgumentException("Dataset: features shape " + features.shapeString() + " does not match "
                    + labels.length + " labels");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("Dataset: label " + labels[i] + " of row " + i
                        + " is outside [0, " + classes + ")");
            }
        }
        this.features = features;
        this.labels = labels;
        this.classes = classes;
    }

    public int size() {
        return labels.length;
    }

    public int featureCount() {
        return features.dim(1);
    }

    public int classes() {
        return classes;
    }

    /** The features themselves (not a copy). */
    public Tensor features() {
        return features;
    }

    /** The element type of the features. */
    public DType dtype() {
        return features.dtype();
    }

    /** This dataset if its features already have {@code dtype}, otherwise one with converted features. */
    public Dataset to(DType dtype) {
        return dtype == features.dtype() ? this : new Dataset(features.to(dtype), labels, classes);
    }

    /** The labels themselves (not a copy). */
    public int[] labels() {
        return labels;
    }

    /** A copy of the features of rows {@code [start, start + count)}. */
    public Tensor featureRows(int start, int count) {
        if (start < 0 || count < 0 || start > size() - count) {
            throw new IndexOutOfBoundsException("Dataset.featureRows: rows [" + start + ", " + start + " + " + count
                    + ") are not within the " + size() + " rows");
        }
        int f = featureCount();
        Tensor x = Tensor.zeros(dtype(), count, f);
        copyRows(start, x, 0, count);
        return x;
    }

    /** Copies {@code count} feature rows from row {@code from} into {@code dst} at row {@code to}. */
    private void copyRows(int from, Tensor dst, int to, int count) {
        int f = featureCount();
        if (features.dtype() == DType.FLOAT32) {
            System.arraycopy(features.floats(), from * f, dst.floats(), to * f, count * f);
        } else {
            System.arraycopy(features.doubles(), from * f, dst.doubles(), to * f, count * f);
        }
    }

    /** The rows at {@code indices}, in that order. */
    public Dataset subset(int[] indices) {
        if (indices == null) {
            throw new IllegalArgumentException("Dataset.subset: indices are null");
        }
        for (int r = 0; r < indices.length; r++) {
            if (indices[r] < 0 || indices[r] >= size()) {
                throw new IndexOutOfBoundsException("Dataset.subset: indices[" + r + "] = " + indices[r]
                        + " is not a row of the " + size() + " rows");
            }
        }
        int f = featureCount();
        Tensor x = Tensor.zeros(dtype(), indices.length, f);
        int[] y = new int[indices.length];
        for (int r = 0; r < indices.length; r++) {
            copyRows(indices[r], x, r, 1);
            y[r] = labels[indices[r]];
        }
        return new Dataset(x, y, classes);
    }

    /** The first {@code count} rows. */
    public Dataset head(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("Dataset.head: count must not be negative, got " + count);
        }
        int[] idx = new int[Math.min(count, size())];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        return subset(idx);
    }

    /**
     * A shuffled split: the first {@code round(trainFraction·N)} rows of a random permutation train, the rest
     * test. Returns {@code {train, test}}.
     */
    public Dataset[] split(double trainFraction, RandomSource rng) {
        if (!(trainFraction > 0 && trainFraction < 1)) {
            throw new IllegalArgumentException("Dataset.split: fraction must be in (0, 1), got " + trainFraction);
        }
        if (rng == null) {
            throw new IllegalArgumentException("Dataset.split: random source is null");
        }
        int[] perm = permutation(size(), rng);
        int nTrain = (int) Math.round(trainFraction * size());
        int[] a = java.util.Arrays.copyOfRange(perm, 0, nTrain);
        int[] b = java.util.Arrays.copyOfRange(perm, nTrain, perm.length);
        return new Dataset[] {subset(a), subset(b)};
    }

    /** Every feature multiplied by {@code factor} (e.g. 1/255 for pixels). */
    public Dataset scaled(double factor) {
        if (!Double.isFinite(factor)) {
            throw new IllegalArgumentException("Dataset.scaled: factor must be finite, got " + factor);
        }
        Tensor x = features.copy();
        for (int i = 0; i < x.size(); i++) {
            x.setFlat(i, x.getFlat(i) * factor);
        }
        return new Dataset(x, labels, classes);
    }

    /**
     * Standardises {@code train} and {@code test} with the mean and standard deviation of each feature over
     * {@code train} (constant features are only centred). Returns {@code {train, test}}.
     */
    public static Dataset[] standardize(Dataset train, Dataset test) {
        if (train == null || test == null) {
            throw new IllegalArgumentException("Dataset.standardize: " + (train == null ? "train" : "test")
                    + " is null");
        }
        int f = train.featureCount();
        double[] mean = new double[f];
        double[] sd = new double[f];
        Tensor x = train.features;
        int n = train.size();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < f; j++) {
                mean[j] += x.getFlat(i * f + j) / n;
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < f; j++) {
                double d = x.getFlat(i * f + j) - mean[j];
                sd[j] += d * d / n;
            }
        }
        for (int j = 0; j < f; j++) {
            sd[j] = sd[j] > 0 ? Math.sqrt(sd[j]) : 1.0;
        }
        return new Dataset[] {train.normalized(mean, sd), test.normalized(mean, sd)};
    }

    private Dataset normalized(double[] mean, double[] sd) {
        int f = featureCount();
        if (mean.length != f) {
            throw new IllegalArgumentException("Dataset.standardize: " + f + " features, statistics for " + mean.length);
        }
        Tensor out = features.copy();
        for (int i = 0; i < size(); i++) {
            for (int j = 0; j < f; j++) {
                out.setFlat(i * f + j, (out.getFlat(i * f + j) - mean[j]) / sd[j]);
            }
        }
        return new Dataset(out, labels, classes);
    }

    /**
     * Mini-batches in a fresh random order each time the result is iterated; the last partial batch is kept
     * unless {@code dropLast}. Each batch is a new copy the caller may keep.
     */
    public Iterable<Batch> batches(int batchSize, boolean dropLast, RandomSource rng) {
        checkBatching("batches", batchSize, rng);
        return () -> new Batches(batchSize, dropLast, rng, null);
    }

    /**
     * {@link #batches}, the same rows in the same order for the same random numbers, but written into buffers
     * the returned Iterable owns and reuses (one for full batches, one for a last partial batch), in every
     * epoch: a batch holds its rows only until the next one is taken, and one iteration at a time may run. For a
     * training loop that is done with a batch before it takes the next, as {@code Trainer} is: each batch's rows
     * are copied, and nothing is allocated but each epoch's order.
     */
    public Iterable<Batch> reusingBatches(int batchSize, boolean dropLast, RandomSource rng) {
        checkBatching("reusingBatches", batchSize, rng);
        Batch[] buffers = new Batch[2]; // [0] full batches, [1] the last partial batch; made when first needed
        return () -> new Batches(batchSize, dropLast, rng, buffers);
    }

    private static void checkBatching(String method, int batchSize, RandomSource rng) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("Dataset." + method + ": batch size must be positive, got "
                    + batchSize);
        }
        if (rng == null) {
            throw new IllegalArgumentException("Dataset." + method + ": random source is null");
        }
    }

    /** One pass over the rows in a new random order; new batches, or those of {@code buffers} refilled. */
    private final class Batches implements Iterator<Batch> {
        private final int[] order;
        private final int end;
        private final int batchSize;
        private final Batch[] buffers;
        private int next;

        Batches(int batchSize, boolean dropLast, RandomSource rng, Batch[] buffers) {
            this.order = permutation(size(), rng);
            this.end = dropLast ? size() - size() % batchSize : size();
            this.batchSize = batchSize;
            this.buffers = buffers;
        }

        @Override
        public boolean hasNext() {
            return next < end;
        }

        @Override
        public Batch next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            int count = Math.min(batchSize, end - next);
            Batch b;
            if (buffers == null) {
                b = newBatch(count);
            } else {
                int slot = count == batchSize ? 0 : 1;
                if (buffers[slot] == null || buffers[slot].labels.length != count) {
                    buffers[slot] = newBatch(count);
                }
                b = buffers[slot];
            }
            fill(b, order, next, count);
            next += count;
            return b;
        }
    }

    /** The number of batches {@link #batches} yields. */
    public int batchCount(int batchSize, boolean dropLast) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("Dataset.batchCount: batch size must be positive, got " + batchSize);
        }
        return dropLast ? size() / batchSize : (size() + batchSize - 1) / batchSize;
    }

    private Batch newBatch(int count) {
        return new Batch(Tensor.zeros(dtype(), count, featureCount()), Tensor.zeros(count), new int[count]);
    }

    /** Rows {@code order[from..from+count)} into {@code b}, which has {@code count} rows. */
    private void fill(Batch b, int[] order, int from, int count) {
        double[] y = b.y.doubles();
        for (int r = 0; r < count; r++) {
            int src = order[from + r];
            copyRows(src, b.x, r, 1);
            b.labels[r] = labels[src];
            y[r] = labels[src];
        }
    }

    /** Fisher–Yates with {@code rng}, so a seeded source gives the same order. */
    static int[] permutation(int n, RandomSource rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = (int) (rng.randomSample() * (i + 1));
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** One mini-batch: features, labels as a {@code [b]} tensor (what the NLL criteria take), and as ints. */
    public static final class Batch {
        public final Tensor x;
        public final Tensor y;
        public final int[] labels;

        Batch(Tensor x, Tensor y, int[] labels) {
            this.x = x;
            this.y = y;
            this.labels = labels;
        }

        /** e.g. {@code Batch(128 rows, x [128, 64] float64)}. */
        @Override
        public String toString() {
            return "Batch(" + labels.length + " rows, x " + x.shapeString() + " " + x.dtype().name().toLowerCase() + ")";
        }
    }

    /** e.g. {@code Dataset(1797 samples × 64 features, 10 classes, float64)}. */
    @Override
    public String toString() {
        return "Dataset(" + size() + " samples × " + featureCount() + " features, " + classes + " classes, "
                + features.dtype().name().toLowerCase() + ")";
    }
}
