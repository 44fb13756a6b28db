package io.github.jnn.io;

import io.github.jnn.nn.Linear;
import io.github.jnn.random.NumpyRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Files a careless or hostile user passes in: each is a clear error naming the file, never an OOM or a wrong result. */
class HostileFilesTest {

    private static Path idx(Path dir, String name, boolean gzip, int[] dims, int dataBytes) throws IOException {
        Path p = dir.resolve(name);
        try (OutputStream raw = Files.newOutputStream(p); OutputStream out = gzip ? new GZIPOutputStream(raw) : raw) {
            ByteBuffer h = ByteBuffer.allocate(4 + 4 * dims.length).order(ByteOrder.BIG_ENDIAN);
            h.put((byte) 0).put((byte) 0).put((byte) 8).put((byte) dims.length);
            for (int d : dims) {
                h.putInt(d);
            }
            out.write(h.array());
            byte[] data = new byte[dataBytes];
            new java.util.Random(dataBytes).nextBytes(data); // incompressible: a .gz the size of its claim
            out.write(data);
        }
        return p;
    }

    @Test
    void idxClaimingMoreThanItHoldsOrTheHeapAllows(@TempDir Path dir) throws IOException {
        // 1 x 44000 x 44000 in a small .gz: refused from the header (over the loader's limit or truncated), no OOM
        Path bomb = idx(dir, "bomb.gz", true, new int[] {1, 44000, 44000}, 2_000_000);
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxFiles.readImages(bomb));
        assertTrue(e.getMessage().startsWith(bomb.toString()), e.getMessage());
        // a claim under the limit but over the data: read as it arrives, then truncated
        Path short16k = idx(dir, "short.gz", true, new int[] {1, 1024, 1024}, 300_000);
        e = assertThrows(DataFormatException.class, () -> IdxFiles.readImages(short16k));
        assertTrue(e.getMessage().contains("truncated at byte 300016"), e.getMessage());
    }

    /** The same claims in a JVM with a 64 MB heap: still the clear error, not OutOfMemoryError. */
    @Test
    void lyingHeadersDoNotExhaustASmallHeap(@TempDir Path dir) throws Exception {
        Path bomb = idx(dir, "bomb.gz", true, new int[] {1, 44000, 44000}, 2_000_000);
        Path wide = idx(dir, "wide.gz", true, new int[] {1, 16384, 16384}, 265_000);
        for (Path p : new Path[] {bomb, wide}) {
            String out = inSmallHeap("idx", p, "-Dnone");
            assertTrue(out.startsWith("DataFormatException: " + p), out);
        }
        // with the size limit lifted, the buffer still only grows with the data that arrives: truncated, no OOM
        String out = inSmallHeap("idx", bomb, "-Djnn.io.maxBytes=9000000000");
        assertTrue(out.startsWith("DataFormatException: " + bomb) && out.contains("truncated"), out);
    }

    static String inSmallHeap(String kind, Path file, String property) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process proc = new ProcessBuilder(java.toString(), "-Xmx64m", property, "-cp",
                System.getProperty("java.class.path"), SmallHeapLoad.class.getName(), kind, file.toString())
                .redirectErrorStream(true).start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(proc.waitFor(60, TimeUnit.SECONDS), "child JVM hung");
        return out.lines().filter(l -> !l.startsWith("WARNING")).reduce("", (a, b) -> a + b);
    }

    @Test
    void rowsTimesColsOverflowIsAnErrorNotATensor(@TempDir Path dir) throws IOException {
        Path p = idx(dir, "overflow", false, new int[] {0, 65537, 65537}, 0);
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxFiles.readImages(p));
        assertTrue(e.getMessage().contains("65537x65537"), e.getMessage());
    }

    @Test
    void aDirectoryIsNamed(@TempDir Path dir) {
        Linear l = new Linear(2, 2, new NumpyRandom(0));
        for (Class<?> c : new Class<?>[] {SafeTensors.class, IdxFiles.class, CsvFiles.class}) {
            IOException e = assertThrows(IOException.class, () -> {
                if (c == SafeTensors.class) {
                    SafeTensors.load(l, dir);
                } else if (c == IdxFiles.class) {
                    IdxFiles.read(dir);
                } else {
                    CsvFiles.read(dir);
                }
            });
            assertTrue(e.getMessage().contains(dir.toString()) && e.getMessage().contains("directory"), e.getMessage());
        }
    }

    private static Path safetensors(Path dir, String header, byte[] data) throws IOException {
        Path p = dir.resolve("w.safetensors");
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h).put(data);
        Files.write(p, b.array());
        return p;
    }

    private static byte[] doubles(double... v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double d : v) {
            b.putDouble(d);
        }
        return b.array();
    }

    @Test
    void safetensorsDuplicatesReversedOffsetsNonFiniteAndHugeHeaders(@TempDir Path dir) throws IOException {
        Linear l = new Linear(2, 1, new NumpyRandom(0));
        double[] before = l.weight().doubles().clone();
        Path dup = safetensors(dir, "{\"weight\":{\"dtype\":\"F64\",\"shape\":[1,2],\"data_offsets\":[0,16]},"
                + "\"weight\":{\"dtype\":\"F64\",\"shape\":[1,2],\"data_offsets\":[16,32]}}", doubles(1, 2, 3, 4));
        DataFormatException e = assertThrows(DataFormatException.class, () -> SafeTensors.load(l, dup));
        assertTrue(e.getMessage().contains("duplicate key \"weight\""), e.getMessage());
        Path reversed = safetensors(dir, "{\"weight\":{\"dtype\":\"F64\",\"shape\":[1,2],\"data_offsets\":[16,0]}}",
                doubles(1, 2));
        e = assertThrows(DataFormatException.class, () -> SafeTensors.load(l, reversed));
        assertTrue(e.getMessage().contains("are reversed"), e.getMessage());
        Path nan = safetensors(dir, "{\"weight\":{\"dtype\":\"F64\",\"shape\":[1,2],\"data_offsets\":[0,16]}}",
                doubles(1, Double.NaN));
        e = assertThrows(DataFormatException.class, () -> SafeTensors.load(l, nan));
        assertTrue(e.getMessage().contains("tensor 'weight' holds NaN at element 1"), e.getMessage());
        assertArrayEquals(before, l.weight().doubles(), 0.0, "a failed load leaves the model untouched");
        SafeTensors.load(l, nan, true);
        assertTrue(Double.isNaN(l.weight().doubles()[1]), "accepted when the caller opts in");
        Path shape = safetensors(dir, "{\"weight\":{\"dtype\":\"F64\",\"shape\":[8,4],\"data_offsets\":[0,16]}}",
                doubles(1, 2));
        e = assertThrows(DataFormatException.class, () -> SafeTensors.load(l, shape));
        assertTrue(e.getMessage().contains("[8, 4]"), e.getMessage());
        StringBuilder huge = new StringBuilder("{\"__metadata__\":{\"x\":\"");
        huge.append("a".repeat(3 << 20)).append("\"}}");
        Path big = safetensors(dir, huge.toString(), new byte[0]);
        e = assertThrows(DataFormatException.class, () -> SafeTensors.load(l, big));
        assertTrue(e.getMessage().contains("larger than any header for this model"), e.getMessage());
    }

    @Test
    void csvNumbersArePlainDecimalsAndABomIsSkipped(@TempDir Path dir) throws IOException {
        for (String bad : new String[] {"1f", "0x1p1", "2d", "1_0", "Infinity", "NaN"}) {
            Path p = dir.resolve("bad.csv");
            Files.writeString(p, "1,2,0\n" + bad + ",3,1\n");
            DataFormatException e = assertThrows(DataFormatException.class, () -> CsvFiles.read(p), bad);
            assertTrue(e.getMessage().contains("line 2 field 1: '" + bad + "'"), e.getMessage());
        }
        Path bom = dir.resolve("bom.csv");
        Files.write(bom, ("\uFEFF1,2.5e-1,0\n-3,.5,1\n").getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(new double[] {1, 0.25, -3, 0.5}, CsvFiles.read(bom).features().doubles(), 0.0);
        Path gz = dir.resolve("cut.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write("1,2,0\n".repeat(5000).getBytes(StandardCharsets.UTF_8));
        }
        byte[] all = Files.readAllBytes(gz);
        Files.write(gz, java.util.Arrays.copyOf(all, all.length / 2));
        DataFormatException e = assertThrows(DataFormatException.class, () -> CsvFiles.read(gz));
        assertTrue(e.getMessage().startsWith(gz.toString()) && e.getMessage().contains("line "), e.getMessage());
    }

    @Test
    void savingBelowAFileSaysSo(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        Linear l = new Linear(2, 1, new NumpyRandom(0));
        IOException e = assertThrows(IOException.class, () -> SafeTensors.save(l, file.resolve("w.safetensors")));
        assertTrue(e.getMessage().contains(file + " is a file"), e.getMessage());
        e = assertThrows(IOException.class, () -> SafeTensors.save(l, dir));
        assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
        assertEquals(1, Files.list(dir).count(), "nothing half-written left behind");
    }
}
