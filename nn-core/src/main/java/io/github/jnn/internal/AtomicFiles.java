package io.github.jnn.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * <b>Not part of jnn's API</b> (package {@code internal}: shared by nn-core and nn-bench, may change without
 * notice; not in the javadoc).
 *
 * <p>Writes a file completely or not at all: the content goes to a temp file in the target's directory, which is
 * then renamed over the target, so a crash or an exception never leaves a half-written file behind.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** What writes the content; may throw. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    public static void write(Path target, Writer content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                throw new java.nio.file.NotDirectoryException(p + " is a file, so " + target + " cannot be written "
                        + "below it");
            }
        }
        if (Files.isDirectory(target)) {
            throw new java.nio.file.FileSystemException(target + " is a directory; give a file name to write");
        }
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, target.getFileName().toString(), ".tmp");
        try {
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(tmp,
                    java.nio.file.StandardOpenOption.WRITE);
                 OutputStream out = new BufferedOutputStream(java.nio.channels.Channels.newOutputStream(ch), 1 << 16)) {
                content.writeTo(out);
                out.flush();
                ch.force(true); // on disk before the rename: a crash leaves the old file or the whole new one
            }
            try {
                // createTempFile makes the file private (0600); the result is meant to be shared like any file.
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: keep the default permissions
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public static void writeString(Path target, String content) throws IOException {
        write(target, out -> out.write(content.getBytes(StandardCharsets.UTF_8)));
    }
}
