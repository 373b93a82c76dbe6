package dev.benchbox.platform;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One execution of one batch query: its timing and (capped) result rows, or its error.
 *
 * @param queryId the batch query id
 * @param iteration 0 for warm-ups, 1..n for measured iterations
 * @param warmup whether this execution is a warm-up (not measured)
 * @param elapsedNanos time the engine took, measured where the query ran
 * @param rowCount rows in the full result
 * @param columns result column names
 * @param rows the first rows of the result (values as the engine returned them); may be capped
 * @param error the engine's error message, or null on success
 * @param phases Spark's planning phases in milliseconds; empty when the platform does not report them
 * @param metrics what the execution read and shuffled ({@link dev.benchbox.results.TaskMetrics}'s names); empty when not reported
 */
public record QueryExecution(
        String queryId,
        int iteration,
        boolean warmup,
        long elapsedNanos,
        long rowCount,
        List<String> columns,
        List<List<Object>> rows,
        String error,
        java.util.Map<String, Long> phases,
        java.util.Map<String, Long> metrics) {
    /** An execution whose planning phases are not known (every platform but Spark's job). */
    public QueryExecution(String queryId, int iteration, boolean warmup, long elapsedNanos, long rowCount, List<String> columns,
            List<List<Object>> rows, String error) {
        this(queryId, iteration, warmup, elapsedNanos, rowCount, columns, rows, error, java.util.Map.of(), java.util.Map.of());
    }

    public QueryExecution {
        phases = phases == null ? java.util.Map.of() : Collections.unmodifiableMap(new java.util.LinkedHashMap<>(phases));
        metrics = metrics == null ? java.util.Map.of() : Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
        requireNonNull(queryId, "queryId is null");
        columns = List.copyOf(columns);
        // rows may hold SQL NULLs, which List.copyOf refuses
        List<List<Object>> copy = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            copy.add(Collections.unmodifiableList(new ArrayList<>(row)));
        }
        rows = Collections.unmodifiableList(copy);
    }

    public boolean failed() {
        return error != null;
    }

    public double elapsedMillis() {
        return elapsedNanos / 1_000_000.0;
    }
}
