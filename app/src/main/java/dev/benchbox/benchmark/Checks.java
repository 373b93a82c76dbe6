package dev.benchbox.benchmark;

import dev.benchbox.results.QueryResult;
import dev.benchbox.results.RunResult;
import dev.benchbox.tpch.Validation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every benchmark does alike with checked executions: results from validations, counts, per-query times. Public
 * for benchmarks defined in their own packages.
 */
public final class Checks {
    private Checks() {
    }

    public static QueryResult result(String id, int iteration, double ms, long rows, Validation validation) {
        String status = switch (validation.status()) {
            case PASSED -> QueryResult.VALIDATED;
            case FAILED -> QueryResult.FAILED;
            case NOT_VALIDATED -> QueryResult.UNVALIDATED;
        };
        String message = validation.status() == Validation.Status.PASSED ? null : validation.detail();
        return new QueryResult(id, iteration, ms, rows, status, validation.method().label(), message);
    }

    /** Each query's interval in seconds: the geometric mean of its measured iterations, in first-run order. */
    public static List<Double> secondsPerQuery(List<QueryResult> results) {
        Map<String, List<Double>> secondsByQuery = new LinkedHashMap<>();
        for (QueryResult result : results) {
            secondsByQuery.computeIfAbsent(result.id(), id -> new ArrayList<>()).add(result.ms() / 1000.0);
        }
        return secondsByQuery.values().stream().map(PowerMetric::geometricMean).toList();
    }

    public static Counts count(List<QueryResult> results) {
        int passed = 0;
        int failed = 0;
        int errors = 0;
        double total = 0;
        List<Double> allMs = new ArrayList<>();
        for (QueryResult result : results) {
            switch (result.status()) {
                // the summary's passed count is of validated answers only: an unchecked answer did not pass anything
                case QueryResult.VALIDATED -> passed++;
                case QueryResult.UNVALIDATED -> { }
                case QueryResult.FAILED -> failed++;
                default -> errors++;
            }
            total += result.ms();
            allMs.add(result.ms());
        }
        return new Counts(results.size(), passed, failed, errors, total, PowerMetric.geometricMean(allMs));
    }

    /** Totals over the measured executions. */
    public record Counts(int executions, int passed, int failed, int errors, double totalMs, double geometricMeanMs) {
        public RunResult.Summary summary(Double power, String note) {
            return new RunResult.Summary(executions, passed, failed, errors, Math.round(totalMs * 1000) / 1000.0,
                    Math.round(geometricMeanMs * 1000) / 1000.0, power, note);
        }
    }
}
