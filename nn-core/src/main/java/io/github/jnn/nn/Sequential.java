package io.github.jnn.nn;

import io.github.jnn.kernels.Kernels;
import io.github.jnn.tensor.DType;
import io.github.jnn.tensor.Tensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Children applied in order; backward runs them in reverse, each with the input it saw in forward.
 *
 * <p>A {@link Linear} or {@link Conv2d} directly followed by a {@link ReLU} or {@link Sigmoid} runs as one
 * fused kernel call;
 * both children's {@code output()} are still set and correct, so backward and inspection see no difference.
 */
public class Sequential extends Module {
    private final List<Module> modules = new ArrayList<>();

    public Sequential(Module... modules) {
        for (Module m : modules) {
            add(m);
        }
    }

    /** Appends a child and gives it this container's kernel set and mode; returns this for chaining. */
    public Sequential add(Module module) {
        if (module == null) {
            throw new IllegalArgumentException("Sequential.add: module is null (at index " + modules.size() + ")");
        }
        if (module == this) {
            throw new IllegalArgumentException("Sequential.add: a container cannot contain itself");
        }
        module.setKernels(kernels());
        if (isTraining()) {
            module.train();
        } else {
            module.evaluate();
        }
        modules.add(module);
        return this;
    }

    public Module get(int index) {
        if (index < 0 || index >= modules.size()) {
            throw new IndexOutOfBoundsException("Sequential has " + modules.size() + " modules, no index " + index);
        }
        return modules.get(index);
    }

    public int size() {
        return modules.size();
    }

    public List<Module> modules() {
        return Collections.unmodifiableList(modules);
    }

    @Override
    protected Tensor updateOutput(Tensor input) {
        Tensor x = input;
        for (int i = 0; i < modules.size(); i++) {
            Module m = modules.get(i);
            if (m.fusesActivation() && i + 1 < modules.size() && fusable(modules.get(i + 1))) {
                x = m.forwardFused(x, (ElementwiseActivation) modules.get(i + 1));
                i++;
            } else {
                x = m.forward(x);
            }
        }
        return x;
    }

    private static boolean fusable(Module next) {
        return next instanceof ElementwiseActivation && ((ElementwiseActivation) next).fusedEpilogue() != null;
    }

    @Override
    protected Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        Tensor g = gradOutput;
        for (int i = modules.size() - 1; i > 0; i--) {
            g = modules.get(i).backward(modules.get(i - 1).output(), g);
        }
        return modules.isEmpty() ? gradOutput : modules.get(0).backward(input, g);
    }

    /**
     * The lean backward: no gradient flows past the first child with parameters (children before it, such as
     * an {@link Unflatten}, have nothing to learn and the network's input needs none); that child accumulates
     * its parameter gradients only, every later one passes its input gradient on.
     */
    @Override
    protected void accumulateParameterGradients(Tensor input, Tensor gradOutput) {
        leanChain(input, gradOutput, firstWithParameters(), false);
    }

    /**
     * The lean backward from zero gradients: every child after the first with parameters has its gradients
     * zeroed and accumulates into them in its backward; that first child sets its own
     * ({@link #backwardParametersFromZero}), which for a leading Linear saves clearing and reading the
     * network's largest weight gradient. Where that child's parameters also belong to another child (one
     * module twice in the list, or a shared tensor), its gradients must add up over both, so all are zeroed
     * and accumulated instead.
     */
    @Override
    protected void setParameterGradients(Tensor input, Tensor gradOutput) {
        int first = firstWithParameters();
        if (modules.isEmpty() || sharesParameters(first)) {
            super.setParameterGradients(input, gradOutput);
            return;
        }
        for (int i = 0; i < modules.size(); i++) {
            if (i != first) {
                modules.get(i).zeroGradParameters();
            }
        }
        leanChain(input, gradOutput, first, true);
    }

    private int firstWithParameters() {
        int first = 0;
        while (first < modules.size() - 1 && !modules.get(first).hasParameters()) {
            first++;
        }
        return first;
    }

    /** The children after {@code first} backward in turn, then {@code first} its parameter gradients only. */
    private void leanChain(Tensor input, Tensor gradOutput, int first, boolean fromZero) {
        Tensor g = gradOutput;
        for (int i = modules.size() - 1; i > first; i--) {
            g = modules.get(i).backward(modules.get(i - 1).output(), g);
        }
        if (!modules.isEmpty()) {
            Tensor in = first == 0 ? input : modules.get(first - 1).output();
            if (fromZero) {
                modules.get(first).backwardParametersFromZero(in, g);
            } else {
                modules.get(first).backwardParameters(in, g);
            }
        }
    }

    /** Whether child {@code first}, or a parameter tensor of it, is also another child or another's. */
    private boolean sharesParameters(int first) {
        Module m = modules.get(first);
        for (int i = 0; i < modules.size(); i++) {
            if (i != first && (modules.get(i) == m || m.sharesParameterWith(modules.get(i)))) {
                return true;
            }
        }
        return false;
    }

    @Override
    boolean hasParameters() {
        for (int i = 0; i < modules.size(); i++) {
            if (modules.get(i).hasParameters()) {
                return true;
            }
        }
        return false;
    }

    @Override
    boolean holdsParameter(Tensor t) {
        for (int i = 0; i < modules.size(); i++) {
            if (modules.get(i).holdsParameter(t)) {
                return true;
            }
        }
        return false;
    }

    @Override
    boolean sharesParameterWith(Module other) {
        for (int i = 0; i < modules.size(); i++) {
            if (modules.get(i).sharesParameterWith(other)) {
                return true;
            }
        }
        return false;
    }

    // Children accumulate their own parameter gradients inside their backward.

    @Override
    public void zeroGradParameters() {
        for (int i = 0; i < modules.size(); i++) { // no iterator: a step allocates nothing
            modules.get(i).zeroGradParameters();
        }
    }

    @Override
    public List<Tensor> getParameters() {
        List<Tensor> all = new ArrayList<>();
        for (Module m : modules) {
            all.addAll(m.getParameters());
        }
        return all;
    }

    @Override
    public Map<String, Tensor> namedParameters() {
        Map<String, Tensor> named = new LinkedHashMap<>();
        for (int i = 0; i < modules.size(); i++) {
            for (Map.Entry<String, Tensor> e : modules.get(i).namedParameters().entrySet()) {
                named.put(i + "." + e.getKey(), e.getValue());
            }
        }
        return named;
    }

    @Override
    public List<Tensor> getGradParameters() {
        List<Tensor> all = new ArrayList<>();
        for (Module m : modules) {
            all.addAll(m.getGradParameters());
        }
        return all;
    }

    @Override
    public Sequential train() {
        super.train();
        for (Module m : modules) {
            m.train();
        }
        return this;
    }

    @Override
    public Sequential evaluate() {
        super.evaluate();
        for (Module m : modules) {
            m.evaluate();
        }
        return this;
    }

    @Override
    public Sequential to(DType dtype) {
        super.to(dtype);
        for (Module m : modules) {
            m.to(dtype);
        }
        return this;
    }

    @Override
    public Sequential setKernels(Kernels kernels) {
        super.setKernels(kernels);
        for (Module m : modules) {
            m.setKernels(kernels);
        }
        return this;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Sequential {");
        for (int i = 0; i < modules.size(); i++) {
            sb.append("\n  (").append(i).append("): ")
                    .append(modules.get(i).toString().replace("\n", "\n  "));
        }
        return sb.append(modules.isEmpty() ? "}" : "\n}").toString();
    }

    @Override
    void copyStateFrom(Module source) {
        if (!(source instanceof Sequential) || ((Sequential) source).modules.size() != modules.size()) {
            throw new IllegalArgumentException(this + ": not the architecture of " + source);
        }
        for (int i = 0; i < modules.size(); i++) {
            Module mine = modules.get(i);
            Module theirs = ((Sequential) source).modules.get(i);
            if (mine.getClass() != theirs.getClass()) {
                throw new IllegalArgumentException(this + ": child " + i + " is " + mine + ", " + source + "'s is " + theirs);
            }
            mine.copyStateFrom(theirs);
        }
    }
}
