package io.github.jnn.bench;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What one call of a benchmark does, declared on the benchmark class, so that the report turns its time
 * into the figure to read (GFLOP/s, ns/element, samples/s) without knowing benchmark names. Read by
 * reflection without initialising the class, so a benchmark that touches the Vector API still reports in a
 * JVM without the module.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Figure {
    Work work();

    /** Elements ({@link Work#ELEMENTS}) or samples ({@link Work#SAMPLES}) per call; unused otherwise. */
    int count() default 0;

    /**
     * A parameter that holds the count instead of {@link #count()}: its value, or the part after an {@code @}
     * ({@code 784x256x10@128}: 128 samples); {@link #count()} serves results without the parameter.
     */
    String countParam() default "";

    /** How one call's work is counted. */
    enum Work {
        /** A matrix product, 2·m·k·n flops with m×k×n from the {@code shape} parameter: GFLOP/s. */
        PRODUCT,
        /** One product of a convolution, 2·N·O·outH·outW·C·K² flops from the {@code shape} parameter ({@link ConvShape}): GFLOP/s. */
        CONVOLUTION,
        /** {@link FmaPeakBenchmark}'s independent FMA chains, lanes from the {@code bits} and {@code dtype} parameters: GFLOP/s. */
        FMA_CHAINS,
        /** {@code count} elements: ns/element. */
        ELEMENTS,
        /** {@code count} training samples: samples/s. */
        SAMPLES
    }
}
