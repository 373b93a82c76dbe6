package dev.benchbox.benchmark;

import static java.util.Objects.requireNonNull;

import dev.benchbox.BenchboxException;
import java.math.BigDecimal;

/**
 * The scale factors a benchmark's generator honours, and the one parser of a typed {@code --scale}: from
 * {@code smallest} to {@code largest}, with no more decimal places than {@code smallest} has (so every scale is a
 * whole number of the smallest's steps, and {@code SF0.01} in a name or a Glue parameter is exactly what was typed).
 *
 * @param title         the benchmark, for messages: {@code TPC-H}
 * @param smallest      the smallest scale its generator makes as asked
 * @param largest       the largest scale the TPC defines for it
 * @param belowSmallest what the generator does below {@code smallest}, as a clause: {@code the TPC-H generator makes no supplier rows}
 */
public record ScaleRange(String title, BigDecimal smallest, BigDecimal largest, String belowSmallest) {
    public ScaleRange {
        requireNonNull(title, "title is null");
        requireNonNull(smallest, "smallest is null");
        requireNonNull(largest, "largest is null");
        requireNonNull(belowSmallest, "belowSmallest is null");
        if (smallest.signum() <= 0 || smallest.compareTo(largest) > 0) {
            throw new IllegalArgumentException("invalid scale range " + smallest + " to " + largest);
        }
    }

    /** Decimal places a scale may have: those of the smallest. */
    public int decimals() {
        return Math.max(0, smallest.stripTrailingZeros().scale());
    }

    /** Whether the generator honours this scale. */
    public boolean contains(double scale) {
        if (!Double.isFinite(scale)) {
            return false;
        }
        BigDecimal value = new BigDecimal(Double.toString(scale));
        return value.compareTo(smallest) >= 0 && value.compareTo(largest) <= 0
                && value.stripTrailingZeros().scale() <= decimals();
    }

    /** A typed scale factor, checked against the range; a one-line {@link BenchboxException} naming the range otherwise. */
    public double parse(String text) {
        BigDecimal value;
        try {
            value = new BigDecimal(text.trim());
        } catch (NumberFormatException | NullPointerException e) {
            throw refused(text, "not a number");
        }
        if (value.signum() <= 0) {
            throw refused(text, "it must be greater than 0");
        }
        if (value.compareTo(smallest) < 0) {
            throw refused(text, "below " + smallest.toPlainString() + " " + belowSmallest);
        }
        if (value.compareTo(largest) > 0) {
            throw refused(text, "above " + largest.toPlainString() + ", the largest scale the TPC defines");
        }
        if (value.stripTrailingZeros().scale() > decimals()) {
            throw refused(text, "too many decimal places");
        }
        return value.doubleValue();
    }

    private BenchboxException refused(String text, String why) {
        return new BenchboxException("invalid scale factor '" + text + "': " + why + "; " + title + " takes "
                + smallest.toPlainString() + " to " + largest.toPlainString() + " with at most " + decimals()
                + " decimal places (e.g. 0.01 or 1)");
    }
}
