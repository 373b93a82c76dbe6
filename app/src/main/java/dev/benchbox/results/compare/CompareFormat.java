package dev.benchbox.results.compare;

import dev.benchbox.BenchboxException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The formats {@code compare} prints. */
public enum CompareFormat {
    TABLE, MARKDOWN, JSON, HTML;

    public static CompareFormat parse(String name) {
        for (CompareFormat format : values()) {
            if (format.name().equalsIgnoreCase(name)) {
                return format;
            }
        }
        throw new BenchboxException("unknown format '" + name + "': expected one of "
                + Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
    }
}
