package io.github.jnn.io;

import io.github.jnn.io.DataFormatException;
import io.github.jnn.io.SafeTensors;
import io.github.jnn.nn.Linear;
import io.github.jnn.nn.ReLU;
import io.github.jnn.nn.Sequential;
import io.github.jnn.random.NumpyRandom;
import io.github.jnn.tensor.DType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Weights in safetensors: the layout, the round trip, and validation of every malformed file. */
class SafeTensorsTest {

    private static Sequential net(long seed) {
        NumpyRandom rng = new NumpyRandom(seed);
        return new Sequential(new Linear(3, 4, true, rng), new ReLU(), new Linear(4, 2, false, rng));
    }

    @Test
    void layoutIsTheSafetensorsFormat(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("w.safetensors");
        SafeTensors.save(net(0), f);
        byte[] b = Files.readAllBytes(f);
        long n = ByteBuffer.wrap(b, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        String header = new String(b, 8, (int) n, StandardCharsets.UTF_8);
        assertEquals("{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"0.weight\":{\"dtype\":\"F64\",\"shape\":[4,3],\"data_offsets\":[0,96]},"
                + "\"0.bias\":{\"dtype\":\"F64\",\"shape\":[4],\"data_offsets\":[96,128]},"
                + "\"2.weight\":{\"dtype\":\"F64\",\"shape\":[2,4],\"data_offsets\":[128,192]}}", header.trim());
        assertEquals(0, (8 + n) % 8, "data 8-byte aligned");
        assertEquals(8 + n + 192, b.length);
        double first = ByteBuffer.wrap(b, (int) (8 + n), 8).order(ByteOrder.LITTLE_ENDIAN).getDouble();
        assertEquals(net(0).namedParameters().get("0.weight").doubles()[0], first);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(f), files.toList(), "no temp file left behind");
        }
    }

    @Test
    void roundTrip(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("w.safetensors");
        Sequential a = net(1);
        SafeTensors.save(a, f);
        Sequential b = net(2);
        SafeTensors.load(b, f);
        for (String name : a.namedParameters().keySet()) {
            assertArrayEquals(a.namedParameters().get(name).doubles(), b.namedParameters().get(name).doubles(), 0.0);
        }
    }

    @Test
    void float32ModelsSaveF32AndLoadIntoEitherType(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("w32.safetensors");
        Sequential a = net(1);
        a.to(DType.FLOAT32);
        SafeTensors.save(a, f);
        byte[] b = Files.readAllBytes(f);
        long n = ByteBuffer.wrap(b, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        String header = new String(b, 8, (int) n, StandardCharsets.UTF_8);
        assertTrue(header.contains("\"0.weight\":{\"dtype\":\"F32\",\"shape\":[4,3],\"data_offsets\":[0,48]}"), header);
        assertEquals(8 + n + 96, b.length, "24 floats");
        Sequential into32 = net(2);
        into32.to(DType.FLOAT32);
        SafeTensors.load(into32, f);
        Sequential into64 = net(3);
        SafeTensors.load(into64, f);
        for (String name : a.namedParameters().keySet()) {
            float[] saved = a.namedParameters().get(name).floats();
            assertArrayEquals(saved, into32.namedParameters().get(name).floats(), 0f);
            double[] widened = into64.namedParameters().get(name).doubles();
            for (int i = 0; i < saved.length; i++) {
                assertEquals(saved[i], widened[i], 0.0);
            }
        }
    }

    @Test
    void mismatchedModelIsNamed(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("w.safetensors");
        SafeTensors.save(net(1), f);
        NumpyRandom rng = new NumpyRandom(0);
        Sequential wider = new Sequential(new Linear(3, 5, true, rng), new ReLU(), new Linear(5, 2, false, rng));
        DataFormatException e = assertThrows(DataFormatException.class, () -> SafeTensors.load(wider, f));
        assertEquals(f + ": tensor '0.weight' has shape [4, 3], the model's is [5, 3]", e.getMessage());
        Sequential noBias = new Sequential(new Linear(3, 4, false, rng), new ReLU(), new Linear(4, 2, false, rng));
        e = assertThrows(DataFormatException.class, () -> SafeTensors.load(noBias, f));
        assertTrue(e.getMessage().contains("tensor '0.bias' is not a parameter of the model"), e.getMessage());
    }

    /**
     * Hundreds of truncated and mutated files: each must either load (a mutation that leaves a valid file,
     * e.g. in the padding) or fail with DataFormatException; never another exception, and never a model
     * changed by a file that failed.
     */
    @Test
    void fuzzedFilesFailCleanly(@TempDir Path dir) throws IOException {
        Path good = dir.resolve("good.safetensors");
        SafeTensors.save(net(1), good);
        byte[] bytes = Files.readAllBytes(good);
        int headerEnd = 8 + (int) ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        Random rnd = new Random(42);
        Path f = dir.resolve("fuzz.safetensors");
        int rejected = 0;
        int cases = 600;
        for (int i = 0; i < cases; i++) {
            byte[] m;
            if (i % 3 == 0) {
                m = Arrays.copyOf(bytes, rnd.nextInt(bytes.length)); // truncated anywhere
            } else {
                m = bytes.clone();
                int flips = 1 + rnd.nextInt(3);
                for (int k = 0; k < flips; k++) {
                    int at = rnd.nextInt(headerEnd); // the length prefix or the header
                    m[at] = i % 3 == 1 ? (byte) rnd.nextInt(256) : (byte) "0123456789[]{},:\"-.e ".charAt(rnd.nextInt(21));
                }
            }
            Files.write(f, m);
            Sequential target = net(7);
            double[] before = target.namedParameters().get("0.weight").doubles().clone();
            try {
                SafeTensors.load(target, f);
            } catch (DataFormatException expected) {
                rejected++;
                assertArrayEquals(before, target.namedParameters().get("0.weight").doubles(), 0.0,
                        "a rejected file must not change the model");
            } catch (Throwable other) {
                fail("case " + i + ": " + other, other);
            }
        }
        assertTrue(rejected > cases * 0.9, rejected + " of " + cases + " rejected");
    }
}
