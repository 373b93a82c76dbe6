package dev.benchbox.results.compare;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.List;

/**
 * Several runs of one benchmark side by side: each query's median time in each run, its ratio to the baseline
 * run and whether that is a change beyond the measured noise; each run's geometric mean, speed-up, billed cost
 * and price-performance; and what regressed beyond the threshold.
 *
 * @param benchmark benchmark name, e.g. {@code tpch}
 * @param scaleFactor its scale factor (of the baseline, when {@code --force} compared different ones)
 * @param baseline the baseline run's label
 * @param thresholdPct the regression threshold of {@code --fail-on-regression}, or null
 * @param noiseSigmas how many standard deviations of the measured noise a difference must exceed to count
 * @param runs the runs, baseline included, in the order given
 * @param queries one row per query
 * @param regressions what got slower beyond the threshold (empty without one)
 * @param mismatch when {@code --force} compared different benchmarks or scales, what differed; null otherwise
 * @param minDifferenceMs medians closer than this many milliseconds are not a change
 * @param tooFewIterations why some query could not be judged (too few warm samples), in one line; null when all could
 * @param timingNote when runs were timed in different places ({@code --allow-mixed-timing}) or some run's timing is
 *     not recorded, that in one line; null when all were timed alike
 * @param noiseFloor the A/A noise floor file a change had to exceed too ({@code --noise-floor}); null without one
 * @param incomplete which runs were cancelled before their end, in one line (what they did not finish is missing, not
 *     slower); null when every run went to its end
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Comparison(String benchmark, double scaleFactor, String baseline, Double thresholdPct, double noiseSigmas,
        List<RunColumn> runs, List<QueryRow> queries, List<Regression> regressions, String mismatch, Double minDifferenceMs,
        String tooFewIterations, String timingNote, String noiseFloor, String incomplete) {
    public Comparison {
        runs = List.copyOf(runs);
        queries = List.copyOf(queries);
        regressions = List.copyOf(regressions);
    }

    /** A comparison of runs that all went to their end. */
    public Comparison(String benchmark, double scaleFactor, String baseline, Double thresholdPct, double noiseSigmas,
            List<RunColumn> runs, List<QueryRow> queries, List<Regression> regressions, String mismatch, Double minDifferenceMs,
            String tooFewIterations, String timingNote, String noiseFloor) {
        this(benchmark, scaleFactor, baseline, thresholdPct, noiseSigmas, runs, queries, regressions, mismatch, minDifferenceMs,
                tooFewIterations, timingNote, noiseFloor, null);
    }

    /** A comparison without a noise floor. */
    public Comparison(String benchmark, double scaleFactor, String baseline, Double thresholdPct, double noiseSigmas,
            List<RunColumn> runs, List<QueryRow> queries, List<Regression> regressions, String mismatch, Double minDifferenceMs,
            String tooFewIterations, String timingNote) {
        this(benchmark, scaleFactor, baseline, thresholdPct, noiseSigmas, runs, queries, regressions, mismatch, minDifferenceMs,
                tooFewIterations, timingNote, null);
    }

    /**
     * One run in the comparison.
     *
     * @param label its name in the comparison (the file name without {@code .json})
     * @param file the results file
     * @param platform platform name
     * @param version engine version
     * @param configuration the engine configuration in one line
     * @param differs what differs in this run's configuration from the others' (all of it when nothing differs)
     * @param iterations measured iterations
     * @param geometricMeanMs geometric mean of the median times of the queries every run timed
     * @param ratio geometric mean / the baseline's
     * @param speedup the baseline's geometric mean / this one (above 1: faster)
     * @param change the geometric mean's change against the baseline's
     * @param powerAtSize the run's Power@Size, when it has one
     * @param billedUsd what its job runs were billed, when the platform bills (null: no cost known)
     * @param powerPerUsd Power@Size per billed dollar: price-performance
     * @param outcomes the run's executions by outcome (validated, not validated, failed, error)
     * @param timing where its query times were measured
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RunColumn(String label, String file, String platform, String version, String configuration, String differs, int iterations,
            Double geometricMeanMs, Double ratio, Double speedup, Change change, Double powerAtSize, BigDecimal billedUsd,
            Double powerPerUsd, dev.benchbox.results.Outcomes outcomes, dev.benchbox.results.TimingMethod timing) {
    }

    /** One query across the runs. */
    public record QueryRow(String id, List<Cell> cells) {
        public QueryRow {
            cells = List.copyOf(cells);
        }
    }

    /**
     * One query in one run.
     *
     * @param run the run's label
     * @param medianMs median time over the measured iterations, null when it was not timed
     * @param cv coefficient of variation, null with one sample
     * @param ratio median / the baseline's median, null for the baseline or when either is missing
     * @param change against the baseline
     * @param samples warm samples the median is over
     * @param ciLowMs low end of the median's 95% bootstrap interval
     * @param ciHighMs high end of it
     * @param coldMs the cold first execution, set apart from the samples; null when it is among them or unknown
     * @param q the Benjamini–Hochberg adjusted p-value of the difference from the baseline; null when not judged
     * @param phases the median planning and execution time over the same samples, when the run recorded Spark's phases
     * @param moved when the query changed and both it and the baseline have phases: the phase that moved most
     * @param metrics what Spark's tasks read, shuffled and spilled ({@link dev.benchbox.results.SparkMetrics}' names), as
     *     medians over the same samples, when the run recorded them
     * @param metricChanges against the baseline, the figures that differ by more than {@link Comparer#METRIC_CHANGE}
     *     (whether the query's time changed or not: a plan that reads less is news either way); null when either has none
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Cell(String run, Double medianMs, Double cv, Double ratio, Change change, Integer samples, Double ciLowMs,
            Double ciHighMs, Double coldMs, Double q, Phases phases, Moved moved, java.util.Map<String, Double> metrics,
            List<MetricChange> metricChanges) {
        /** A cell without Spark's task metrics. */
        public Cell(String run, Double medianMs, Double cv, Double ratio, Change change, Integer samples, Double ciLowMs,
                Double ciHighMs, Double coldMs, Double q, Phases phases, Moved moved) {
            this(run, medianMs, cv, ratio, change, samples, ciLowMs, ciHighMs, coldMs, q, phases, moved, null, null);
        }

        public Cell {
            metrics = metrics == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
            metricChanges = metricChanges == null ? null : List.copyOf(metricChanges);
        }

        /** A cell without samples (missing, or as recorded before intervals were). */
        public Cell(String run, Double medianMs, Double cv, Double ratio, Change change) {
            this(run, medianMs, cv, ratio, change, null, null, null, null, null);
        }

        /** A cell without Spark's phases. */
        public Cell(String run, Double medianMs, Double cv, Double ratio, Change change, Integer samples, Double ciLowMs,
                Double ciHighMs, Double coldMs, Double q) {
            this(run, medianMs, cv, ratio, change, samples, ciLowMs, ciHighMs, coldMs, q, null, null);
        }
    }

    /**
     * A query's time inside Spark, as medians over its warm samples: each planning phase, their sum, and execution
     * (the rest of the query's time). Medians of parts need not add up to the median of the whole.
     *
     * @param planningMs median of the planning phases' sum
     * @param executionMs median of the time after planning
     * @param phasesMs median of each planning phase by its name ({@code parsing}, {@code analysis}, ...)
     */
    public record Phases(double planningMs, double executionMs, java.util.Map<String, Double> phasesMs) {
        public Phases {
            phasesMs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(phasesMs));
        }
    }

    /**
     * One of Spark's figures that differs from the baseline's.
     *
     * @param metric its name ({@code input_rows}, ...)
     * @param baseline the baseline's median
     * @param value this run's median
     */
    public record MetricChange(String metric, double baseline, double value) {
        /** {@code rows read 60.2k -> 30.1k}. */
        public String describe() {
            return dev.benchbox.results.SparkMetrics.label(metric) + " " + dev.benchbox.results.SparkMetrics.format(metric, baseline) + " -> "
                    + dev.benchbox.results.SparkMetrics.format(metric, value);
        }
    }

    /**
     * The phase whose median moved most against the baseline's, for a query that changed.
     *
     * @param phase {@code execution} or a planning phase's name
     * @param deltaMs this run's median minus the baseline's (negative: faster)
     */
    public record Moved(String phase, double deltaMs) {
        /** {@code execution +410 ms}. */
        public String describe() {
            return String.format(java.util.Locale.ROOT, "%s %+.0f ms", phase, deltaMs);
        }
    }

    /**
     * A query, or the geometric mean ({@code query} is {@code geomean}), that got slower beyond the threshold.
     *
     * @param run the run's label
     * @param query query id or {@code geomean}
     * @param slowerPct how much slower than the baseline, in percent
     */
    public record Regression(String run, String query, double slowerPct) {
    }
}
