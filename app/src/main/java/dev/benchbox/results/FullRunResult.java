package dev.benchbox.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A benchmark run as its specification defines it (TPC-H: qualification, power test, throughput test, metrics), as
 * written to {@code benchbox-results/}: the seed and streams that made its queries, every timing interval, the metrics
 * and whether the run may be called compliant, with the reasons it may not.
 *
 * @param compliant    true only when everything the specification requires ran and passed
 * @param notCompliant what was missing or failed, one phrase each; empty when compliant
 * @param rowChecks    the tables' row counts after the refresh functions against what they imply, and after the
 *                     data was put back as loaded
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FullRunResult(String id, Instant started, Instant finished, String benchmark, double scaleFactor,
        RunResult.PlatformInfo platform, long seed, int streams, int minimumStreams, Qualification qualification,
        Test powerTest, Test throughputTest, Metrics metrics, boolean compliant, List<String> notCompliant,
        List<RowCheck> rowChecks) {
    public FullRunResult {
        notCompliant = List.copyOf(notCompliant);
        rowChecks = List.copyOf(rowChecks);
    }

    /** The validation queries before the performance tests, their answers compared with the reference. */
    public record Qualification(int queries, int validated, List<QueryResult> results) {
        public Qualification {
            results = List.copyOf(results);
        }
    }

    /**
     * One test's timing intervals, from the first submission to the last result.
     *
     * @param seconds the test's elapsed time (for the throughput test, Ts)
     */
    public record Test(double seconds, List<Interval> intervals) {
        public Test {
            intervals = List.copyOf(intervals);
        }
    }

    /**
     * One timing interval: a query of a stream or a refresh function.
     *
     * @param stream       {@code power}, a query stream's number, or {@code refresh}
     * @param name         {@code Q14}, {@code RF1}, {@code RF2}
     * @param set          the update set of a refresh function
     * @param startSeconds when it started, from the start of its test
     * @param error        why it failed; null when it ran
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Interval(String stream, String name, Integer set, double startSeconds, double seconds, Long rows,
            String error) {
    }

    /** The metrics by name, in the specification's order (e.g. Power@Size, Throughput@Size, QphH@Size). */
    public record Metrics(Map<String, Double> values) {
        public Metrics {
            values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
        }
    }

    /** A table's rows at a point of the run against what the refresh functions imply. */
    public record RowCheck(String when, String table, long expected, long actual) {
        public boolean matches() {
            return expected == actual;
        }
    }
}
