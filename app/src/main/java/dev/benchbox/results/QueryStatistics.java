package dev.benchbox.results;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One query's times over the measured iterations of a run, with its first (cold) execution set apart: a cold
 * run pays for reading data into caches and compiling, which says nothing about the engine's steady speed,
 * so it would skew the spread.
 *
 * <p>Which execution is cold: with warm-ups, the first warm-up (not measured; every measured iteration then
 * counts); without warm-ups, measured iteration 1, which is left out of min/median/max/CV when there are
 * further iterations. A run of one iteration and no warm-up has only the cold time: its statistics are that one
 * execution and {@code coldIncluded} says so.
 *
 * @param id query id, e.g. {@code Q6}
 * @param samples executions the statistics are over (executions that failed to run are not counted)
 * @param coldMs the first execution of the query in the run, or null when it is not known
 * @param coldIncluded whether the cold execution is among the samples (only when nothing else was measured)
 * @param minMs fastest
 * @param medianMs median (the mean of the middle two for an even count)
 * @param maxMs slowest
 * @param meanMs arithmetic mean
 * @param cv coefficient of variation, sample standard deviation / mean; null with fewer than two samples
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QueryStatistics(String id, int samples, Double coldMs, boolean coldIncluded, double minMs, double medianMs,
        double maxMs, double meanMs, Double cv) {
    public QueryStatistics {
        requireNonNull(id, "id is null");
        if (samples < 1) {
            throw new IllegalArgumentException("statistics need at least one sample: " + id);
        }
    }

    /**
     * Statistics per query, in the order the queries first appear. Executions with status {@code error} are left
     * out (their time is not a query time); a query with no other execution has no statistics.
     *
     * @param measured the measured executions, every stream and iteration
     * @param warmups warm-up rounds the run had
     * @param firstWarmupMs the first warm-up time of each query, when there were warm-ups (may be empty)
     */
    public static List<QueryStatistics> of(List<QueryResult> measured, int warmups, Map<String, Double> firstWarmupMs) {
        Map<String, List<QueryResult>> byQuery = new LinkedHashMap<>();
        for (QueryResult result : measured) {
            byQuery.computeIfAbsent(result.id(), id -> new ArrayList<>()).add(result);
        }
        List<QueryStatistics> statistics = new ArrayList<>();
        for (Map.Entry<String, List<QueryResult>> entry : byQuery.entrySet()) {
            List<QueryResult> ran = entry.getValue().stream().filter(r -> !QueryResult.ERROR.equals(r.status())).toList();
            if (ran.isEmpty()) {
                continue;
            }
            Double cold;
            List<Double> warm = new ArrayList<>();
            boolean coldIncluded = false;
            if (warmups > 0) {
                cold = firstWarmupMs.get(entry.getKey());
                ran.forEach(r -> warm.add(r.ms()));
            } else {
                cold = ran.stream().filter(r -> r.iteration() == 1).findFirst().map(QueryResult::ms).orElse(null);
                ran.stream().filter(r -> r.iteration() != 1).forEach(r -> warm.add(r.ms()));
                if (warm.isEmpty()) {
                    // nothing but cold executions (one iteration): they are all there is to describe
                    ran.forEach(r -> warm.add(r.ms()));
                    coldIncluded = true;
                }
            }
            statistics.add(describe(entry.getKey(), cold, coldIncluded, warm));
        }
        return statistics;
    }

    /** Statistics of the given samples (at least one). */
    static QueryStatistics describe(String id, Double coldMs, boolean coldIncluded, List<Double> samplesMs) {
        List<Double> sorted = new ArrayList<>(samplesMs);
        Collections.sort(sorted);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        double mean = sorted.stream().mapToDouble(Double::doubleValue).sum() / n;
        Double cv = null;
        if (n > 1 && mean > 0) {
            double squares = sorted.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum();
            cv = round(Math.sqrt(squares / (n - 1)) / mean, 6);
        }
        return new QueryStatistics(id, n, coldMs, coldIncluded, round(sorted.get(0), 3), round(median, 3),
                round(sorted.get(n - 1), 3), round(mean, 3), cv);
    }

    private static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }
}
