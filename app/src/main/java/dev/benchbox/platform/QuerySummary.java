package dev.benchbox.platform;

import dev.benchbox.dataset.Column;
import java.util.List;

/**
 * What one executed statement produced, besides its rows.
 *
 * @param columns result columns (empty for statements without a result set)
 * @param rowCount rows returned, or rows affected for statements without a result set
 * @param elapsedNanos wall time from submission to the last row
 */
public record QuerySummary(List<Column> columns, long rowCount, long elapsedNanos) {
    public QuerySummary {
        columns = List.copyOf(columns);
    }
}
