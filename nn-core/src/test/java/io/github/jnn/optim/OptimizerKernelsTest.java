package io.github.jnn.optim;

import io.github.jnn.kernels.KernelSets;
import io.github.jnn.kernels.Kernels;
import io.github.jnn.nn.Linear;
import io.github.jnn.random.NumpyRandom;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertSame;

/** An optimizer runs on the module's kernel set as it is at each step, not as it was when it was built. */
class OptimizerKernelsTest {

    /** Records which kernels {@link Optimizer#ops()} gives at step time. */
    static final class Probe extends Optimizer {
        Kernels seen;

        Probe(Linear module) {
            super(module, 0.1);
        }

        @Override
        public void step() {
            seen = ops().kernels();
        }
    }

    @Test
    void followsTheModulesKernelSet() {
        KernelSets.all().count(); // both sets are available in this run
        Linear layer = new Linear(3, 2, new NumpyRandom(0));
        layer.setKernels(Kernels.scalar());
        Probe probe = new Probe(layer);
        probe.step();
        assertSame(Kernels.scalar(), probe.seen);
        layer.setKernels(Kernels.vector());
        probe.step();
        assertSame(Kernels.vector(), probe.seen);
    }
}
