package io.github.jnn.bench;

import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The project's main job: runs the JMH suite (JMH's own command-line options all work, e.g. a benchmark
 * regex, {@code -p shape=64x784x256}, {@code -f 3 -wi 5 -i 10}) with JSON results, then writes the Markdown
 * report and the SVG chart. Output goes to {@code bench-report/} or {@code -Djnn.report.dir=...}.
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws IOException, RunnerException {
        Path outDir = Path.of(System.getProperty("jnn.report.dir", "bench-report"));
        Files.createDirectories(outDir);
        Path json = outDir.resolve("jmh-result.json");
        List<String> jmhArgs = new ArrayList<>(Arrays.asList(args));
        if (jmhArgs.contains("-rf") || jmhArgs.contains("-rff")) {
            System.err.println("BenchMain writes its own JSON to " + json + "; drop -rf/-rff (or run "
                    + "org.openjdk.jmh.Main directly with java -jar benchmarks.jar)");
            System.exit(2);
        }
        jmhArgs.addAll(List.of("-rf", "json", "-rff", json.toString()));
        // FmaPeakBenchmark records the vector size it ran at (so a saved JSON converts to GFLOP/s anywhere) and
        // refuses another; give it this machine's (256 bits without AVX-512) unless the caller chose one.
        if (jmhArgs.stream().noneMatch(a -> a.startsWith("bits=")) && vectorModulePresent()) {
            jmhArgs.addAll(List.of("-p", "bits=" + FmaPeakBenchmark.preferredBits()));
        }
        CommandLineOptions options;
        try {
            options = new CommandLineOptions(jmhArgs.toArray(new String[0]));
        } catch (CommandLineOptionException e) {
            System.err.println("bad JMH option: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (options.shouldHelp() || options.shouldList() || options.shouldListWithParams()
                || options.shouldListProfilers() || options.shouldListResultFormats()) {
            org.openjdk.jmh.Main.main(args);
            return;
        }
        long start = System.nanoTime();
        new Runner(options).run();
        System.out.printf("suite finished in %.0f s%n", (System.nanoTime() - start) / 1e9);
        BenchReport.write(JmhResult.read(json), outDir, Machine.describe());
    }

    private static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }
}
