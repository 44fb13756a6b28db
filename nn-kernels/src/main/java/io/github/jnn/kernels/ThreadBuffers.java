package io.github.jnn.kernels;

/**
 * Per-thread scratch arrays that grow and are kept, so that a kernel called every training step allocates
 * nothing once warm: {@code doubles(holder, n)} is this thread's array in {@code holder}, replaced by a larger
 * one when it is shorter than n (its contents are then undefined; callers write before they read). Not a
 * generated class: the float32 twins call {@link #floats}, and the float64 names stay where a twin keeps
 * double sums.
 */
final class ThreadBuffers {
    private ThreadBuffers() {
    }

    static double[] doubles(ThreadLocal<double[]> holder, int length) {
        double[] a = holder.get();
        if (a.length < length) {
            a = new double[length];
            holder.set(a);
        }
        return a;
    }

    static float[] floats(ThreadLocal<float[]> holder, int length) {
        float[] a = holder.get();
        if (a.length < length) {
            a = new float[length];
            holder.set(a);
        }
        return a;
    }

    static int[] ints(ThreadLocal<int[]> holder, int length) {
        int[] a = holder.get();
        if (a.length < length) {
            a = new int[length];
            holder.set(a);
        }
        return a;
    }
}
