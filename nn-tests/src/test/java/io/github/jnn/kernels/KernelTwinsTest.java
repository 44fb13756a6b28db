package io.github.jnn.kernels;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every float64 kernel class and its float32 twin ({@code ...F32}, kept in step by hand: Java has no
 * primitive generics) offer the same non-private methods, parameter types mapped double → float. A kernel
 * added to one side only fails here; what the twins compute is compared by {@code Float32KernelTest}.
 * (Private helpers may differ: the float64 dot tiles sum lanes through a scratch array, the float32 ones
 * with {@code VectorMath.sum}; see {@code VectorMath}.)
 */
class KernelTwinsTest {

    @ParameterizedTest
    @ValueSource(strings = {"GemmPacked", "GemmVector", "GemmScalar", "ElementwiseScalar", "ElementwiseVector",
        "SoftmaxScalar", "SoftmaxVector", "UpdateScalar", "UpdateVector"})
    void float32TwinHasTheSameMethods(String name) throws ClassNotFoundException {
        Class<?> f64 = Class.forName("io.github.jnn.kernels." + name);
        Class<?> f32 = Class.forName("io.github.jnn.kernels." + name + "F32");
        assertEquals(signatures(f64), signatures(f32), name + " vs " + name + "F32");
    }

    /** Non-private method signatures with float types written as their double counterparts. */
    private static Set<String> signatures(Class<?> k) {
        Set<String> out = new TreeSet<>();
        for (Method m : k.getDeclaredMethods()) {
            if (m.isSynthetic() || Modifier.isPrivate(m.getModifiers())) {
                continue;
            }
            StringBuilder sig = new StringBuilder(m.getName()).append('(');
            for (Class<?> p : m.getParameterTypes()) {
                sig.append(p.getSimpleName().replace("float", "double").replace("Float", "Double")).append(',');
            }
            out.add(sig.append(')').toString());
        }
        return out;
    }
}
