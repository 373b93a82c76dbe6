package dev.benchbox.results.compare;

import dev.benchbox.BenchboxException;
import dev.benchbox.results.EngineConfiguration;
import dev.benchbox.results.JobRunRecord;
import dev.benchbox.results.QueryStatistics;
import dev.benchbox.results.RunResult;
import dev.benchbox.tpch.TpchSchema;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Compares runs with a baseline. Each query is compared by its median over the measured iterations; a ratio is
 * a change only when it lies outside {@value #NOISE_SIGMAS} standard deviations of the noise the two runs
 * measured: on the log scale, {@code |ln(ratio)| > 2 × sqrt(cv_base² + cv_run²)}. A run with one iteration has
 * no measured noise, so any difference counts. The geometric mean over the queries every run timed is compared
 * the same way, with the noise of a mean of n logs: {@code sqrt(Σ(cv_base² + cv_run²)) / n}.
 */
public final class Comparer {
    /** Two standard deviations: about 95% of what noise alone produces stays inside. */
    public static final double NOISE_SIGMAS = 2;
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
        if (runs.size() < 2) {
            throw new BenchboxException("compare needs at least two results files");
        }
        NamedResult base = runs.get(baseline);
        String mismatch = mismatch(runs, base);
        if (mismatch != null && !force) {
            throw new BenchboxException(mismatch + ": such runs measure different work; add --force to compare them anyway");
        }
        List<Map<String, QueryStatistics>> stats = runs.stream()
                .map(r -> r.result().statistics().stream().collect(Collectors.toMap(QueryStatistics::id, Function.identity())))
                .toList();

        Set<String> ids = new LinkedHashSet<>();
        base.result().statistics().forEach(s -> ids.add(s.id()));
        runs.forEach(r -> r.result().statistics().forEach(s -> ids.add(s.id())));
        // the geometric means are over the queries every run timed, so they compare like with like
        List<String> common = ids.stream().filter(id -> stats.stream().allMatch(m -> m.containsKey(id))).toList();

        List<Comparison.Regression> regressions = new ArrayList<>();
        List<Comparison.QueryRow> rows = new ArrayList<>();
        for (String id : ids) {
            QueryStatistics b = stats.get(baseline).get(id);
            List<Comparison.Cell> cells = new ArrayList<>();
            for (int i = 0; i < runs.size(); i++) {
                QueryStatistics s = stats.get(i).get(id);
                String label = runs.get(i).label();
                if (s == null) {
                    cells.add(new Comparison.Cell(label, null, null, null, Change.MISSING));
                } else if (i == baseline) {
                    cells.add(new Comparison.Cell(label, s.medianMs(), s.cv(), null, Change.BASELINE));
                } else if (b == null) {
                    cells.add(new Comparison.Cell(label, s.medianMs(), s.cv(), null, Change.MISSING));
                } else {
                    double ratio = s.medianMs() / b.medianMs();
                    Change change = change(ratio, Math.sqrt(square(b.cv()) + square(s.cv())), thresholdPct);
                    if (change == Change.REGRESSION) {
                        regressions.add(new Comparison.Regression(label, id, round((ratio - 1) * 100, 1)));
                    }
                    cells.add(new Comparison.Cell(label, s.medianMs(), s.cv(), round(ratio, 4), change));
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
                double variance = 0;
                for (String id : common) {
                    variance += square(stats.get(baseline).get(id).cv()) + square(stats.get(i).get(id).cv());
                }
                change = change(r, Math.sqrt(variance) / common.size(), thresholdPct);
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
                    geomean == null ? null : round(geomean, 3), ratio, speedup, change, power, billed, perUsd));
        }
        return new Comparison(base.result().benchmark().name(), base.result().benchmark().scaleFactor(), base.label(), thresholdPct,
                NOISE_SIGMAS, columns, rows, regressions, mismatch);
    }

    /** What differs in benchmark or scale from the baseline, in one line; null when nothing does. */
    private static String mismatch(List<NamedResult> runs, NamedResult base) {
        for (NamedResult run : runs) {
            RunResult.Benchmark a = base.result().benchmark();
            RunResult.Benchmark b = run.result().benchmark();
            if (!a.name().equals(b.name()) || a.scaleFactor() != b.scaleFactor()) {
                return base.label() + " is " + a.name() + " SF" + TpchSchema.formatScale(a.scaleFactor()) + ", " + run.label()
                        + " is " + b.name() + " SF" + TpchSchema.formatScale(b.scaleFactor());
            }
        }
        return null;
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
