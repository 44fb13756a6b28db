package io.github.jnn.tests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's Java example, compiled and run as it stands there, so it cannot go stale: the first
 * {@code ```java} block becomes the body of a {@code main} with jnn's packages imported, and runs in a child
 * JVM whose working directory is a temporary one (it saves its weights to the working directory).
 */
class ReadmeExampleTest {
    private static final Path README = Path.of("..", "README.md");
    private static final List<String> IMPORTS = List.of("io.github.jnn.data.*", "io.github.jnn.io.*",
            "io.github.jnn.nn.*", "io.github.jnn.optim.*", "io.github.jnn.random.*", "io.github.jnn.tensor.*",
            "io.github.jnn.train.*", "java.nio.file.*", "java.util.*");

    static String firstJavaBlock(String markdown) {
        Matcher m = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(markdown);
        assertTrue(m.find(), "README has no ```java block");
        return m.group(1);
    }

    @Test
    void readmeTrainingExampleCompilesRunsAndLearns(@TempDir Path dir) throws Exception {
        String body = firstJavaBlock(Files.readString(README, StandardCharsets.UTF_8));
        StringBuilder src = new StringBuilder();
        IMPORTS.forEach(i -> src.append("import ").append(i).append(";\n"));
        src.append("public class ReadmeExample {\n    public static void main(String[] args) throws Exception {\n")
                .append(body).append("    }\n}\n");
        Path file = dir.resolve("ReadmeExample.java");
        Files.writeString(file, src);
        String cp = System.getProperty("java.class.path");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int rc = javac.run(null, diagnostics, diagnostics, "-cp", cp, "-d", dir.toString(), file.toString());
        assertEquals(0, rc, "README example does not compile:\n" + diagnostics + "\n" + src);

        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "--add-modules=jdk.incubator.vector",
                "-XX:PerMethodTrapLimit=1000", "-XX:+UseG1GC", "-cp", dir + File.pathSeparator + cp, "ReadmeExample")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "README example did not finish");
        assertEquals(0, p.exitValue(), "README example failed:\n" + out);

        List<String> lines = out.lines().filter(l -> !l.startsWith("WARNING: Using incubator")).toList();
        assertTrue(lines.get(0).startsWith("epoch 20: loss "), out);
        double accuracy = Double.parseDouble(lines.get(1));
        assertTrue(accuracy >= 0.95, "README example's test accuracy " + accuracy);
        assertTrue(Files.size(dir.resolve("digits.safetensors")) > 4 * 64 * 256, "weights saved");
    }
}
