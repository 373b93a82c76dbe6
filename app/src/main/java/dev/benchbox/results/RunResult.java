package dev.benchbox.results;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A benchmark run as written to {@code benchbox-results/}: modelled on BenchBox's result schema
 * (run, benchmark, platform, summary, queries), plus the job runs behind it on platforms that bill per job.
 * The outcome counts are written for readers of the file but always follow from the queries when read (a file
 * written before they were told apart gets them honestly).
 */
@JsonIgnoreProperties(value = "outcomes", allowGetters = true)
public record RunResult(Run run, Benchmark benchmark, PlatformInfo platform, Summary summary, List<QueryResult> queries,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<JobRunRecord> jobRuns,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<QueryStatistics> statistics, RunConfiguration configuration) {
    /**
     * Statistics or a configuration left out (null: a file written before they were recorded) follow from the
     * other sections: statistics from the queries, the configuration from run, benchmark and platform.
     */
    public RunResult {
        queries = List.copyOf(queries);
        jobRuns = jobRuns == null ? List.of() : List.copyOf(jobRuns);
        statistics = statistics == null ? QueryStatistics.of(queries, run.warmups(), Map.of()) : List.copyOf(statistics);
        configuration = configuration == null ? RunConfiguration.of(run, benchmark, platform, summary) : configuration;
    }

    /** A result whose statistics and configuration follow from its other sections (no warm-up times known). */
    public RunResult(Run run, Benchmark benchmark, PlatformInfo platform, Summary summary, List<QueryResult> queries,
            List<JobRunRecord> jobRuns) {
        this(run, benchmark, platform, summary, queries, jobRuns, null, null);
    }

    /** The executions counted by outcome: validated, failed, error, or ran but not validated (and why). */
    @JsonProperty("outcomes")
    public Outcomes outcomes() {
        return Outcomes.of(queries, run.validation(), dev.benchbox.dataset.Scale.of(benchmark.scaleFactor()).text());
    }

    /**
     * When and how the run happened.
     *
     * @param timing where the query times were measured; null in a file written before it was recorded (see
     *     {@link RunResult#timingMethod()})
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Run(String id, Instant started, Instant finished, int warmups, int iterations, String validation,
            TimingMethod timing, Cancellation cancelled) {
        /** A run whose timing method is not recorded. */
        public Run(String id, Instant started, Instant finished, int warmups, int iterations, String validation) {
            this(id, started, finished, warmups, iterations, validation, null);
        }

        /** A run that went to its end. */
        public Run(String id, Instant started, Instant finished, int warmups, int iterations, String validation, TimingMethod timing) {
            this(id, started, finished, warmups, iterations, validation, timing, null);
        }

        /** The same run, stopped before its end. */
        public Run cancelled(Cancellation cancellation) {
            return new Run(id, started, finished, warmups, iterations, validation, timing, cancellation);
        }
    }

    /** Why the run stopped before its end, if it did (its queries are then what finished). */
    public java.util.Optional<Cancellation> cancellation() {
        return java.util.Optional.ofNullable(run.cancelled());
    }

    /**
     * Where the query times were measured: as recorded, or for a file written before it was, inferred from what
     * the file does record (a run through the session says so in its platform details; job runs mean times taken
     * in the driver), otherwise {@link TimingMethod#UNKNOWN}.
     */
    public TimingMethod timingMethod() {
        if (run.timing() != null) {
            return run.timing();
        }
        if (String.valueOf(platform.details().get("timing")).contains("session")) {
            return TimingMethod.SESSION;
        }
        return jobRuns.isEmpty() ? TimingMethod.UNKNOWN : TimingMethod.DRIVER;
    }

    /**
     * What was run.
     *
     * @param seed the seed of the query parameters (qgen's); null when they were the validation parameters
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Benchmark(String name, double scaleFactor, List<String> queries, Long seed) {
        public Benchmark {
            queries = List.copyOf(queries);
        }

        /** A run with the validation parameters. */
        public Benchmark(String name, double scaleFactor, List<String> queries) {
            this(name, scaleFactor, queries, null);
        }
    }

    /** Where it ran. */
    public record PlatformInfo(String name, String version, String schema, Map<String, Object> details) {
        public PlatformInfo {
            details = Map.copyOf(details);
        }
    }

    /**
     * Totals over the measured executions; {@code passed} counts validated answers only (see {@link #outcomes()} for all
     * four outcomes; in files written before they were told apart it also counted unchecked ones). {@code powerAtSize} follows the TPC-H formula over the
     * query times only; {@code powerTestSeconds} is a TPC-DS run's power test time (the 99 queries' times added);
     * {@code powerNote} says what either leaves out.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Summary(int queries, int passed, int failed, int errors, double totalMs, double geometricMeanMs,
            Double powerAtSize, String powerNote, Integer streams, Double throughputAtSize, String throughputNote,
            Double powerTestSeconds) {
        /** A power run's summary. */
        public Summary(int queries, int passed, int failed, int errors, double totalMs, double geometricMeanMs,
                Double powerAtSize, String powerNote) {
            this(queries, passed, failed, errors, totalMs, geometricMeanMs, powerAtSize, powerNote, null, null, null, null);
        }

        /** A summary without a TPC-DS power test time (as written before it was recorded). */
        public Summary(int queries, int passed, int failed, int errors, double totalMs, double geometricMeanMs,
                Double powerAtSize, String powerNote, Integer streams, Double throughputAtSize, String throughputNote) {
            this(queries, passed, failed, errors, totalMs, geometricMeanMs, powerAtSize, powerNote, streams, throughputAtSize,
                    throughputNote, null);
        }

        /** The same summary with a throughput test's figures. */
        public Summary withThroughput(int streamCount, Double throughput, String note) {
            return new Summary(queries, passed, failed, errors, totalMs, geometricMeanMs, powerAtSize, powerNote, streamCount,
                    throughput, note, powerTestSeconds);
        }

        /** The same summary with a TPC-DS power test time. */
        public Summary withPowerTestSeconds(Double seconds) {
            return new Summary(queries, passed, failed, errors, totalMs, geometricMeanMs, powerAtSize, powerNote, streams,
                    throughputAtSize, throughputNote, seconds);
        }
    }
}
