package io.github.jnn.data;

import io.github.jnn.io.CsvFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;

/**
 * scikit-learn's {@code digits}: 1797 handwritten digits as 8×8 pixel counts 0–16, ten classes, shipped in
 * this jar (the test set of the UCI "Optical Recognition of Handwritten Digits" data; see NOTICE). No download.
 */
public final class Digits {
    private static final String RESOURCE = "/io/github/jnn/data/digits.csv.gz";

    private Digits() {
    }

    /** All 1797 rows, features as shipped (0–16). */
    public static Dataset load() {
        try (InputStream raw = Digits.class.getResourceAsStream(RESOURCE)) {
            if (raw == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the nn-core jar");
            }
            return CsvFiles.read(new GZIPInputStream(raw), "digits.csv.gz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
