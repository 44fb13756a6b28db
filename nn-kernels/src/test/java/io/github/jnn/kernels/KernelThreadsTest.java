package io.github.jnn.kernels;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each test fails after a minute rather than hang the build (a lost chunk would leave its caller waiting). */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class KernelThreadsTest {
    private final int before = KernelThreads.get();

    @AfterEach
    void restore() {
        KernelThreads.set(before);
    }

    @Test
    void chunksCoverEveryRowOnceAlignedAndTheCallerTakesTheLast() {
        KernelThreads.set(3);
        ConcurrentLinkedQueue<int[]> ranges = new ConcurrentLinkedQueue<>();
        Thread caller = Thread.currentThread();
        int[] lastOnCaller = {0};
        KernelThreads.forRows(100, 8, 1e12, (from, to) -> {
            ranges.add(new int[] {from, to});
            if (to == 100 && Thread.currentThread() == caller) {
                lastOnCaller[0]++;
            }
        });
        int[] covered = new int[100];
        for (int[] r : ranges) {
            assertEquals(0, r[0] % 8, "chunk start " + r[0]);
            for (int i = r[0]; i < r[1]; i++) {
                covered[i]++;
            }
        }
        int[] once = new int[100];
        java.util.Arrays.fill(once, 1);
        assertArrayEquals(once, covered);
        assertEquals(3, ranges.size());
        assertEquals(1, lastOnCaller[0]);
    }

    /** A failing chunk's exception reaches the caller only after every other chunk has finished. */
    @Test
    void aFailureIsThrownAfterEveryChunkHasFinished() {
        KernelThreads.set(2);
        for (boolean callerFails : new boolean[] {true, false}) {
            CountDownLatch callerStarted = new CountDownLatch(1);
            boolean[] workerDone = {false};
            IllegalStateException thrown = new IllegalStateException("chunk failed");
            IllegalStateException seen = assertThrows(IllegalStateException.class,
                    () -> KernelThreads.forRows(64, 1, 1e12, (from, to) -> {
                        boolean last = to == 64;
                        if (last) {
                            callerStarted.countDown();
                        } else {
                            await(callerStarted); // the caller's chunk is under way (or already failed)
                            sleep();
                        }
                        if (last == callerFails) {
                            throw thrown;
                        }
                        if (!last) {
                            workerDone[0] = true;
                        }
                    }));
            // a worker's exception may come back as a copy of its type for the caller's stack, the original its cause
            assertTrue(seen == thrown || seen.getCause() == thrown, "the chunk's exception: " + seen);
            if (callerFails) {
                assertTrue(workerDone[0], "the worker's chunk finished before the caller's failure was thrown");
            }
        }
    }

    /** A call from inside a chunk finds the workers busy and runs its own chunks on that thread. */
    @Test
    void aCallFromInsideAChunkRunsItsChunksOnItsOwnThread() {
        KernelThreads.set(2);
        int[] covered = new int[64 * 10];
        KernelThreads.forRows(64, 1, 1e12, (from, to) -> {
            for (int r = from; r < to; r++) {
                int row = r;
                Thread outer = Thread.currentThread();
                KernelThreads.forRows(10, 1, 1e12, (f, t) -> {
                    assertEquals(outer, Thread.currentThread());
                    for (int i = f; i < t; i++) {
                        covered[row * 10 + i]++;
                    }
                });
            }
        });
        int[] once = new int[covered.length];
        java.util.Arrays.fill(once, 1);
        assertArrayEquals(once, covered);
    }

    /** Two threads calling at once both get every row, once. */
    @Test
    void concurrentCallersEachGetEveryRow() throws InterruptedException {
        KernelThreads.set(2);
        int calls = 2000;
        int[][] covered = new int[2][100];
        Throwable[] failures = new Throwable[2];
        Thread[] callers = new Thread[2];
        for (int c = 0; c < 2; c++) {
            int[] mine = covered[c];
            int id = c;
            callers[c] = new Thread(() -> {
                try {
                    for (int i = 0; i < calls; i++) {
                        KernelThreads.forRows(100, 4, 1e12, (from, to) -> {
                            for (int r = from; r < to; r++) {
                                mine[r]++; // each row by one chunk, and the chunks joined before the next call
                            }
                        });
                    }
                } catch (Throwable e) {
                    failures[id] = e;
                }
            });
            callers[c].start();
        }
        for (Thread t : callers) {
            t.join(60_000);
            assertTrue(!t.isAlive(), "a caller hung");
        }
        for (int c = 0; c < 2; c++) {
            if (failures[c] != null) {
                throw new AssertionError(failures[c]);
            }
            for (int r = 0; r < 100; r++) {
                assertEquals(calls, covered[c][r], "caller " + c + ", row " + r);
            }
        }
    }

    /** A new thread count replaces the workers; the old ones end rather than linger. */
    @Test
    void theWorkersOfAnEarlierThreadCountEnd() throws InterruptedException {
        for (int t : new int[] {3, 2, 4, 2}) {
            KernelThreads.set(t);
            KernelThreads.forRows(64, 1, 1e12, (from, to) -> { });
        }
        assertEquals(1, workerThreadsAfterOthersEnd(1), "live worker threads for 2 kernel threads");
    }

    /**
     * A chunk that changes the thread count and calls again: the new workers take the inner call, and the old
     * ones end when the outer call is done, without waiting on it.
     */
    @Test
    void aThreadCountChangedInsideAChunkNeitherHangsNorLosesRows() throws InterruptedException {
        KernelThreads.set(2);
        int[] outer = new int[64];
        int[] inner = new int[30];
        KernelThreads.forRows(64, 1, 1e12, (from, to) -> {
            if (to == 64) {
                KernelThreads.set(3);
                KernelThreads.forRows(30, 1, 1e12, (f, t) -> {
                    for (int i = f; i < t; i++) {
                        inner[i]++;
                    }
                });
            }
            for (int i = from; i < to; i++) {
                outer[i]++;
            }
        });
        int[] once = new int[64];
        java.util.Arrays.fill(once, 1);
        assertArrayEquals(once, outer);
        assertArrayEquals(java.util.Arrays.copyOf(once, 30), inner);
        assertEquals(2, workerThreadsAfterOthersEnd(2),
                "live worker threads for 3 kernel threads, the 2-thread one ended");
    }

    /** The live worker threads once at most {@code expected} are left, or after 10 s (retired ones end soon). */
    private static long workerThreadsAfterOthersEnd(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        long alive;
        while ((alive = workerThreads()) > expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return alive;
    }

    private static long workerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("jnn-kernels-")).count();
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
