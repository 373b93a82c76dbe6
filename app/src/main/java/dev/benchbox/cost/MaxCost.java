package dev.benchbox.cost;

import static java.util.Objects.requireNonNull;

import dev.benchbox.BenchboxException;
import java.math.BigDecimal;

/**
 * The {@code --max-cost USD} guard on {@code run} and {@code query}: work whose estimate exceeds the limit is not
 * started. The exact estimate is compared; the refusal shows it rounded up to the cent (as every estimate is
 * shown), so it never reads "$0.02 exceeds $0.02".
 */
public final class MaxCost {

    private MaxCost() {
    }

    /**
     * Reads a {@code --max-cost} value: a non-negative dollar amount such as {@code 5}, {@code 0.50} or {@code $2}.
     *
     * @throws BenchboxException (one line) for anything else: empty, not a number, NaN, infinite, negative
     */
    public static BigDecimal parse(String text) {
        String s = text == null ? "" : text.trim();
        String digits = s.startsWith("$") ? s.substring(1).trim() : s;
        BigDecimal usd;
        try {
            // BigDecimal rejects NaN, Infinity and hex floats, which is what we want from a user's dollar amount.
            usd = new BigDecimal(digits);
        } catch (NumberFormatException e) {
            throw new BenchboxException("--max-cost must be an amount in US dollars such as 5 or 0.50, not '" + s + "'");
        }
        return nonNegative(usd, s);
    }

    /** A {@code --max-cost} that arrived as a double (a typed shell option). */
    public static BigDecimal of(double usd) {
        if (Double.isNaN(usd) || Double.isInfinite(usd)) {
            throw new BenchboxException("--max-cost must be an amount in US dollars such as 5 or 0.50, not " + usd);
        }
        return nonNegative(BigDecimal.valueOf(usd), BigDecimal.valueOf(usd).toPlainString());
    }

    /**
     * Refuses work estimated above the limit.
     *
     * @throws BenchboxException {@code estimated cost $X.XX exceeds --max-cost $Y.YY: not started}
     */
    public static void check(BigDecimal estimateUsd, BigDecimal maxUsd) {
        requireNonNull(estimateUsd, "estimateUsd is null");
        requireNonNull(maxUsd, "maxUsd is null");
        if (estimateUsd.compareTo(maxUsd) > 0) {
            throw new BenchboxException("estimated cost " + Usd.estimate(estimateUsd) + " exceeds --max-cost "
                    + Usd.limit(maxUsd) + ": not started");
        }
    }

    /** {@link #check(BigDecimal, BigDecimal)} against an estimate. */
    public static void check(CostEstimate estimate, BigDecimal maxUsd) {
        check(requireNonNull(estimate, "estimate is null").usd(), maxUsd);
    }

    private static BigDecimal nonNegative(BigDecimal usd, String text) {
        if (usd.signum() < 0) {
            throw new BenchboxException("--max-cost must not be negative, not " + text);
        }
        return usd;
    }
}
