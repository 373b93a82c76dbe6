package dev.benchbox.platform.duckdb;

import dev.benchbox.BenchboxException;
import dev.benchbox.dataset.DataSet;
import dev.benchbox.dataset.Scale;
import dev.benchbox.platform.LoadProgress;
import dev.benchbox.tpcds.TpcdsGeneration;
import dev.benchbox.tpcds.TpcdsSchema;
import dev.benchbox.tpch.TpchSchema;
import io.trino.tpcds.Results;
import io.trino.tpcds.Scaling;
import io.trino.tpcds.Session;
import io.trino.tpcds.Table;
import io.trino.tpcds.column.Column;
import io.trino.tpcds.column.ColumnType;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Generates TPC-DS data with io.trino.tpcds and streams it into DuckDB through appenders, in chunks that run in
 * parallel on all cores ({@code Session.withParallelism(n).withChunkNumber(k)}, as dsdgen's {@code -parallel}
 * / {@code -child}). A sales table and its returns come out of one generator, so they are generated together.
 * Each table is loaded into a staging table and swapped in only when every table is complete, so a failed or
 * interrupted load keeps the data that was there.
 */
final class TpcdsAppenderLoader {
    static final String STAGING_SUFFIX = StagingTables.SUFFIX;
    private static final int PROGRESS_STEP = 10_000;
    /** Below this many rows a table is one chunk: chunking has a fixed cost and small tables are quick. */
    private static final long CHUNK_ROWS = 200_000;

    private final DuckDBConnection connection;
    private final String schema;
    private final double scale;
    /** {@code TPC-H SF1}, as the progress bar names the work. */
    private final String title;
    /** The comment each table gets, recording the scale it holds. */
    private final String scaleComment;

    TpcdsAppenderLoader(DuckDBConnection connection, String schema, DataSet dataSet, Scale scale) {
        this.connection = connection;
        this.schema = schema;
        this.scale = scale.value();
        this.title = dataSet.title() + " SF" + scale.text();
        this.scaleComment = dataSet.scaleComment() + scale.text();
    }

    void load(List<String> tables, LoadProgress progress) {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        Scaling scaling = new Scaling(scale);
        // A returns table comes only out of its sales table's generator.
        Set<Table> generated = new LinkedHashSet<>();
        for (String name : tables) {
            generated.add(TpcdsGeneration.generator(TpcdsSchema.table(name)));
        }
        List<Chunk> chunks = new ArrayList<>();
        long totalRows = 0;
        for (Table table : generated) {
            long rows = scaling.getRowCount(table);
            totalRows += rows;
            int chunkCount = table.isSmall() || rows < CHUNK_ROWS ? 1
                    : (int) Math.max(1, Math.min(threads * 4L, rows / CHUNK_ROWS));
            for (int chunk = 1; chunk <= chunkCount; chunk++) {
                chunks.add(new Chunk(table, chunk, chunkCount));
            }
        }
        // Biggest tables first, so the small ones fill the gaps at the end.
        chunks.sort((a, b) -> Long.compare(scaling.getRowCount(b.table()) / b.count(),
                scaling.getRowCount(a.table()) / a.count()));
        createStagingTables(tables);
        progress.start("Generating " + title, totalRows);
        List<ParallelParts.Part> tasks = new ArrayList<>();
        for (Chunk chunk : chunks) {
            tasks.add(() -> appendChunk(chunk, tables, progress));
        }
        ParallelParts.run("tpcds-load", "TPC-DS", threads, tasks, () -> dropStagingTables(tables));
        // the bar ends before the tables swap in, so what follows starts on a clean line
        progress.done();
        try {
            replace(tables);
        } catch (SQLException e) {
            dropStagingTables(tables);
            throw SqlErrors.toUserError(e);
        }
    }

    private void appendChunk(Chunk chunk, List<String> tables, LoadProgress progress) throws SQLException {
        Table table = chunk.table();
        boolean parentWanted = tables.contains(table.getName());
        boolean childWanted = table.hasChild() && tables.contains(table.getChild().getName());
        Session session = Session.getDefaultSession()
                .withScale(scale)
                .withParallelism(chunk.count())
                .withChunkNumber(chunk.number());
        try (DuckDBConnection duplicate = (DuckDBConnection) connection.duplicate();
                RowWriter parent = parentWanted ? new RowWriter(duplicate, table) : null;
                RowWriter child = childWanted ? new RowWriter(duplicate, table.getChild()) : null) {
            int pending = 0;
            for (List<List<String>> rows : Results.constructResults(table, session)) {
                if (parent != null) {
                    parent.append(rows.get(0));
                }
                // Rows after the first are the sale's returns, when it has any.
                for (int i = 1; child != null && i < rows.size(); i++) {
                    child.append(rows.get(i));
                }
                if (++pending == PROGRESS_STEP) {
                    progress.advance(pending);
                    pending = 0;
                    if (Thread.currentThread().isInterrupted()) {
                        throw new BenchboxException("load cancelled");
                    }
                }
            }
            progress.advance(pending);
        }
    }

    /** Appends generated rows, as text, to one staging table with the column's own type. */
    private final class RowWriter implements AutoCloseable {
        private final DuckDBAppender appender;
        private final Column[] columns;

        RowWriter(DuckDBConnection connection, Table table) throws SQLException {
            this.appender = connection.createAppender(schema, table.getName() + STAGING_SUFFIX);
            this.columns = table.getColumns();
        }

        void append(List<String> values) throws SQLException {
            appender.beginRow();
            for (int i = 0; i < columns.length; i++) {
                String value = values.get(i);
                // The generator writes NULL as its session's null string, which is empty.
                if (value == null || value.isEmpty()) {
                    appender.appendNull();
                    continue;
                }
                switch (columns[i].getType().getBase()) {
                    case IDENTIFIER -> appender.append(Long.parseLong(value));
                    case INTEGER -> appender.append(Integer.parseInt(value));
                    case DECIMAL -> appendDecimal(columns[i].getType(), value);
                    case DATE -> appender.appendEpochDays(TpcdsGeneration.epochDays(value));
                    case CHAR, VARCHAR, TIME -> appender.append(value);
                }
            }
            appender.endRow();
        }

        /** DuckDB stores a decimal in the smallest integer its precision fits, and the appender wants that one. */
        private void appendDecimal(ColumnType type, String value) throws SQLException {
            long unscaled = TpcdsGeneration.unscaled(value, type.getScale().orElseThrow());
            int precision = type.getPrecision().orElseThrow();
            if (precision <= 4) {
                appender.appendDecimal((short) unscaled);
            } else if (precision <= 9) {
                appender.appendDecimal((int) unscaled);
            } else {
                appender.appendDecimal(unscaled);
            }
        }

        @Override
        public void close() throws SQLException {
            appender.flush();
            appender.close();
        }
    }

    private void createStagingTables(List<String> tables) {
        StagingTables.create(connection, schema, tables, TpcdsSchema::createTableSql);
    }

    private void dropStagingTables(List<String> tables) {
        StagingTables.drop(connection, schema, tables);
    }

    /** Swaps every staging table in, in one transaction, and records the scale in each table's comment. */
    private void replace(List<String> tables) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            for (String table : tables) {
                String target = DuckDbPlatform.qualified(schema, table);
                statement.execute("DROP TABLE IF EXISTS " + target);
                statement.execute("ALTER TABLE " + DuckDbPlatform.qualified(schema, table + STAGING_SUFFIX)
                        + " RENAME TO " + DuckDbPlatform.quote(table));
                statement.execute("COMMENT ON TABLE " + target + " IS '" + scaleComment + "'");
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private record Chunk(Table table, int number, int count) {
    }
}
