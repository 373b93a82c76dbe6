package dev.benchbox.tpcds;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One expected result set of a TPC-DS query (part), as text.
 *
 * @param columns the column names as the answer file writes them (informative only: engines name unaliased
 *                expressions differently, so answers are compared by position)
 * @param rows    the rows in answer order; each value is the file's text, or {@code null} for SQL NULL
 */
public record AnswerSet(List<String> columns, List<List<String>> rows) {
    public AnswerSet {
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("answer set has no columns");
        }
        requireNonNull(rows, "rows is null");
        List<List<String>> copies = new ArrayList<>(rows.size());
        for (List<String> row : rows) {
            requireNonNull(row, "row is null");
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("row " + (copies.size() + 1) + " has " + row.size()
                        + " values for " + columns.size() + " columns");
            }
            // Not List.copyOf: values may be null (SQL NULL).
            copies.add(Collections.unmodifiableList(new ArrayList<>(row)));
        }
        rows = Collections.unmodifiableList(copies);
    }
}
