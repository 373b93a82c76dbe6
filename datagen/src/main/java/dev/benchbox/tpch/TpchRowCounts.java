package dev.benchbox.platform.emr;

import java.util.Map;

/**
 * How many rows each TPC-H table has at a scale, for checking a data set someone else generated ({@code --from}).
 * Every table but lineitem is an exact multiple of the scale (dbgen and io.trino.tpch agree); lineitem has 1 to 7
 * rows per order, so its count is known exactly only where it was counted (the TPC-H kit's published scales, and
 * the small ones this project's tests generate) and otherwise must lie within 0.1% of 6,000,000 × SF.
 */
final class TpchRowCounts {
    private static final Map<String, Long> PER_SF = Map.of("supplier", 10_000L, "customer", 150_000L, "part", 200_000L,
            "partsupp", 800_000L, "orders", 1_500_000L);
    private static final Map<Double, Long> LINEITEM = Map.ofEntries(Map.entry(0.01, 60_175L), Map.entry(0.1, 600_572L),
            Map.entry(1.0, 6_001_215L), Map.entry(10.0, 59_986_052L), Map.entry(30.0, 179_998_372L),
            Map.entry(100.0, 600_037_902L), Map.entry(300.0, 1_799_989_091L), Map.entry(1000.0, 5_999_989_709L),
            Map.entry(3000.0, 18_000_048_306L), Map.entry(10000.0, 59_999_994_267L));
    static final double LINEITEM_TOLERANCE = 0.001;

    private TpchRowCounts() {
    }

    /** Whether {@code rows} is what {@code table} holds at {@code scale}. */
    static boolean matches(String table, double scale, long rows) {
        if (table.equals("lineitem") && !LINEITEM.containsKey(scale)) {
            double expected = 6_000_000.0 * scale;
            return Math.abs(rows - expected) <= expected * LINEITEM_TOLERANCE;
        }
        return rows == expected(table, scale);
    }

    /** The exact count, or for lineitem at an uncounted scale the centre of its range. */
    static long expected(String table, double scale) {
        return switch (table) {
            case "nation" -> 25;
            case "region" -> 5;
            case "lineitem" -> LINEITEM.getOrDefault(scale, Math.round(6_000_000.0 * scale));
            default -> (long) (PER_SF.get(table) * scale);
        };
    }

    /** The expectation in words: {@code 15,000} or {@code about 60,000,000 (within 0.1%)}. */
    static String describe(String table, double scale) {
        String count = String.format(java.util.Locale.ROOT, "%,d", expected(table, scale));
        return table.equals("lineitem") && !LINEITEM.containsKey(scale) ? "about " + count + " (within 0.1%)" : count;
    }
}
