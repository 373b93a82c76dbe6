package dev.benchbox.bench;

import dev.benchbox.BenchboxException;
import dev.benchbox.benchmark.Benchmark;
import dev.benchbox.benchmark.PerformanceTests;
import dev.benchbox.benchmark.PerformanceTests.RefreshPair;
import dev.benchbox.dataset.Scale;
import dev.benchbox.files.AtomicFiles;
import dev.benchbox.platform.BatchQuery;
import dev.benchbox.platform.LoadProgress;
import dev.benchbox.platform.Platform;
import dev.benchbox.platform.QueryExecution;
import dev.benchbox.platform.StreamConnections;
import dev.benchbox.platform.StreamConnections.Step;
import dev.benchbox.platform.StreamConnections.StreamConnection;
import dev.benchbox.results.FullRunResult;
import dev.benchbox.results.FullRunResult.Interval;
import dev.benchbox.results.FullRunResult.RowCheck;
import dev.benchbox.results.QueryResult;
import dev.benchbox.results.ResultStore;
import dev.benchbox.results.RunResult;
import dev.benchbox.session.LedgerEntry;
import dev.benchbox.session.Session;
import dev.benchbox.tpch.ValidationMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * A benchmark run as its specification defines it ({@code run tpch --full}): the qualification run (validation
 * parameters, answers checked), the power test (RF1, query stream 0, RF2) and the throughput test (S query streams
 * side by side with a refresh stream of S RF1/RF2 pairs), the metrics over their timing intervals, and whether the run
 * may be called compliant. Every query text and refresh statement is made before the tests start, so generation is
 * never timed. Afterwards the data is put back as it was loaded, so later runs still validate.
 */
@Service
public class FullRunService {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    /** The specification's default seed: the load's end as mmddhhmmss. */
    private static final DateTimeFormatter SEED = DateTimeFormatter.ofPattern("MMddHHmmss").withZone(ZoneOffset.UTC);

    private final Session session;
    private final PowerRunService powerRuns;
    private final Path resultsDirectory;
    private final Clock clock;
    private final LongSupplier nanos;

    @Autowired
    public FullRunService(Session session, PowerRunService powerRuns,
            @Value("${benchbox.results-dir:benchbox-results}") Path resultsDirectory) {
        this(session, powerRuns, resultsDirectory, Clock.systemUTC(), System::nanoTime);
    }

    /** With the clocks the run reads (tests give their own). */
    public FullRunService(Session session, PowerRunService powerRuns, Path resultsDirectory, Clock clock, LongSupplier nanos) {
        this.session = session;
        this.powerRuns = powerRuns;
        this.resultsDirectory = resultsDirectory;
        this.clock = clock;
        this.nanos = nanos;
    }

    /**
     * What to run.
     *
     * @param seed    the query parameters' seed; null: the specification's default, the time the load ended
     * @param streams query streams in the throughput test; null: the specification's minimum at the scale
     * @param crossCheck whether the performance tests' answers are checked against DuckDB's afterwards
     *                   ({@link PerformanceCrossCheck})
     */
    public record Request(Benchmark benchmark, double scaleFactor, Long seed, Integer streams, boolean force,
            boolean crossCheck) {
        public Request {
            java.util.Objects.requireNonNull(benchmark, "benchmark is null");
            if (streams != null && (streams < 1 || streams > 64)) {
                throw new BenchboxException("invalid --streams " + streams + ": expected 1 to 64");
            }
        }

        /** A run whose performance tests' answers are not cross-checked. */
        public Request(Benchmark benchmark, double scaleFactor, Long seed, Integer streams, boolean force) {
            this(benchmark, scaleFactor, seed, streams, force, false);
        }
    }

    /** What a run produced. */
    public record Report(FullRunResult result, Path file) {
    }

    /** Told about the run as it goes, for live output; called from the streams' threads one at a time. */
    public interface Listener {
        void loading(double scaleFactor);

        /** A phase begins: {@code qualification}, {@code power test}, {@code throughput test}. */
        void phase(String phase);

        void qualified(QueryResult result);

        void interval(Interval interval);

        /** {@code --validate cross}: DuckDB's answers to the performance tests' query texts are being computed. */
        default void crossReference(String what) {
        }

        /** A line to show as it is (e.g. how many streams the platform runs at once, a stream that queued). */
        default void note(String line) {
        }

        /** A query text's outcome in the cross-check, one answer per stream that ran it. */
        default void crossChecked(List<FullRunResult.CrossCheckedAnswer> answers) {
        }
    }

    public Report run(Request request, LoadProgress progress, Listener listener) {
        Platform platform = session.platform();
        String schema = session.schema();
        Benchmark benchmark = request.benchmark();
        double scaleFactor = request.scaleFactor();
        String title = benchmark.title() + " SF" + Scale.of(scaleFactor).text();
        // everything refusable is refused before any work
        PerformanceTests tests = benchmark.performanceTests().orElseThrow(() -> new BenchboxException(
                "--full runs a benchmark's power and throughput tests with its data maintenance; " + benchmark.title()
                        + " has no data maintenance in BenchBox"));
        java.util.Optional<String> noRefresh = platform.whyNoRefresh(schema, benchmark.dataSet(), Scale.of(scaleFactor));
        java.util.Optional<StreamConnections> offered = noRefresh.isPresent() ? java.util.Optional.empty() : platform.streamConnections();
        StreamConnections connections = offered.orElseThrow(() -> new BenchboxException(
                "--full runs the refresh functions (inserts and deletes), which " + platform.name()
                        + " does not offer: " + noRefresh.orElse("its tables take no inserts or deletes")));
        try {
            tests.checkScale(scaleFactor);
        } catch (IllegalArgumentException e) {
            throw new BenchboxException(e.getMessage());
        }
        if (request.seed() != null) {
            try {
                tests.queryStream(request.seed(), 0, scaleFactor);
            } catch (IllegalArgumentException e) {
                throw new BenchboxException("invalid --seed: " + e.getMessage());
            }
        }
        PerformanceCrossCheck crossCheck = request.crossCheck()
                ? PerformanceCrossCheck.of(powerRuns.dataCache(), platform.name(), benchmark, scaleFactor) : null;
        int minimum = tests.minimumStreams(scaleFactor);
        int streams = request.streams() != null ? request.streams() : minimum;

        Instant started = clock.instant();
        long startNanos = nanos.getAsLong();
        powerRuns.ensureLoaded(platform, schema, benchmark, scaleFactor, request.force(), progress,
                () -> listener.loading(scaleFactor));
        long seed = request.seed() != null ? request.seed() : Long.parseLong(SEED.format(clock.instant()));

        // made before any timing starts
        List<List<BatchQuery>> queryStreams = new ArrayList<>();
        for (int stream = 0; stream <= streams; stream++) {
            queryStreams.add(tests.queryStream(seed, stream, scaleFactor));
        }
        List<RefreshPair> pairs = new ArrayList<>();
        for (int set = 1; set <= streams + 1; set++) {
            pairs.add(tests.refreshPair(scaleFactor, set));
        }
        PerformanceTests.Restore restore = tests.restore(scaleFactor, streams + 1);
        List<Step> powerSteps = new ArrayList<>();
        powerSteps.add(refreshStep("RF1", pairs.get(0).set(), pairs.get(0).insert(), pairs.get(0).stagedInsert()));
        queryStreams.get(0).stream().map(Step::query).forEach(powerSteps::add);
        powerSteps.add(refreshStep("RF2", pairs.get(0).set(), pairs.get(0).delete(), pairs.get(0).stagedDelete()));
        List<Step> refreshSteps = new ArrayList<>();
        for (RefreshPair pair : pairs.subList(1, pairs.size())) {
            refreshSteps.add(refreshStep("RF1", pair.set(), pair.insert(), pair.stagedInsert()));
            refreshSteps.add(refreshStep("RF2", pair.set(), pair.delete(), pair.stagedDelete()));
        }
        if (crossCheck != null) {
            listener.crossReference(title);
        }
        PerformanceCrossCheck.Reference crossReference = crossCheck == null ? null : crossCheck.reference(queryStreams);
        List<String> refreshed = pairs.get(0).rowsInserted().keySet().stream().sorted().toList();
        java.util.Optional<StreamConnections.StreamRuns> streamRuns = connections.streamRuns();

        listener.phase("qualification");
        List<QueryResult> qualification = new ArrayList<>();
        try (StreamConnection connection = connections.open(schema)) {
            connection.runStream(benchmark.statements(benchmark.queries()), PowerRunService.MAX_ROWS_KEPT, execution -> {
                QueryResult result = check(benchmark, execution, scaleFactor);
                qualification.add(result);
                listener.qualified(result);
            });
        }
        int validated = (int) qualification.stream().filter(r -> QueryResult.VALIDATED.equals(r.status())).count();

        // the tables as they are before any refresh function, and the way back to them
        StreamConnections.Checkpoint checkpoint = connections.checkpoint(schema, refreshed, restore.statements());
        Map<String, Long> before = checkpoint.rows();
        List<Interval> powerIntervals = Collections.synchronizedList(new ArrayList<>());
        List<FullRunResult.StreamRun> runs = Collections.synchronizedList(new ArrayList<>());
        FullRunResult.Test power;
        FullRunResult.Test throughput;
        List<RowCheck> rowChecks = new ArrayList<>();
        Map<String, Long> putBack = null;
        RuntimeException failure = null;
        try {
            listener.phase("power test");
            long powerStart = nanos.getAsLong();
            try (StreamConnection connection = connections.open(schema)) {
                runSteps(connection, "power", "power", powerSteps, powerStart, powerIntervals, runs, listener);
            }
            power = new FullRunResult.Test(seconds(nanos.getAsLong() - powerStart), powerIntervals);

            listener.phase("throughput test");
            streamRuns.ifPresent(how -> listener.note(concurrencyNote(how, streams)));
            List<Interval> throughputIntervals = Collections.synchronizedList(new ArrayList<>());
            long throughputStart = nanos.getAsLong();
            runThroughput(connections, schema, queryStreams, refreshSteps, throughputStart, throughputIntervals, runs, listener);
            throughput = new FullRunResult.Test(seconds(nanos.getAsLong() - throughputStart), sorted(throughputIntervals));

            Map<String, Long> after = connections.rowCounts(schema, refreshed);
            for (Map.Entry<String, Long> table : before.entrySet()) {
                long inserted = pairs.stream().mapToLong(pair -> pair.rowsInserted().get(table.getKey())).sum();
                rowChecks.add(new RowCheck("after the refresh functions", table.getKey(),
                        table.getValue() + inserted - restore.rowsDeleted().get(table.getKey()), after.get(table.getKey())));
            }
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        } finally {
            // the data as loaded again, whatever happened (a cancelled run too): later runs validate against it
            RuntimeException failed = failure;
            putBack = dev.benchbox.Interrupts.heldAside(() -> putBack(checkpoint, schema, failed));
        }
        for (Map.Entry<String, Long> table : before.entrySet()) {
            rowChecks.add(new RowCheck("after putting the data back", table.getKey(), table.getValue(),
                    putBack.get(table.getKey())));
        }

        FullRunResult.CrossCheck crossChecked = null;
        if (crossCheck != null) {
            // untimed, on the data as loaded: the timed tests' answers depended on the refresh functions' timing
            listener.phase("cross-check");
            try (StreamConnection connection = connections.open(schema)) {
                crossChecked = crossCheck.run(connection, crossReference, listener::crossChecked);
            }
        }

        List<String> notCompliant = new ArrayList<>();
        long failures = java.util.stream.Stream.concat(power.intervals().stream(), throughput.intervals().stream())
                .filter(interval -> interval.error() != null).count();
        if (validated < qualification.size() || qualification.size() < benchmark.queries().size()) {
            notCompliant.add(String.format(Locale.ROOT, "the qualification run validated %d of %d answers", validated,
                    benchmark.queries().size()) + (validated == 0 && failures == 0 && !benchmark.answeredScales().contains(
                            Scale.of(scaleFactor)) ? " (no reference answers at SF " + Scale.of(scaleFactor).text() + ")" : ""));
        }
        if (failures > 0) {
            notCompliant.add(failures + " timed execution(s) failed");
        }
        if (streams < minimum) {
            notCompliant.add(String.format(Locale.ROOT, "%d query stream%s, fewer than the specification's minimum of %d at SF %s",
                    streams, streams == 1 ? "" : "s", minimum, Scale.of(scaleFactor).text()));
        }
        if (!tests.publishableScale(scaleFactor)) {
            notCompliant.add("SF " + Scale.of(scaleFactor).text() + " is not one of the specification's scale factors");
        }
        connections.refreshNotAtomic().ifPresent(why -> notCompliant.add("the refresh functions are not atomic: " + why));
        if (rowChecks.stream().anyMatch(check -> !check.matches())) {
            notCompliant.add("row counts differ from what the refresh functions imply");
        }

        if (crossChecked != null && crossChecked.differs() > 0) {
            notCompliant.add(crossChecked.differs() + " performance-test answer(s) differ from DuckDB's on the same data");
        }

        FullRunResult.Metrics metrics = null;
        if (failures == 0) {
            List<Double> querySeconds = power.intervals().stream().filter(i -> !i.name().startsWith("RF"))
                    .map(Interval::seconds).toList();
            double rf1 = power.intervals().stream().filter(i -> i.name().equals("RF1")).findFirst().orElseThrow().seconds();
            double rf2 = power.intervals().stream().filter(i -> i.name().equals("RF2")).findFirst().orElseThrow().seconds();
            PerformanceTests.Metrics computed = tests.metrics(scaleFactor, querySeconds, rf1, rf2, streams, throughput.seconds());
            Map<String, Double> values = new LinkedHashMap<>();
            values.put(computed.names().get(0), round(computed.power()));
            values.put(computed.names().get(1), round(computed.throughput()));
            values.put(computed.names().get(2), round(computed.composite()));
            metrics = new FullRunResult.Metrics(values);
        }
        FullRunResult result = new FullRunResult(UUID.randomUUID().toString(), started, clock.instant(), benchmark.name(),
                scaleFactor, new RunResult.PlatformInfo(platform.name(), platform.version(), schema,
                        Map.of("description", platform.description())),
                seed, streams, minimum, new FullRunResult.Qualification(qualification.size(), validated, qualification),
                power, throughput, metrics, notCompliant.isEmpty() && metrics != null, notCompliant, rowChecks, crossChecked,
                streamRuns.map(how -> new FullRunResult.StreamRuns(how.unit(), how.maxConcurrent(), how.limit(), ordered(runs)))
                        .orElse(null));
        Path file = write(result);
        session.record(new LedgerEntry(started, platform.name(), "run", title + " power and throughput tests, "
                + streams + " streams", (nanos.getAsLong() - startNanos) / 1e6));
        return new Report(result, file);
    }

    private void runThroughput(StreamConnections connections, String schema, List<List<BatchQuery>> queryStreams,
            List<Step> refreshSteps, long start, List<Interval> intervals, List<FullRunResult.StreamRun> runs, Listener listener) {
        int streams = queryStreams.size() - 1;
        ExecutorService pool = Executors.newFixedThreadPool(streams + 1, runnable -> {
            Thread thread = new Thread(runnable, "benchbox-stream");
            thread.setDaemon(true);
            return thread;
        });
        List<Future<?>> running = new ArrayList<>();
        try {
            for (int s = 1; s <= streams; s++) {
                String stream = Integer.toString(s);
                List<Step> steps = queryStreams.get(s).stream().map(Step::query).toList();
                running.add(pool.submit(() -> {
                    try (StreamConnection connection = connections.open(schema)) {
                        runSteps(connection, "throughput", stream, steps, start, intervals, runs, listener);
                    }
                }));
            }
            running.add(pool.submit(() -> {
                try (StreamConnection connection = connections.open(schema)) {
                    runSteps(connection, "throughput", "refresh", refreshSteps, start, intervals, runs, listener);
                }
            }));
            for (Future<?> future : running) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchboxException("run cancelled");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new BenchboxException("a stream failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
            // a stream still going (another failed, or Ctrl-C) cancels its work and waits for that (a job run until AWS
            // says CANCELLED): only then is the data put back, so nothing changes it afterwards
            dev.benchbox.Interrupts.heldAside(() -> {
                try {
                    pool.awaitTermination(STREAMS_STOPPING.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }

    /** Longest wait for the streams to stop: a job run's cancel waits up to 5 minutes for CANCELLED. */
    private static final java.time.Duration STREAMS_STOPPING = java.time.Duration.ofMinutes(6);

    /**
     * One stream's steps on one connection (on EMR Serverless, one job run); each interval is the time the platform
     * measured where the step ran, starting where the platform says it started. A refresh function's rows are the rows
     * it changed, where the platform reports them.
     */
    private void runSteps(StreamConnection connection, String test, String stream, List<Step> steps, long testStart,
            List<Interval> intervals, List<FullRunResult.StreamRun> runs, Listener listener) {
        Map<String, Step> byId = new LinkedHashMap<>();
        steps.forEach(step -> byId.put(step.id(), step));
        long called = nanos.getAsLong();
        StreamConnections.StepsRun run = connection.runSteps(steps, 0, (execution, startedNanos) -> {
            Step step = byId.get(execution.queryId());
            Interval interval = step != null && step.isRefresh()
                    ? new Interval(stream, refreshName(step.id()), refreshSet(step.id()), seconds(called - testStart + startedNanos),
                            Math.round(execution.elapsedMillis() * 1000) / 1e6,
                            execution.failed() || execution.rowCount() == 0 ? null : execution.rowCount(), execution.error())
                    : new Interval(stream, execution.queryId(), null, seconds(called - testStart + startedNanos),
                            Math.round(execution.elapsedMillis() * 1000) / 1e6, execution.failed() ? null : execution.rowCount(),
                            execution.error());
            add(intervals, interval, listener);
        });
        if (run.runId() != null) {
            Double queued = run.queued() == null ? null : run.queued().toMillis() / 1000.0;
            FullRunResult.StreamRun streamRun = new FullRunResult.StreamRun(test, stream, run.runId(), queued);
            runs.add(streamRun);
            if (streamRun.queued()) {
                synchronized (intervals) {
                    listener.note(String.format(Locale.ROOT, "  %s stream %s waited %.1f s QUEUED before its run (%s) started",
                        test, stream, queued, run.runId()));
                }
            }
        }
    }

    /** A refresh function as a step: id {@code RF1-2} for RF1 of update set 2 (ids are unique in a stream). */
    private static Step refreshStep(String function, int set, List<String> statements,
            dev.benchbox.platform.RefreshFunction staged) {
        return Step.refresh(function + "-" + set, statements, staged);
    }

    private static String refreshName(String id) {
        return id.substring(0, id.indexOf('-'));
    }

    private static int refreshSet(String id) {
        return Integer.parseInt(id.substring(id.indexOf('-') + 1));
    }

    /** What the throughput test's runs meet, said before it starts. */
    private static String concurrencyNote(StreamConnections.StreamRuns how, int streams) {
        int runs = streams + 1;
        String each = String.format(Locale.ROOT, "  %d query streams and the refresh stream: %d %ss submitted side by side; "
                + "the throughput time includes each %s's start-up", streams, runs, how.unit(), how.unit());
        if (how.maxConcurrent() == null) {
            return each + "; " + how.limit();
        }
        if (runs > how.maxConcurrent()) {
            return each + String.format(Locale.ROOT, "; %d is more than the %d %ss at once %s: %d will wait QUEUED",
                    runs, how.maxConcurrent(), how.unit(), how.limit(), runs - how.maxConcurrent());
        }
        return each + String.format(Locale.ROOT, "; at most %d at once (%s)", how.maxConcurrent(), how.limit());
    }

    /** The power run first, then the throughput test's streams in order, the refresh stream last. */
    private static List<FullRunResult.StreamRun> ordered(List<FullRunResult.StreamRun> runs) {
        synchronized (runs) {
            List<FullRunResult.StreamRun> copy = new ArrayList<>(runs);
            copy.sort(java.util.Comparator.comparing((FullRunResult.StreamRun r) -> r.test().equals("power") ? 0 : 1)
                    .thenComparing(r -> r.stream().equals("refresh") ? Integer.MAX_VALUE : r.stream().equals("power") ? 0
                            : Integer.parseInt(r.stream())));
            return copy;
        }
    }

    /**
     * Puts the data back; a failure says so plainly, beside what had failed before (which stays the cause shown).
     */
    private static Map<String, Long> putBack(StreamConnections.Checkpoint checkpoint, String schema, RuntimeException failed) {
        try {
            return checkpoint.restore();
        } catch (RuntimeException e) {
            String message = "the data in schema '" + schema + "' could not be put back as loaded: " + e.getMessage()
                    + "; it holds the refresh functions' changes until it is loaded again";
            if (failed != null) {
                failed.addSuppressed(e);
                throw new BenchboxException(failed.getMessage() + "; and " + message, failed);
            }
            throw new BenchboxException(message, e);
        }
    }

    private static void add(List<Interval> intervals, Interval interval, Listener listener) {
        synchronized (intervals) {
            intervals.add(interval);
            listener.interval(interval);
        }
    }

    private static List<Interval> sorted(List<Interval> intervals) {
        synchronized (intervals) {
            List<Interval> copy = new ArrayList<>(intervals);
            copy.sort(java.util.Comparator.comparingDouble(Interval::startSeconds));
            return copy;
        }
    }

    private static QueryResult check(Benchmark benchmark, QueryExecution execution, double scaleFactor) {
        double ms = round3(execution.elapsedMillis());
        if (execution.failed()) {
            return new QueryResult(execution.queryId(), 1, ms, execution.rowCount(), QueryResult.ERROR, null, execution.error());
        }
        return benchmark.check(execution.queryId(), 1, ms, execution.rowCount(), scaleFactor, ValidationMode.EXACT,
                execution.columns(), execution.rows());
    }

    private Path write(FullRunResult result) {
        ResultStore store = new ResultStore(resultsDirectory);
        String name = result.benchmark() + "-full_sf" + Scale.of(result.scaleFactor()).text() + "_" + result.platform().name()
                + "_" + STAMP.format(result.started()) + ".json";
        try {
            Files.createDirectories(resultsDirectory);
            return AtomicFiles.createUnique(resultsDirectory, name, out -> store.mapper().writeValue(out, result));
        } catch (IOException e) {
            throw new BenchboxException("cannot write results to " + resultsDirectory + ": " + e.getMessage(), e);
        }
    }

    /** Intervals to the microsecond: queries at small scales take a few milliseconds. */
    private static double seconds(long nanos) {
        return Math.round(nanos / 1e3) / 1e6;
    }

    private static double round3(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
