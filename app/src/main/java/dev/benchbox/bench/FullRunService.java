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
        StreamConnections connections = platform.streamConnections().orElseThrow(() -> new BenchboxException(
                "--full runs the refresh functions (inserts and deletes in a transaction), which " + platform.name()
                        + " does not offer: " + platform.whyNoRefresh(schema, benchmark.dataSet(), Scale.of(scaleFactor))
                                .orElse("its tables take no inserts or deletes")));
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
        if (crossCheck != null) {
            listener.crossReference(title);
        }
        PerformanceCrossCheck.Reference crossReference = crossCheck == null ? null : crossCheck.reference(queryStreams);
        Map<String, Long> before = new LinkedHashMap<>();
        for (String table : pairs.get(0).rowsInserted().keySet().stream().sorted().toList()) {
            before.put(table, platform.rowCount(schema, table));
        }

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

        List<Interval> powerIntervals = Collections.synchronizedList(new ArrayList<>());
        FullRunResult.Test power;
        FullRunResult.Test throughput;
        List<RowCheck> rowChecks = new ArrayList<>();
        try {
            listener.phase("power test");
            long powerStart = nanos.getAsLong();
            try (StreamConnection connection = connections.open(schema)) {
                refresh(connection, "power", "RF1", pairs.get(0).set(), pairs.get(0).insert(), powerStart, powerIntervals, listener);
                runQueries(connection, "power", queryStreams.get(0), powerStart, powerIntervals, listener);
                refresh(connection, "power", "RF2", pairs.get(0).set(), pairs.get(0).delete(), powerStart, powerIntervals, listener);
            }
            power = new FullRunResult.Test(seconds(nanos.getAsLong() - powerStart), powerIntervals);

            listener.phase("throughput test");
            List<Interval> throughputIntervals = Collections.synchronizedList(new ArrayList<>());
            long throughputStart = nanos.getAsLong();
            runThroughput(connections, schema, queryStreams, pairs, throughputStart, throughputIntervals, listener);
            throughput = new FullRunResult.Test(seconds(nanos.getAsLong() - throughputStart), sorted(throughputIntervals));

            for (Map.Entry<String, Long> table : before.entrySet()) {
                long inserted = pairs.stream().mapToLong(pair -> pair.rowsInserted().get(table.getKey())).sum();
                rowChecks.add(new RowCheck("after the refresh functions", table.getKey(),
                        table.getValue() + inserted - restore.rowsDeleted().get(table.getKey()),
                        platform.rowCount(schema, table.getKey())));
            }
        } finally {
            // the data as loaded again, whatever happened (a cancelled run too): later runs validate against it
            dev.benchbox.Interrupts.heldAside(() -> {
                try (StreamConnection connection = connections.open(schema)) {
                    connection.runTransaction(restore.statements());
                }
            });
        }
        for (Map.Entry<String, Long> table : before.entrySet()) {
            rowChecks.add(new RowCheck("after putting the data back", table.getKey(), table.getValue(),
                    platform.rowCount(schema, table.getKey())));
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
                power, throughput, metrics, notCompliant.isEmpty() && metrics != null, notCompliant, rowChecks, crossChecked);
        Path file = write(result);
        session.record(new LedgerEntry(started, platform.name(), "run", title + " power and throughput tests, "
                + streams + " streams", (nanos.getAsLong() - startNanos) / 1e6));
        return new Report(result, file);
    }

    private void runThroughput(StreamConnections connections, String schema, List<List<BatchQuery>> queryStreams,
            List<RefreshPair> pairs, long start, List<Interval> intervals, Listener listener) {
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
                List<BatchQuery> queries = queryStreams.get(s);
                running.add(pool.submit(() -> {
                    try (StreamConnection connection = connections.open(schema)) {
                        runQueries(connection, stream, queries, start, intervals, listener);
                    }
                }));
            }
            running.add(pool.submit(() -> {
                try (StreamConnection connection = connections.open(schema)) {
                    for (RefreshPair pair : pairs.subList(1, pairs.size())) {
                        refresh(connection, "refresh", "RF1", pair.set(), pair.insert(), start, intervals, listener);
                        refresh(connection, "refresh", "RF2", pair.set(), pair.delete(), start, intervals, listener);
                    }
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
        }
    }

    private void runQueries(StreamConnection connection, String stream, List<BatchQuery> queries, long testStart,
            List<Interval> intervals, Listener listener) {
        long[] queryStart = {nanos.getAsLong()};
        connection.runStream(queries, 0, execution -> {
            // the platform timed the query; its start is where the previous one ended
            Interval interval = new Interval(stream, execution.queryId(), null, seconds(queryStart[0] - testStart),
                    Math.round(execution.elapsedMillis() * 1000) / 1e6, execution.failed() ? null : execution.rowCount(),
                    execution.error());
            queryStart[0] = nanos.getAsLong();
            add(intervals, interval, listener);
        });
    }

    private void refresh(StreamConnection connection, String stream, String function, int set, List<String> statements,
            long testStart, List<Interval> intervals, Listener listener) {
        long begin = nanos.getAsLong();
        String error = null;
        try {
            connection.runTransaction(statements);
        } catch (BenchboxException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw e;
            }
            error = e.getMessage();
        }
        long end = nanos.getAsLong();
        add(intervals, new Interval(stream, function, set, seconds(begin - testStart), seconds(end - begin), null, error), listener);
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
