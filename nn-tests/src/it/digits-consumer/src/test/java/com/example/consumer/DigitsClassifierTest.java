package com.example.consumer;

import io.github.jnn.kernels.Kernels;
import io.github.jnn.nn.Linear;
import org.junit.jupiter.api.Test;

import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DigitsClassifierTest {

    @Test
    void smallMlpLearnsTheShippedDigits() {
        double accuracy = DigitsClassifier.trainAndTest(30);
        assertTrue(accuracy >= 0.95, "test accuracy " + accuracy);
    }

    @Test
    void vectorKernelsAreUsedWithTheIncubatorModule() {
        assertTrue(Kernels.vectorAvailable(), "surefire passes --add-modules=jdk.incubator.vector");
    }

    /** The jars came from the repository (not a reactor's classes) and name their modules for the module path. */
    @Test
    void jarsCarryStableModuleNames() throws URISyntaxException {
        assertEquals("io.github.jnn.core", moduleName(Linear.class));
        assertEquals("io.github.jnn.kernels", moduleName(Kernels.class));
    }

    private static String moduleName(Class<?> c) throws URISyntaxException {
        Path jar = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(jar.toString().endsWith(".jar") && jar.toString().contains("it-repo"), jar.toString());
        Set<ModuleReference> found = ModuleFinder.of(jar).findAll();
        assertEquals(1, found.size(), jar.toString());
        return found.iterator().next().descriptor().name();
    }
}
