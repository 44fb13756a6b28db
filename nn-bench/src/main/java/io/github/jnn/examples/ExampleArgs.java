package io.github.jnn.examples;

import io.github.jnn.kernels.KernelThreads;

import java.util.function.Function;

/**
 * The examples' command-line options, read one at a time. A missing or malformed value or an unknown option is
 * a {@link UsageError} naming it; the example prints it with its usage and exits with status 2
 * ({@link #exit}), before any data is loaded or any file written.
 */
final class ExampleArgs {
    /** A bad command line; the message names the option and the value. */
    static final class UsageError extends RuntimeException {
        UsageError(String message) {
            super(message);
        }
    }

    private final String[] args;
    private int at = -1;

    ExampleArgs(String[] args) {
        this.args = args;
    }

    /** The next option, or null after the last. */
    String next() {
        return ++at < args.length ? args[at] : null;
    }

    /** The current option's value. */
    String value() {
        if (at + 1 >= args.length) {
            throw new UsageError(args[at] + " needs a value");
        }
        return args[++at];
    }

    /** The current option's value, a whole number of at least 1. */
    int count() {
        String option = args[at];
        String v = value();
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new UsageError(option + " needs a whole number of at least 1, got '" + v + "'");
    }

    /** The current option's value read by {@code parse}; what {@code parse} refuses becomes the error. */
    <T> T value(Function<String, T> parse) {
        String option = args[at];
        String v = value();
        try {
            return parse.apply(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageError(option + " needs a whole number, got '" + v + "'");
        } catch (IllegalArgumentException | IllegalStateException e) { // a bad name; the vector set unavailable
            throw new UsageError(option + " " + v + ": " + e.getMessage());
        }
    }

    /** The current option's value as the kernel threads' count ({@code KernelThreads.set}). */
    void threads() {
        value(v -> {
            KernelThreads.set(Integer.parseInt(v));
            return v;
        });
    }

    /** The error for the current option, which is not one the example knows. */
    UsageError unknown() {
        return new UsageError("unknown option " + args[at]);
    }

    /** Prints {@code e} and {@code usage} to stderr and exits with status 2. */
    static void exit(UsageError e, String usage) {
        System.err.println(e.getMessage());
        System.err.println("usage: " + usage);
        System.exit(2);
    }
}
