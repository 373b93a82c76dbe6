package dev.benchbox.results.compare;

import dev.benchbox.cost.ResourceUtilization;
import dev.benchbox.results.EngineConfiguration;
import dev.benchbox.results.JobRunRecord;
import dev.benchbox.results.QueryResult;
import dev.benchbox.results.QueryStatistics;
import dev.benchbox.results.RunConfiguration;
import dev.benchbox.results.RunResult;
import dev.benchbox.results.TimingMethod;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Made-up results with known medians and noise, for comparisons and reports. */
public final class Fixtures {
    private Fixtures() {
    }

    /**
     * A query's statistics: a cold iteration, then three warm samples around the median with the given CV
     * (null: one iteration only).
     */
    public static QueryStatistics stat(String id, double medianMs, Double cv) {
        return new QueryStatistics(id, cv == null ? 1 : 3, medianMs * 2, cv == null, medianMs, medianMs, medianMs, medianMs, cv);
    }

    /** A DuckDB run at the scale factor with these statistics. */
    public static RunResult duckdb(double scaleFactor, QueryStatistics... stats) {
        return run("duckdb", "v1.4.4", EngineConfiguration.embedded("duckdb", "v1.4.4", ordered("threads", "2", "memory_limit", "1GiB")),
                scaleFactor, List.of(), stats);
    }

    /** An EMR Serverless run on the architecture, billed {@code billedUsd} for one job run with the given times. */
    public static RunResult emr(String architecture, int executors, String billedUsd, long queuedMs, long wallMs, double inDriverMs,
            QueryStatistics... stats) {
        EngineConfiguration engine = new EngineConfiguration("emr-serverless", "emr-7.0.0", "emr-7.0.0", architecture, "us-east-1",
                new EngineConfiguration.Workers(1, 4, 16, 20), new EngineConfiguration.Workers(executors, 4, 16, 20), null, null,
                ordered("spark.executor.cores", "4", "spark.executor.memory", "14g"));
        Instant created = Instant.parse("2025-01-01T00:00:00Z");
        JobRunRecord job = new JobRunRecord("00f" + architecture + executors, "power run", "SUCCESS", created,
                created.plusMillis(queuedMs), created.plusMillis(wallMs), queuedMs, wallMs / 1000, 500L, wallMs, inDriverMs,
                wallMs - inDriverMs, new ResourceUtilization(0.2, 0.8, 0), new ResourceUtilization(0.3, 1.2, 0),
                new BigDecimal(billedUsd).multiply(new BigDecimal("0.8")), new BigDecimal(billedUsd));
        return run("emr-serverless", "emr-7.0.0", engine, 0.01, List.of(job), stats);
    }

    /**
     * The run with its one job run's driver milestones: its JVM {@code launchMs} after RUNNING, Spark up {@code sparkMs}
     * later, the first query {@code prepareMs} after that, the queries over {@code queriesMs}; the rest to the end is teardown.
     */
    public static RunResult withDriver(RunResult result, long launchMs, long sparkMs, long prepareMs, long queriesMs) {
        JobRunRecord job = result.jobRuns().get(0);
        Instant jvm = job.startedAt().plusMillis(launchMs);
        Instant spark = jvm.plusMillis(sparkMs);
        Instant first = spark.plusMillis(prepareMs);
        dev.benchbox.cost.DriverClock driver = new dev.benchbox.cost.DriverClock(jvm, jvm.plusMillis(300), spark, first,
                first.plusMillis(queriesMs));
        JobRunRecord timed = new JobRunRecord(job.jobRunId(), job.kind(), job.state(), job.createdAt(), job.startedAt(), job.endedAt(),
                job.queuedMs(), job.totalExecutionDurationSeconds(), job.noticedAfterMs(), job.wallMs(), job.queriesInDriverMs(),
                job.overheadMs(), job.total(), job.billed(), job.totalUsd(), job.billedUsd(), job.tags(), driver,
                dev.benchbox.results.JobTimeSplit.of(job.createdAt(), job.startedAt(), job.endedAt(), job.queuedMs(), driver).orElseThrow());
        return new RunResult(result.run(), result.benchmark(), result.platform(), result.summary(), result.queries(), List.of(timed),
                result.statistics(), result.configuration());
    }

    private static RunResult run(String platform, String version, EngineConfiguration engine, double scaleFactor,
            List<JobRunRecord> jobs, QueryStatistics... stats) {
        Instant started = Instant.parse("2025-01-01T00:00:00Z");
        List<QueryResult> queries = new ArrayList<>();
        List<Double> medians = new ArrayList<>();
        for (QueryStatistics s : stats) {
            if (s.cv() == null) {
                queries.add(new QueryResult(s.id(), 1, s.medianMs(), 1, QueryResult.VALIDATED, "exact", null));
            } else {
                // the cold iteration, then three warm ones whose median and CV are the statistics'
                double m = s.medianMs();
                double[] times = {s.coldMs(), m * (1 - s.cv()), m, m * (1 + s.cv())};
                for (int i = 0; i < times.length; i++) {
                    queries.add(new QueryResult(s.id(), i + 1, times[i], 1, QueryResult.VALIDATED, "exact", null));
                }
            }
            medians.add(s.medianMs() / 1000);
        }
        List<String> ids = List.of(stats).stream().map(QueryStatistics::id).toList();
        Double power = medians.isEmpty() ? null : Math.round(dev.benchbox.benchmark.PowerMetric.powerAtSize(scaleFactor, medians) * 100) / 100.0;
        int iterations = stats.length > 0 && stats[0].cv() != null ? 4 : 1;
        return new RunResult(new RunResult.Run("run-" + platform, started, started.plusSeconds(5), 0, iterations, "exact",
                jobs.isEmpty() ? TimingMethod.JDBC : TimingMethod.DRIVER),
                new RunResult.Benchmark("tpch", scaleFactor, ids),
                new RunResult.PlatformInfo(platform, version, "main", Map.of()),
                new RunResult.Summary(queries.size(), queries.size(), 0, 0, 100, 10, power, "note"),
                queries, jobs, List.of(stats), new RunConfiguration(engine, "tpch", scaleFactor, ids, 0, iterations, 1, "exact", "0.1.0"));
    }

    private static Map<String, String> ordered(String... keysAndValues) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /**
     * A DuckDB run at SF 1 whose queries took exactly these times, iteration by iteration (the first is the cold one):
     * its statistics follow from them, as they do for a results file.
     */
    public static RunResult measured(Map<String, double[]> times) {
        Instant started = Instant.parse("2025-01-01T00:00:00Z");
        List<QueryResult> queries = new ArrayList<>();
        int iterations = 0;
        for (Map.Entry<String, double[]> entry : times.entrySet()) {
            for (int i = 0; i < entry.getValue().length; i++) {
                queries.add(new QueryResult(entry.getKey(), i + 1, entry.getValue()[i], 1, QueryResult.VALIDATED, "exact", null));
            }
            iterations = entry.getValue().length;
        }
        List<String> ids = List.copyOf(times.keySet());
        EngineConfiguration engine = EngineConfiguration.embedded("duckdb", "v1.4.4", ordered("threads", "2"));
        return new RunResult(new RunResult.Run("run-m", started, started.plusSeconds(5), 0, iterations, "exact", TimingMethod.JDBC),
                new RunResult.Benchmark("tpch", 1, ids), new RunResult.PlatformInfo("duckdb", "v1.4.4", "main", Map.of()),
                new RunResult.Summary(queries.size(), queries.size(), 0, 0, 100, 10, null, "note"), queries, List.of(), null,
                new RunConfiguration(engine, "tpch", 1, ids, 0, iterations, 1, "exact", "0.1.0"));
    }

    /** The same run with its timing method as given (null: not recorded, as in an old file) and its platform details. */
    public static RunResult timed(RunResult result, TimingMethod timing, Map<String, Object> details) {
        RunResult.Run run = result.run();
        return new RunResult(new RunResult.Run(run.id(), run.started(), run.finished(), run.warmups(), run.iterations(), run.validation(),
                timing), result.benchmark(), new RunResult.PlatformInfo(result.platform().name(), result.platform().version(),
                result.platform().schema(), details), result.summary(), result.queries(), result.jobRuns(), result.statistics(),
                result.configuration());
    }

    /** The same run with Spark's planning phases recorded for every execution of the query. */
    public static RunResult withPhases(RunResult result, String id, long parsing, long analysis, long optimization, long planning) {
        Map<String, Long> phases = new java.util.LinkedHashMap<>();
        phases.put("parsing", parsing);
        phases.put("analysis", analysis);
        phases.put("optimization", optimization);
        phases.put("planning", planning);
        return new RunResult(result.run(), result.benchmark(), result.platform(), result.summary(),
                result.queries().stream().map(q -> q.id().equals(id) ? q.withPhases(phases) : q).toList(), result.jobRuns(),
                result.statistics(), result.configuration());
    }

    /** The run with one query's task metrics, the same in every execution: rows and bytes read, bytes shuffled out. */
    public static RunResult withMetrics(RunResult result, String id, long rowsRead, long bytesRead, long shuffleBytes) {
        Map<String, Long> metrics = new java.util.LinkedHashMap<>();
        metrics.put("input_rows", rowsRead);
        metrics.put("input_bytes", bytesRead);
        metrics.put("shuffle_write_rows", 4L);
        metrics.put("shuffle_write_bytes", shuffleBytes);
        metrics.put("shuffle_read_bytes", shuffleBytes);
        metrics.put("spill_bytes", 0L);
        return new RunResult(result.run(), result.benchmark(), result.platform(), result.summary(),
                result.queries().stream().map(q -> q.id().equals(id) ? q.withMetrics(metrics) : q).toList(), result.jobRuns(),
                result.statistics(), result.configuration());
    }

    public static NamedResult named(String label, RunResult result) {
        return new NamedResult(label, Path.of(label + ".json"), result);
    }
}
