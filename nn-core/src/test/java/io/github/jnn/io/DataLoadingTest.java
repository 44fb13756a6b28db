package io.github.jnn.io;

import io.github.jnn.data.Dataset;
import io.github.jnn.data.Digits;
import io.github.jnn.io.CsvFiles;
import io.github.jnn.io.DataFormatException;
import io.github.jnn.io.IdxFiles;
import io.github.jnn.random.NumpyRandom;
import io.github.jnn.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** IDX and CSV loaders, the shipped digits, splits and mini-batches. */
class DataLoadingTest {

    /** A 3-image 2×2 IDX file: header then pixel bytes 0..11. */
    private static byte[] idxImages() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {0, 0, 8, 3, 0, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0, 2});
        for (int i = 0; i < 12; i++) {
            b.write(i * 20);
        }
        return b.toByteArray();
    }

    private static Path write(Path dir, String name, byte[] bytes, boolean gzip) throws IOException {
        Path p = dir.resolve(name);
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(p)) : Files.newOutputStream(p)) {
            out.write(bytes);
        }
        return p;
    }

    @Test
    void idxImagesPlainAndGzip(@TempDir Path dir) throws IOException {
        for (boolean gz : new boolean[] {false, true}) {
            Tensor x = IdxFiles.readImages(write(dir, "img" + gz, idxImages(), gz));
            assertEquals("[3, 4]", x.shapeString());
            assertEquals(220.0, x.get(2, 3));
        }
    }

    @Test
    void idxErrorsNameFileAndPosition(@TempDir Path dir) throws IOException {
        byte[] good = idxImages();
        Path truncated = write(dir, "truncated", Arrays.copyOf(good, 20), false);
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxFiles.readImages(truncated));
        assertEquals(truncated + ": truncated at byte 20 while reading 12 data bytes (8 bytes missing)",
                e.getMessage());
        Path huge = write(dir, "huge", new byte[] {0, 0, 8, 3, 0, 0, (byte) 0xea, 0x60, 0, 0, 0, 28, 0, 0, 0, 28, 1, 2},
                false);
        e = assertThrows(DataFormatException.class, () -> IdxFiles.readImages(huge));
        assertEquals(huge + ": header at byte 4 declares more values (60000+) than the file can hold", e.getMessage());
        Path truncatedGz = write(dir, "truncated.gz", Arrays.copyOf(good, 20), true);
        e = assertThrows(DataFormatException.class, () -> IdxFiles.readImages(truncatedGz));
        assertEquals(truncatedGz + ": truncated at byte 20 while reading 12 data bytes (8 bytes missing)", e.getMessage());

        byte[] magic = good.clone();
        magic[0] = 0x1f;
        Path badMagic = write(dir, "magic", magic, false);
        e = assertThrows(DataFormatException.class, () -> IdxFiles.readImages(badMagic));
        assertTrue(e.getMessage().startsWith(badMagic + ": wrong magic number 0x1f000803 at byte 0"), e.getMessage());

        Path shortHeader = write(dir, "short", new byte[] {0, 0, 8}, false);
        e = assertThrows(DataFormatException.class, () -> IdxFiles.read(shortHeader));
        assertEquals(shortHeader + ": truncated at byte 3 while reading the 4-byte magic number (1 bytes missing)",
                e.getMessage());
    }

    @Test
    void csvRaggedRowAndNonNumberNameTheLine(@TempDir Path dir) throws IOException {
        Path ok = write(dir, "ok.csv", "1,2,0\n3,4,1\n".getBytes(), false);
        Dataset d = CsvFiles.read(ok);
        assertEquals(2, d.size());
        assertEquals(2, d.classes());
        Path ragged = write(dir, "ragged.csv", "1,2,0\n3,4,5,1\n".getBytes(), false);
        DataFormatException e = assertThrows(DataFormatException.class, () -> CsvFiles.read(ragged));
        assertEquals(ragged + ": line 2: 4 fields, expected 3 like line 1", e.getMessage());
        Path word = write(dir, "word.csv", "1,2,0\n3,x,1\n".getBytes(), true);
        e = assertThrows(DataFormatException.class, () -> CsvFiles.read(word));
        assertEquals(word + ": line 2 field 2: 'x' is not a finite number", e.getMessage());
    }

    @Test
    void digitsAreShippedWithEveryClass() {
        Dataset d = Digits.load();
        assertEquals(1797, d.size());
        assertEquals(64, d.featureCount());
        assertEquals(10, d.classes());
        int[] counts = new int[10];
        for (int y : d.labels()) {
            counts[y]++;
        }
        assertEquals(178, counts[0]); // scikit-learn's digits: 178 zeros, 182 ones, ...
        assertEquals(182, counts[1]);
        double max = Arrays.stream(d.features().doubles()).max().orElseThrow();
        assertEquals(16.0, max);
    }

    @Test
    void splitIsSeededAndDisjoint() {
        Dataset d = Digits.load();
        Dataset[] a = d.split(0.8, new NumpyRandom(0));
        Dataset[] b = d.split(0.8, new NumpyRandom(0));
        assertEquals(1438, a[0].size());
        assertEquals(359, a[1].size());
        assertArrayEquals(a[0].labels(), b[0].labels());
        assertArrayEquals(a[1].features().doubles(), b[1].features().doubles());
    }

    @Test
    void batchesCoverEveryRowInANewOrderEachEpoch() {
        Tensor x = Tensor.zeros(10, 1);
        int[] y = new int[10];
        for (int i = 0; i < 10; i++) {
            x.set(i, 0, i);
        }
        Dataset d = new Dataset(x, y, 1);
        NumpyRandom rng = new NumpyRandom(3);
        Iterable<Dataset.Batch> batches = d.batches(4, false, rng);
        int[] first = order(batches);
        int[] second = order(batches);
        assertEquals(10, first.length);
        assertEquals(Set.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), asSet(first));
        assertEquals(asSet(first), asSet(second));
        assertFalse(Arrays.equals(first, second), "a new order each epoch");
        assertEquals(8, order(d.batches(4, true, rng)).length, "the last partial batch dropped");
        assertEquals(3, d.batchCount(4, false));
        assertEquals(2, d.batchCount(4, true));
    }

    private static int[] order(Iterable<Dataset.Batch> batches) {
        return java.util.stream.StreamSupport.stream(batches.spliterator(), false)
                .flatMapToDouble(b -> Arrays.stream(b.x.doubles())).mapToInt(v -> (int) v).toArray();
    }

    private static Set<Integer> asSet(int[] a) {
        Set<Integer> s = new HashSet<>();
        for (int v : a) {
            s.add(v);
        }
        return s;
    }
}
