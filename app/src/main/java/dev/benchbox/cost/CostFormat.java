package dev.benchbox.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;

/** Number and duration formats shared by the cost printers, so the report and the estimate read alike. */
final class CostFormat {

    private CostFormat() {
    }

    /** {@code 45s}, {@code 5m 00s}, {@code 1h 02m 03s}. */
    static String duration(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh %02dm %02ds", s / 3600, s % 3600 / 60, s % 60);
    }

    /** Resource-hours with the three decimals AWS reports them with. */
    static String hours(double value) {
        return BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP).toPlainString();
    }

    /** A scale factor as users type it: {@code 0.01}, {@code 1}, {@code 100}. */
    static String scale(double scale) {
        return new BigDecimal(Double.toString(scale)).stripTrailingZeros().toPlainString();
    }
}
