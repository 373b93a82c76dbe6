package dev.benchbox.results.print;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How query results are printed. */
public enum OutputFormat {
    /** Aligned ASCII table for the terminal (like psql or Trino CLI's aligned output). */
    TABLE,
    /** RFC 4180 CSV with a header row. */
    CSV,
    /** A JSON array of objects keyed by column name, one object per line. */
    JSON,
    /** A GitHub-flavoured Markdown table. */
    MARKDOWN;

    /**
     * Parses a format name as users type it ({@code table}, {@code CSV}, ...), ignoring case.
     *
     * @throws IllegalArgumentException if the name is not a known format; the message lists the valid ones
     */
    public static OutputFormat parse(String name) {
        requireNonNull(name, "name is null");
        for (OutputFormat format : values()) {
            if (format.name().equalsIgnoreCase(name)) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown format '" + name + "': expected one of " + names());
    }

    /** The name users type, e.g. {@code markdown}. */
    public String displayName() {
        return name().toLowerCase(Locale.ROOT);
    }

    private static String names() {
        return Arrays.stream(values()).map(OutputFormat::displayName).collect(Collectors.joining(", "));
    }
}
