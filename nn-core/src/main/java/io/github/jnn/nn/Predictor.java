package io.github.jnn.nn;

import io.github.jnn.tensor.Tensor;

import java.util.function.Supplier;

/**
 * Serves a trained model from many threads at once. A module is not thread-safe (it reuses its buffers), so
 * each thread gets its own copy: built once per thread by {@code architecture} (the same constructor calls
 * as the trained model), given the trained model's parameters, statistics, kernel set and element type, and
 * put in evaluation mode. {@link #predict} returns a tensor the caller owns. Results are bit-identical
 * whatever the number of threads. The trained model is only read, when a thread first predicts; it must not
 * be trained meanwhile.
 *
 * <pre>Predictor p = new Predictor(net, () -> buildNet());   // buildNet() as for training
 * Tensor probabilities = p.predict(x);                     // from any thread</pre>
 */
public final class Predictor {
    private final Module trained;
    private final Supplier<? extends Module> architecture;
    private final ThreadLocal<Module> copies;

    public Predictor(Module trained, Supplier<? extends Module> architecture) {
        if (trained == null || architecture == null) {
            throw new IllegalArgumentException("Predictor: the trained model and the architecture must not be null");
        }
        this.trained = trained;
        this.architecture = architecture;
        this.copies = ThreadLocal.withInitial(this::copy);
        copy(); // fail here, not in the first worker thread, if the architecture does not match
    }

    private Module copy() {
        Module m = architecture.get();
        if (m == null || m == trained) {
            throw new IllegalArgumentException("Predictor: the architecture must build a new module each call");
        }
        if (trained.dtype() != null) {
            m.to(trained.dtype());
        }
        m.setKernels(trained.kernels());
        m.copyStateFrom(trained);
        m.evaluate();
        return m;
    }

    /** The model's output for {@code x}, computed on this thread's copy; a new tensor the caller owns. */
    public Tensor predict(Tensor x) {
        return copies.get().forward(x).copy();
    }
}
