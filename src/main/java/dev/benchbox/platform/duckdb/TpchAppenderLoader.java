package dev.benchbox.platform.duckdb;

import dev.benchbox.BenchboxException;
import dev.benchbox.platform.LoadProgress;
import dev.benchbox.tpch.TpchSchema;
import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Generates TPC-H data with io.trino.tpch and streams it straight into DuckDB through appenders,
 * split into parts that run in parallel on all cores. Each table is loaded into a staging table and
 * swapped in only when complete, so a failed or interrupted load keeps the data that was there.
 */
final class TpchAppenderLoader {
    static final String STAGING_SUFFIX = StagingTables.SUFFIX;
    private static final int PROGRESS_STEP = 10_000;

    private final DuckDBConnection connection;
    private final String schema;
    private final double scale;

    TpchAppenderLoader(DuckDBConnection connection, String schema, double scale) {
        this.connection = connection;
        this.schema = schema;
        this.scale = scale;
    }

    void load(List<String> tables, LoadProgress progress) {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        long totalRows = 0;
        List<Part> parts = new ArrayList<>();
        for (String table : tables) {
            long rows = estimatedRows(table, scale);
            totalRows += rows;
            // big tables are cut into several parts per core so the cores stay busy to the end
            int partCount = rows < 100_000 ? 1 : Math.max(1, (int) Math.min(threads * 4L, rows / 50_000));
            for (int part = 1; part <= partCount; part++) {
                parts.add(new Part(table, part, partCount));
            }
        }
        createStagingTables(tables);
        progress.start("Generating TPC-H SF" + TpchSchema.formatScale(scale), totalRows);
        List<ParallelParts.Part> tasks = new ArrayList<>();
        for (Part part : parts) {
            tasks.add(() -> appendPart(part, progress));
        }
        ParallelParts.run("tpch-load", "TPC-H", threads, tasks, () -> dropStagingTables(tables));
        try {
            progress.done();
            for (String table : tables) {
                replace(connection, schema, table, TpchSchema.formatScale(scale));
            }
        } catch (SQLException e) {
            dropStagingTables(tables);
            throw SqlErrors.toUserError(e);
        }
    }

    private void createStagingTables(List<String> tables) {
        StagingTables.create(connection, schema, tables, TpchSchema::createTableSql);
    }

    private void dropStagingTables(List<String> tables) {
        StagingTables.drop(connection, schema, tables);
    }

    /** Swaps the staging table in for the real one in one transaction and records the TPC-H scale. */
    static void replace(DuckDBConnection connection, String schema, String table, String tpchScale) throws SQLException {
        String target = DuckDbPlatform.qualified(schema, table);
        String staging = DuckDbPlatform.qualified(schema, table + STAGING_SUFFIX);
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + target);
            statement.execute("ALTER TABLE " + staging + " RENAME TO " + DuckDbPlatform.quote(table));
            String comment = tpchScale == null ? "NULL" : "'" + DuckDbPlatform.TPCH_COMMENT_PREFIX + tpchScale + "'";
            statement.execute("COMMENT ON TABLE " + target + " IS " + comment);
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void appendPart(Part part, LoadProgress progress) throws SQLException {
        TpchTable table = TpchSchema.table(part.table());
        List<TpchColumn> columns = table.getColumns();
        int width = columns.size();
        ColumnKind[] kinds = new ColumnKind[width];
        for (int i = 0; i < width; i++) {
            kinds[i] = ColumnKind.of(columns.get(i));
        }
        try (DuckDBConnection duplicate = (DuckDBConnection) connection.duplicate();
                DuckDBAppender appender = duplicate.createAppender(schema, part.table() + STAGING_SUFFIX)) {
            int pending = 0;
            Iterable<TpchEntity> rows = table.createGenerator(scale, part.part(), part.partCount());
            for (TpchEntity row : rows) {
                appender.beginRow();
                for (int i = 0; i < width; i++) {
                    TpchColumn column = columns.get(i);
                    switch (kinds[i]) {
                        case IDENTIFIER -> appender.append(column.getIdentifier(row));
                        case INTEGER -> appender.append(column.getInteger(row));
                        case DATE -> appender.appendEpochDays(column.getDate(row));
                        case MONEY -> appender.appendDecimal(Math.round(column.getDouble(row) * 100));
                        case VARCHAR -> appender.append(column.getString(row));
                    }
                }
                appender.endRow();
                if (++pending == PROGRESS_STEP) {
                    progress.advance(pending);
                    pending = 0;
                    if (Thread.currentThread().isInterrupted()) {
                        throw new BenchboxException("load cancelled");
                    }
                }
            }
            appender.flush();
            progress.advance(pending);
        }
    }

    /** Approximate row counts, for progress only: the exact counts are read back after loading. */
    static long estimatedRows(String table, double scale) {
        return switch (table) {
            case "region" -> 5;
            case "nation" -> 25;
            case "supplier" -> (long) (10_000 * scale);
            case "customer" -> (long) (150_000 * scale);
            case "part" -> (long) (200_000 * scale);
            case "partsupp" -> (long) (800_000 * scale);
            case "orders" -> (long) (1_500_000 * scale);
            case "lineitem" -> (long) (6_001_215 * scale);
            default -> throw new IllegalArgumentException(table);
        };
    }

    private enum ColumnKind {
        IDENTIFIER, INTEGER, DATE, MONEY, VARCHAR;

        static ColumnKind of(TpchColumn<?> column) {
            return switch (column.getType().getBase()) {
                case IDENTIFIER -> IDENTIFIER;
                case INTEGER -> INTEGER;
                case DATE -> DATE;
                case DOUBLE -> MONEY;
                case VARCHAR -> VARCHAR;
            };
        }
    }

    private record Part(String table, int part, int partCount) {
    }
}
