package dev.benchbox.platform.duckdb;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.BinaryOperator;

/**
 * The tables a generated load fills before it swaps them in for the real ones, for every benchmark's loader:
 * a failed or cancelled load leaves the schema as it was.
 */
final class StagingTables {
    /** Appended to a table's name for its staging table. */
    static final String SUFFIX = "__benchbox_loading";

    private StagingTables() {
    }

    /**
     * (Re)creates an empty staging table per table.
     *
     * @param createSql the CREATE TABLE statement for (qualified staging name, benchmark table)
     */
    static void create(Connection connection, String schema, List<String> tables, BinaryOperator<String> createSql) {
        try (Statement statement = connection.createStatement()) {
            for (String table : tables) {
                String staging = DuckDbPlatform.qualified(schema, table + SUFFIX);
                statement.execute("DROP TABLE IF EXISTS " + staging);
                statement.execute(createSql.apply(staging, table));
            }
        } catch (SQLException e) {
            throw SqlErrors.toUserError(e);
        }
    }

    /**
     * Swaps every staging table in for the real one, in one transaction, with the comment (the scale it records, or
     * none): the schema has either all the new tables or none of them.
     */
    static void replace(Connection connection, String schema, List<String> tables, String scaleComment) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            for (String table : tables) {
                String target = DuckDbPlatform.qualified(schema, table);
                statement.execute("DROP TABLE IF EXISTS " + target);
                statement.execute("ALTER TABLE " + DuckDbPlatform.qualified(schema, table + SUFFIX)
                        + " RENAME TO " + DuckDbPlatform.quote(table));
                String comment = scaleComment == null ? "NULL" : "'" + scaleComment + "'";
                statement.execute("COMMENT ON TABLE " + target + " IS " + comment);
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** Drops them, best effort: after a failed load. */
    static void drop(Connection connection, String schema, List<String> tables) {
        try (Statement statement = connection.createStatement()) {
            for (String table : tables) {
                statement.execute("DROP TABLE IF EXISTS " + DuckDbPlatform.qualified(schema, table + SUFFIX));
            }
        } catch (SQLException ignored) {
            // best effort after a failed load
        }
    }
}
