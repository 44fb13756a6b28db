package io.github.jnn.codegen;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Float32GeneratorTest {
    private final Float32Generator g = new Float32Generator(Set.of("GemmScalar", "ElementwiseScalar"));

    private List<String> lines(String... source) {
        return List.of(g.generate(String.join("\n", source), "T.java").split("\n", -1));
    }

    @Test
    void typesNamesAndLiteralsBecomeFloat() {
        assertEquals("    static float f(float[] x, FloatVector v, VectorMask<Float> m) {",
                g.convert("    static double f(double[] x, DoubleVector v, VectorMask<Double> m) {"));
        assertEquals("        ElementwiseScalarF32.relu(x, out, i, len); GemmScalarF32.x(); VectorMath.exp(v);",
                g.convert("        ElementwiseScalar.relu(x, out, i, len); GemmScalar.x(); VectorMath.exp(v);"));
        assertEquals("a = 0.0f; b = 1.5e-3f; c = .5f; d = 1e9f; e = 2; f = 0x1p3; g = 3.0f; h = x1.y;",
                g.convert("a = 0.0; b = 1.5e-3; c = .5; d = 1e9; e = 2; f = 0x1p3; g = 3.0f; h = x1.y;"));
    }

    @Test
    void literalsInCommentsAndStringsKeepTheirText() {
        assertEquals("x = 1.0f; // costs 9.5 % (1.0 float)", g.convert("x = 1.0; // costs 9.5 % (1.0 double)"));
        assertEquals("     * the loop order follows whichever stride is 1.",
                g.convert("     * the loop order follows whichever stride is 1."));
        assertEquals("throw new E(\"lr 0.5 \\\" 2.5\" + 1.5f);", g.convert("throw new E(\"lr 0.5 \\\" 2.5\" + 1.5);"));
    }

    @Test
    void markersGiveTheFloat32LineOrKeepTheLine() {
        List<String> out = lines("package p;",
                "        out[i] = Math.exp(x[i]); //f32: out[i] = (float) Math.exp(x[i]);",
                "        double flops = 2.0 * m * n; //f32-same");
        assertEquals("        out[i] = (float) Math.exp(x[i]);", out.get(1));
        assertEquals("        double flops = 2.0 * m * n;", out.get(2));
    }

    @Test
    void blocksSwapTheFloat64LinesForTheCommentedFloat32OnesAndKeepLineNumbers() {
        List<String> out = lines("package p;",
                "//#if[f64]",
                "        double[] lanes = new double[L];",
                "        double s = sumLanes(lanes, 0);",
                "//#else[f32]",
                "//      float s = sum(v);",
                "//#end",
                "        return s;");
        assertEquals(8, out.size());
        assertEquals(List.of("", "", "", "", "        float s = sum(v);", "", "        return s;"), out.subList(1, 8));
    }

    @Test
    void twinNamesAndKeptDoubles() {
        assertEquals("CheckedFloatKernels", Float32Generator.twinName("CheckedDoubleKernels"));
        assertEquals("GemmPackedF32", Float32Generator.twinName("GemmPacked"));
        Float32Generator kernels = new Float32Generator(Set.of("ScalarDoubleKernels", "UpdateScalar"));
        List<String> out = List.of(kernels.generate(String.join("\n", "package p;",
                "//#keep-double lr momentum",
                "abstract class ScalarDoubleKernels {",
                "    void sgd(double[] w, double lr, double momentum, double lrScale) {",
                "        UpdateScalar.sgd(w, lr, momentum); double lr2 = lr;"), "T.java").split("\n", -1));
        assertEquals("", out.get(1));
        assertEquals("abstract class ScalarFloatKernels {", out.get(2));
        assertEquals("    void sgd(float[] w, double lr, double momentum, float lrScale) {", out.get(3));
        assertEquals("        UpdateScalarF32.sgd(w, lr, momentum); float lr2 = lr;", out.get(4));
    }

    @Test
    void renamesApplyToCodeAfterTheRules() {
        List<String> out = lines("package p;", "//#rename LongVector=IntVector long=int floatToRawLongBits=floatToRawIntBits",
                "    LongVector n = (LongVector) v; long b = Double.doubleToRawLongBits(1.0); // a long comment");
        assertEquals("    IntVector n = (IntVector) v; int b = Float.floatToRawIntBits(1.0f); // a long comment", out.get(2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> lines("package p;", "//#rename a="));
        assertEquals("T.java:2: //#rename takes word=word pairs, got a=", e.getMessage());
    }

    @Test
    void firstLineNamesTheSource() {
        assertEquals("/* Generated from T.java by Float32Generator; edit that file, not this one. */ package p;",
                lines("package p;", "class T {}").get(0));
    }

    @Test
    void malformedMarkersAreErrorsNamingFileAndLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> lines("package p;", "//#if[f64]", "x();"));
        assertTrue(e.getMessage().startsWith("T.java: block opened at line 2 is not closed"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> lines("package p;", "//#end"));
        assertEquals("T.java:2: //#end without //#else[f32]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> lines("package p;", "//#if[f64]", "//#else[f32]", "float x;", "//#end"));
        assertEquals("T.java:4: a float32 line in a block must be commented out with //", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> lines("package p;", "//#if[f32]"));
        assertEquals("T.java:2: unknown marker //#if[f32]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> lines("package p;", "x(); //f32:"));
        assertEquals("T.java:2: //f32: needs the float32 code after it", e.getMessage());
    }

    /** What the build generated: each twin has its source's line count, so stack traces point at the source. */
    @Test
    void everyGeneratedTwinKeepsItsSourcesLines() throws IOException {
        Path generated = Path.of("target/generated-sources/float32/io/github/jnn/kernels");
        Path sources = Path.of("src/main/java/io/github/jnn/kernels");
        List<Path> twins;
        try (Stream<Path> s = Files.list(generated)) {
            twins = s.filter(p -> p.toString().endsWith("F32.java")).sorted().toList();
        }
        assertTrue(twins.size() >= 9, "generated twins: " + twins);
        for (Path twin : twins) {
            String name = twin.getFileName().toString().replace("F32.java", ".java");
            List<String> src = Files.readAllLines(sources.resolve(name), StandardCharsets.UTF_8);
            List<String> out = Files.readAllLines(twin, StandardCharsets.UTF_8);
            assertEquals(src.size(), out.size(), twin.toString());
            assertTrue(out.get(0).startsWith("/* Generated from " + name + " "), twin.toString());
            assertTrue(Files.notExists(sources.resolve(twin.getFileName())),
                    "hand-written " + twin.getFileName() + " beside the generated one");
        }
    }
}
