package io.github.jnn.bench;

import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The settings every benchmark here shares (JMH inherits class annotations): average time per call in µs,
 * one fork with the Vector API module (and a higher per-method trap limit, below), 3 × 0.5 s warm-up and
 * 3 × 0.5 s measurement (the quick default suite;
 * {@code -f 2 -wi 5 -w 1 -i 5 -r 1} on the command line gives the full profile). Each subclass says what it
 * measures and declares its {@link Figure}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// PerMethodTrapLimit: JDK 17's C2 otherwise compiles a large vector kernel with its vectors boxed in some forks
// and not in others (2-3× slower; docs/convolution.md, "Session 16"). JDK 25 does not need it. G1 whatever the
// machine: on one CPU the JVM would pick the Serial collector, which leaves safepoints out of counted loops, and
// then JDK 17's C2 spills the registers of some convolution kernels in some forks (docs/convolution.md, "Session 40").
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-XX:PerMethodTrapLimit=1000", "-XX:+UseG1GC"})
@Warmup(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
public abstract class JnnBenchmark {
}
