package io.github.jnn.codegen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the float32 twin of each float64 kernel source, line for line, so that float64 is the only
 * precision written by hand (as EJML generates its 32-bit code and the JDK its {@code FloatVector} from one
 * template). Run by the build in {@code generate-sources} with the source launcher, no dependency:
 * {@code java Float32Generator.java <sourceDir> <outputDir> <Class>...}; each {@code Class.java} becomes its
 * twin: {@code FooDoubleBar.java} becomes {@code FooFloatBar.java}, any other {@code Class.java} becomes
 * {@code ClassF32.java}.
 *
 * <p>Rules, applied to every line outside the markers below:
 * <ul>
 *   <li>{@code double} becomes {@code float} and {@code Double} becomes {@code Float}, also inside names
 *       ({@code DoubleVector}, {@code VectorMask<Double>});
 *   <li>each generated class's name becomes its twin's, so twins call twins;
 *   <li>a decimal literal without a suffix ({@code 0.0}, {@code 1e-3}) gains {@code f}.
 * </ul>
 * Markers in the float64 file, which stays valid Java that an IDE compiles:
 * <ul>
 *   <li>{@code code; //f32: other code;} — the float32 line is {@code other code;} (indentation kept);
 *   <li>{@code code; //f32-same} — the line is taken unchanged (a {@code double} that stays double);
 *   <li>{@code //#keep-double lr momentum} — in the rest of the file, {@code double lr} and
 *       {@code double momentum} stay double (hyperparameters, which the float32 kernels take in double);
 *   <li>{@code //#rename LongVector=IntVector long=int} — in the rest of the file's code, after the rules,
 *       these words become those (the bit views of a double are longs, of a float ints);
 *   <li>{@code //#if[f64]} ... {@code //#else[f32]} ... {@code //#end} — the lines of the first part are
 *       float64 only; those of the second part, each commented out with a leading {@code //}, are the
 *       float32 code, taken as written.
 * </ul>
 * A generated file has exactly its source's lines (marker and other-precision lines left blank), so a stack
 * trace's line number points at the same line of the float64 source; its first line starts with a comment
 * naming that source.
 */
public final class Float32Generator {
    static final String SUFFIX = "F32";
    static final String LINE_MARKER = "//f32:";
    static final String SAME_MARKER = "//f32-same";
    static final String IF = "//#if[f64]";
    static final String ELSE = "//#else[f32]";
    static final String END = "//#end";
    static final String KEEP = "//#keep-double";
    static final String RENAME = "//#rename";

    /**
     * A decimal floating literal with no suffix: 1.0, .5, 1e-3, 1.5E+10, not part of a name or a longer number.
     * {@code 2.} is not matched: it ends sentences in comments; write {@code 2.0}.
     */
    private static final Pattern DECIMAL = Pattern.compile(
            "(?<![\\w.])((?:\\d+\\.\\d+|\\.\\d+)(?:[eE][+-]?\\d+)?|\\d+[eE][+-]?\\d+)(?![\\w.])");

    private final Set<String> classes;
    /** Names whose {@code double} declaration stays double, from the file's {@code //#keep-double} line. */
    private Set<String> keptDouble = Set.of();
    /** Word renames from the file's {@code //#rename} lines, applied to code after the rules. */
    private java.util.Map<String, String> renames = new java.util.LinkedHashMap<>();

    /** {@code classes}: the simple names being generated, each renamed to its twin wherever it appears. */
    public Float32Generator(Set<String> classes) {
        this.classes = Set.copyOf(classes);
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: Float32Generator <sourceDir> <outputDir> <Class>...");
            System.exit(2);
        }
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Set<String> names = Set.of(java.util.Arrays.copyOfRange(args, 2, args.length));
        Float32Generator g = new Float32Generator(names);
        Files.createDirectories(out);
        for (String name : names) {
            Path source = in.resolve(name + ".java");
            String twin = g.generate(Files.readString(source, StandardCharsets.UTF_8), source.getFileName().toString());
            Path target = out.resolve(twinName(name) + ".java");
            // Unchanged output keeps its timestamp, so the compiler's incremental check sees nothing new.
            if (!Files.exists(target) || !Files.readString(target, StandardCharsets.UTF_8).equals(twin)) {
                Files.writeString(target, twin, StandardCharsets.UTF_8);
            }
        }
    }

    /** {@code CheckedDoubleKernels} → {@code CheckedFloatKernels}; {@code GemmPacked} → {@code GemmPackedF32}. */
    static String twinName(String name) {
        return name.contains("Double") ? name.replace("Double", "Float") : name + SUFFIX;
    }

    /** The float32 twin of one float64 source; {@code sourceName} goes into the header comment and errors. */
    public String generate(String source, String sourceName) {
        String[] lines = source.split("\n", -1);
        keptDouble = Set.of();
        renames = new java.util.LinkedHashMap<>();
        List<String> out = new ArrayList<>(lines.length);
        int state = 0; // 0 outside a block, 1 in its float64 part, 2 in its float32 part
        int blockStart = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String trimmed = line.trim();
            String where = sourceName + ":" + (i + 1);
            if (trimmed.equals(IF)) {
                require(state == 0, where, IF + " inside a block opened at line " + blockStart);
                state = 1;
                blockStart = i + 1;
                out.add("");
            } else if (trimmed.equals(ELSE)) {
                require(state == 1, where, ELSE + " without " + IF);
                state = 2;
                out.add("");
            } else if (trimmed.equals(END)) {
                require(state == 2, where, END + " without " + ELSE);
                state = 0;
                out.add("");
            } else if (trimmed.startsWith(KEEP + " ") && state == 0) {
                keptDouble = Set.of(trimmed.substring(KEEP.length()).trim().split("\\s+"));
                out.add("");
            } else if (trimmed.startsWith(RENAME + " ") && state == 0) {
                for (String pair : trimmed.substring(RENAME.length()).trim().split("\\s+")) {
                    String[] ab = pair.split("=", -1);
                    require(ab.length == 2 && !ab[0].isEmpty() && !ab[1].isEmpty(), where,
                            RENAME + " takes word=word pairs, got " + pair);
                    renames.put(ab[0], ab[1]);
                }
                out.add("");
            } else if (trimmed.startsWith("//#")) {
                throw new IllegalArgumentException(where + ": unknown marker " + trimmed);
            } else if (state == 1) {
                out.add("");
            } else if (state == 2) {
                require(trimmed.isEmpty() || trimmed.startsWith("//"), where,
                        "a float32 line in a block must be commented out with //");
                out.add(uncomment(line));
            } else {
                out.add(line(line, where));
            }
        }
        require(state == 0, sourceName, "block opened at line " + blockStart + " is not closed with " + END);
        out.set(0, "/* Generated from " + sourceName + " by Float32Generator; edit that file, not this one. */ "
                + out.get(0));
        return String.join("\n", out);
    }

    private String line(String line, String where) {
        int marker = line.indexOf(LINE_MARKER);
        if (marker >= 0) {
            String replacement = line.substring(marker + LINE_MARKER.length()).strip();
            require(!replacement.isEmpty(), where, LINE_MARKER + " needs the float32 code after it");
            return indentation(line) + replacement;
        }
        int same = line.indexOf(SAME_MARKER);
        if (same >= 0) {
            return line.substring(0, same).stripTrailing();
        }
        return convert(line);
    }

    /** The three rules, on one line; literals get their suffix in code only, not in comments. */
    String convert(String line) {
        String s = line;
        for (String kept : keptDouble) {
            s = s.replaceAll("\\bdouble " + Pattern.quote(kept) + "\\b", "\u0000 " + kept);
        }
        s = s.replace("double", "float").replace("Double", "Float").replace('\u0000' + " ", "double ");
        for (String c : classes) {
            if (!c.contains("Double")) { // those the Double -> Float rule has renamed already
                s = s.replaceAll("\\b" + Pattern.quote(c) + "\\b", twinName(c));
            }
        }
        int comment = commentStart(s);
        String code = suffixLiterals(s.substring(0, comment));
        for (java.util.Map.Entry<String, String> r : renames.entrySet()) {
            code = code.replaceAll("\\b" + Pattern.quote(r.getKey()) + "\\b", Matcher.quoteReplacement(r.getValue()));
        }
        return code + s.substring(comment);
    }

    /** Where a line's comment starts (a javadoc or block-comment line, or a {@code //} outside a string). */
    static int commentStart(String line) {
        String t = line.stripLeading();
        if (t.startsWith("*") || t.startsWith("/*") || t.startsWith("//")) {
            return line.length() - t.length();
        }
        boolean inString = false;
        for (int i = 0; i < line.length() - 1; i++) {
            char c = line.charAt(i);
            if (c == '\\' && inString) {
                i++;
            } else if (c == '"') {
                inString = !inString;
            } else if (!inString && c == '/' && line.charAt(i + 1) == '/') {
                return i;
            }
        }
        return line.length();
    }

    /** Suffixes the literals of code, leaving string literals ({@code "1.5"}) as they are. */
    private static String suffixLiterals(String code) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < code.length()) {
            int quote = code.indexOf('"', i);
            int end = quote < 0 ? code.length() : quote;
            Matcher m = DECIMAL.matcher(code.substring(i, end));
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + "f"));
            }
            m.appendTail(sb);
            out.append(sb);
            if (quote < 0) {
                break;
            }
            int close = quote + 1;
            while (close < code.length() && code.charAt(close) != '"') {
                close += code.charAt(close) == '\\' ? 2 : 1;
            }
            close = Math.min(close + 1, code.length());
            out.append(code, quote, close);
            i = close;
        }
        return out.toString();
    }

    /** {@code "    //    x = 1;"} → {@code "       x = 1;"}: the first {@code //} becomes spaces. */
    private static String uncomment(String line) {
        int at = line.indexOf("//");
        return at < 0 ? line : line.substring(0, at) + "  " + line.substring(at + 2);
    }

    private static String indentation(String line) {
        int i = 0;
        while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        return line.substring(0, i);
    }

    private static void require(boolean ok, String where, String message) {
        if (!ok) {
            throw new IllegalArgumentException(where + ": " + message);
        }
    }
}
