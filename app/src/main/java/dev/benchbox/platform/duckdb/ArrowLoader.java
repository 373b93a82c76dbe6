package dev.benchbox.platform.duckdb;

import dev.benchbox.BenchboxException;
import dev.benchbox.dataset.DataSet;
import dev.benchbox.dataset.Scale;
import dev.benchbox.platform.LoadProgress;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.duckdb.DuckDBConnection;

/**
 * Streams a TPC generator's rows straight into DuckDB as Arrow batches: DuckDB scans each part's streams while they
 * are generated, the parts running side by side on all cores ({@link ArrowGenerator} says how a generator splits and
 * what each part feeds). A part that feeds two tables (a sales table and its returns, made by one pass of the
 * generator) has one stream per table, each scanned by its own statement at the same time. Each table is loaded into a
 * staging table and all are swapped in only when complete, so a failed or interrupted load keeps the data that was there.
 */
final class ArrowLoader {
    private final DuckDBConnection connection;
    private final String schema;
    private final ArrowGenerator generator;
    private final double scale;
    /** {@code TPC-H SF1}, as the progress bar names the work. */
    private final String title;
    /** The comment each table gets, recording the scale it holds. */
    private final String scaleComment;
    /** Set on Ctrl-C: the batches stop at their next call, so the inserts end and the staging tables can go. */
    private final AtomicBoolean cancelled = new AtomicBoolean();
    /** Set when a stream's insert failed: the other streams stop too, and the first failure is the one reported. */
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    ArrowLoader(DuckDBConnection connection, String schema, ArrowGenerator generator, DataSet dataSet, Scale scale) {
        this.connection = connection;
        this.schema = schema;
        this.generator = generator;
        this.scale = scale.value();
        this.title = dataSet.title() + " SF" + scale.text();
        this.scaleComment = dataSet.scaleComment() + scale.text();
    }

    void load(List<String> tables, LoadProgress progress) {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        List<ArrowGenerator.Part> parts = generator.parts(tables, scale, threads);
        StagingTables.create(connection, schema, tables, generator::createTableSql);
        progress.start("Generating " + title, generator.progressTotal(parts));
        AtomicInteger helperCount = new AtomicInteger();
        // a part's second stream (a returns table) is scanned on a thread of its own, beside the part's thread
        ExecutorService helpers = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "arrow-load-stream-" + helperCount.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try (BufferAllocator allocator = new RootAllocator()) {
            List<ParallelParts.Part> tasks = new ArrayList<>();
            for (ArrowGenerator.Part part : parts) {
                tasks.add(() -> loadPart(part, allocator, helpers, progress));
            }
            ParallelParts.run("arrow-load", generator.title(), threads, tasks, () -> cancelled.set(true),
                    () -> StagingTables.drop(connection, schema, tables));
        } finally {
            helpers.shutdownNow();
        }
        // the bar ends before the tables swap in, so what follows starts on a clean line
        progress.done();
        try {
            StagingTables.replace(connection, schema, tables, scaleComment);
        } catch (SQLException e) {
            StagingTables.drop(connection, schema, tables);
            throw SqlErrors.toUserError(e);
        }
    }

    private boolean stopped() {
        return cancelled.get() || failure.get() != null;
    }

    /** Runs one part: its streams' inserts side by side (one pass of the generator feeds them all), and waits for them. */
    private void loadPart(ArrowGenerator.Part part, BufferAllocator allocator, ExecutorService helpers, LoadProgress progress)
            throws SQLException {
        try (PartMemory memory = new PartMemory(allocator.newChildAllocator(part.name(), 0, Long.MAX_VALUE))) {
            List<ArrowReader> readers = part.streams().open(memory.allocator(), progress, this::stopped);
            List<Future<?>> others = new ArrayList<>();
            for (int i = 1; i < readers.size(); i++) {
                int stream = i;
                others.add(helpers.submit(() -> {
                    insert(part, stream, readers.get(stream), memory.allocator());
                    return null;
                }));
            }
            try {
                insert(part, 0, readers.get(0), memory.allocator());
            } finally {
                awaitAll(others);
            }
            Exception first = failure.get();
            if (cancelled.get()) {
                throw new BenchboxException("load cancelled");
            }
            if (first instanceof SQLException sql) {
                throw sql;
            }
            if (first != null) {
                throw (RuntimeException) first;
            }
        }
    }

    /**
     * Streams one table's part into its staging table: DuckDB scans the Arrow batches as they are generated. Each
     * stream has its own connection, so the inserts run side by side.
     */
    private void insert(ArrowGenerator.Part part, int index, ArrowReader reader, BufferAllocator allocator) {
        String table = part.tables().get(index);
        String stream = part.name() + "_" + table;
        boolean exportedReader = false;
        try (ArrowArrayStream exported = ArrowArrayStream.allocateNew(allocator);
                DuckDBConnection duplicate = (DuckDBConnection) connection.duplicate();
                Statement statement = duplicate.createStatement()) {
            // the exported stream owns the reader from here: releasing it (DuckDB when done, or close) closes it
            Data.exportArrayStream(allocator, reader, exported);
            exportedReader = true;
            duplicate.registerArrowStream(stream, exported);
            statement.execute("INSERT INTO " + DuckDbPlatform.qualified(schema, table + StagingTables.SUFFIX)
                    + " SELECT * FROM " + DuckDbPlatform.quote(stream));
        } catch (SQLException | RuntimeException e) {
            // the first failure stops the other streams; theirs ("stopped") are its consequence, not news
            failure.compareAndSet(null, e);
            if (!exportedReader) {
                closeQuietly(reader);
            }
        }
    }

    private static void closeQuietly(ArrowReader reader) {
        try {
            reader.close();
        } catch (java.io.IOException | RuntimeException ignored) {
            // its memory is what matters, and the part's allocator reports what was not freed
        }
    }

    /** Waits for a part's other streams, through an interrupt (Ctrl-C set the flag that ends them): their inserts must end first. */
    private static void awaitAll(List<Future<?>> futures) {
        boolean interrupted = false;
        for (Future<?> future : futures) {
            while (true) {
                try {
                    future.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    break; // insert() records its own failures
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A part's allocator, closed once DuckDB has released the part's last batch: it may do so from its own threads just
     * after the statement ended, and closing before that reports the batch as leaked (and failed the load).
     */
    private record PartMemory(BufferAllocator allocator) implements AutoCloseable {
        @Override
        public void close() {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (allocator.getAllocatedMemory() > 0 && System.nanoTime() < deadline) {
                LockSupport.parkNanos(1_000_000);
            }
            allocator.close();
        }
    }
}
