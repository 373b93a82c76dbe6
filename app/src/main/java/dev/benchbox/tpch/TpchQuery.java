package dev.benchbox.tpch;

import static java.util.Objects.requireNonNull;

/**
 * One of the 22 TPC-H queries, with the specification's validation parameters substituted.
 *
 * @param number the query number, 1 to 22
 * @param sql    a single statement without a trailing semicolon, accepted unchanged by DuckDB and Spark SQL 3.5
 */
public record TpchQuery(int number, String sql) {
    public TpchQuery {
        if (number < 1 || number > TpchQueries.COUNT) {
            throw new IllegalArgumentException("TPC-H query number must be 1-22, got " + number);
        }
        requireNonNull(sql, "sql is null");
        if (sql.isBlank()) {
            throw new IllegalArgumentException("sql of Q" + number + " is blank");
        }
    }

    /** The conventional short name, {@code Q1} … {@code Q22}. */
    public String name() {
        return "Q" + number;
    }
}
