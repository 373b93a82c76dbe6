package dev.benchbox.results;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One measured execution of one query in a benchmark run.
 *
 * @param id query id, e.g. {@code Q6}
 * @param iteration 1-based measured iteration
 * @param ms time the engine took, in milliseconds
 * @param rows rows returned
 * @param status {@code validated} (the answer was checked and right), {@code unvalidated} (it ran, but nothing checked
 *     its answer), {@code failed} (wrong answer) or {@code error} (did not run). Files written before the first two
 *     were told apart say {@code passed}: read as {@code validated} when the answer was checked some way, otherwise
 *     as {@code unvalidated}
 * @param validation how the answer was checked: {@code exact}, {@code rowcount} or {@code none}
 * @param message the validation detail or the error, when there is one (for an unvalidated answer: why)
 * @param stream the stream (1-based) of a throughput test; null in a power run
 * @param phasesMs Spark's planning phases in milliseconds; empty when the platform did not report them
 * @param metrics what the execution read, shuffled and spilled, by {@link TaskMetrics}' names; empty when not reported
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QueryResult(String id, int iteration, double ms, long rows, String status, String validation, String message,
        Integer stream, @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
        java.util.Map<String, Long> phasesMs,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) java.util.Map<String, Long> metrics) {
    public static final String VALIDATED = "validated";
    public static final String UNVALIDATED = "unvalidated";
    /** What files written before validated and unvalidated answers were told apart say for either. */
    static final String PASSED = "passed";
    public static final String FAILED = "failed";
    public static final String ERROR = "error";

    /** An execution without Spark's planning phases. */
    public QueryResult(String id, int iteration, double ms, long rows, String status, String validation, String message, Integer stream) {
        this(id, iteration, ms, rows, status, validation, message, stream, java.util.Map.of(), java.util.Map.of());
    }

    /** An execution without task metrics. */
    public QueryResult(String id, int iteration, double ms, long rows, String status, String validation, String message, Integer stream,
            java.util.Map<String, Long> phasesMs) {
        this(id, iteration, ms, rows, status, validation, message, stream, phasesMs, java.util.Map.of());
    }

    public QueryResult {
        requireNonNull(id, "id is null");
        phasesMs = phasesMs == null ? java.util.Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(phasesMs));
        metrics = metrics == null ? java.util.Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
        requireNonNull(status, "status is null");
        if (status.equals(PASSED)) {
            // an old file's "passed" promised nothing: only a recorded check makes it validated
            status = "exact".equals(validation) || "rowcount".equals(validation) ? VALIDATED : UNVALIDATED;
        }
    }

    /** A power-run execution (no stream). */
    public QueryResult(String id, int iteration, double ms, long rows, String status, String validation, String message) {
        this(id, iteration, ms, rows, status, validation, message, null);
    }

    public QueryResult inStream(int number) {
        return new QueryResult(id, iteration, ms, rows, status, validation, message, number, phasesMs, metrics);
    }

    /** The same result with Spark's planning phases (parsing, analysis, optimization, planning) in milliseconds. */
    public QueryResult withPhases(java.util.Map<String, Long> phases) {
        return new QueryResult(id, iteration, ms, rows, status, validation, message, stream, phases, metrics);
    }

    /** The same result with what it read and shuffled ({@link TaskMetrics}). */
    public QueryResult withMetrics(java.util.Map<String, Long> taskMetrics) {
        return new QueryResult(id, iteration, ms, rows, status, validation, message, stream, phasesMs, taskMetrics);
    }
}
