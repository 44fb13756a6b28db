package io.github.jnn.io;

import io.github.jnn.data.Dataset;
import io.github.jnn.tensor.Tensor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reader for numeric CSV data sets ({@code .gz} or plain): comma-separated plain decimal numbers ({@code 1},
 * {@code -0.5}, {@code 2.5e-3}; not Java's {@code 1f}, {@code 2d} or hex), the class label in the last column,
 * no header; a leading UTF-8 byte order mark is skipped. A ragged row, a non-number or a label that is not a non-negative integer is a
 * {@link DataFormatException} naming the file, the line and the field.
 */
public final class CsvFiles {
    private CsvFiles() {
    }

    public static Dataset read(Path file) throws IOException {
        if (java.nio.file.Files.isDirectory(file)) {
            throw new DataFormatException(file, "is a directory, not a CSV file");
        }
        try (InputStream in = DataFiles.open(file)) {
            return read(in, file.toString());
        }
    }

    /** A plain decimal: optional sign, digits with an optional fraction, optional exponent; no suffix, no hex. */
    private static final java.util.regex.Pattern DECIMAL =
            java.util.regex.Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    /** Reads from a stream; {@code source} names it in errors. */
    public static Dataset read(InputStream in, String source) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        List<double[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        int width = -1;
        int lineNo = 0;
        int classes = 0;
        String line;
        while ((line = readLine(reader, source, lineNo + 1)) != null) {
            lineNo++;
            if (lineNo == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1); // a UTF-8 byte order mark, as spreadsheet exports write
            }
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split(",", -1);
            if (width < 0) {
                if (fields.length < 2) {
                    throw new DataFormatException(source, "line " + lineNo + ": need features and a label, found "
                            + fields.length + " field");
                }
                width = fields.length;
            } else if (fields.length != width) {
                throw new DataFormatException(source, "line " + lineNo + ": " + fields.length + " fields, expected "
                        + width + " like line 1");
            }
            double[] row = new double[width - 1];
            for (int j = 0; j < width - 1; j++) {
                row[j] = number(fields[j], source, lineNo, j);
            }
            double label = number(fields[width - 1], source, lineNo, width - 1);
            if (label != Math.rint(label) || label < 0 || label > 1_000_000) {
                throw new DataFormatException(source, "line " + lineNo + " field " + (width) + ": label " + label
                        + " is not a class number");
            }
            rows.add(row);
            labels.add((int) label);
            classes = Math.max(classes, (int) label + 1);
        }
        if (rows.isEmpty()) {
            throw new DataFormatException(source, "no data rows");
        }
        Tensor x = Tensor.zeros(rows.size(), width - 1);
        int[] y = new int[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, x.doubles(), i * (width - 1), width - 1);
            y[i] = labels.get(i);
        }
        return new Dataset(x, y, classes);
    }

    /** A line, or null at the end; a truncated or corrupt .gz is an error naming the file and line. */
    private static String readLine(BufferedReader reader, String source, int lineNo) throws IOException {
        try {
            return reader.readLine();
        } catch (java.io.EOFException | java.util.zip.ZipException e) {
            throw new DataFormatException(source, "line " + lineNo + ": the compressed data ends early or is corrupt ("
                    + e.getMessage() + ")");
        }
    }

    private static double number(String field, String source, int line, int index) throws DataFormatException {
        String t = field.trim();
        if (DECIMAL.matcher(t).matches()) {
            double v = Double.parseDouble(t);
            if (Double.isFinite(v)) {
                return v;
            }
        }
        throw new DataFormatException(source, "line " + line + " field " + (index + 1) + ": '" + field
                + "' is not a finite number");
    }
}
