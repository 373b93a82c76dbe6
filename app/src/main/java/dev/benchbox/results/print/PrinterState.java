package dev.benchbox.results.print;

import static java.util.Objects.requireNonNull;

import dev.benchbox.dataset.Column;
import java.util.List;

/** The begin → row* → end contract shared by every printer, checked in one place. */
final class PrinterState {
    private List<Column> columns;
    private boolean ended;

    /** Records the columns; returns an immutable copy. */
    List<Column> begin(List<Column> columns) {
        requireNonNull(columns, "columns is null");
        if (this.columns != null) {
            throw new IllegalStateException("begin already called");
        }
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("columns is empty");
        }
        this.columns = List.copyOf(columns);
        return this.columns;
    }

    void checkRow(List<?> values) {
        requireNonNull(values, "values is null");
        checkOpen();
        if (values.size() != columns.size()) {
            throw new IllegalArgumentException(
                    "row has " + values.size() + " values but the result has " + columns.size() + " columns");
        }
    }

    void end() {
        checkOpen();
        ended = true;
    }

    private void checkOpen() {
        if (columns == null) {
            throw new IllegalStateException("begin not called");
        }
        if (ended) {
            throw new IllegalStateException("end already called");
        }
    }
}
