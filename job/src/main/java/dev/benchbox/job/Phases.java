package dev.benchbox.job;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.catalyst.QueryPlanningTracker;
import scala.Option;

/**
 * Where a query's planning went, from Spark's own tracker of its query execution (as spark-sql-perf reads it): parsing,
 * analysis, optimization and physical planning, in milliseconds. What is left of the query's time is execution. Only
 * calls that Spark 3.5 and 4.0 both have ({@code phases().get}, {@code durationMs}), so one source builds for both.
 */
final class Phases {
    /** The tracker's phase names, in the order Spark runs them. */
    static final List<String> NAMES = List.of("parsing", "analysis", "optimization", "planning");

    private Phases() {
    }

    /** The phases the query went through so far (a query that failed in analysis has no optimization). */
    static Map<String, Long> of(Dataset<?> result) {
        Map<String, Long> phases = new LinkedHashMap<>();
        QueryPlanningTracker tracker = result.queryExecution().tracker();
        for (String name : NAMES) {
            Option<QueryPlanningTracker.PhaseSummary> phase = tracker.phases().get(name);
            if (phase.isDefined()) {
                phases.put(name, phase.get().durationMs());
            }
        }
        return phases;
    }
}
