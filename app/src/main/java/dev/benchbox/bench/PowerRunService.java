package dev.benchbox.bench;

import dev.benchbox.platform.BatchListener;
import dev.benchbox.platform.BatchQuery;
import dev.benchbox.platform.LoadProgress;
import dev.benchbox.platform.LoadReport;
import dev.benchbox.platform.Platform;
import dev.benchbox.platform.QueryExecution;
import dev.benchbox.platform.WorkCancelled;
import dev.benchbox.BenchboxException;
import dev.benchbox.benchmark.Benchmark;
import dev.benchbox.dataset.Scale;
import dev.benchbox.cost.JobRunUsage;
import dev.benchbox.cost.PricingTable;
import dev.benchbox.results.JobRunRecord;
import dev.benchbox.results.QueryResult;
import dev.benchbox.results.QueryStatistics;
import dev.benchbox.results.RunConfiguration;
import dev.benchbox.results.ShellVersion;
import dev.benchbox.results.ResultStore;
import dev.benchbox.results.RunResult;
import dev.benchbox.session.LedgerEntry;
import dev.benchbox.session.Session;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Power runs of a benchmark (TPC-H, TPC-DS): makes sure the data is there (generating and loading it when the schema does not
 * hold that scale yet), runs the queries as one batch on the platform, validates the answers, computes
 * the metric and writes the results file.
 */
@Service
public class PowerRunService {
    /** Rows kept per result for validation; the largest TPC-H answer at SF 1 (Q16) has ~18,000. */
    /** Rows of each result a power run keeps for validation (and a previewed run's manifest carries). */
    public static final int MAX_ROWS_KEPT = 100_000;

    private final Session session;
    private final Path resultsDirectory;
    private final ResourceGuard guard;
    /** Where {@code --validate cross} reads the data DuckDB computes its answers over; null: none (refused). */
    private final dev.benchbox.cache.DataCache cache;

    @org.springframework.beans.factory.annotation.Autowired
    public PowerRunService(Session session, @Value("${benchbox.results-dir:benchbox-results}") Path resultsDirectory,
            ResourceGuard guard, dev.benchbox.cache.CachedLoads cachedLoads) {
        this(session, resultsDirectory, guard, cachedLoads.cache());
    }

    public PowerRunService(Session session, Path resultsDirectory, ResourceGuard guard, dev.benchbox.cache.DataCache cache) {
        this.session = session;
        this.resultsDirectory = resultsDirectory;
        this.guard = java.util.Objects.requireNonNull(guard, "guard is null");
        this.cache = cache;
    }

    /** This machine's data cache, which cross-checks read; null when the shell has none. */
    dev.benchbox.cache.DataCache dataCache() {
        return cache;
    }

    /** Guarded by this machine as it is, without a data cache. */
    public PowerRunService(Session session, Path resultsDirectory, ResourceGuard guard) {
        this(session, resultsDirectory, guard, (dev.benchbox.cache.DataCache) null);
    }

    /** Guarded by this machine as it is. */
    public PowerRunService(Session session, Path resultsDirectory) {
        this(session, resultsDirectory, new ResourceGuard());
    }

    /** What a power run produced. */
    public record Report(RunResult result, Path file, Optional<LoadReport> load) {
    }

    /** Listens to a run as it goes, for live output. */
    public interface Listener extends BatchListener {
        /** Data has to be generated first. */
        void loading(double scaleFactor);

        /** The measured execution was validated. */
        void validated(QueryResult result);

        /** {@code --validate cross}: DuckDB's answers over the cached data are being computed (minutes at large scales). */
        default void crossReference(String what) {
        }
    }

    public Report run(PowerRunRequest request, LoadProgress progress, Listener runListener) {
        return run(session.platform(), session.schema(), request, progress, runListener);
    }

    /**
     * Refuses {@code --validate cross} in one line where it cannot run: on DuckDB itself, or without the benchmark's
     * data at that scale in this machine's data cache. For a one-shot run, before connecting (which may start remote
     * work); a run checks again.
     */
    public void checkCross(String platformName, PowerRunRequest request) {
        if (request.validation() != dev.benchbox.tpch.ValidationMode.CROSS) {
            return;
        }
        CrossReference.refusal(platformName).ifPresent(reason -> {
            throw new BenchboxException(reason);
        });
        CrossReference.cached(cache, request.benchmark(), request.scaleFactor()).close();
    }

    /** A run on a platform other than the connected one as it is: a sweep's configured platform. */
    public Report run(Platform platform, String schema, PowerRunRequest request, LoadProgress progress, Listener runListener) {
        String runId = UUID.randomUUID().toString();
        // what the run creates (job runs, a session) carries its id, benchmark and scale: the bill can be grouped by run
        try (var tagged = platform.costAllocation()
                .map(c -> c.forRun(runId, request.benchmark().name(), Scale.of(request.scaleFactor()).text()))
                .orElse(dev.benchbox.platform.CostAllocation.Scope.NONE)) {
            return run(platform, schema, request, progress, runListener, runId);
        }
    }

    private Report run(Platform platform, String schema, PowerRunRequest request, LoadProgress progress, Listener runListener,
            String runId) {
        Map<String, Double> firstWarmupMs = new java.util.concurrent.ConcurrentHashMap<>();
        Listener listener = recordingFirstWarmups(runListener, firstWarmupMs);
        Instant started = Instant.now();
        long startNanos = System.nanoTime();

        // refused before any work: on a fresh schema the load alone may take minutes
        new ResultStore(resultsDirectory).checkWritable();
        boolean cross = request.validation() == dev.benchbox.tpch.ValidationMode.CROSS;
        if (cross) {
            CrossReference.refusal(platform.name()).ifPresent(reason -> {
                throw new BenchboxException(reason);
            });
        }
        if (request.viaSession()) {
            openSession(platform);
        }
        if (request.streams() > 1 && !platform.concurrentStreams()) {
            throw new BenchboxException("--streams runs concurrent job runs: it needs emr-serverless ("
                    + platform.name() + " runs one stream at a time here)");
        }
        Benchmark benchmark = request.benchmark();
        // DuckDB's answers before the platform does anything: no cached data, or a statement DuckDB cannot run, costs nothing
        if (cross) {
            listener.crossReference(benchmark.title() + " SF" + Scale.of(request.scaleFactor()).text());
        }
        Map<String, CrossReference.Answer> crossAnswers = cross
                ? CrossReference.answers(cache, benchmark, request.scaleFactor(), statements(request)) : Map.of();
        Optional<LoadReport> load = ensureLoaded(platform, schema, benchmark, request.scaleFactor(), request.force(), progress,
                () -> listener.loading(request.scaleFactor()));

        List<BatchQuery> batch = statements(request);
        List<QueryResult> results = new ArrayList<>();
        int jobRunsBefore = platform.jobRuns().size();
        double[] inDriverMs = new double[1];
        long streamsStarted = System.nanoTime();
        WorkCancelled cancelled = null;
        try {
            if (request.streams() == 1) {
                BatchRunner runner = request.viaSession() ? openSession(platform)::runBatch : platform::runBatch;
                keepingFinished(runner, schema, batch, request, execution -> {
                    inDriverMs[0] += execution.elapsedMillis();
                    listener.executed(execution);
                    if (!execution.warmup()) {
                        QueryResult result = toResult(execution, request, crossAnswers);
                        results.add(result);
                        listener.validated(result);
                    }
                });
            } else {
                runStreams(platform, schema, batch, request, listener, results, crossAnswers);
            }
        } catch (WorkCancelled e) {
            cancelled = e; // Ctrl-C or --max-cost: what finished is kept in the results file, marked as cancelled
        }
        double streamSeconds = (System.nanoTime() - streamsStarted) / 1e9;
        Instant finished = Instant.now();

        // as the specification counts queries: TPC-DS's two-part queries become one result each
        List<QueryResult> counted = benchmark.perQuery(results);
        RunResult result = new RunResult(
                new RunResult.Run(runId, started, finished, request.warmups(), request.iterations(),
                        request.validation().name().toLowerCase(java.util.Locale.ROOT),
                        request.viaSession() ? dev.benchbox.results.TimingMethod.SESSION : platform.timingMethod()),
                new RunResult.Benchmark(benchmark.name(), request.scaleFactor(), batch.stream().map(BatchQuery::id).toList(),
                        request.seed()),
                new RunResult.PlatformInfo(platform.name(), platform.version(), schema, request.viaSession()
                        ? Map.of("description", platform.description(), "timing", "through the interactive session, round trip per query",
                                "spark_figures", dev.benchbox.results.RunSummaryPrinter.SESSION_FIGURES)
                        : Map.of("description", platform.description())),
                request.streams() == 1 ? summarize(request, counted)
                        : summarize(request, counted).withThroughput(request.streams(),
                                throughputAtSize(request.scaleFactor(), counted.size(), streamSeconds),
                                throughputNote(request, streamSeconds)),
                counted,
                jobRunsSince(platform, jobRunsBefore, inDriverMs[0]),
                QueryStatistics.of(counted, request.warmups(), firstWarmupMs),
                new RunConfiguration(platform.configuration(), benchmark.name(), request.scaleFactor(),
                        batch.stream().map(BatchQuery::id).toList(), request.warmups(), request.iterations(), request.streams(),
                        request.validation().name().toLowerCase(java.util.Locale.ROOT), ShellVersion.current()));
        if (cancelled != null) {
            result = cancelledResult(result, cancelled, request.queries().size() * request.iterations() * request.streams());
        }
        Path file = write(result);
        session.record(new LedgerEntry(started, platform.name(), "run",
                benchmark.title() + " power run SF" + Scale.of(request.scaleFactor()).text() + ", " + batch.size()
                        + (batch.size() == 1 ? " statement" : " statements") + (cancelled == null ? "" : ", cancelled"),
                (System.nanoTime() - startNanos) / 1e6));
        Report report = new Report(result, file, load);
        if (cancelled != null) {
            throw new Cancelled(cancelled.getMessage(), report, cancelled);
        }
        return report;
    }

    /**
     * A run stopped before its end (Ctrl-C, {@code --max-cost}): a one-line error like the cancel's, with the results file
     * that keeps what finished.
     */
    public static final class Cancelled extends WorkCancelled {
        private final transient Report report;

        Cancelled(String message, Report report, Throwable cause) {
            super(message, List.of(), cause);
            this.report = report;
        }

        /** The results file of what finished, marked as cancelled. */
        public Report report() {
            return report;
        }
    }

    /** The run as far as it went: no metric over part of the work, and why it stopped, what it cost, what was cancelled. */
    private static RunResult cancelledResult(RunResult result, WorkCancelled cancelled, int planned) {
        RunResult.Summary s = result.summary();
        RunResult.Summary summary = new RunResult.Summary(s.queries(), s.passed(), s.failed(), s.errors(), s.totalMs(), s.geometricMeanMs(),
                null, "no metric: the run was cancelled before it finished", s.streams(), null, s.throughputNote() == null ? null
                        : "no metric: the run was cancelled before it finished", null);
        java.math.BigDecimal billed = result.jobRuns().isEmpty() ? null : result.jobRuns().stream()
                .map(j -> j.billedUsd() == null ? java.math.BigDecimal.ZERO : j.billedUsd())
                .reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add);
        List<String> cancelledRuns = result.jobRuns().stream().filter(j -> "CANCELLED".equals(j.state())).map(JobRunRecord::jobRunId).toList();
        int run = (int) result.queries().stream().filter(q -> q.iteration() > 0).count();
        dev.benchbox.results.Cancellation cancellation = new dev.benchbox.results.Cancellation(cancelled.getMessage(), billed,
                cancelledRuns, run, planned);
        return new RunResult(result.run().cancelled(cancellation), result.benchmark(), result.platform(), summary, result.queries(),
                result.jobRuns(), result.statistics(), result.configuration());
    }

    /** Writes the results file; after a Ctrl-C too (an interrupted thread's file channel would refuse to write). */
    private Path write(RunResult result) {
        return dev.benchbox.Interrupts.heldAside(() -> new ResultStore(resultsDirectory).write(result));
    }

    /** Runs one stream; when it is cancelled, what finished but was not reported yet goes to the listener before the cancel. */
    private static void keepingFinished(BatchRunner runner, String schema, List<BatchQuery> batch, PowerRunRequest request,
            BatchListener listener) {
        try {
            runner.run(schema, batch, request.warmups(), request.iterations(), MAX_ROWS_KEPT, listener);
        } catch (WorkCancelled e) {
            e.unreported().forEach(listener::executed);
            throw e;
        }
    }

    /**
     * The statements to run: the selected queries with the validation parameters, or with a seed the benchmark's
     * stream 0 (the power test's order and parameters) narrowed to the selected queries.
     */
    public static List<BatchQuery> statements(PowerRunRequest request) {
        Benchmark benchmark = request.benchmark();
        if (request.seed() == null) {
            return benchmark.statements(request.queries());
        }
        dev.benchbox.benchmark.PerformanceTests tests = benchmark.performanceTests().orElseThrow(() -> new BenchboxException(
                "--seed draws the query parameters of the specification's performance tests, which "
                        + benchmark.title() + " does not have in BenchBox"));
        java.util.Set<String> selected = request.queries().stream().map(n -> "Q" + n).collect(java.util.stream.Collectors.toSet());
        try {
            return tests.queryStream(request.seed(), 0, request.scaleFactor()).stream()
                    .filter(query -> selected.contains(query.id())).toList();
        } catch (IllegalArgumentException e) {
            throw new BenchboxException("invalid --seed: " + e.getMessage());
        }
    }

    /**
     * Generates and loads the benchmark's data at that scale unless the schema holds it already; {@code loading} is
     * told first. Refused before the schema or a line of output exists when the machine cannot hold the data.
     */
    public Optional<LoadReport> ensureLoaded(Platform platform, String schema, Benchmark benchmark, double scaleFactor,
            boolean force, LoadProgress progress, Runnable loading) {
        Optional<Scale> loaded = platform.loadedScale(schema, benchmark.dataSet());
        if (loaded.isPresent() && loaded.get().value() == scaleFactor) {
            return Optional.empty();
        }
        Instant started = Instant.now();
        guard.check(platform, benchmark, scaleFactor, force);
        loading.run();
        // a one-shot run on a fresh account has no database yet (create-schema is idempotent)
        platform.createSchema(schema);
        LoadReport load = platform.load(schema, benchmark.dataSet(), Scale.of(scaleFactor), List.of(), progress);
        session.record(new LedgerEntry(started, platform.name(), "load", benchmark.title() + " SF" + Scale.of(scaleFactor).text(),
                load.elapsedNanos() / 1e6));
        return Optional.of(load);
    }

    /**
     * A throughput test: the streams run side by side, each the selected queries in its own order (stream s
     * starts s-1 queries further along, so the streams do not run the same query at the same time), each as
     * its own batch. Ctrl-C interrupts every stream, which cancels their job runs.
     */
    private void runStreams(Platform platform, String schema, List<BatchQuery> batch, PowerRunRequest request, Listener listener,
            List<QueryResult> results, Map<String, CrossReference.Answer> crossAnswers) {
        ExecutorService pool = Executors.newFixedThreadPool(request.streams(), runnable -> {
            Thread thread = new Thread(runnable, "benchbox-stream");
            thread.setDaemon(true);
            return thread;
        });
        List<Future<?>> streams = new ArrayList<>();
        Object lock = new Object();
        for (int s = 1; s <= request.streams(); s++) {
            int stream = s;
            List<BatchQuery> order = new ArrayList<>(batch);
            java.util.Collections.rotate(order, -((stream - 1) % order.size()));
            streams.add(pool.submit(() -> keepingFinished(platform::runBatch, schema, order, request,
                    execution -> {
                        synchronized (lock) {
                            listener.executed(execution);
                            if (!execution.warmup()) {
                                QueryResult result = toResult(execution, request, crossAnswers).inStream(stream);
                                results.add(result);
                                listener.validated(result);
                            }
                        }
                    })));
        }
        try {
            for (Future<?> stream : streams) {
                stream.get();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            awaitQuietly(pool);
            Thread.currentThread().interrupt();
            throw new WorkCancelled("throughput test cancelled: its job runs were cancelled");
        } catch (ExecutionException e) {
            pool.shutdownNow();
            awaitQuietly(pool);
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new BenchboxException("a stream failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static void awaitQuietly(ExecutorService pool) {
        try {
            // the streams are cancelling their job runs; let them finish that
            pool.awaitTermination(10, java.util.concurrent.TimeUnit.MINUTES);
        } catch (InterruptedException ignored) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * TPC-H Throughput@Size (§5.4.2), generalised to the selected queries and iterations: measured query
     * executions × 3600 / the test's elapsed seconds × SF.
     */
    static Double throughputAtSize(double scaleFactor, int executions, double seconds) {
        if (seconds <= 0 || executions == 0) {
            return null;
        }
        return Math.round(executions * 3600.0 / seconds * scaleFactor * 100) / 100.0;
    }

    private static String throughputNote(PowerRunRequest request, double seconds) {
        return String.format(java.util.Locale.ROOT, "%d streams side by side, %.1f s from the first submission to the last result,"
                + " job start-up%s included; the refresh stream was not part of this test, so this is not a "
                + "specification-compliant Throughput@Size", request.streams(), seconds,
                request.warmups() > 0 ? " and warm-ups" : "");
    }

    /** The job runs behind this run; when one job ran the whole stream, its overhead beside the query time. */
    private static List<JobRunRecord> jobRunsSince(Platform platform, int before, double inDriverMs) {
        List<JobRunUsage> runs = platform.jobRuns();
        if (runs.size() <= before) {
            return List.of();
        }
        PricingTable pricing = PricingTable.load();
        List<JobRunRecord> records = runs.subList(before, runs.size()).stream().map(run -> JobRunRecord.of(run, pricing)).toList();
        return records.size() == 1 ? List.of(records.get(0).withQueryTime(inDriverMs)) : records;
    }

    /** The listener, also noting each query's first warm-up time: the cold execution the statistics set apart. */
    private static Listener recordingFirstWarmups(Listener listener, Map<String, Double> firstWarmupMs) {
        return new Listener() {
            @Override
            public void executed(QueryExecution execution) {
                if (execution.warmup() && execution.error() == null) {
                    firstWarmupMs.putIfAbsent(execution.queryId(), Math.round(execution.elapsedMillis() * 1000) / 1000.0);
                }
                listener.executed(execution);
            }

            @Override
            public void loading(double scaleFactor) {
                listener.loading(scaleFactor);
            }

            @Override
            public void validated(QueryResult result) {
                listener.validated(result);
            }

            @Override
            public void crossReference(String what) {
                listener.crossReference(what);
            }
        };
    }

    private static QueryResult toResult(QueryExecution execution, PowerRunRequest request,
            Map<String, CrossReference.Answer> crossAnswers) {
        double ms = Math.round(execution.elapsedMillis() * 1000) / 1000.0;
        if (execution.failed()) {
            return new QueryResult(execution.queryId(), execution.iteration(), ms, execution.rowCount(),
                    QueryResult.ERROR, null, execution.error()).withPhases(execution.phases()).withMetrics(execution.metrics());
        }
        CrossReference.Answer duckdb = crossAnswers.get(execution.queryId());
        if (duckdb != null) {
            dev.benchbox.tpch.Validation validation = request.benchmark().crossCheck(execution.queryId(), duckdb.columns(),
                    duckdb.rows(), execution.columns(), execution.rows());
            return dev.benchbox.benchmark.Checks.result(execution.queryId(), execution.iteration(), ms, execution.rowCount(),
                    validation).withPhases(execution.phases()).withMetrics(execution.metrics());
        }
        return request.benchmark().check(execution.queryId(), execution.iteration(), ms, execution.rowCount(),
                request.scaleFactor(), request.validation(), execution.columns(), execution.rows()).withPhases(execution.phases())
                .withMetrics(execution.metrics());
    }

    /** The summary with the benchmark's metric, over results as the benchmark counts queries. */
    static RunResult.Summary summarize(PowerRunRequest request, List<QueryResult> results) {
        return request.benchmark().summarize(request.scaleFactor(), request.iterations(), results);
    }

    /** The platform's open session, for {@code --via session}; one line when it has none open. */
    private static dev.benchbox.platform.SessionControl openSession(Platform platform) {
        dev.benchbox.platform.SessionControl sessions = platform.sessions().orElseThrow(() -> new BenchboxException(
                "--via session: " + platform.name() + " has no interactive sessions"));
        if (!sessions.isOpen()) {
            throw new BenchboxException("--via session: no session is open: run 'session start' first");
        }
        return sessions;
    }

    /** Runs one stream: the platform's way or the open session's. */
    @FunctionalInterface
    private interface BatchRunner {
        List<QueryExecution> run(String schema, List<BatchQuery> queries, int warmups, int iterations, int maxRowsKept,
                dev.benchbox.platform.BatchListener listener);
    }
}
