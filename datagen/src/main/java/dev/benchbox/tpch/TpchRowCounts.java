package dev.benchbox.tpch;

import java.util.Locale;
import java.util.Map;

/**
 * How many rows each TPC-H table has at a scale: for progress, for sizing generation parts and for checking a data
 * set someone else generated ({@code --from}). Every table but lineitem is an exact multiple of the scale (dbgen
 * and io.trino.tpch agree), nation and region do not scale; lineitem has 1 to 7 rows per order, so its count is
 * known exactly only where it was counted (the TPC-H kit's published scales, and the small ones this project's tests
 * generate) and otherwise must lie within 0.1% of 6,000,000 × SF.
 */
public final class TpchRowCounts {
    /** Rows at SF 1 of the tables that scale (TPC-H specification §4.2.5); lineitem as counted at SF 1. */
    private static final Map<String, Long> PER_SF = Map.of("supplier", 10_000L, "customer", 150_000L, "part", 200_000L,
            "partsupp", 800_000L, "orders", 1_500_000L, "lineitem", 6_001_215L);
    private static final Map<String, Long> FIXED = Map.of("nation", 25L, "region", 5L);
    private static final Map<Double, Long> LINEITEM = Map.ofEntries(Map.entry(0.01, 60_175L), Map.entry(0.1, 600_572L),
            Map.entry(1.0, 6_001_215L), Map.entry(10.0, 59_986_052L), Map.entry(30.0, 179_998_372L),
            Map.entry(100.0, 600_037_902L), Map.entry(300.0, 1_799_989_091L), Map.entry(1000.0, 5_999_989_709L),
            Map.entry(3000.0, 18_000_048_306L), Map.entry(10000.0, 59_999_994_267L));
    static final double LINEITEM_TOLERANCE = 0.001;

    private TpchRowCounts() {
    }

    /** Whether the table's row count grows with the scale factor (all but nation and region). */
    public static boolean scales(String table) {
        return PER_SF.containsKey(check(table));
    }

    /** Rows at SF 1; nation and region have these at every scale. */
    public static long atScaleOne(String table) {
        check(table);
        return PER_SF.getOrDefault(table, FIXED.get(table));
    }

    /** Whether {@code rows} is what {@code table} holds at {@code scale}. */
    public static boolean matches(String table, double scale, long rows) {
        if (table.equals("lineitem") && !LINEITEM.containsKey(scale)) {
            double expected = 6_000_000.0 * scale;
            return Math.abs(rows - expected) <= expected * LINEITEM_TOLERANCE;
        }
        return rows == expected(table, scale);
    }

    /** The exact count, or for lineitem at an uncounted scale the centre of its range. */
    public static long expected(String table, double scale) {
        check(table);
        if (FIXED.containsKey(table)) {
            return FIXED.get(table);
        }
        if (table.equals("lineitem")) {
            return LINEITEM.getOrDefault(scale, Math.round(6_000_000.0 * scale));
        }
        return (long) (PER_SF.get(table) * scale);
    }

    /** The expectation in words: {@code 15,000} or {@code about 60,000,000 (within 0.1%)}. */
    public static String describe(String table, double scale) {
        String count = String.format(Locale.ROOT, "%,d", expected(table, scale));
        return table.equals("lineitem") && !LINEITEM.containsKey(scale) ? "about " + count + " (within 0.1%)" : count;
    }

    private static String check(String table) {
        if (!PER_SF.containsKey(table) && !FIXED.containsKey(table)) {
            throw new IllegalArgumentException("unknown TPC-H table '" + table + "'");
        }
        return table;
    }
}
