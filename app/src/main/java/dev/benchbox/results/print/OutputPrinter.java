package dev.benchbox.results.print;

import dev.benchbox.dataset.Column;
import java.io.IOException;
import java.util.List;

/**
 * Prints one query result, streamed: {@link #begin} once, {@link #row} per row, {@link #end} once.
 * Printers write to a {@link java.io.Writer} they do not own: {@link #end} flushes it but never closes it.
 * Memory use is bounded however many rows are printed. Instances are single-use and not thread-safe.
 */
public interface OutputPrinter {
    /** Starts the result; {@code columns} must not be empty. */
    void begin(List<Column> columns) throws IOException;

    /** Prints one row; {@code values} holds one value (possibly {@code null}) per column, in column order. */
    void row(List<?> values) throws IOException;

    /** Finishes the result (writing anything still buffered) and flushes the writer. */
    void end() throws IOException;
}
