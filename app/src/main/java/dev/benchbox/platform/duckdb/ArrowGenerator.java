package dev.benchbox.platform.duckdb;

import dev.benchbox.platform.LoadProgress;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * A TPC generator as {@link ArrowLoader} runs it: split into parts that run side by side, each part one pass of the
 * generator that feeds one Arrow stream per table it makes (TPC-DS makes a sales table and its returns in one pass).
 * What differs between generators is here; the loader (staging tables, parallel parts, DuckDB's scans of the
 * streams, Ctrl-C) is shared.
 */
interface ArrowGenerator {
    /** Names the work in the progress bar and in errors: {@code TPC-H}. */
    String title();

    /** {@code CREATE TABLE} for a table under the given (already quoted) name, with the types the streams' columns fit. */
    String createTableSql(String qualifiedName, String table);

    /**
     * The parts that make {@code tables} (the biggest first, so the small ones fill the gaps at the end).
     *
     * @param threads the cores the parts run on: big tables are cut into several parts per core
     */
    List<Part> parts(List<String> tables, double scale, int threads);

    /** The rows the parts generate in all, for the progress bar (the parts advance it by the same measure). */
    default long progressTotal(List<Part> parts) {
        return parts.stream().mapToLong(Part::rows).sum();
    }

    /**
     * One pass of the generator.
     *
     * @param tables the tables it feeds, in the order of the streams it opens
     * @param rows   how many rows it generates (its progress measure): to order the parts
     */
    record Part(String name, List<String> tables, long rows, Streams streams) {
        public Part {
            tables = List.copyOf(tables);
            if (tables.isEmpty()) {
                throw new IllegalArgumentException("a part feeds at least one table");
            }
        }
    }

    /** Opens a part's streams, one per table: their batches are generated as DuckDB asks for them. */
    @FunctionalInterface
    interface Streams {
        /**
         * @param cancelled set on Ctrl-C or when another stream of the load failed: the next batch is refused
         * @return one stream per {@link Part#tables()} table, in that order; the caller closes them
         */
        List<ArrowReader> open(BufferAllocator allocator, LoadProgress progress, BooleanSupplier cancelled);
    }
}
