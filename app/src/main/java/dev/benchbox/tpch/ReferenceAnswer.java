package dev.benchbox.tpch;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The expected answer of one TPC-H query at one scale factor, as text.
 *
 * @param query   the query number, 1 to 22
 * @param columns the column names, as the queries in {@link TpchQueries} name them
 * @param rows    the rows in answer order; each value is the reference's text, or {@code null} for SQL NULL
 */
public record ReferenceAnswer(int query, List<String> columns, List<List<String>> rows) {
    public ReferenceAnswer {
        if (query < 1 || query > TpchQueries.COUNT) {
            throw new IllegalArgumentException("TPC-H query number must be 1-22, got " + query);
        }
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("reference answer of Q" + query + " has no columns");
        }
        requireNonNull(rows, "rows is null");
        List<List<String>> copies = new ArrayList<>(rows.size());
        for (List<String> row : rows) {
            requireNonNull(row, "row is null");
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("reference answer of Q" + query + ": row " + (copies.size() + 1)
                        + " has " + row.size() + " values for " + columns.size() + " columns");
            }
            // Not List.copyOf: a value may be null (SQL NULL, e.g. Q17 at SF 0.01).
            copies.add(Collections.unmodifiableList(new ArrayList<>(row)));
        }
        rows = Collections.unmodifiableList(copies);
    }
}
