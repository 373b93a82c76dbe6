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
 * @param status {@code passed}, {@code failed} (wrong answer) or {@code error} (did not run)
 * @param validation how the answer was checked: {@code exact}, {@code rowcount} or {@code none}
 * @param message the validation detail or the error, when there is one
 * @param stream the stream (1-based) of a throughput test; null in a power run
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QueryResult(String id, int iteration, double ms, long rows, String status, String validation, String message,
        Integer stream) {
    public static final String PASSED = "passed";
    public static final String FAILED = "failed";
    public static final String ERROR = "error";

    public QueryResult {
        requireNonNull(id, "id is null");
        requireNonNull(status, "status is null");
    }

    /** A power-run execution (no stream). */
    public QueryResult(String id, int iteration, double ms, long rows, String status, String validation, String message) {
        this(id, iteration, ms, rows, status, validation, message, null);
    }

    public QueryResult inStream(int number) {
        return new QueryResult(id, iteration, ms, rows, status, validation, message, number);
    }
}
