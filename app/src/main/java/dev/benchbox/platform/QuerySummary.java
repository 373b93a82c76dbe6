package dev.benchbox.platform;

import dev.benchbox.dataset.Column;
import java.util.List;

/**
 * What one executed statement produced, besides its rows.
 *
 * @param columns result columns (empty for statements without a result set)
 * @param rowCount rows returned, or rows affected for statements without a result set
 * @param elapsedNanos wall time from submission to the last row
 * @param metrics what the engine reported the statement read ({@link dev.benchbox.results.SparkMetrics}' names); empty when
 *     it reported nothing
 */
public record QuerySummary(List<Column> columns, long rowCount, long elapsedNanos, java.util.Map<String, Long> metrics) {
    /** A statement whose engine reported no figures beside its rows. */
    public QuerySummary(List<Column> columns, long rowCount, long elapsedNanos) {
        this(columns, rowCount, elapsedNanos, java.util.Map.of());
    }

    public QuerySummary {
        columns = List.copyOf(columns);
        metrics = metrics == null ? java.util.Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
    }
}
