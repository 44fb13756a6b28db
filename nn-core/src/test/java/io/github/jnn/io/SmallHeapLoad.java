package io.github.jnn.io;

import io.github.jnn.nn.Linear;
import io.github.jnn.random.NumpyRandom;

import java.nio.file.Path;

/** Loads one file in the JVM it is started in (a small heap, by the test) and prints how it ended. */
public final class SmallHeapLoad {
    private SmallHeapLoad() {
    }

    public static void main(String[] args) {
        Path file = Path.of(args[1]);
        try {
            switch (args[0]) {
                case "idx":
                    IdxFiles.readImages(file);
                    break;
                case "csv":
                    CsvFiles.read(file);
                    break;
                default:
                    SafeTensors.load(new Linear(2, 1, new NumpyRandom(0)), file);
            }
            System.out.println("loaded");
        } catch (Throwable t) {
            System.out.println(t.getClass().getSimpleName() + ": " + t.getMessage());
        }
    }
}
