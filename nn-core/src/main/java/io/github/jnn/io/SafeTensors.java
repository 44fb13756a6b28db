package io.github.jnn.io;

import io.github.jnn.internal.AtomicFiles;
import io.github.jnn.internal.Json;
import io.github.jnn.nn.Module;
import io.github.jnn.tensor.DType;
import io.github.jnn.tensor.Tensor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Weights in the safetensors format, which {@code safetensors.torch.load_file} or a few lines of NumPy read:
 * an 8-byte little-endian header length, a JSON header mapping each tensor name to its dtype, shape and
 * {@code data_offsets} into the byte buffer that follows, then the raw little-endian data.
 *
 * <p>Saving writes all or nothing (a temp file renamed into place), so a crash leaves no half-written file. Loading validates the whole header against the file and the model before reading any tensor data:
 * every violation is a {@link DataFormatException} that says which.
 */
public final class SafeTensors {
    /** Headers larger than this are refused (the reference implementation's limit). */
    static final long MAX_HEADER = 100L << 20;

    private SafeTensors() {
    }

    /** Writes {@code model}'s {@link Module#namedParameters()}, float64 tensors as F64 and float32 ones as F32. */
    public static void save(Module model, Path file) throws IOException {
        Map<String, Tensor> params = model.namedParameters();
        StringBuilder json = new StringBuilder("{\"__metadata__\":{\"format\":\"pt\"}");
        long offset = 0;
        for (Map.Entry<String, Tensor> e : params.entrySet()) {
            Tensor t = e.getValue();
            long bytes = (long) t.size() * t.dtype().byteSize();
            String dtype = t.dtype() == DType.FLOAT32 ? "F32" : "F64";
            json.append(",\"").append(e.getKey()).append("\":{\"dtype\":\"").append(dtype).append("\",\"shape\":")
                    .append(Arrays.toString(t.shape()).replace(" ", "")).append(",\"data_offsets\":[")
                    .append(offset).append(',').append(offset + bytes).append("]}");
            offset += bytes;
        }
        json.append('}');
        while ((json.length() + 8) % 8 != 0) {
            json.append(' '); // pad so the data starts 8-byte aligned, as the reference writer does
        }
        byte[] header = json.toString().getBytes(StandardCharsets.UTF_8);

        AtomicFiles.write(file, out -> {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).array());
            out.write(header);
            ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
            for (Tensor t : params.values()) {
                boolean f32 = t.dtype() == DType.FLOAT32;
                for (int i = 0; i < t.size(); i++) {
                    if (buf.remaining() < Double.BYTES) {
                        out.write(buf.array(), 0, buf.position());
                        buf.clear();
                    }
                    if (f32) {
                        buf.putFloat(t.floats()[i]);
                    } else {
                        buf.putDouble(t.doubles()[i]);
                    }
                }
            }
            out.write(buf.array(), 0, buf.position());
        });
    }

    /**
     * Loads {@code file} into {@code model}'s parameters. The names and shapes must be exactly the model's;
     * F64 and F32 data are accepted. Nothing is written to the model unless the whole file is valid.
     */
    public static void load(Module model, Path file) throws IOException {
        load(model, file, false);
    }

    /**
     * {@link #load(Module, Path)}; with {@code allowNonFinite} false (the default) a NaN or infinite value is an
     * error naming the tensor and its first such element, since the next forward would be all NaN.
     */
    public static void load(Module model, Path file, boolean allowNonFinite) throws IOException {
        Map<String, Tensor> params = model.namedParameters();
        if (Files.isDirectory(file)) {
            throw new DataFormatException(file, "is a directory, not a safetensors file");
        }
        // A header names each tensor once in a few dozen bytes: anything far larger is not this model's.
        long headerLimit = Math.min(MAX_HEADER, (1L << 20) + 4096L * params.size());
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Map<String, Entry> entries = readHeader(ch, file, headerLimit);
            for (String name : params.keySet()) {
                if (!entries.containsKey(name)) {
                    throw new DataFormatException(file, "no tensor '" + name + "', which " + model.getClass().getSimpleName()
                            + " needs; the file has " + entries.keySet());
                }
            }
            for (Map.Entry<String, Entry> e : entries.entrySet()) {
                Tensor target = params.get(e.getKey());
                if (target == null) {
                    throw new DataFormatException(file, "tensor '" + e.getKey() + "' is not a parameter of the model "
                            + "(it has " + params.keySet() + ")");
                }
                if (!Arrays.equals(target.shape(), e.getValue().shape)) {
                    throw new DataFormatException(file, "tensor '" + e.getKey() + "' has shape "
                            + Arrays.toString(e.getValue().shape) + ", the model's is " + target.shapeString());
                }
            }
            // Everything checked: now read, into temporary arrays, then copy, so a read error changes nothing.
            Map<String, double[]> values = new LinkedHashMap<>();
            for (Map.Entry<String, Entry> e : entries.entrySet()) {
                double[] v = readData(ch, e.getValue(), file);
                if (!allowNonFinite) {
                    for (int i = 0; i < v.length; i++) {
                        if (!Double.isFinite(v[i])) {
                            throw new DataFormatException(file, "tensor '" + e.getKey() + "' holds " + v[i]
                                    + " at element " + i + " (load(model, file, true) accepts non-finite values)");
                        }
                    }
                }
                values.put(e.getKey(), v);
            }
            for (Map.Entry<String, double[]> v : values.entrySet()) {
                // Into the parameter's own element type, whichever the file holds.
                params.get(v.getKey()).copyFrom(Tensor.wrap(v.getValue(), params.get(v.getKey()).shape()));
            }
        }
    }

    /** One header entry, validated. */
    private static final class Entry {
        final String name;
        final String dtype;
        final int[] shape;
        final long begin;
        final long end;
        final long dataStart;

        Entry(String name, String dtype, int[] shape, long begin, long end, long dataStart) {
            this.name = name;
            this.dtype = dtype;
            this.shape = shape;
            this.begin = begin;
            this.end = end;
            this.dataStart = dataStart;
        }
    }

    private static Map<String, Entry> readHeader(FileChannel ch, Path file, long headerLimit) throws IOException {
        long size = ch.size();
        if (size < 8) {
            throw new DataFormatException(file, "file is " + size + " bytes, shorter than the 8-byte header length");
        }
        ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, lenBuf, 0, file);
        long n = lenBuf.flip().getLong();
        if (n <= 0 || n > size - 8 || n > MAX_HEADER) {
            throw new DataFormatException(file, "header length " + Long.toUnsignedString(n) + " does not fit a "
                    + size + "-byte file (must be 1.." + Math.min(size - 8, MAX_HEADER) + ")");
        }
        if (n > headerLimit) {
            throw new DataFormatException(file, "header of " + n + " bytes is larger than any header for this "
                    + "model's parameters can be (" + headerLimit + " bytes)");
        }
        ByteBuffer hb = ByteBuffer.allocate((int) n);
        readFully(ch, hb, 8, file);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(hb.flip()).toString();
        } catch (CharacterCodingException e) {
            throw new DataFormatException(file, "header is not valid UTF-8");
        }
        Object root;
        try {
            root = Json.parse(text.stripTrailing(), "header");
        } catch (IllegalArgumentException e) {
            throw new DataFormatException(file, "header is not valid JSON: " + e.getMessage());
        }
        if (!(root instanceof Map)) {
            throw new DataFormatException(file, "header is not a JSON object");
        }
        long dataStart = 8 + n;
        long dataSize = size - dataStart;
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) root).entrySet()) {
            String name = (String) e.getKey();
            if (name.equals("__metadata__")) {
                continue;
            }
            entries.put(name, entry(name, e.getValue(), dataSize, dataStart, file));
        }
        List<Entry> byOffset = new ArrayList<>(entries.values());
        byOffset.sort((a, b) -> Long.compare(a.begin, b.begin));
        long expected = 0;
        for (Entry en : byOffset) {
            if (en.begin != expected) {
                throw new DataFormatException(file, "tensor '" + en.name + "' starts at data byte " + en.begin
                        + (en.begin < expected ? ", overlapping the previous tensor which ends at " + expected
                        : ", leaving a hole after byte " + expected));
            }
            expected = en.end;
        }
        if (expected != dataSize) {
            throw new DataFormatException(file, "tensors cover " + expected + " data bytes but the file holds "
                    + dataSize + " after the header");
        }
        return entries;
    }

    private static Entry entry(String name, Object value, long dataSize, long dataStart, Path file)
            throws DataFormatException {
        String what = "tensor '" + name + "'";
        if (!(value instanceof Map)) {
            throw new DataFormatException(file, what + " is not a JSON object");
        }
        Map<?, ?> m = (Map<?, ?>) value;
        Object dtype = m.get("dtype");
        if (!(dtype instanceof String)) {
            throw new DataFormatException(file, what + " has no dtype string");
        }
        int width = dtypeSize((String) dtype);
        if (width < 0) {
            throw new DataFormatException(file, what + " has dtype " + dtype + "; only F64 and F32 can be loaded");
        }
        Object shapeObj = m.get("shape");
        if (!(shapeObj instanceof List)) {
            throw new DataFormatException(file, what + " has no shape array");
        }
        List<?> shapeList = (List<?>) shapeObj;
        if (shapeList.size() > 8) {
            throw new DataFormatException(file, what + " has " + shapeList.size() + " dimensions");
        }
        int[] shape = new int[shapeList.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            long d = wholeNumber(shapeList.get(i), what + " shape[" + i + "]", file);
            if (d > Integer.MAX_VALUE) {
                throw new DataFormatException(file, what + " shape[" + i + "] = " + d + " is too large");
            }
            shape[i] = (int) d;
            try {
                count = Math.multiplyExact(count, d);
            } catch (ArithmeticException overflow) {
                count = Long.MAX_VALUE;
            }
            if (count > dataSize) {
                throw new DataFormatException(file, what + " shape " + shapeText(shapeList) + " needs more bytes "
                        + "than the " + dataSize + " the file holds");
            }
        }
        Object off = m.get("data_offsets");
        if (!(off instanceof List) || ((List<?>) off).size() != 2) {
            throw new DataFormatException(file, what + " has no [begin, end] data_offsets");
        }
        long begin = wholeNumber(((List<?>) off).get(0), what + " data_offsets[0]", file);
        long end = wholeNumber(((List<?>) off).get(1), what + " data_offsets[1]", file);
        if (begin > end) {
            throw new DataFormatException(file, what + " data_offsets [" + begin + ", " + end + "] are reversed "
                    + "(begin after end)");
        }
        if (end > dataSize) {
            throw new DataFormatException(file, what + " data_offsets [" + begin + ", " + end + "] are outside the "
                    + dataSize + " data bytes");
        }
        if (end - begin != count * width) {
            throw new DataFormatException(file, what + " data_offsets span " + (end - begin) + " bytes but shape "
                    + Arrays.toString(shape) + " of " + dtype + " needs " + count * width);
        }
        if (count > Integer.MAX_VALUE - 8) {
            throw new DataFormatException(file, what + " has more elements than one array can hold");
        }
        return new Entry(name, (String) dtype, shape, begin, end, dataStart);
    }

    /** A JSON shape as written, {@code [8, 4]} (its numbers are parsed as doubles). */
    private static String shapeText(List<?> shape) {
        StringBuilder sb = new StringBuilder("[");
        for (Object d : shape) {
            sb.append(sb.length() > 1 ? ", " : "");
            sb.append(d instanceof Double && (Double) d == Math.rint((Double) d) && Math.abs((Double) d) < 1e15
                    ? String.valueOf(((Double) d).longValue()) : String.valueOf(d));
        }
        return sb.append(']').toString();
    }

    private static int dtypeSize(String dtype) {
        switch (dtype) {
            case "F64":
                return 8;
            case "F32":
                return 4;
            default:
                return -1;
        }
    }

    private static long wholeNumber(Object o, String what, Path file) throws DataFormatException {
        if (o instanceof Double) {
            double d = (Double) o;
            if (d >= 0 && d == Math.rint(d) && d < 9.0e15) {
                return (long) d;
            }
        }
        throw new DataFormatException(file, what + " = " + o + " is not a non-negative integer");
    }

    private static double[] readData(FileChannel ch, Entry e, Path file) throws IOException {
        int count = (int) ((e.end - e.begin) / dtypeSize(e.dtype));
        ByteBuffer buf = ByteBuffer.allocate((int) (e.end - e.begin)).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, buf, e.dataStart + e.begin, file);
        buf.flip();
        double[] out = new double[count];
        if (e.dtype.equals("F64")) {
            buf.asDoubleBuffer().get(out);
        } else {
            for (int i = 0; i < count; i++) {
                out[i] = buf.getFloat();
            }
        }
        return out;
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long position, Path file) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            int r = ch.read(buf, pos);
            if (r < 0) {
                throw new DataFormatException(file, "truncated at byte " + pos);
            }
            pos += r;
        }
    }
}
