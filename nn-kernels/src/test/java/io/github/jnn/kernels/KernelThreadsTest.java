package io.github.jnn.kernels;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
