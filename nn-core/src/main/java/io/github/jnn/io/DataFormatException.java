package io.github.jnn.io;

import java.io.IOException;
import java.nio.file.Path;

/** A data or weights file that cannot be read as what it claims to be; the message names file and position. */
public class DataFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public DataFormatException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public DataFormatException(String source, String problem) {
        super(source + ": " + problem);
    }
}
