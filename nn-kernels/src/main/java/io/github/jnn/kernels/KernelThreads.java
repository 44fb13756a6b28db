package io.github.jnn.kernels;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

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
 *
 * <p>The workers are this class's own daemon threads, one fewer than the thread count, and they spin between
 * chunks (see {@link Workers}). One call uses them at a time: a call made while they are busy (from another
 * thread, or from inside a chunk) runs its chunks one after another on its own thread, with the same bits.
 */
public final class KernelThreads {
    public static final String PROPERTY = "nn.threads";
    /**
     * A chunk should carry at least this many flops (about 10 µs of one AVX-512 core's multiply-adds) to be
     * worth a task. With workers that spin, a chunk starts within a microsecond; 2-thread lean step of
     * 784-256-10 at batch 128 (KernelBuildsAB, JDK 17): 8e6 → 2e6 0.656 → 0.605 ms float32, 1.154 → 1.113 ms
     * float64; 1e6 the same as 2e6, 4e6 as 8e6.
     */
    static final double MIN_FLOPS_PER_TASK = 2e6;

    /**
     * What a product's flops weigh against MIN_FLOPS_PER_TASK: half, so a product is split only from twice the
     * flops per chunk that memory-bound work needs. A split product's other chunks read lines the calling
     * thread has just written (a training batch, a layer's input) and leave their share of a gradient in
     * another core's cache, where a small layer's update (split only from its own size, see UPDATE_WORK in
     * the vector kernels) fetches it back every step. TrainExample on the digits (64-256-10, batch 128,
     * products of 4.2 MFLOP), 2 threads, JDK 17, medians per 100 epochs of 600 (session 32): float64 365-442 K
     * → 505-586 K samples/s, float32 613-729 K → 825-894 K (one thread: 570-635 K in float64).
     */
    static double productWork(double flops) {
        return flops / 2;
    }

    /**
     * How long an idle worker, or a caller waiting for one, spins before it parks; no spinning where there are
     * more threads than processors (a spinning thread would hold a core another one needs).
     */
    static final long SPIN_NANOS = 1_000_000L;
    private static final long WAIT_PARK_NANOS = 20_000L;

    private static volatile int threads = initial();
    private static volatile Workers workers;

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
     * A split call's body whose arguments are its fields, set before the call and dropped after it: one object
     * per call site and calling thread ({@link #idle}), so that a split call allocates nothing, where a capturing
     * lambda is a new object per call (200-300 bytes of each two-thread training step of a 784-256-10 network).
     * The workers read the fields after the volatile write that posts their chunk, so they see them set.
     */
    abstract static class Task implements RowRange {
        private boolean running;

        /** {@link KernelThreads#forRows} with this task as the body; then its arrays are dropped. */
        final void forRows(int rows, int align, double flops) {
            running = true;
            try {
                KernelThreads.forRows(rows, align, flops, this);
            } finally {
                clear();
                running = false;
            }
        }

        /** Drops the task's array arguments, so that it keeps no caller's arrays alive between calls. */
        abstract void clear();
    }

    /**
     * This thread's task of a call site, or a new one while that is running (a split call made from inside
     * one of the same site's chunks on the calling thread).
     */
    static <T extends Task> T idle(ThreadLocal<T> tasks, Supplier<T> create) {
        T task = tasks.get();
        return ((Task) task).running ? create.get() : task;
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
        int chunk = (int) ((rows + tasks - 1) / tasks);
        chunk = (chunk + align - 1) / align * align;
        int last = (rows - 1) / chunk * chunk;
        Workers w = workers(threads);
        if (!w.acquire()) { // another call holds the workers (a concurrent caller, or a call from inside a chunk)
            body.run(last, rows);
            for (int from = 0; from < last; from += chunk) {
                body.run(from, from + chunk);
            }
            return;
        }
        try {
            int posted = 0;
            for (int from = 0; from < last; from += chunk) {
                w.post(posted++, body, from, from + chunk);
            }
            // The calling thread takes the last chunk instead of waiting: its buffers are warm. Every posted chunk
            // is waited for before anything is thrown, so none still writes afterwards.
            Throwable failure = null;
            try {
                body.run(last, rows);
            } catch (Throwable e) { // as the workers catch theirs: nothing leaves before every chunk is done
                failure = e;
            }
            for (int i = 0; i < posted; i++) {
                Throwable e = w.await(i);
                if (e == null) {
                    continue;
                }
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
            if (failure instanceof RuntimeException r) {
                throw r;
            } else if (failure instanceof Error e) {
                throw e;
            } else if (failure != null) { // a checked exception thrown sneakily
                throw new IllegalStateException(failure);
            }
        } finally {
            w.release();
        }
    }

    private static Workers workers(int t) {
        Workers current = workers;
        if (current != null && current.size() == t - 1) { // every call but a thread count's first: no lock
            return current;
        }
        Workers old;
        synchronized (KernelThreads.class) {
            current = workers;
            if (current != null && current.size() == t - 1) {
                return current;
            }
            old = current;
            current = new Workers(t - 1);
            workers = current;
        }
        if (old != null) {
            old.retire(); // outside the lock, and without waiting: a call in flight may be the one asking
        }
        return current;
    }

    /**
     * The worker threads of one thread count, used by one call at a time. Between chunks each worker spins on
     * its slot for up to {@link #SPIN_NANOS} before it parks: a parked thread took 13 µs to start a chunk on
     * this project's VMs (a ForkJoinPool's, median of 20,000 calls), a spinning one 0.4 µs, and a layer's
     * product on two threads is often 50-100 µs a chunk. That is how OpenBLAS and OpenMP runtimes wait too;
     * the cost is up to that much CPU time after the last call.
     */
    private static final class Workers {
        private final Worker[] workers;
        private final AtomicBoolean busy = new AtomicBoolean();
        private volatile boolean retiring;

        Workers(int n) {
            workers = new Worker[n];
            long spin = n < Runtime.getRuntime().availableProcessors() ? SPIN_NANOS : 0;
            for (int i = 0; i < n; i++) {
                workers[i] = new Worker(i, spin);
                workers[i].start();
            }
        }

        int size() {
            return workers.length;
        }

        boolean acquire() {
            return busy.compareAndSet(false, true);
        }

        /** Frees the workers, or ends them if they were retired meanwhile (then they stay busy for good). */
        void release() {
            if (retiring) {
                end();
                return;
            }
            busy.set(false);
            if (retiring && acquire()) { // retired after the check above, while they were still busy
                end();
            }
        }

        void post(int i, RowRange body, int from, int to) {
            workers[i].post(body, from, to);
        }

        Throwable await(int i) {
            return workers[i].await();
        }

        /**
         * Ends the workers now if no call holds them, else lets that call end them when it releases them; the
         * one that acquires them ends them, once. Later calls find them busy.
         */
        void retire() {
            retiring = true;
            if (acquire()) {
                end();
            }
        }

        private void end() {
            for (Worker w : workers) {
                w.retire();
            }
        }
    }

    /** One worker: a slot for a chunk, published by a volatile sequence number, and its completion. */
    private static final class Worker extends Thread {
        private RowRange body;
        private int from;
        private int to;
        private Throwable failure;
        private volatile long posted;
        private volatile long completed;
        private volatile boolean parked;
        private volatile boolean retired;
        private final long spinNanos;

        Worker(int i, long spinNanos) {
            super("jnn-kernels-" + (i + 1));
            this.spinNanos = spinNanos;
            setDaemon(true);
        }

        void post(RowRange body, int from, int to) {
            this.body = body;
            this.from = from;
            this.to = to;
            posted = posted + 1; // the one writer is the caller holding the workers
            if (parked) {
                LockSupport.unpark(this);
            }
        }

        /** Waits for the posted chunk; its failure, or null. Spins first, as the chunks are sized alike. */
        Throwable await() {
            long target = posted;
            long start = System.nanoTime();
            while (completed != target) {
                if (System.nanoTime() - start < spinNanos) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.parkNanos(WAIT_PARK_NANOS);
                }
            }
            Throwable e = failure;
            failure = null;
            body = null;
            return e;
        }

        void retire() {
            retired = true;
            LockSupport.unpark(this);
        }

        @Override
        public void run() {
            long seen = 0;
            while (true) {
                long start = System.nanoTime();
                while (posted == seen) {
                    if (retired) {
                        return;
                    }
                    if (System.nanoTime() - start < spinNanos) {
                        Thread.onSpinWait();
                    } else {
                        parked = true;
                        if (posted == seen && !retired) { // a post after this check sees parked and unparks
                            LockSupport.park(this);
                        }
                        parked = false;
                    }
                }
                seen = posted;
                try {
                    body.run(from, to);
                } catch (Throwable e) {
                    failure = e;
                }
                completed = seen;
            }
        }
    }
}
