package dev.benchbox.tpch;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/** How a query's answer is checked. */
public enum ValidationMode {
    /** Compare every value with the reference answer; row counts only where no reference answer exists. */
    EXACT,
    /** Compare only the number of rows. */
    ROWCOUNT,
    /**
     * Compare every value with the answer DuckDB computes in-process over the same data (this machine's data cache):
     * for scales no reference answers cover.
     */
    CROSS,
    /** Do not check answers. */
    OFF;

    /**
     * Parses {@code exact}, {@code rowcount}, {@code cross} or {@code off}, ignoring case and surrounding blanks.
     *
     * @throws IllegalArgumentException naming the value, in one line, for anything else
     */
    public static ValidationMode parse(String text) {
        requireNonNull(text, "text is null");
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "exact" -> EXACT;
            case "rowcount" -> ROWCOUNT;
            case "cross" -> CROSS;
            case "off" -> OFF;
            default -> throw new IllegalArgumentException(
                    "unknown validation mode '" + text + "': expected exact, rowcount, cross or off");
        };
    }
}
