package dev.benchbox.datagen;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code decimal(p,s)} column type, as DuckDB, Spark and Glue write it (any case, optional space after the
 * comma). The one reading of that notation for the shell and the Spark job.
 *
 * @param precision total digits, at least 1
 * @param scale     digits after the point, 0 to {@code precision}
 */
public record DecimalType(int precision, int scale) {
    private static final Pattern DECIMAL = Pattern.compile("decimal\\((\\d+),\\s*(\\d+)\\)");

    /** Checks 1 ≤ precision and 0 ≤ scale ≤ precision. */
    public DecimalType {
        if (precision < 1 || scale < 0 || scale > precision) {
            throw new IllegalArgumentException("not a decimal type: decimal(" + precision + "," + scale + ")");
        }
    }

    /** The decimal type {@code type} names, or empty when it names another type (or a malformed decimal). */
    public static Optional<DecimalType> parse(String type) {
        Matcher m = DECIMAL.matcher(type.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new DecimalType(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
        } catch (IllegalArgumentException e) { // digits beyond int, or scale above precision
            return Optional.empty();
        }
    }

    /** {@code decimal(p,s)}, as Hive and Glue declare it. */
    @Override
    public String toString() {
        return "decimal(" + precision + "," + scale + ")";
    }
}
