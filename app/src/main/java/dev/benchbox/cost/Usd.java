package dev.benchbox.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How dollar amounts are shown. Costs that happened are rounded to the nearest cent; estimates are rounded up, so
 * that an estimate shown as $0.05 never exceeds a {@code --max-cost} of 0.05.
 */
public final class Usd {

    private static final BigDecimal HALF_CENT = new BigDecimal("0.005");

    private Usd() {
    }

    /** e.g. {@code $1.23}; a cost that is not zero but rounds to it shows as {@code <$0.01}, so it isn't mistaken for free. */
    public static String cost(BigDecimal usd) {
        if (usd.signum() > 0 && usd.compareTo(HALF_CENT) < 0) {
            return "<$0.01";
        }
        return "$" + usd.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    /** An estimate, rounded up to the cent: {@code $0.05} for 0.0403. */
    public static String estimate(BigDecimal usd) {
        return "$" + roundUpToCent(usd).toPlainString();
    }

    /** Rounded up to a whole cent. */
    public static BigDecimal roundUpToCent(BigDecimal usd) {
        return usd.setScale(2, RoundingMode.CEILING);
    }

    /** A limit as the user gave it, with at least cents: {@code $5.00}, {@code $0.015}. */
    public static String limit(BigDecimal usd) {
        BigDecimal plain = usd.stripTrailingZeros();
        return "$" + (plain.scale() < 2 ? usd.setScale(2, RoundingMode.UNNECESSARY) : plain).toPlainString();
    }
}
