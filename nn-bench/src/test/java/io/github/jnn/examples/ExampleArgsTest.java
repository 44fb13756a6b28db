package io.github.jnn.examples;

import io.github.jnn.tensor.DType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The examples' options: values read in order, and every bad one named with its option. */
class ExampleArgsTest {

    private static String error(ExampleArgs a, Runnable read) {
        return assertThrows(ExampleArgs.UsageError.class, read::run).getMessage();
    }

    @Test
    void valuesAreReadInOrder() {
        ExampleArgs a = new ExampleArgs(new String[] {"--epochs", "3", "--dtype", "float32", "--out", "x"});
        assertEquals("--epochs", a.next());
        assertEquals(3, a.count());
        assertEquals("--dtype", a.next());
        assertEquals(DType.FLOAT32, a.value(DType::byName));
        assertEquals("--out", a.next());
        assertEquals("x", a.value());
        assertNull(a.next());
    }

    @Test
    void badValuesNameTheirOption() {
        ExampleArgs a = new ExampleArgs(new String[] {"--epochs", "0", "--limit", "ten", "--dtype", "half",
                "--threads", "two", "--bogus", "--out"});
        a.next();
        assertEquals("--epochs needs a whole number of at least 1, got '0'", error(a, a::count));
        a.next();
        assertEquals("--limit needs a whole number of at least 1, got 'ten'", error(a, a::count));
        a.next();
        assertEquals("--dtype half: dtype must be float64 or float32, got 'half'",
                error(a, () -> a.value(DType::byName)));
        a.next();
        assertEquals("--threads needs a whole number, got 'two'", error(a, () -> a.value(Integer::parseInt)));
        a.next();
        assertEquals("unknown option --bogus", a.unknown().getMessage());
        a.next();
        assertEquals("--out needs a value", error(a, a::value));
    }
}
