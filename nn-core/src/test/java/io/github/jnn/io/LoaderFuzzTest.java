package io.github.jnn.io;

import io.github.jnn.nn.Linear;
import io.github.jnn.nn.Sequential;
import io.github.jnn.random.NumpyRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Seeded mutations of valid safetensors, IDX (plain and .gz) and CSV files, a few thousand per loader: every
 * load either succeeds or throws the documented {@link DataFormatException} naming the file, never another
 * exception (no NullPointerException, index or cast errors, no OutOfMemoryError), and a failed safetensors
 * load leaves the model untouched. Allocation is bounded as in a small heap: {@code jnn.io.maxBytes} is set
 * to 8 MB for the run (the limit a 16 MB heap would give), so a mutated size field cannot make a loader
 * allocate more than that.
 */
class LoaderFuzzTest {
    private static final int CASES = 2500;
    private static String savedLimit;

    @BeforeAll
    static void boundAllocation() {
        savedLimit = System.getProperty(DataFiles.LIMIT_PROPERTY);
        System.setProperty(DataFiles.LIMIT_PROPERTY, String.valueOf(8 << 20));
    }

    @AfterAll
    static void restore() {
        if (savedLimit == null) {
            System.clearProperty(DataFiles.LIMIT_PROPERTY);
        } else {
            System.setProperty(DataFiles.LIMIT_PROPERTY, savedLimit);
        }
    }

    /** One mutation of {@code valid}: bit flips, byte overwrites (often with 0x00/0xff/digits), cuts, insertions. */
    static byte[] mutate(byte[] valid, Random rnd) {
        byte[] b = valid.clone();
        int kind = rnd.nextInt(6);
        switch (kind) {
            case 0: // a few bit flips
                for (int i = 0, n = 1 + rnd.nextInt(4); i < n; i++) {
                    int at = rnd.nextInt(b.length);
                    b[at] ^= (byte) (1 << rnd.nextInt(8));
                }
                return b;
            case 1: { // interesting bytes in the first 64 (headers live there)
                byte[] pick = {0, (byte) 0xff, (byte) 0x7f, (byte) 0x80, '9', '-', '"', ',', ']', '}', 'e', '.'};
                for (int i = 0, n = 1 + rnd.nextInt(3); i < n; i++) {
                    b[rnd.nextInt(Math.min(64, b.length))] = pick[rnd.nextInt(pick.length)];
                }
                return b;
            }
            case 2: // truncation
                return Arrays.copyOf(b, rnd.nextInt(b.length));
            case 3: { // insertion of random bytes
                int at = rnd.nextInt(b.length);
                byte[] extra = new byte[1 + rnd.nextInt(16)];
                rnd.nextBytes(extra);
                byte[] out = new byte[b.length + extra.length];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(extra, 0, out, at, extra.length);
                System.arraycopy(b, at, out, at + extra.length, b.length - at);
                return out;
            }
            case 4: { // a big-endian or little-endian int/long field overwritten with an extreme value
                ByteBuffer buf = ByteBuffer.wrap(b).order(rnd.nextBoolean() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
                int at = rnd.nextInt(Math.max(1, Math.min(b.length - 8, 48)));
                long[] values = {0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE, 65537, 1L << 32,
                    44000, 100L << 20};
                long v = values[rnd.nextInt(values.length)];
                if (rnd.nextBoolean() && b.length >= at + 8) {
                    buf.putLong(at, v);
                } else if (b.length >= at + 4) {
                    buf.putInt(at, (int) v);
                }
                return b;
            }
            default: { // a digit run in text replaced by a huge or odd number
                String s = new String(b, StandardCharsets.ISO_8859_1);
                String[] odd = {"99999999999999999999", "-1", "1e308", "0.5", "NaN", "2147483648", "[]", "{}", "\"x\""};
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\d+").matcher(s);
                int count = 0;
                while (m.find()) {
                    count++;
                }
                if (count == 0) {
                    return b;
                }
                int target = rnd.nextInt(count);
                m.reset();
                for (int i = 0; i <= target; i++) {
                    m.find();
                }
                String t = s.substring(0, m.start()) + odd[rnd.nextInt(odd.length)] + s.substring(m.end());
                return t.getBytes(StandardCharsets.ISO_8859_1);
            }
        }
    }

    interface Load {
        void run(Path p) throws IOException;
    }

    /** Loads every mutation; returns how many loaded, failing on anything but a DataFormatException naming the file. */
    private static int fuzz(Path dir, String name, byte[] valid, Load load, Runnable afterFailure, long seed)
            throws IOException {
        Random rnd = new Random(seed);
        Path p = dir.resolve(name);
        int loaded = 0;
        for (int i = 0; i < CASES; i++) {
            byte[] bytes = mutate(valid, rnd);
            Files.write(p, bytes);
            try {
                load.run(p);
                loaded++;
            } catch (DataFormatException e) {
                if (!e.getMessage().startsWith(p.toString()) && !e.getMessage().startsWith(name)) {
                    fail("case " + i + ": message does not name the file: " + e.getMessage());
                }
                afterFailure.run();
            } catch (Throwable t) {
                throw new AssertionError(name + " case " + i + " (seed " + seed + "): undocumented " + t, t);
            }
        }
        return loaded;
    }

    @Test
    void safetensors(@TempDir Path dir) throws IOException {
        Sequential saved = new Sequential(new Linear(5, 4, true, new NumpyRandom(1)), new Linear(4, 3, new NumpyRandom(2)));
        Path valid = dir.resolve("valid.safetensors");
        SafeTensors.save(saved, valid);
        byte[] bytes = Files.readAllBytes(valid);
        Sequential model = new Sequential(new Linear(5, 4, true, new NumpyRandom(7)), new Linear(4, 3, new NumpyRandom(8)));
        int loaded = fuzz(dir, "m.safetensors", bytes, p -> {
            double[][] before = model.getParameters().stream().map(t -> t.doubles().clone()).toArray(double[][]::new);
            try {
                SafeTensors.load(model, p);
            } catch (DataFormatException e) {
                for (int i = 0; i < before.length; i++) {
                    assertArrayEquals(before[i], model.getParameters().get(i).doubles(), 0.0,
                            "a failed load changed the model: " + e.getMessage());
                }
                throw e;
            }
        }, () -> { }, 1);
        assertTrue(loaded < CASES, "mutations must mostly fail: " + loaded);
    }

    private static byte[] idx(boolean gzip) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        ByteBuffer h = ByteBuffer.allocate(16).order(ByteOrder.BIG_ENDIAN);
        h.put((byte) 0).put((byte) 0).put((byte) 8).put((byte) 3).putInt(3).putInt(5).putInt(4);
        raw.write(h.array());
        byte[] px = new byte[60];
        new Random(3).nextBytes(px);
        raw.write(px);
        if (!gzip) {
            return raw.toByteArray();
        }
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(raw.toByteArray());
        }
        return gz.toByteArray();
    }

    @Test
    void idx(@TempDir Path dir) throws IOException {
        fuzz(dir, "images-idx3-ubyte", idx(false), IdxFiles::readImages, () -> { }, 2);
        fuzz(dir, "images-idx3-ubyte.gz", idx(true), IdxFiles::readImages, () -> { }, 3);
        fuzz(dir, "labels-idx1-ubyte", Arrays.copyOf(idx(false), 8 + 60), IdxFiles::readLabels, () -> { }, 4);
    }

    @Test
    void csv(@TempDir Path dir) throws IOException {
        StringBuilder sb = new StringBuilder();
        Random r = new Random(5);
        for (int i = 0; i < 12; i++) {
            sb.append(r.nextInt(17)).append(',').append(String.format(java.util.Locale.ROOT, "%.3f", r.nextGaussian()))
                    .append(",-2.5e-1,").append(i % 3).append('\n');
        }
        byte[] plain = sb.toString().getBytes(StandardCharsets.UTF_8);
        fuzz(dir, "data.csv", plain, CsvFiles::read, () -> { }, 6);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(plain);
        }
        fuzz(dir, "data.csv.gz", gz.toByteArray(), CsvFiles::read, () -> { }, 7);
    }
}
