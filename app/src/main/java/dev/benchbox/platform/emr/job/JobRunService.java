package dev.benchbox.platform.emr.job;

import static java.util.Objects.requireNonNull;

import dev.benchbox.BenchboxException;
import dev.benchbox.cost.JobRunUsage;
import dev.benchbox.cost.ResourceUtilization;
import dev.benchbox.platform.BatchListener;
import dev.benchbox.platform.BatchQuery;
import dev.benchbox.dataset.Column;
import dev.benchbox.platform.QueryExecution;
import dev.benchbox.platform.QuerySummary;
import dev.benchbox.platform.RowSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;
import software.amazon.awssdk.services.emrserverless.model.JobRun;
import software.amazon.awssdk.services.emrserverless.model.JobRunState;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Runs SQL on EMR Serverless as one job run per stream (a job run costs tens of seconds of start-up): a whole stream of queries in ONE job run, timed
 * inside the driver, results brought back from S3. Also keeps the session's ledger of job runs (AWS's own
 * total and billed resource figures), whatever way each run ended.
 */
public final class JobRunService {
    private static final DateTimeFormatter RUN_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

    private final S3Client s3;
    private final JobRunner runner;
    private final java.util.function.Supplier<JobSettings> settings;
    private final Runnable beforeSubmit;
    private final RunIds runIds;
    private final List<JobRunUsage> jobRuns = Collections.synchronizedList(new ArrayList<>());
    /** {@code --max-cost} while a command's work runs, or null. */
    private volatile dev.benchbox.cost.SpendingLimit limit;
    private volatile java.time.Clock clock = java.time.Clock.systemUTC();
    /** The Spark version the latest run's driver reported (null before one): results say what the job really ran on. */
    private volatile String sparkVersion;
    private volatile RunManifest.Catalog lastCatalog = RunManifest.Catalog.GLUE;

    public JobRunService(EmrServerlessClient emr, S3Client s3, JobSettings settings) {
        this(emr, s3, settings, () -> { });
    }

    /**
     * @param beforeSubmit makes the application ready for a job run (AWS refuses runs while it is STOPPING,
     *     which its idle auto-stop can start at any time)
     */
    public JobRunService(EmrServerlessClient emr, S3Client s3, JobSettings settings, Runnable beforeSubmit) {
        this(emr, s3, constant(requireNonNull(settings, "settings is null")), beforeSubmit, Backoff.DEFAULT);
    }

    /**
     * @param settings read at each job run: a connection's settings follow the command's work (scale, --spark-conf)
     * @param polling  how job run states are polled: the platform's one backoff
     */
    public JobRunService(EmrServerlessClient emr, S3Client s3, java.util.function.Supplier<JobSettings> settings, Runnable beforeSubmit,
            Backoff polling) {
        this(emr, s3, settings, beforeSubmit, polling, RunIds.UNIQUE);
    }

    /** @param runIds how runs are named: uniquely, or (a dry run's) with one fixed id so that its files compare */
    public JobRunService(EmrServerlessClient emr, S3Client s3, java.util.function.Supplier<JobSettings> settings, Runnable beforeSubmit,
            Backoff polling, RunIds runIds) {
        this.runIds = requireNonNull(runIds, "runIds is null");
        this.s3 = requireNonNull(s3, "s3 is null");
        this.runner = new JobRunner(emr, s3, polling);
        this.settings = requireNonNull(settings, "settings is null");
        this.beforeSubmit = requireNonNull(beforeSubmit, "beforeSubmit is null");
    }

    private static java.util.function.Supplier<JobSettings> constant(JobSettings settings) {
        return () -> settings;
    }

    /** Where a run's id comes from: {@code prefix} says its kind ({@code r} a run, {@code g} a generation, {@code c} a check). */
    @FunctionalInterface
    public interface RunIds {
        /** {@code <prefix>-<UTC time>-<random hex>}, usable in S3 keys. */
        RunIds UNIQUE = JobRunService::newRunId;

        String next(String prefix);
    }

    /** Told how the job run goes (submitted, state changes), for live display. */
    public interface Progress extends JobRunner.Listener {
        Progress NONE = new Progress() { };
    }

    /** What one job run brought back. */
    public record Outcome(JobRunUsage usage, JobResults results) {
    }

    /**
     * Runs the queries (warm-ups, then iterations) in one job run and returns every execution. Query errors
     * are results; a job that fails, times out or is cancelled is a one-line {@link BenchboxException}.
     *
     * @param tables table locations, for the path-based catalog mode and the record
     */
    public Outcome run(String kind, String database, RunManifest.Catalog catalog, Map<String, String> tables,
            List<BatchQuery> queries, int warmups, int iterations, int maxRows, Progress progress) {
        JobJar jar = settings.get().jobJar();
        String jarUri = jar.location(settings.get().staging());
        jar.uploadIfAbsent(s3, jarUri);
        String runId = runIds.next("r");
        RunManifest manifest = new RunManifest(runId, database, catalog, tables, queries, warmups, iterations, maxRows,
                RunManifest.outputFor(settings.get().staging(), runId));
        String manifestUri = manifest.upload(s3);
        JobRequest request = request(kind, runId, jarUri, manifestUri, catalog);
        JobRunUsage usage;
        try {
            usage = submit(request, kind, progress);
        } catch (dev.benchbox.platform.WorkCancelled e) {
            // what the job finished before the cancel is in S3 already: the caller keeps it
            List<QueryExecution> finished;
            try {
                finished = dev.benchbox.Interrupts.heldAside(() -> JobResults.readFinished(s3, manifest.output(),
                        queries.stream().map(BatchQuery::id).toList(), warmups, iterations).stream().map(JobResults.Result::execution).toList());
            } catch (RuntimeException unreadable) {
                e.addSuppressed(unreadable);
                throw e;
            }
            throw new dev.benchbox.platform.WorkCancelled(e.getMessage(), finished, e);
        }
        JobResults results = JobResults.read(s3, manifest.output());
        if (results.driver() != null) {
            usage = withDriver(usage, results.driver());
        }
        if (results.sparkVersion() != null) {
            sparkVersion = results.sparkVersion();
        }
        lastCatalog = catalog;
        return new Outcome(usage, results);
    }

    /** The ledger's entry of the run, now with its driver's milestones (the time split of the run needs both). */
    private JobRunUsage withDriver(JobRunUsage usage, dev.benchbox.cost.DriverClock driver) {
        JobRunUsage timed = usage.withDriver(driver);
        synchronized (jobRuns) {
            int at = jobRuns.indexOf(usage);
            if (at >= 0) {
                jobRuns.set(at, timed);
            }
        }
        return timed;
    }

    /** How the latest query job run found its tables (Glue's metastore until one ran over Iceberg tables). */
    public RunManifest.Catalog lastCatalog() {
        return lastCatalog;
    }

    /** The Spark version the latest job run's driver reported, if one has run. */
    public java.util.Optional<String> sparkVersion() {
        return java.util.Optional.ofNullable(sparkVersion);
    }

    /**
     * Runs any manifest of the BenchBox job (e.g. data generation) as one job run: uploads the jar if it is not
     * there, submits, follows it to its end, and records its usage in the ledger as {@code kind}.
     *
     * @param manifestUri the manifest, already uploaded
     * @param submit      the job's Spark settings
     * @return the run's usage (it also went into the ledger)
     */
    public JobRunUsage runManifest(String kind, String runId, String manifestUri, SparkSubmit submit, Progress progress) {
        JobJar jar = settings.get().jobJar();
        String jarUri = jar.location(settings.get().staging());
        jar.uploadIfAbsent(s3, jarUri);
        return submit(request(kind, runId, jarUri, manifestUri, submit), kind, progress);
    }

    /** The StartJobRun request of one run of the job. */
    private JobRequest request(String kind, String runId, String jarUri, String manifestUri, SparkSubmit submit) {
        JobSettings s = settings.get();
        return new JobRequest(s.applicationId(), s.executionRoleArn(), "benchbox " + kind + " " + runId, jarUri,
                List.of(manifestUri), submit.parameters(), s.logUri(), s.timeoutMinutes(), s.tags());
    }

    private JobRunUsage submit(JobRequest request, String kind, Progress progress) {
        JobRunUsage[] usage = new JobRunUsage[1];
        JobRunner.Listener listener = new JobRunner.Listener() {
            @Override
            public void submitted(String jobRunId) {
                progress.submitted(jobRunId);
            }

            @Override
            public void stateChanged(String jobRunId, JobRunState state, Duration sinceSubmit) {
                progress.stateChanged(jobRunId, state, sinceSubmit);
            }

            @Override
            public void stillIn(String jobRunId, JobRunState state, Duration sinceSubmit) {
                progress.stillIn(jobRunId, state, sinceSubmit);
            }

            @Override
            public java.util.Optional<String> stopReason(JobRun run) {
                dev.benchbox.cost.SpendingLimit cap = limit;
                return cap == null ? java.util.Optional.empty() : cap.check(run.jobRunId(), run.startedAt(), clock.instant());
            }

            @Override
            public void ended(JobRun run) {
                usage[0] = usage(run, kind);
                jobRuns.add(usage[0]);
                dev.benchbox.cost.SpendingLimit cap = limit;
                if (cap != null) {
                    cap.ended(run.jobRunId(), usage[0].billed(), clock.instant());
                }
                progress.ended(run);
            }
        };
        dev.benchbox.cost.SpendingLimit cap = limit;
        if (cap != null && cap.exceeded()) {
            throw new dev.benchbox.platform.WorkCancelled(cap.explanation(request.name() + " was not started"));
        }
        beforeSubmit.run();
        try {
            runner.run(request, listener);
        } catch (dev.benchbox.platform.WorkCancelled e) {
            if (cap != null && cap.exceeded()) {
                // said once the cancelled run's billed figures are in: what was spent, not only what was projected
                throw new dev.benchbox.platform.WorkCancelled(cap.explanation(request.name() + " (job run "
                        + (usage[0] == null ? "?" : usage[0].jobRunId()) + ") was cancelled"), List.of(), e);
            }
            throw e;
        }
        return usage[0];
    }

    /** A batch (power run stream) as one job run; executions reported after the run, in order. */
    public List<QueryExecution> runBatch(String database, Map<String, String> tables, List<BatchQuery> queries, int warmups,
            int iterations, int maxRowsKept, BatchListener listener, Progress progress) {
        return runBatch(database, RunManifest.Catalog.GLUE, tables, queries, warmups, iterations, maxRowsKept, listener, progress);
    }

    /** As above, finding the tables through {@code catalog} (Iceberg tables through Iceberg's Glue catalog). */
    public List<QueryExecution> runBatch(String database, RunManifest.Catalog catalog, Map<String, String> tables, List<BatchQuery> queries,
            int warmups, int iterations, int maxRowsKept, BatchListener listener, Progress progress) {
        Outcome outcome = run("power run", database, catalog, tables, queries, warmups, iterations,
                maxRowsKept, progress);
        List<QueryExecution> executions = outcome.results().executions();
        executions.forEach(listener::executed);
        return executions;
    }

    /**
     * One ad-hoc statement as a job run; its first {@code maxRows} rows stream to the sink (the job brings
     * back at most that many), the count covers them all.
     */
    public QuerySummary execute(String database, Map<String, String> tables, String sql, int maxRows, RowSink sink,
            Progress progress) {
        return execute(database, RunManifest.Catalog.GLUE, tables, sql, maxRows, sink, progress);
    }

    /** As above, finding the tables through {@code catalog}. */
    public QuerySummary execute(String database, RunManifest.Catalog catalog, Map<String, String> tables, String sql, int maxRows,
            RowSink sink, Progress progress) {
        long started = System.nanoTime();
        Outcome outcome = run("query", database, catalog, tables, List.of(new BatchQuery("query", sql)), 0, 1,
                maxRows, progress);
        JobResults.Result result = outcome.results().results().stream()
                .filter(r -> !r.execution().warmup())
                .findFirst()
                .orElseThrow(() -> new BenchboxException("job run " + outcome.usage().jobRunId() + " returned no result"));
        QueryExecution execution = result.execution();
        if (execution.failed()) {
            throw new BenchboxException(firstLine(execution.error()));
        }
        try {
            List<Column> columns = result.columns();
            sink.begin(columns);
            for (List<Object> row : execution.rows()) {
                sink.row(row);
            }
            sink.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new QuerySummary(result.columns(), execution.rowCount(), System.nanoTime() - started);
    }

    /**
     * Until the returned scope closes, every poll projects what the work bills and a job run is cancelled once the
     * projection passes {@code limit}; {@code clock} is what "now" is (a test's moves with the stand-in's).
     */
    public AutoCloseable limit(dev.benchbox.cost.SpendingLimit spendingLimit, java.time.Clock now) {
        dev.benchbox.cost.SpendingLimit before = limit;
        java.time.Clock clockBefore = clock;
        limit = requireNonNull(spendingLimit, "spendingLimit is null");
        clock = requireNonNull(now, "now is null");
        return () -> {
            limit = before;
            clock = clockBefore;
        };
    }

    /** Every job run this service ran, oldest first. */
    public List<JobRunUsage> jobRuns() {
        synchronized (jobRuns) {
            return List.copyOf(jobRuns);
        }
    }

    private JobRequest request(String kind, String runId, String jarUri, String manifestUri, RunManifest.Catalog catalog) {
        return request(kind, runId, jarUri, manifestUri, settings.get().sparkSubmit(catalog));
    }

    /** The settings every job run of the session shares. */
    public JobSettings settings() {
        return settings.get();
    }

    /** A new run id of this service's kind ({@link RunIds}). */
    public String nextRunId(String prefix) {
        return runIds.next(prefix);
    }

    /** A new run id: {@code <prefix>-<UTC time>-<random hex>}, usable in S3 keys. */
    public static String newRunId(String prefix) {
        return prefix + "-" + RUN_STAMP.format(Instant.now()) + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
    }

    JobRunUsage usage(JobRun run, String kind) {
        return new JobRunUsage(run.jobRunId(), run.name() == null ? kind : run.name(), kind, run.stateAsString(),
                total(run.totalResourceUtilization()), billed(run.billedResourceUtilization()),
                run.totalExecutionDurationSeconds() == null ? 0 : run.totalExecutionDurationSeconds(),
                run.createdAt(), run.startedAt(), run.endedAt(),
                run.queuedDurationMilliseconds() == null ? null : Duration.ofMillis(run.queuedDurationMilliseconds()),
                settings.get().architecture(), settings.get().region(), Instant.now(), run.hasTags() ? run.tags() : Map.of());
    }

    private static ResourceUtilization total(software.amazon.awssdk.services.emrserverless.model.TotalResourceUtilization u) {
        return u == null ? ResourceUtilization.ZERO : ResourceUtilization.ofNullable(u.vcpuHour(), u.memoryGBHour(), u.storageGBHour());
    }

    private static ResourceUtilization billed(software.amazon.awssdk.services.emrserverless.model.ResourceUtilization u) {
        return u == null ? ResourceUtilization.ZERO : ResourceUtilization.ofNullable(u.vcpuHour(), u.memoryGBHour(), u.storageGBHour());
    }

    private static String firstLine(String text) {
        return text == null ? "query failed" : text.strip().split("\\R", 2)[0];
    }
}
