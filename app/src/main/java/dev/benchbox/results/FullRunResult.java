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
 * @param crossCheck   the performance tests' answers against DuckDB's on the same data; null when not asked for
 * @param streamRuns   where each stream was a run of its own (EMR Serverless: a job run): those runs, how long each
 *                     queued and how many may run at once; null where streams are no runs of their own
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FullRunResult(String id, Instant started, Instant finished, String benchmark, double scaleFactor,
        RunResult.PlatformInfo platform, long seed, int streams, int minimumStreams, Qualification qualification,
        Test powerTest, Test throughputTest, Metrics metrics, boolean compliant, List<String> notCompliant,
        List<RowCheck> rowChecks, CrossCheck crossCheck, StreamRuns streamRuns) {
    public FullRunResult {
        notCompliant = List.copyOf(notCompliant);
        rowChecks = List.copyOf(rowChecks);
    }

    /** A run whose streams were no runs of their own. */
    public FullRunResult(String id, Instant started, Instant finished, String benchmark, double scaleFactor,
            RunResult.PlatformInfo platform, long seed, int streams, int minimumStreams, Qualification qualification,
            Test powerTest, Test throughputTest, Metrics metrics, boolean compliant, List<String> notCompliant,
            List<RowCheck> rowChecks, CrossCheck crossCheck) {
        this(id, started, finished, benchmark, scaleFactor, platform, seed, streams, minimumStreams, qualification, powerTest,
                throughputTest, metrics, compliant, notCompliant, rowChecks, crossCheck, null);
    }

    /**
     * The performance tests' streams as runs of their own (EMR Serverless: one job run per stream).
     *
     * @param unit          what a stream ran as, e.g. {@code job run}
     * @param maxConcurrent how many such runs the platform runs at once; null when it reports no limit
     * @param limit         where that figure comes from, in words
     * @param runs          the power test's run, then the throughput test's, in stream order (the refresh stream last)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StreamRuns(String unit, Integer maxConcurrent, String limit, List<StreamRun> runs) {
        public StreamRuns {
            runs = List.copyOf(runs);
        }

        /** The runs that waited for a free slot. */
        public List<StreamRun> queued() {
            return runs.stream().filter(StreamRun::queued).toList();
        }
    }

    /**
     * One stream's run.
     *
     * @param test          {@code power} or {@code throughput}
     * @param stream        {@code power}, a query stream's number or {@code refresh}, as in the intervals
     * @param runId         the platform's id of the run (a job run id)
     * @param queuedSeconds how long it waited QUEUED for a free slot; null where not reported
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StreamRun(String test, String stream, String runId, Double queuedSeconds) {
        /** Whether it waited for a free slot (AWS reports whole milliseconds; a run admitted at once reports 0). */
        public boolean queued() {
            return queuedSeconds != null && queuedSeconds > 0;
        }
    }

    /** A run whose performance tests' answers were not cross-checked. */
    public FullRunResult(String id, Instant started, Instant finished, String benchmark, double scaleFactor,
            RunResult.PlatformInfo platform, long seed, int streams, int minimumStreams, Qualification qualification,
            Test powerTest, Test throughputTest, Metrics metrics, boolean compliant, List<String> notCompliant,
            List<RowCheck> rowChecks) {
        this(id, started, finished, benchmark, scaleFactor, platform, seed, streams, minimumStreams, qualification, powerTest,
                throughputTest, metrics, compliant, notCompliant, rowChecks, null);
    }

    /**
     * The performance tests' answers checked against DuckDB's: after the timed tests and the data put back as loaded,
     * every distinct query text of the streams ran once more, untimed, on the platform and on an in-process DuckDB over
     * the data cache's copy of the loaded data. The answers the timed tests returned are not what was compared: they
     * were taken while the refresh functions changed the data, so no second engine can reproduce them.
     *
     * @param against      what the answers were compared with, in words
     * @param texts        distinct query texts run (each query has the same parameters in every stream of a run)
     * @param crossChecked stream answers found equal to DuckDB's
     * @param differs      stream answers that differ from DuckDB's
     * @param errors       stream answers the platform could not give in the cross-check (nothing compared)
     * @param answers      one per query of each stream (power, 1, 2, …), in the streams' orders
     * @param incomplete   why the cross-check stopped before every text ran; null when it completed
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CrossCheck(String against, int texts, int crossChecked, int differs, int errors,
            List<CrossCheckedAnswer> answers, String incomplete) {
        public CrossCheck {
            answers = List.copyOf(answers);
        }

        /** Whether every answer was compared and found equal. */
        public boolean passed() {
            return incomplete == null && crossChecked == answers.size();
        }
    }

    /**
     * One query of one stream in the cross-check.
     *
     * @param stream  {@code power} or a query stream's number, as in the intervals
     * @param status  {@link #CROSS_CHECKED}, {@link #DIFFERS}, {@link #ERROR} or {@link #NOT_CHECKED}
     * @param message the first difference (as a failed validation gives it), the error, or what was compared
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CrossCheckedAnswer(String stream, String query, String status, Long rows, String message) {
        public static final String CROSS_CHECKED = "cross-checked";
        public static final String DIFFERS = "differs";
        public static final String ERROR = "error";
        /** The cross-check stopped before this text ran. */
        public static final String NOT_CHECKED = "not checked";
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
