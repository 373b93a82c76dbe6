package dev.benchbox.results.compare;

import dev.benchbox.dataset.Scale;
import dev.benchbox.BenchboxException;
import dev.benchbox.results.EngineConfiguration;
import dev.benchbox.results.JobRunRecord;
import dev.benchbox.results.QueryResult;
import dev.benchbox.results.QueryStatistics;
import dev.benchbox.results.RunResult;
import dev.benchbox.results.TimingMethod;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Compares runs with a baseline. Each query is compared by its median over the warm iterations (the cold first
 * execution is reported apart), with a 95% bootstrap interval of that median. A difference is a change only when
 * all of these hold: the two intervals do not overlap; a bootstrap test of the difference of the medians finds it
 * (two-sided, after the Benjamini–Hochberg adjustment over the run's queries, q &lt; 10%); and the medians differ by at least the minimum
 * absolute difference. A regression is such a slowdown beyond the threshold. A query with fewer than
 * {@value Noise#MIN_SAMPLES} warm samples in either run cannot be judged ({@link Change#UNJUDGED}). The geometric
 * mean over the queries every run timed is judged by a one-sample t-test on the queries' log ratios.
 */
public final class Comparer {
    /** About two standard deviations: the 95% intervals' width, kept for readers of the JSON. */
    public static final double NOISE_SIGMAS = 2;
    /** Differences of medians below this many milliseconds are not changes, whatever the statistics say. */
    public static final double MIN_DIFFERENCE_MS = 5;
    public static final String GEOMEAN = "geomean";
    private static final Set<String> EXECUTOR_SETTINGS = Set.of("setting spark.executor.cores", "setting spark.executor.memory",
            "setting spark.executor.instances");
    private static final Set<String> DRIVER_SETTINGS = Set.of("setting spark.driver.cores", "setting spark.driver.memory");

    /**
     * @param runs the runs, at least two
     * @param baseline index of the baseline in {@code runs}
     * @param thresholdPct slower by more than this (percent, beyond the noise) is a regression; null: none
     * @param force compare different benchmarks or scales anyway
     */
    public Comparison compare(List<NamedResult> runs, int baseline, Double thresholdPct, boolean force) {
        return compare(runs, baseline, thresholdPct, MIN_DIFFERENCE_MS, force, false);
    }

    /**
     * @param minDifferenceMs medians closer than this are not a change
     * @param allowMixedTiming compare runs whose times were taken in different places anyway (the comparison says so)
     */
    public Comparison compare(List<NamedResult> runs, int baseline, Double thresholdPct, double minDifferenceMs, boolean force,
            boolean allowMixedTiming) {
        return compare(runs, baseline, thresholdPct, minDifferenceMs, force, allowMixedTiming, null, null);
    }

    /**
     * @param floor an A/A noise floor a change must exceed too (per query, and for the geometric mean); null: none
     * @param floorName where the floor came from, as the comparison names it
     */
    public Comparison compare(List<NamedResult> runs, int baseline, Double thresholdPct, double minDifferenceMs, boolean force,
            boolean allowMixedTiming, NoiseFloor floor, String floorName) {
        if (runs.size() < 2) {
            throw new BenchboxException("compare needs at least two results files");
        }
        NamedResult base = runs.get(baseline);
        if (floor != null) {
            floor.check(base.result(), floorName);
        }
        String mismatch = mismatch(runs, base);
        if (mismatch != null && !force) {
            throw new BenchboxException(mismatch + ": such runs measure different work; add --force to compare them anyway");
        }
        String timingNote = timingNote(runs);
        if (timingNote != null && timingNote.startsWith(MIXED) && !allowMixedTiming) {
            throw new BenchboxException(timingNote.substring(MIXED.length()) + ": a ratio across them compares more than the engines; "
                    + "add --allow-mixed-timing to compare them anyway");
        }
        List<Map<String, QueryStatistics>> stats = runs.stream()
                .map(r -> r.result().statistics().stream().collect(Collectors.toMap(QueryStatistics::id, Function.identity())))
                .toList();

        Set<String> ids = new LinkedHashSet<>();
        base.result().statistics().forEach(s -> ids.add(s.id()));
        runs.forEach(r -> r.result().statistics().forEach(s -> ids.add(s.id())));
        // the geometric means are over the queries every run timed, so they compare like with like
        List<String> common = ids.stream().filter(id -> stats.stream().allMatch(m -> m.containsKey(id))).toList();

        List<Map<String, double[]>> samples = runs.stream().map(r -> warmSamples(r.result())).toList();
        List<Map<String, Comparison.Phases>> phases = runs.stream().map(r -> phases(r.result())).toList();
        List<Map<String, Map<String, Double>>> metrics = runs.stream().map(r -> metrics(r.result())).toList();
        List<Comparison.Regression> regressions = new ArrayList<>();
        // first each judged pair's p-value, per run, so the adjustment sees all of a run's queries at once
        List<Map<String, Double>> qValues = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            Map<String, Double> pValues = new java.util.LinkedHashMap<>();
            for (String id : ids) {
                double[] b = samples.get(baseline).get(id);
                double[] r = samples.get(i).get(id);
                if (i != baseline && judgeable(b) && judgeable(r)) {
                    pValues.put(id, Noise.medianDifferenceP(b, r));
                }
            }
            double[] q = Noise.adjust(pValues.values().stream().mapToDouble(Double::doubleValue).toArray());
            Map<String, Double> adjusted = new java.util.LinkedHashMap<>();
            int k = 0;
            for (String id : pValues.keySet()) {
                adjusted.put(id, q[k++]);
            }
            qValues.add(adjusted);
        }
        List<Comparison.QueryRow> rows = new ArrayList<>();
        String unjudged = null;
        for (String id : ids) {
            QueryStatistics b = stats.get(baseline).get(id);
            List<Comparison.Cell> cells = new ArrayList<>();
            for (int i = 0; i < runs.size(); i++) {
                QueryStatistics s = stats.get(i).get(id);
                String label = runs.get(i).label();
                double[] own = samples.get(i).get(id);
                Noise.Interval interval = own == null ? null : Noise.medianInterval(own);
                Double low = interval == null ? null : round(interval.low(), 3);
                Double high = interval == null ? null : round(interval.high(), 3);
                Double cold = s == null || s.coldIncluded() ? null : s.coldMs();
                if (s == null) {
                    cells.add(new Comparison.Cell(label, null, null, null, Change.MISSING));
                } else if (i == baseline) {
                    cells.add(new Comparison.Cell(label, s.medianMs(), s.cv(), null, Change.BASELINE, s.samples(), low, high, cold, null,
                            phases.get(i).get(id), null, metrics.get(i).get(id), null));
                } else if (b == null) {
                    cells.add(new Comparison.Cell(label, s.medianMs(), s.cv(), null, Change.MISSING, s.samples(), low, high, cold, null,
                            phases.get(i).get(id), null, metrics.get(i).get(id), null));
                } else {
                    double ratio = s.medianMs() / b.medianMs();
                    Double q = qValues.get(i).get(id);
                    Change change;
                    if (q == null) {
                        change = Change.UNJUDGED;
                        if (unjudged == null) {
                            int inBaseline = samples.get(baseline).getOrDefault(id, new double[0]).length;
                            int fewest = Math.min(inBaseline, own.length);
                            unjudged = String.format(Locale.ROOT, "%s has %d warm sample%s in %s", id, fewest, fewest == 1 ? "" : "s",
                                    inBaseline == fewest ? runs.get(baseline).label() : label);
                        }
                    } else {
                        boolean beyondNoise = q < Noise.FDR && !Noise.medianInterval(samples.get(baseline).get(id)).overlaps(interval)
                                && Math.abs(s.medianMs() - b.medianMs()) >= minDifferenceMs && beyondFloor(floor, id, ratio);
                        change = !beyondNoise || ratio == 1 ? Change.SAME : ratio < 1 ? Change.FASTER
                                : thresholdPct != null && (ratio - 1) * 100 > thresholdPct ? Change.REGRESSION : Change.SLOWER;
                    }
                    if (change == Change.REGRESSION) {
                        regressions.add(new Comparison.Regression(label, id, round((ratio - 1) * 100, 1)));
                    }
                    boolean changed = change == Change.FASTER || change == Change.SLOWER || change == Change.REGRESSION;
                    cells.add(new Comparison.Cell(label, s.medianMs(), s.cv(), round(ratio, 4), change, s.samples(), low, high, cold,
                            q == null ? null : round(q, 6), phases.get(i).get(id),
                            changed ? moved(phases.get(baseline).get(id), phases.get(i).get(id)) : null, metrics.get(i).get(id),
                            metricChanges(metrics.get(baseline).get(id), metrics.get(i).get(id))));
                }
            }
            rows.add(new Comparison.QueryRow(id, cells));
        }

        List<Double> geomeans = new ArrayList<>();
        for (Map<String, QueryStatistics> m : stats) {
            geomeans.add(common.isEmpty() ? null : geometricMean(common.stream().map(id -> m.get(id).medianMs()).toList()));
        }
        List<String> differences = differences(runs.stream().map(r -> r.result().configuration().engine()).toList());
        List<Comparison.RunColumn> columns = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            NamedResult run = runs.get(i);
            Double geomean = geomeans.get(i);
            Double ratio = null;
            Double speedup = null;
            Change change = i == baseline ? Change.BASELINE : Change.MISSING;
            if (geomean != null && i != baseline) {
                double r = geomean / geomeans.get(baseline);
                int index = i;
                boolean judged = common.size() >= 2 && common.stream().allMatch(id -> qValues.get(index).containsKey(id));
                if (!judged) {
                    change = Change.UNJUDGED;
                } else {
                    double[] logRatios = common.stream()
                            .mapToDouble(id -> Math.log(stats.get(index).get(id).medianMs() / stats.get(baseline).get(id).medianMs())).toArray();
                    double above = Noise.aboveZeroP(logRatios);
                    boolean beyondNoise = Math.min(1, 2 * Math.min(above, 1 - above)) < Noise.FDR
                            && Math.abs(geomean - geomeans.get(baseline)) >= minDifferenceMs
                            && (floor == null || Math.abs(Math.max(r, 1 / r) - 1) * 100 > floor.geomeanPct());
                    change = !beyondNoise || r == 1 ? Change.SAME : r < 1 ? Change.FASTER
                            : thresholdPct != null && (r - 1) * 100 > thresholdPct ? Change.REGRESSION : Change.SLOWER;
                }
                if (change == Change.REGRESSION) {
                    regressions.add(new Comparison.Regression(run.label(), GEOMEAN, round((r - 1) * 100, 1)));
                }
                ratio = round(r, 4);
                speedup = round(1 / r, 4);
            }
            RunResult result = run.result();
            BigDecimal billed = billedUsd(result);
            Double power = result.summary().powerAtSize();
            Double perUsd = power == null || billed == null || billed.signum() == 0 ? null
                    : round(power / billed.doubleValue(), 2);
            columns.add(new Comparison.RunColumn(run.label(), run.file().toString(), result.platform().name(),
                    result.platform().version(), describe(result.configuration().engine()), differences.get(i),
                    result.run().iterations(),
                    geomean == null ? null : round(geomean, 3), ratio, speedup, change, power, billed, perUsd, result.outcomes(),
                    result.timingMethod()));
        }
        String tooFew = unjudged == null ? null : "too few iterations to tell a change from noise: " + unjudged
                + ", and judging needs at least " + Noise.MIN_SAMPLES + " a run (iterations beyond the cold first one: run with --iterations "
                + (Noise.MIN_SAMPLES + 1) + " or more)";
        return new Comparison(base.result().benchmark().name(), base.result().benchmark().scaleFactor(), base.label(), thresholdPct,
                NOISE_SIGMAS, columns, rows, regressions, mismatch, minDifferenceMs, tooFew, timingNote, floor == null ? null : floorName,
                incomplete(runs));
    }

    /**
     * The runs that were cancelled before their end, in one line: what they did not finish shows as missing (never as a
     * regression) and the geometric means are over the queries every run timed. Null when every run went to its end.
     */
    static String incomplete(List<NamedResult> runs) {
        List<String> cancelled = runs.stream().distinct().filter(r -> r.result().cancellation().isPresent())
                .map(r -> r.label() + " " + r.result().cancellation().get().describe()).toList();
        return cancelled.isEmpty() ? null : "incomplete: " + String.join(", ", cancelled)
                + "; what a run did not finish is missing, not slower, and the geometric means are over the queries every run timed";
    }

    /**
     * Whether a ratio of medians is beyond what the same configuration varied by: faster or slower by more than the
     * floor's percentage (of the smaller median, as measured). A query the floor does not know has none.
     */
    private static boolean beyondFloor(NoiseFloor floor, String id, double ratio) {
        Double pct = floor == null ? null : floor.pct(id);
        return pct == null || (Math.max(ratio, 1 / ratio) - 1) * 100 > pct;
    }

    /** What differs in benchmark or scale from the baseline, in one line; null when nothing does. */
    private static String mismatch(List<NamedResult> runs, NamedResult base) {
        for (NamedResult run : runs) {
            RunResult.Benchmark a = base.result().benchmark();
            RunResult.Benchmark b = run.result().benchmark();
            if (!a.name().equals(b.name()) || a.scaleFactor() != b.scaleFactor()) {
                return base.label() + " is " + a.name() + " SF" + Scale.of(a.scaleFactor()).text() + ", " + run.label()
                        + " is " + b.name() + " SF" + Scale.of(b.scaleFactor()).text();
            }
        }
        return null;
    }

    private static final String MIXED = "timed differently: ";

    /**
     * What the runs' timing methods say, in one line: null when all were timed alike; {@code timed differently: ...}
     * when known methods differ; {@code timing not recorded for ...} when some file does not say (and nothing can
     * be inferred), so a reader knows the ratio may mix them.
     */
    static String timingNote(List<NamedResult> runs) {
        List<TimingMethod> known = runs.stream().map(r -> r.result().timingMethod()).filter(t -> t != TimingMethod.UNKNOWN).distinct().toList();
        if (known.size() > 1) {
            return MIXED + runs.stream().map(r -> r.label() + " " + r.result().timingMethod().description())
                    .collect(Collectors.joining(", "));
        }
        List<String> unknown = runs.stream().filter(r -> r.result().timingMethod() == TimingMethod.UNKNOWN).map(NamedResult::label).toList();
        return unknown.isEmpty() ? null : "timing method not recorded for " + String.join(", ", unknown) + " (a results file written before it was)";
    }

    private static boolean judgeable(double[] samples) {
        return samples != null && samples.length >= Noise.MIN_SAMPLES;
    }

    /**
     * Each query's warm samples: its times over the measured iterations that ran, but for the cold first one when
     * there was no warm-up (as {@link QueryStatistics} sets it apart); every stream counts.
     */
    static Map<String, double[]> warmSamples(RunResult result) {
        Map<String, List<Double>> times = new java.util.LinkedHashMap<>();
        for (QueryResult query : result.queries()) {
            if (QueryResult.ERROR.equals(query.status()) || result.run().warmups() == 0 && query.iteration() == 1) {
                continue;
            }
            times.computeIfAbsent(query.id(), id -> new ArrayList<>()).add(query.ms());
        }
        for (QueryResult query : result.queries()) {
            // a query measured only cold: that one time is all there is (too few to judge)
            if (!QueryResult.ERROR.equals(query.status()) && !times.containsKey(query.id())) {
                times.put(query.id(), new ArrayList<>(List.of(query.ms())));
            }
        }
        Map<String, double[]> samples = new java.util.LinkedHashMap<>();
        times.forEach((id, list) -> samples.put(id, list.stream().mapToDouble(Double::doubleValue).toArray()));
        return samples;
    }

    /**
     * Each query's Spark phases as medians over the same executions {@link #warmSamples} takes; a query some of whose
     * executions lack phases has none (medians over part of the samples would not match its time's).
     */
    static Map<String, Comparison.Phases> phases(RunResult result) {
        Map<String, Comparison.Phases> phases = new java.util.LinkedHashMap<>();
        samples(result).forEach((id, executions) -> {
            if (executions.stream().anyMatch(q -> q.phasesMs().isEmpty())) {
                return;
            }
            Map<String, Double> medians = new java.util.LinkedHashMap<>();
            executions.forEach(q -> q.phasesMs().keySet().forEach(name -> medians.putIfAbsent(name, 0.0)));
            medians.replaceAll((name, zero) -> round(median(executions.stream().mapToDouble(q -> q.phasesMs().getOrDefault(name, 0L))), 1));
            double planning = median(executions.stream().mapToDouble(Comparer::planningMs));
            double execution = median(executions.stream().mapToDouble(q -> Math.max(0, q.ms() - planningMs(q))));
            phases.put(id, new Comparison.Phases(round(planning, 1), round(execution, 1), medians));
        });
        return phases;
    }

    /** Each query's executions that {@link #warmSamples} takes: the warm ones, or the cold one when there is no other. */
    private static Map<String, List<QueryResult>> samples(RunResult result) {
        Map<String, List<QueryResult>> warm = new java.util.LinkedHashMap<>();
        Map<String, List<QueryResult>> cold = new java.util.LinkedHashMap<>();
        for (QueryResult query : result.queries()) {
            if (!QueryResult.ERROR.equals(query.status())) {
                (result.run().warmups() == 0 && query.iteration() == 1 ? cold : warm).computeIfAbsent(query.id(), id -> new ArrayList<>())
                        .add(query);
            }
        }
        cold.forEach(warm::putIfAbsent);
        return warm;
    }

    /** How far apart two medians of one of Spark's figures must be to count as changed: 5% of the larger. */
    public static final double METRIC_CHANGE = 0.05;

    /**
     * Each query's task metrics as medians over the same executions {@link #warmSamples} takes; a query some of whose
     * executions lack them has none.
     */
    static Map<String, Map<String, Double>> metrics(RunResult result) {
        Map<String, List<QueryResult>> samples = samples(result);
        Map<String, Map<String, Double>> metrics = new java.util.LinkedHashMap<>();
        samples.forEach((id, executions) -> {
            if (executions.stream().anyMatch(q -> q.metrics().isEmpty())) {
                return;
            }
            Map<String, Double> medians = new java.util.LinkedHashMap<>();
            executions.forEach(q -> q.metrics().keySet().forEach(name -> medians.putIfAbsent(name, 0.0)));
            if (executions.stream().anyMatch(q -> !q.metrics().keySet().containsAll(medians.keySet()))) {
                return; // not the same figures in every execution: no median of them
            }
            medians.replaceAll((name, zero) -> median(executions.stream().mapToDouble(q -> q.metrics().get(name))));
            metrics.put(id, medians);
        });
        return metrics;
    }

    /** The figures both have that differ by more than {@link #METRIC_CHANGE} of the larger; null without both. */
    static List<Comparison.MetricChange> metricChanges(Map<String, Double> base, Map<String, Double> run) {
        if (base == null || run == null) {
            return null;
        }
        List<Comparison.MetricChange> changes = new ArrayList<>();
        for (Map.Entry<String, Double> figure : run.entrySet()) {
            Double before = base.get(figure.getKey());
            double after = figure.getValue();
            if (before != null && Math.abs(after - before) > METRIC_CHANGE * Math.max(Math.abs(after), Math.abs(before))) {
                changes.add(new Comparison.MetricChange(figure.getKey(), before, after));
            }
        }
        return changes;
    }

    private static double planningMs(QueryResult query) {
        return query.phasesMs().values().stream().mapToLong(Long::longValue).sum();
    }

    private static double median(java.util.stream.DoubleStream values) {
        double[] sorted = values.sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The phase (execution or a planning phase) whose median moved most from the baseline's; null without both. */
    static Comparison.Moved moved(Comparison.Phases base, Comparison.Phases run) {
        if (base == null || run == null) {
            return null;
        }
        Map<String, Double> deltas = new java.util.LinkedHashMap<>();
        deltas.put("execution", run.executionMs() - base.executionMs());
        Set<String> names = new LinkedHashSet<>(base.phasesMs().keySet());
        names.addAll(run.phasesMs().keySet());
        for (String name : names) {
            deltas.put(name, run.phasesMs().getOrDefault(name, 0.0) - base.phasesMs().getOrDefault(name, 0.0));
        }
        // the first of equals wins: execution, then the phases in Spark's order
        Map.Entry<String, Double> most = null;
        for (Map.Entry<String, Double> delta : deltas.entrySet()) {
            if (most == null || Math.abs(delta.getValue()) > Math.abs(most.getValue())) {
                most = delta;
            }
        }
        // medians of parts need not follow the whole's: a change with no phase moved names none
        return most.getValue() == 0 ? null : new Comparison.Moved(most.getKey(), round(most.getValue(), 1));
    }

    static Change change(double ratio, double noise, Double thresholdPct) {
        if (Math.abs(Math.log(ratio)) <= NOISE_SIGMAS * noise || ratio == 1) {
            return Change.SAME;
        }
        if (ratio < 1) {
            return Change.FASTER;
        }
        return thresholdPct != null && (ratio - 1) * 100 > thresholdPct ? Change.REGRESSION : Change.SLOWER;
    }

    /** What the run's job runs were billed; null on a platform that does not bill per job (DuckDB). */
    static BigDecimal billedUsd(RunResult result) {
        if (result.jobRuns().isEmpty()) {
            return null;
        }
        BigDecimal total = BigDecimal.ZERO;
        for (JobRunRecord job : result.jobRuns()) {
            if (job.billedUsd() == null) {
                return null;
            }
            total = total.add(job.billedUsd());
        }
        return total.setScale(4, RoundingMode.HALF_UP);
    }

    /**
     * The engine configuration in one line: e.g. {@code emr-7.0.0, arm64, us-east-1, driver 1x4vCPU-16GB, executors
     * 3x4vCPU-16GB, pre-initialised executors 2x4vCPU-16GB} or, for DuckDB, its settings {@code threads=2, memory_limit=1GiB}.
     */
    public static String describe(EngineConfiguration engine) {
        Map<String, String> parts = parts(engine);
        return parts.isEmpty() ? engine.platform() + " " + engine.version() : String.join(", ", parts.values());
    }

    /**
     * What differs between the runs' configurations, per run in one line (platform and version included when they
     * differ); when nothing does, each run's whole configuration.
     */
    static List<String> differences(List<EngineConfiguration> engines) {
        List<Map<String, String>> all = new ArrayList<>();
        for (EngineConfiguration engine : engines) {
            Map<String, String> parts = new java.util.LinkedHashMap<>();
            parts.put("platform", engine.platform() + " " + engine.version());
            parts.putAll(parts(engine));
            all.add(parts);
        }
        Set<String> keys = new LinkedHashSet<>();
        all.forEach(parts -> keys.addAll(parts.keySet()));
        List<String> different = keys.stream()
                .filter(key -> all.stream().map(parts -> parts.getOrDefault(key, "")).distinct().count() > 1).toList();
        // the Spark settings a worker size becomes differ because the size does: saying both says it twice
        List<String> differing = different.stream().filter(key -> !(different.contains("executors") && EXECUTOR_SETTINGS.contains(key)
                || different.contains("driver") && DRIVER_SETTINGS.contains(key))).toList();
        if (differing.isEmpty()) {
            return engines.stream().map(Comparer::describe).toList();
        }
        return all.stream().map(parts -> differing.stream().filter(parts::containsKey).map(parts::get)
                .collect(Collectors.joining(", "))).toList();
    }

    private static Map<String, String> parts(EngineConfiguration engine) {
        Map<String, String> parts = new java.util.LinkedHashMap<>();
        putIfSet(parts, "release", engine.releaseLabel());
        putIfSet(parts, "architecture", engine.architecture());
        putIfSet(parts, "region", engine.region());
        putIfSet(parts, "driver", engine.driver() == null ? null : "driver " + engine.driver());
        putIfSet(parts, "executors", engine.executors() == null ? null : "executors " + engine.executors());
        putIfSet(parts, "pre-driver", engine.preInitializedDriver() == null ? null
                : "pre-initialised driver " + engine.preInitializedDriver());
        putIfSet(parts, "pre-executors", engine.preInitializedExecutors() == null ? null
                : "pre-initialised executors " + engine.preInitializedExecutors());
        engine.settings().forEach((key, value) -> {
            // the Glue catalog factory is the same in every run: noise in a one-line description
            if (!key.equals("spark.hadoop.hive.metastore.client.factory.class")) {
                parts.put("setting " + key, key + "=" + value);
            }
        });
        return parts;
    }

    private static void putIfSet(Map<String, String> parts, String key, String value) {
        if (value != null) {
            parts.put(key, value);
        }
    }

    private static double square(Double cv) {
        return cv == null ? 0 : cv * cv;
    }

    static double geometricMean(List<Double> values) {
        double logs = 0;
        for (double value : values) {
            logs += Math.log(Math.max(value, 1e-9));
        }
        return Math.exp(logs / values.size());
    }

    private static double round(double value, int digits) {
        return BigDecimal.valueOf(value).setScale(digits, RoundingMode.HALF_UP).doubleValue();
    }
}
