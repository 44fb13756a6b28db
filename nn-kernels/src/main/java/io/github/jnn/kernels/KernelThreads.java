package io.github.jnn.kernels;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * How many threads the vector kernels' matrix products may use: {@code -Dnn.threads=N} or {@link #set(int)},
 * default the number of available processors. Products too small to pay for it stay on the calling thread.
 *
 * <p>Work is split by output rows (or columns) into one chunk per thread, and every output element is computed
 * by exactly the same sequence of operations whatever the split, so results are bit-identical for any thread
 * count. One chunk per thread, not more: each chunk re-packs its own inputs, and on this machine both cores
 * run at the same speed (two independent single-threaded products each reach the single-core figure), so
 * finer chunks only added packing (2 threads at 256×1024×1024, float32 forward: 1.77× with 4 chunks per
 * thread, 1.98× with 1). The calling thread runs the last chunk itself rather than wait for a worker
 * (2 threads, AVX-512: the float32 256×1024×1024 forward's median 2.38 → 2.03 ms). The scalar kernels always
 * run on the calling thread.
 */
public final class KernelThreads {
    public static final String PROPERTY = "nn.threads";
    /** A chunk should carry at least this many flops (~200 µs) to be worth a task (measured on digits). */
    static final double MIN_FLOPS_PER_TASK = 8e6;

    private static volatile int threads = initial();
    private static ForkJoinPool pool;

    private KernelThreads() {
    }

    private static int initial() {
        String v = System.getProperty(PROPERTY);
        if (v == null || v.isBlank()) {
            return Runtime.getRuntime().availableProcessors();
        }
        try {
            return check(Integer.parseInt(v.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + PROPERTY + "=" + v + " is not a thread count");
        }
    }

    private static int check(int n) {
        if (n < 1 || n > 4096) {
            throw new IllegalArgumentException(PROPERTY + ": thread count must be 1..4096, got " + n);
        }
        return n;
    }

    /** The current thread count. */
    public static int get() {
        return threads;
    }

    /** Sets the thread count for all later kernel calls (1 = single-threaded). */
    public static void set(int n) {
        threads = check(n);
    }

    /** A body over output rows {@code [from, to)}. */
    interface RowRange {
        void run(int from, int to);
    }

    /**
     * Whether a product of {@code flops} over {@code rows} rows is worth splitting; callers check this first
     * and call their kernel directly otherwise, so the single-threaded path allocates nothing.
     */
    static boolean pays(int rows, int align, double flops) {
        return tasks(rows, align, flops) > 1;
    }

    private static long tasks(int rows, int align, double flops) {
        int t = threads;
        long tasks = Math.min(t, (long) (flops / MIN_FLOPS_PER_TASK));
        return t <= 1 ? 1 : Math.min(tasks, rows / align);
    }

    /** Runs {@code body} over {@code [0, rows)}, in parallel chunks (multiples of {@code align}) if it pays. */
    static void forRows(int rows, int align, double flops, RowRange body) {
        long tasks = tasks(rows, align, flops);
        if (tasks <= 1) {
            body.run(0, rows);
            return;
        }
        int t = threads;
        int chunk = (int) ((rows + tasks - 1) / tasks);
        chunk = (chunk + align - 1) / align * align;
        ForkJoinPool p = pool(t);
        List<ForkJoinTask<?>> running = new ArrayList<>();
        int last = (rows - 1) / chunk * chunk;
        for (int from = 0; from < last; from += chunk) {
            int start = from;
            int end = from + chunk;
            running.add(p.submit(() -> body.run(start, end)));
        }
        // The calling thread takes the last chunk instead of waiting: one worker fewer to wake, and its
        // buffers are warm. Every task is joined before anything is thrown, so none still writes afterwards.
        Throwable failure = null;
        try {
            body.run(last, rows);
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        for (ForkJoinTask<?> task : running) {
            try {
                task.join(); // rethrows a task's RuntimeException or Error (maybe a copy of it, the original its cause)
            } catch (RuntimeException | Error e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure instanceof RuntimeException r) {
            throw r;
        } else if (failure != null) {
            throw (Error) failure;
        }
    }

    private static synchronized ForkJoinPool pool(int t) {
        if (pool == null || pool.getParallelism() != t) {
            if (pool != null) {
                pool.shutdown();
            }
            pool = new ForkJoinPool(t);
        }
        return pool;
    }
}
