package dev.benchbox.results;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The names of what Spark reports a query read, shuffled and spilled (a result's {@code metrics}), summed over the
 * query's successful tasks as the Spark UI's stage pages show them, and how they are written for people.
 */
public final class SparkMetrics {
    /** Rows read from storage (the scans' input records). */
    public static final String INPUT_ROWS = "input_rows";
    /** Bytes read from storage. */
    public static final String INPUT_BYTES = "input_bytes";
    /** Rows written to shuffle files (the exchanges between stages). */
    public static final String SHUFFLE_WRITE_ROWS = "shuffle_write_rows";
    /** Bytes written to shuffle files. */
    public static final String SHUFFLE_WRITE_BYTES = "shuffle_write_bytes";
    /** Bytes read from shuffle files, local and remote. */
    public static final String SHUFFLE_READ_BYTES = "shuffle_read_bytes";
    /** Bytes spilled to disk because memory ran short. */
    public static final String SPILL_BYTES = "spill_bytes";
    /** Every name, in the order the job writes them. */
    public static final List<String> NAMES = List.of(INPUT_ROWS, INPUT_BYTES, SHUFFLE_WRITE_ROWS, SHUFFLE_WRITE_BYTES,
            SHUFFLE_READ_BYTES, SPILL_BYTES);

    private SparkMetrics() {
    }

    /** What a figure is called for people: {@code rows read}, {@code shuffle write}. */
    public static String label(String name) {
        return switch (name) {
            case INPUT_ROWS -> "rows read";
            case INPUT_BYTES -> "bytes read";
            case SHUFFLE_WRITE_ROWS -> "rows shuffled";
            case SHUFFLE_WRITE_BYTES -> "shuffle write";
            case SHUFFLE_READ_BYTES -> "shuffle read";
            case SPILL_BYTES -> "spilled";
            default -> name;
        };
    }

    /** A figure for people: bytes as {@link #bytes}, rows as {@link #count}. */
    public static String format(String name, double value) {
        return name.endsWith("_bytes") ? bytes(value) : count(value);
    }

    /** {@code 6005}, {@code 60.2k}, {@code 6.00M}, {@code 600M}, {@code 6.00G}: exact below ten thousand. */
    public static String count(double n) {
        if (Math.abs(n) < 10_000) {
            return String.format(Locale.ROOT, "%.0f", n);
        }
        String[] units = {"k", "M", "G", "T"};
        double v = n;
        int unit = -1;
        while (Math.abs(v) >= 1000 && unit < units.length - 1) {
            v /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.0f%s" : Math.abs(v) >= 10 ? "%.1f%s" : "%.2f%s", v, units[unit]);
    }

    /** Bytes in binary units as Spark's UI writes them: {@code 0 B}, {@code 812 B}, {@code 1.9 MiB}. */
    public static String bytes(double n) {
        if (Math.abs(n) < 1024) {
            return String.format(Locale.ROOT, "%.0f B", n);
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int unit = -1;
        while (Math.abs(v) >= 1024 && unit < units.length - 1) {
            v /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[unit]);
    }

    /** {@code read 60.2k rows}: what the compact per-query line says; empty without the figure. */
    public static String readSummary(Map<String, Long> metrics) {
        Long rows = metrics.get(INPUT_ROWS);
        return rows == null ? "" : "read " + count(rows) + (rows == 1 ? " row" : " rows");
    }
}
