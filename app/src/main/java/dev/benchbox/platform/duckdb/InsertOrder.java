package dev.benchbox.platform.duckdb;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Supplier;

/**
 * A load's inserts with DuckDB's {@code preserve_insertion_order} off, the setting put back as it was afterwards.
 *
 * <p>Why: with it on, an {@code INSERT ... SELECT} keeps the scan's order by collecting each thread's rows and merging
 * them in order afterwards; off, each thread appends to the table directly. Measured at TPC-H SF 1 (in-memory DuckDB,
 * two cores): reading the data cache's Parquet took 4.3-4.8 CPU-s ordered and 3.4 unordered, partsupp alone 0.79 s
 * against 0.24. Nothing reads a loaded table in insertion order: every query that returns ordered rows says so, and
 * the cache's files are written by {@code COPY} outside this, in the tables' order. The setting is global in DuckDB
 * (every connection of the database), so it is restored in all cases, and a user who turned it off keeps it off.
 */
final class InsertOrder {
    private InsertOrder() {
    }

    static <T> T unordered(Connection connection, Supplier<T> work) {
        String before;
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT current_setting('preserve_insertion_order')")) {
            rs.next();
            before = rs.getString(1);
            statement.execute("SET preserve_insertion_order = false");
        } catch (SQLException e) {
            throw SqlErrors.toUserError(e);
        }
        try {
            return work.get();
        } finally {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET preserve_insertion_order = " + (Boolean.parseBoolean(before) ? "true" : "false"));
            } catch (SQLException e) {
                // the connection is gone (closed under a Ctrl-C): nothing is left to restore it on
            }
        }
    }
}
