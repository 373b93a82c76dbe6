package dev.benchbox.tpcds;

import static java.util.Objects.requireNonNull;

/**
 * One statement of the 99 TPC-DS queries, with the qualification substitution parameters. Queries 14, 23, 24 and
 * 39 have two parts ({@code a}, {@code b}); the others one (part empty).
 *
 * @param number the query number, 1 to 99
 * @param part   {@code ""}, {@code "a"} or {@code "b"}
 * @param sql    a single statement without a trailing semicolon, accepted by DuckDB and Spark SQL 3.5
 */
public record TpcdsQuery(int number, String part, String sql) {
    public TpcdsQuery {
        if (number < 1 || number > TpcdsQueries.COUNT) {
            throw new IllegalArgumentException("TPC-DS query number must be 1-99, got " + number);
        }
        requireNonNull(part, "part is null");
        if (!part.isEmpty() && !part.equals("a") && !part.equals("b")) {
            throw new IllegalArgumentException("part of Q" + number + " must be empty, a or b, got '" + part + "'");
        }
        requireNonNull(sql, "sql is null");
        if (sql.isBlank()) {
            throw new IllegalArgumentException("sql of Q" + number + part + " is blank");
        }
    }

    /** The conventional short name: {@code Q1} … {@code Q99}, {@code Q14a}, {@code Q14b}. */
    public String name() {
        return "Q" + number + part;
    }
}
