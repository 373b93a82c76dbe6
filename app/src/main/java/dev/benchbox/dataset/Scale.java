package dev.benchbox.dataset;

import java.math.BigDecimal;

/**
 * A benchmark's scale factor: positive and finite, and written the one way everything shows, names and records it
 * ({@code 0.01}, {@code 1}, {@code 1000}: no exponent, no trailing zeros), in messages, folders, Glue parameters and
 * DuckDB table comments alike.
 *
 * @param value the scale factor
 */
public record Scale(double value) {
    public Scale {
        if (!Double.isFinite(value) || value <= 0) {
            throw new IllegalArgumentException("a scale factor must be a positive number, not " + value);
        }
    }

    public static Scale of(double value) {
        return new Scale(value);
    }

    /** The scale as written: {@code 0.01}, {@code 1}, {@code 100}. */
    public String text() {
        return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
    }

    /** {@link #text()}. */
    @Override
    public String toString() {
        return text();
    }
}
