package io.github.jnn.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opening data files that may or may not be gzip-compressed, told by their first two bytes, not the name. */
final class DataFiles {
    /** Deflate cannot expand data more than about 1032:1; bounds what a .gz may claim to hold. */
    static final long MAX_GZIP_RATIO = 1032;

    /** System property: the most bytes a loader allocates for one file's values. */
    static final String LIMIT_PROPERTY = "jnn.io.maxBytes";

    private DataFiles() {
    }

    /** {@value #LIMIT_PROPERTY}, default half the maximum heap (-Xmx), so a lying header fails cleanly. */
    static long maxLoadBytes() {
        Long configured = Long.getLong(LIMIT_PROPERTY);
        return configured != null && configured > 0 ? configured : Runtime.getRuntime().maxMemory() / 2;
    }

    static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    static InputStream open(Path file) throws IOException {
        return open(file, isGzip(file));
    }

    /** Opens {@code file}, decompressing if {@code gzip} (as {@link #isGzip} found). */
    static InputStream open(Path file, boolean gzip) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            return gzip ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw;
        } catch (IOException e) {
            raw.close();
            throw new DataFormatException(file, "not a readable gzip stream (" + e.getMessage() + ")");
        }
    }

    /** The most uncompressed bytes the file can hold. */
    static long maxContentBytes(Path file, boolean gzip) throws IOException {
        long size = Files.size(file);
        return gzip ? size * MAX_GZIP_RATIO : size;
    }
}
