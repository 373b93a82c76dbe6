package dev.benchbox.job;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One execution of one query: timed in the driver, every row counted, the first rows kept.
 *
 * @param id        the manifest's query id
 * @param iteration 0 for warm-ups, 1..n for measured iterations (as the shell's QueryExecution counts)
 * @param warmup    whether this execution is a warm-up
 * @param nanos     from submitting the SQL to the last row received
 * @param rows      rows in the full result
 * @param fields    the result's columns (empty when the query failed before Spark could analyse it)
 * @param kept      the first rows, at most the manifest's max_rows
 * @param error     the error message, or null on success
 * @param resultKey the result file, relative to the output prefix
 * @param phases    Spark's planning phases ({@link Phases}) in milliseconds, within {@code nanos}; empty when unknown
 * @param metrics   what the execution's tasks read, shuffled and spilled ({@link TaskMetricsByQuery}); empty when unknown
 * @param startedAt when the driver submitted the SQL, its wall clock in epoch milliseconds
 * @param rowChanges a refresh function's net change of each table's rows (+ inserted, − deleted), as the tables' snapshots
 *                  count them; empty for a query
 */
record Execution(String id, int iteration, boolean warmup, long nanos, long rows, List<StructField> fields,
                 List<Row> kept, String error, String resultKey, java.util.Map<String, Long> phases,
                 java.util.Map<String, Long> metrics, long startedAt, java.util.Map<String, Long> rowChanges) {

    Execution {
        requireNonNull(id, "id is null");
        fields = List.copyOf(fields);
        kept = List.copyOf(kept);
        requireNonNull(resultKey, "resultKey is null");
        phases = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(phases));
        metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
        rowChanges = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(rowChanges));
    }

    /** A query's execution: no row changes. */
    Execution(String id, int iteration, boolean warmup, long nanos, long rows, List<StructField> fields,
              List<Row> kept, String error, String resultKey, java.util.Map<String, Long> phases,
              java.util.Map<String, Long> metrics, long startedAt) {
        this(id, iteration, warmup, nanos, rows, fields, kept, error, resultKey, phases, metrics, startedAt, java.util.Map.of());
    }

    /** The same execution with its task metrics, once Spark's listener bus has them all. */
    Execution withMetrics(java.util.Map<String, Long> taskMetrics) {
        return new Execution(id, iteration, warmup, nanos, rows, fields, kept, error, resultKey, phases, taskMetrics, startedAt, rowChanges);
    }

    /** The summary's copy: no rows. */
    Execution withoutRows() {
        return new Execution(id, iteration, warmup, nanos, rows, List.of(), List.of(), error, resultKey, phases, metrics, startedAt, rowChanges);
    }
}
