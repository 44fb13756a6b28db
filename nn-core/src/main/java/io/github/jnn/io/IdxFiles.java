package io.github.jnn.io;

import io.github.jnn.data.Dataset;
import io.github.jnn.tensor.Tensor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reader for the IDX format of MNIST and Fashion-MNIST ({@code .gz} or plain, told by content): two zero
 * bytes, a type byte (only 0x08, unsigned bytes, is supported), the number of dimensions, each dimension as a
 * big-endian int, then the data. The header is checked against what the file can hold before anything is
 * allocated; every problem is a {@link DataFormatException} naming the file and the byte position.
 */
public final class IdxFiles {
    private IdxFiles() {
    }

    /** An IDX array of unsigned bytes: its dimensions and values 0–255. */
    public static final class IdxArray {
        public final int[] dims;
        public final byte[] data;

        IdxArray(int[] dims, byte[] data) {
            this.dims = dims;
            this.data = data;
        }
    }

    public static IdxArray read(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new DataFormatException(file, "is a directory, not an IDX file");
        }
        boolean gzip = DataFiles.isGzip(file);
        long capacity = DataFiles.maxContentBytes(file, gzip);
        try (InputStream in = DataFiles.open(file, gzip)) {
            byte[] head = readFully(in, 4, file, 0, "the 4-byte magic number");
            if (head[0] != 0 || head[1] != 0) {
                throw new DataFormatException(file, String.format("wrong magic number 0x%02x%02x%02x%02x at byte 0 "
                        + "(an IDX file starts with two zero bytes)", head[0], head[1], head[2], head[3]));
            }
            if (head[2] != 0x08) {
                throw new DataFormatException(file, String.format("element type 0x%02x at byte 2 is not supported "
                        + "(only 0x08, unsigned byte)", head[2]));
            }
            int rank = head[3] & 0xff;
            if (rank == 0) {
                throw new DataFormatException(file, "zero dimensions at byte 3");
            }
            byte[] dimBytes = readFully(in, 4 * rank, file, 4, rank + " dimension sizes");
            int[] dims = new int[rank];
            long count = 1;
            for (int d = 0; d < rank; d++) {
                int at = 4 * d;
                long v = ((dimBytes[at] & 0xffL) << 24) | ((dimBytes[at + 1] & 0xffL) << 16)
                        | ((dimBytes[at + 2] & 0xffL) << 8) | (dimBytes[at + 3] & 0xffL);
                if (v > Integer.MAX_VALUE) {
                    throw new DataFormatException(file, "dimension " + d + " = " + v + " at byte " + (4 + at)
                            + " is too large");
                }
                dims[d] = (int) v;
                count *= v;
                if (count > capacity) {
                    throw new DataFormatException(file, "header at byte " + (4 + at) + " declares more values ("
                            + count + "+) than the file can hold");
                }
            }
            long headerBytes = 4 + 4L * rank;
            if (count > Integer.MAX_VALUE - 8) {
                throw new DataFormatException(file, count + " values are more than one array can hold");
            }
            long limit = DataFiles.maxLoadBytes();
            if (count > limit) {
                throw new DataFormatException(file, "header declares " + count + " values, more than the loader's "
                        + "limit of " + limit + " bytes (" + DataFiles.LIMIT_PROPERTY + "; default half the heap)");
            }
            byte[] data = readFully(in, (int) count, file, headerBytes, count + " data bytes");
            if (in.read() >= 0) {
                throw new DataFormatException(file, "trailing bytes after the " + count + " declared values, at byte "
                        + (headerBytes + count));
            }
            return new IdxArray(dims, data);
        } catch (java.io.EOFException | java.util.zip.ZipException e) {
            throw new DataFormatException(file, "corrupt gzip stream (" + e.getMessage() + ")");
        }
    }

    /**
     * {@code n} bytes, in a buffer grown as they arrive (never past {@code n}; reads under 1 MiB allocate
     * exactly {@code n}), so a short file costs what it holds whatever its header claims.
     */
    private static byte[] readFully(InputStream in, int n, Path file, long at, String what) throws IOException {
        byte[] b = new byte[Math.min(n, 1 << 20)];
        int got = 0;
        while (got < n) {
            if (got == b.length) {
                b = java.util.Arrays.copyOf(b, (int) Math.min(n, 2L * b.length));
            }
            int r = in.read(b, got, b.length - got);
            if (r < 0) {
                throw new DataFormatException(file, "truncated at byte " + (at + got) + " while reading " + what
                        + " (" + (n - got) + " bytes missing)");
            }
            got += r;
        }
        return b;
    }


    /** Images {@code [N, rows, cols]} as a {@code [N, rows·cols]} tensor of pixel values 0–255. */
    public static Tensor readImages(Path file) throws IOException {
        IdxArray a = read(file);
        if (a.dims.length != 3) {
            throw new DataFormatException(file, "expected 3 dimensions (images, rows, cols), found " + a.dims.length);
        }
        int n = a.dims[0];
        long features = (long) a.dims[1] * a.dims[2];
        if (features > Integer.MAX_VALUE - 8) {
            throw new DataFormatException(file, "images of " + a.dims[1] + "x" + a.dims[2] + " pixels are more than one "
                    + "row can hold");
        }
        int f = (int) features;
        if (8L * a.data.length > DataFiles.maxLoadBytes()) {
            throw new DataFormatException(file, a.data.length + " pixels as float64 need " + 8L * a.data.length
                    + " bytes, more than the loader's limit of " + DataFiles.maxLoadBytes() + " ("
                    + DataFiles.LIMIT_PROPERTY + ")");
        }
        double[] x = new double[a.data.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = a.data[i] & 0xff;
        }
        return Tensor.wrap(x, n, f);
    }

    /** Labels {@code [N]} as ints. */
    public static int[] readLabels(Path file) throws IOException {
        IdxArray a = read(file);
        if (a.dims.length != 1) {
            throw new DataFormatException(file, "expected 1 dimension (labels), found " + a.dims.length);
        }
        int[] y = new int[a.data.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = a.data[i] & 0xff;
        }
        return y;
    }

    /**
     * The four MNIST-style files of a directory ({@code train-images-idx3-ubyte[.gz]},
     * {@code train-labels-idx1-ubyte[.gz]}, {@code t10k-...}) as {@code {train, test}} with pixels scaled to
     * [0, 1] and 10 classes.
     */
    public static Dataset[] loadDirectory(Path dir) throws IOException {
        Dataset train = pair(dir, "train");
        Dataset test = pair(dir, "t10k");
        return new Dataset[] {train, test};
    }

    private static Dataset pair(Path dir, String prefix) throws IOException {
        Path images = find(dir, prefix + "-images-idx3-ubyte");
        Path labels = find(dir, prefix + "-labels-idx1-ubyte");
        Tensor x = readImages(images);
        int[] y = readLabels(labels);
        if (x.dim(0) != y.length) {
            throw new DataFormatException(images, x.dim(0) + " images but " + labels + " has " + y.length + " labels");
        }
        int classes = 0;
        for (int i = 0; i < y.length; i++) {
            classes = Math.max(classes, y[i] + 1);
        }
        return new Dataset(x, y, Math.max(classes, 10)).scaled(1.0 / 255);
    }

    private static Path find(Path dir, String base) throws IOException {
        for (String name : new String[] {base + ".gz", base}) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new java.io.FileNotFoundException(dir.resolve(base) + "[.gz] not found");
    }
}
