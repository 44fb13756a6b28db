package io.github.jnn.nn;

import io.github.jnn.kernels.Kernels;
import io.github.jnn.random.RandomSource;
import io.github.jnn.tensor.DType;
import io.github.jnn.tensor.Tensor;
import io.github.jnn.tensor.TensorOps;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A layer, the torch/nn way. The contract is fixed here: {@link #forward} calls {@link #updateOutput} and
 * keeps the result in {@link #output()}; {@link #backward} calls {@link #updateGradInput} and then
 * {@link #accGradParameters}; parameter gradients accumulate over backward calls until
 * {@link #zeroGradParameters()} ({@link #backwardParametersFromZero} sets them instead, for a training step).
 * Modules own their output and gradInput buffers and reuse them while the batch shape stays the same, so a
 * returned tensor is overwritten by the next call.
 *
 * <p><b>Threads.</b> A module is not thread-safe: it owns and reuses its buffers ({@link #output()},
 * {@link #gradInput()}, masks, statistics), so a forward's result is only valid until the next forward,
 * and two threads must not use one module, or one network, at once: a second thread entering
 * {@link #forward} or {@link #backward} while another is inside gets an {@link IllegalStateException}. The
 * kernels themselves are stateless and may be called from any thread (the vector products split large shapes
 * over {@code KernelThreads} internally). To serve a trained model from several threads use a
 * {@link Predictor}: one copy of the network per thread.
 */
public abstract class Module {
    protected Tensor output;
    protected Tensor gradInput;
    private boolean training = true;
    private Kernels kernels = Kernels.getDefault();
    private TensorOps ops = TensorOps.of(kernels);
    /** The thread inside forward or backward now, or null: a second thread at the same time is an error. */
    private volatile Thread user;
    private static final java.util.concurrent.atomic.AtomicReferenceFieldUpdater<Module, Thread> USER =
            java.util.concurrent.atomic.AtomicReferenceFieldUpdater.newUpdater(Module.class, Thread.class, "user");

    /** Computes the output for {@code input}, keeps it in {@link #output()} and returns it. */
    public final Tensor forward(Tensor input) {
        requireTensor(input, "forward", "input");
        boolean claimed = enter("forward");
        try {
            output = updateOutput(input);
            return output;
        } finally {
            leave(claimed);
        }
    }

    /**
     * Claims this module for the calling thread; a call from a second thread while the first is inside is an
     * error (one CAS per call: a module's buffers would otherwise be overwritten under the first thread).
     * Returns whether this call claimed it (false when the same thread is already inside).
     */
    private boolean enter(String method) {
        Thread me = Thread.currentThread();
        if (USER.compareAndSet(this, null, me)) {
            return true;
        }
        Thread other = user;
        if (other == me) {
            return false;
        }
        throw new IllegalStateException(this + ": " + method + " on " + me.getName() + " while " +
                (other == null ? "another thread" : other.getName()) + " is using this module; a module is not "
                + "thread-safe: give each thread its own (see Predictor)");
    }

    private void leave(boolean claimed) {
        if (claimed) {
            user = null;
        }
    }

    /**
     * Back-propagates {@code gradOutput} (dLoss/dOutput, the shape of the output of the last forward on
     * {@code input}): computes dLoss/dInput and adds dLoss/dParameters to the parameter gradients.
     */
    public final Tensor backward(Tensor input, Tensor gradOutput) {
        requireTensor(input, "backward", "input");
        requireTensor(gradOutput, "backward", "gradOutput");
        boolean claimed = enter("backward");
        try {
            return backwardClaimed(input, gradOutput);
        } finally {
            leave(claimed);
        }
    }

    private Tensor backwardClaimed(Tensor input, Tensor gradOutput) {
        if (output == null) {
            throw new IllegalStateException(this + ": backward called before forward");
        }
        if (!gradOutput.sameShape(output)) {
            throw new IllegalArgumentException(this + ": gradOutput shape " + gradOutput.shapeString()
                    + " does not match output shape " + output.shapeString());
        }
        gradInput = updateGradInput(input, gradOutput);
        accGradParameters(input, gradOutput);
        return gradInput;
    }

    /**
     * The lean backward: adds dLoss/dParameters to the parameter gradients like {@link #backward}, but skips
     * dLoss/dInput where nothing needs it (a network's own input needs no gradient; inside a
     * {@link Sequential} every child but the first still passes its gradient on). The parameter gradients
     * are bit-identical to {@link #backward}'s; {@link #gradInput()} is not updated.
     */
    public final void backwardParameters(Tensor input, Tensor gradOutput) {
        leanBackward("backwardParameters", input, gradOutput, false);
    }

    /**
     * The lean backward of a step whose gradients start from zero: sets the parameter gradients to this
     * batch's dLoss/dParameters, the same bits as {@link #zeroGradParameters()} followed by
     * {@link #backwardParameters}, without that clearing pass: a {@link Linear} writes its weight gradient
     * where {@link #backwardParameters} would add it, so the old gradient is never read. {@code Trainer} uses
     * it for each batch.
     */
    public final void backwardParametersFromZero(Tensor input, Tensor gradOutput) {
        leanBackward("backwardParametersFromZero", input, gradOutput, true);
    }

    private void leanBackward(String method, Tensor input, Tensor gradOutput, boolean fromZero) {
        requireTensor(input, method, "input");
        requireTensor(gradOutput, method, "gradOutput");
        boolean claimed = enter(method);
        try {
            if (output == null) {
                throw new IllegalStateException(this + ": backward called before forward");
            }
            if (!gradOutput.sameShape(output)) {
                throw new IllegalArgumentException(this + ": gradOutput shape " + gradOutput.shapeString()
                        + " does not match output shape " + output.shapeString());
            }
            if (fromZero) {
                setParameterGradients(input, gradOutput);
            } else {
                accumulateParameterGradients(input, gradOutput);
            }
        } finally {
            leave(claimed);
        }
    }

    /**
     * What {@link #backwardParameters} does: by default {@link #accGradParameters} alone, which suits every
     * module whose parameter gradients do not depend on its input gradient; containers override it.
     */
    protected void accumulateParameterGradients(Tensor input, Tensor gradOutput) {
        accGradParameters(input, gradOutput);
    }

    /**
     * What {@link #backwardParametersFromZero} does: by default {@link #zeroGradParameters()} and then
     * {@link #accumulateParameterGradients}; modules that can write their gradients outright override it.
     */
    protected void setParameterGradients(Tensor input, Tensor gradOutput) {
        zeroGradParameters();
        accumulateParameterGradients(input, gradOutput);
    }

    /** The forward computation proper; returns the (reused) output buffer. */
    protected abstract Tensor updateOutput(Tensor input);

    /** dLoss/dInput from {@code gradOutput}; returns the (reused) gradInput buffer. */
    protected abstract Tensor updateGradInput(Tensor input, Tensor gradOutput);

    /** Adds dLoss/dParameters to the gradient tensors; nothing for modules without parameters. */
    protected void accGradParameters(Tensor input, Tensor gradOutput) {
    }

    /** Sets every parameter gradient to zero (with this module's kernels, which may split it over threads). */
    public void zeroGradParameters() {
        List<Tensor> grads = getGradParameters();
        for (int i = 0; i < grads.size(); i++) { // no iterator: a step allocates nothing
            ops.zero(grads.get(i));
        }
    }

    /** The trainable tensors themselves (not copies), in a fixed order. */
    public List<Tensor> getParameters() {
        return List.of();
    }

    // The three questions a lean backward asks of a Sequential's children on every step; a Sequential answers
    // them from its children without gathering their parameters into a new list.

    /** Whether this module has parameters. */
    boolean hasParameters() {
        return !getParameters().isEmpty();
    }

    /** Whether {@code t} is one of this module's parameter tensors (the same object). */
    boolean holdsParameter(Tensor t) {
        List<Tensor> params = getParameters();
        for (int i = 0; i < params.size(); i++) {
            if (params.get(i) == t) {
                return true;
            }
        }
        return false;
    }

    /** Whether a parameter tensor of this module is also one of {@code other}'s. */
    boolean sharesParameterWith(Module other) {
        List<Tensor> params = getParameters();
        for (int i = 0; i < params.size(); i++) {
            if (other.holdsParameter(params.get(i))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The parameters by name, in the order of {@link #getParameters()}: {@code weight}/{@code bias} for a
     * Linear, {@code 0.weight}, {@code 0.bias}, {@code 2.weight}... inside a {@link Sequential} (the child's
     * index, as PyTorch names an {@code nn.Sequential}'s parameters). Used to save and load weights.
     */
    public Map<String, Tensor> namedParameters() {
        List<Tensor> params = getParameters();
        Map<String, Tensor> named = new LinkedHashMap<>();
        for (int i = 0; i < params.size(); i++) {
            named.put(parameterName(i), params.get(i));
        }
        return named;
    }

    /** The gradients by the names of {@link #namedParameters()}, in the same order. */
    public Map<String, Tensor> namedGradParameters() {
        Map<String, Tensor> named = new LinkedHashMap<>();
        for (Parameter p : parameters()) {
            named.put(p.name(), p.grad());
        }
        return named;
    }

    /**
     * Every parameter with its name and gradient, in the order of {@link #getParameters()}: what an optimizer
     * takes (all of them, or a sublist).
     */
    public List<Parameter> parameters() {
        List<Map.Entry<String, Tensor>> params = new java.util.ArrayList<>(namedParameters().entrySet());
        List<Tensor> grads = getGradParameters();
        if (params.size() != grads.size()) {
            throw new IllegalStateException(this + " has " + params.size() + " parameters but " + grads.size()
                    + " gradients");
        }
        List<Parameter> out = new java.util.ArrayList<>(params.size());
        for (int i = 0; i < params.size(); i++) {
            out.add(new Parameter(params.get(i).getKey(), params.get(i).getValue(), grads.get(i)));
        }
        return out;
    }

    /**
     * Copies what {@code source}, a module of the same architecture, has learnt into this one: the parameters
     * by name (and, in the modules that keep them, statistics such as BatchNormalization's moving averages).
     * Used by {@link Predictor} to give each thread its own copy.
     */
    void copyStateFrom(Module source) {
        Map<String, Tensor> mine = namedParameters();
        Map<String, Tensor> theirs = source.namedParameters();
        if (!mine.keySet().equals(theirs.keySet())) {
            throw new IllegalArgumentException(this + ": parameters " + mine.keySet() + " differ from "
                    + source + "'s " + theirs.keySet());
        }
        for (Map.Entry<String, Tensor> e : mine.entrySet()) {
            Tensor src = theirs.get(e.getKey());
            if (!e.getValue().sameShape(src)) {
                throw new IllegalArgumentException(this + ": parameter " + e.getKey() + " has shape "
                        + e.getValue().shapeString() + ", " + source + "'s " + src.shapeString());
            }
            e.getValue().copyFrom(src);
        }
    }

    /** The name of parameter {@code index}; modules with parameters override it. */
    protected String parameterName(int index) {
        return "p" + index;
    }

    /** The gradient tensors, in the same order as {@link #getParameters()}. */
    public List<Tensor> getGradParameters() {
        return List.of();
    }

    /**
     * Converts every parameter and gradient to {@code dtype} in place (the tensors keep their identity, so an
     * optimizer built earlier still updates them) and drops the output buffers. Inputs must then have the
     * same element type; modules check it. Returns this.
     */
    public Module to(DType dtype) {
        if (dtype == null) {
            throw new IllegalArgumentException(this + ": dtype is null");
        }
        for (Tensor t : getParameters()) {
            t.convertTo(dtype);
        }
        for (Tensor t : getGradParameters()) {
            t.convertTo(dtype);
        }
        output = null;
        gradInput = null;
        return this;
    }

    /** The element type of the parameters, or null for a module without any. */
    public DType dtype() {
        List<Tensor> params = getParameters();
        return params.isEmpty() ? null : params.get(0).dtype();
    }

    /** Switches to training mode (the default). */
    public Module train() {
        training = true;
        return this;
    }

    /** Switches to evaluation mode. */
    public Module evaluate() {
        training = false;
        return this;
    }

    public boolean isTraining() {
        return training;
    }

    /** Chooses the kernel set this module (and, for containers, every child) runs on. */
    public Module setKernels(Kernels kernels) {
        if (kernels == null) {
            throw new IllegalArgumentException(this + ": kernels is null");
        }
        this.kernels = kernels;
        this.ops = TensorOps.of(kernels);
        return this;
    }

    public Kernels kernels() {
        return kernels;
    }

    /** Tensor operations on this module's kernel set: how a module calls kernels without naming a dtype. */
    protected final TensorOps ops() {
        return ops;
    }

    /** The result of the last forward, or null before the first. */
    public Tensor output() {
        return output;
    }

    /** The result of the last backward, or null before the first. */
    public Tensor gradInput() {
        return gradInput;
    }

    // ----- helpers for subclasses, a user's own modules included: each error message names this module -----

    /** Fails on a null tensor argument {@code name} of {@code method}. */
    protected final void requireTensor(Tensor t, String method, String name) {
        if (t == null) {
            throw new IllegalArgumentException(this + ": " + method + " got a null " + name);
        }
    }

    /** Checks that {@code input} is {@code [N, features]}; the message names this module and both shapes. */
    protected final void requireFeatures(Tensor input, int features) {
        if (input.rank() != 2 || input.dim(1) != features) {
            throw new IllegalArgumentException(this + ": input shape " + input.shapeString()
                    + " does not match the expected [N, " + features + "]");
        }
    }

    /** Checks that {@code input} is {@code [N, features]} for some N and features. */
    protected final void requireRank2(Tensor input) {
        if (input.rank() != 2) {
            throw new IllegalArgumentException(this + ": input shape " + input.shapeString()
                    + " is not [N, features]");
        }
    }

    /** {@code buffer} if it already has the element type and shape, otherwise a new zero tensor of them. */
    protected static Tensor reuse(Tensor buffer, DType dtype, int rows, int cols) {
        return buffer != null && buffer.dtype() == dtype && buffer.rank() == 2 && buffer.dim(0) == rows
                && buffer.dim(1) == cols ? buffer : Tensor.zeros(dtype, rows, cols);
    }

    /** {@code buffer} if it already has the element type and shape, otherwise a new zero tensor of them. */
    protected static Tensor reuse(Tensor buffer, DType dtype, int n, int c, int h, int w) {
        return buffer != null && buffer.dtype() == dtype && buffer.hasShape(n, c, h, w) ? buffer
                : Tensor.zeros(dtype, n, c, h, w);
    }

    /**
     * {@code buffer} if it already has the element type and {@code like}'s shape, otherwise a new zero tensor of
     * them; compares shapes without copying them, so a step that reuses its buffers allocates nothing.
     */
    protected static Tensor reuseLike(Tensor buffer, DType dtype, Tensor like) {
        return buffer != null && buffer.dtype() == dtype && buffer.sameShape(like) ? buffer
                : Tensor.zeros(dtype, like.shape());
    }

    /**
     * Fills a float64 parameter with {@code rng.uniform(-bound, bound)}, element by element in row-major order
     * (NumPy's {@code uniform(-bound, bound, size=shape)}, as the course initialises its layers).
     */
    protected static void drawUniform(Tensor parameter, double bound, RandomSource rng) {
        double[] values = parameter.doubles();
        for (int i = 0; i < values.length; i++) {
            values[i] = rng.uniform(-bound, bound);
        }
    }

    /** Checks that {@code t} has the parameters' element type; the message names this module and both. */
    protected final void requireDType(Tensor t, DType dtype, String name) {
        if (t.dtype() != dtype) {
            throw new IllegalArgumentException(this + ": " + name + " is " + t.dtype().name().toLowerCase()
                    + " " + t.shapeString() + " but the parameters are " + dtype.name().toLowerCase()
                    + "; convert one side with Tensor.to(...) or Module.to(...)");
        }
    }

    /**
     * Whether this module can run {@link #forwardFused} with the elementwise activation after it (Linear and
     * Conv2d, whose kernels apply ReLU or sigmoid in their epilogue).
     */
    boolean fusesActivation() {
        return false;
    }

    /**
     * Forward of this module and {@code activation} in one kernel pass. Both modules' outputs are set as if
     * each had run its own forward: this one's to the pre-activation, the activation's to the result, which
     * is returned.
     */
    Tensor forwardFused(Tensor input, ElementwiseActivation activation) {
        throw new UnsupportedOperationException(this + " does not fuse an activation");
    }

    /** Lets a fused kernel call fill in a module's output as if its own forward had run. */
    final void setOutput(Tensor output) {
        this.output = output;
    }
}
