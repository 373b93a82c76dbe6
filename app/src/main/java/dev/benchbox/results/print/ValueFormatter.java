package dev.benchbox.results.print;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.HexFormat;

/**
 * Renders one result value as text, the same way for every output format, so a value reads the same
 * in a table, a CSV file or a JSON string. {@code null} is not a value here: each format shows it its own way.
 */
public final class ValueFormatter {
    // Plain notation stays readable (at most ~16 digits) inside this range; beyond it exponents are clearer.
    private static final double PLAIN_MIN = 1e-6;
    private static final double PLAIN_MAX = 1e15;

    private ValueFormatter() {}

    /**
     * Formats a value: {@link BigDecimal} in plain notation (exact, no exponent); {@link Double} and
     * {@link Float} in plain notation between 1e-6 and 1e15; dates {@code yyyy-MM-dd}; timestamps and times ISO-8601
     * (seconds always shown); {@code byte[]} as lower-case hex; anything else via {@code toString()}.
     */
    public static String format(Object value) {
        requireNonNull(value, "value is null");
        // java.sql types first: they extend java.util.Date, whose toString is neither ISO nor zone-free.
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Double d) {
            return formatFloatingPoint(d, Double.toString(d));
        }
        if (value instanceof Float f) {
            // Float.toString, not the widened double, so 0.1f prints as 0.1 rather than 0.10000000149011612.
            return formatFloatingPoint(f, Float.toString(f));
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate().toString();
        }
        if (value instanceof Timestamp timestamp) {
            return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(timestamp.toLocalDateTime());
        }
        if (value instanceof Time time) {
            return DateTimeFormatter.ISO_LOCAL_TIME.format(time.toLocalTime());
        }
        if (value instanceof LocalDate date) {
            return date.toString();
        }
        // LocalDateTime/LocalTime.toString drop zero seconds ("12:00"); the formatters always print them.
        if (value instanceof LocalDateTime dateTime) {
            return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(dateTime);
        }
        if (value instanceof LocalTime time) {
            return DateTimeFormatter.ISO_LOCAL_TIME.format(time);
        }
        if (value instanceof OffsetDateTime dateTime) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(dateTime);
        }
        if (value instanceof ZonedDateTime dateTime) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(dateTime);
        }
        if (value instanceof Date date) {
            return date.toInstant().toString();
        }
        if (value instanceof byte[] bytes) {
            return HexFormat.of().formatHex(bytes);
        }
        return value.toString();
    }

    private static String formatFloatingPoint(double value, String shortest) {
        double magnitude = Math.abs(value);
        if (!Double.isFinite(value) || shortest.indexOf('E') < 0
                || (magnitude != 0 && (magnitude < PLAIN_MIN || magnitude >= PLAIN_MAX))) {
            return shortest;
        }
        // Expand the shortest round-tripping digits, not the binary value, so 1.0E-5 becomes 0.00001.
        String plain = new BigDecimal(shortest).stripTrailingZeros().toPlainString();
        // Keep the ".0" that Double.toString shows, so a whole double still reads as floating point.
        return plain.indexOf('.') < 0 ? plain + ".0" : plain;
    }
}
