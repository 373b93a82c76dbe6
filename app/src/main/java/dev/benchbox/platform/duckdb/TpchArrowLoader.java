package dev.benchbox.platform.duckdb;

import dev.benchbox.BenchboxException;
import dev.benchbox.dataset.DataSet;
import dev.benchbox.dataset.Scale;
import dev.benchbox.platform.LoadProgress;
import dev.benchbox.tpch.TpchRowCounts;
import dev.benchbox.tpch.TpchSchema;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.duckdb.DuckDBConnection;

/**
 * Generates TPC-H data with io.trino.tpch and streams it straight into DuckDB as Arrow batches (DuckDB scans each
 * part's stream while it is generated), split into parts that run in parallel on all cores. Each table is loaded into a staging table and
 * swapped in only when complete, so a failed or interrupted load keeps the data that was there.
 */
final class TpchArrowLoader {
    static final String STAGING_SUFFIX = StagingTables.SUFFIX;

    private final DuckDBConnection connection;
    private final String schema;
    private final double scale;
    /** {@code TPC-H SF1}, as the progress bar names the work. */
    private final String title;
    /** The comment each table gets, recording the scale it holds. */
    private final String scaleComment;
    /** Set on Ctrl-C: the batches stop at their next call, so the inserts end and the staging tables can go. */
    private final AtomicBoolean cancelled = new AtomicBoolean();

    TpchArrowLoader(DuckDBConnection connection, String schema, DataSet dataSet, Scale scale) {
        this.connection = connection;
        this.schema = schema;
        this.scale = scale.value();
        this.title = dataSet.title() + " SF" + scale.text();
        this.scaleComment = dataSet.scaleComment() + scale.text();
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
        progress.start("Generating " + title, totalRows);
        try (BufferAllocator allocator = new RootAllocator()) {
            List<ParallelParts.Part> tasks = new ArrayList<>();
            for (Part part : parts) {
                tasks.add(() -> appendPart(part, allocator, progress));
            }
            ParallelParts.run("tpch-load", "TPC-H", threads, tasks, () -> cancelled.set(true), () -> dropStagingTables(tables));
        }
        try {
            progress.done();
            for (String table : tables) {
                replace(connection, schema, table, scaleComment);
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

    /** Swaps the staging table in for the real one in one transaction, with the comment (the scale it records, or none). */
    static void replace(DuckDBConnection connection, String schema, String table, String scaleComment) throws SQLException {
        String target = DuckDbPlatform.qualified(schema, table);
        String staging = DuckDbPlatform.qualified(schema, table + STAGING_SUFFIX);
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + target);
            statement.execute("ALTER TABLE " + staging + " RENAME TO " + DuckDbPlatform.quote(table));
            String comment = scaleComment == null ? "NULL" : "'" + scaleComment + "'";
            statement.execute("COMMENT ON TABLE " + target + " IS " + comment);
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /**
     * Streams one part into its staging table: DuckDB scans the part's Arrow batches as they are generated. Each part
     * has its own connection, so the parts' inserts run side by side.
     */
    private void appendPart(Part part, BufferAllocator allocator, LoadProgress progress) throws SQLException {
        String stream = "tpch_" + part.table() + "_part" + part.part();
        try (PartMemory memory = new PartMemory(allocator.newChildAllocator(stream, 0, Long.MAX_VALUE));
                ArrowArrayStream exported = ArrowArrayStream.allocateNew(memory.allocator());
                DuckDBConnection duplicate = (DuckDBConnection) connection.duplicate();
                Statement statement = duplicate.createStatement()) {
            // the exported stream owns the batches from here: releasing it (DuckDB when done, or close) closes them
            Data.exportArrayStream(memory.allocator(), new TpchArrowBatches(memory.allocator(), TpchSchema.table(part.table()),
                    scale, part.part(), part.partCount(), progress, cancelled::get), exported);
            duplicate.registerArrowStream(stream, exported);
            statement.execute("INSERT INTO " + DuckDbPlatform.qualified(schema, part.table() + STAGING_SUFFIX)
                    + " SELECT * FROM " + DuckDbPlatform.quote(stream));
        } catch (SQLException | RuntimeException e) {
            // a batch stopped by Ctrl-C surfaces as whatever DuckDB or Arrow made of it: say what happened
            if (cancelled.get()) {
                throw new BenchboxException("load cancelled");
            }
            throw e;
        }
    }

    /**
     * A part's allocator, closed once DuckDB has released the part's last batch: it may do so from its own threads just
     * after the statement ended, and closing before that reports the batch as leaked (and failed the load).
     */
    private record PartMemory(BufferAllocator allocator) implements AutoCloseable {
        @Override
        public void close() {
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
            while (allocator.getAllocatedMemory() > 0 && System.nanoTime() < deadline) {
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
            }
            allocator.close();
        }
    }

    /** Approximate row counts, for progress only: the exact counts are read back after loading. */
    static long estimatedRows(String table, double scale) {
        return TpchRowCounts.expected(table, scale);
    }

    private record Part(String table, int part, int partCount) {
    }
}
