package dev.benchbox.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.benchbox.BenchboxException;
import dev.benchbox.benchmark.Benchmarks;
import dev.benchbox.platform.BatchListener;
import dev.benchbox.platform.BatchQuery;
import dev.benchbox.platform.LoadProgress;
import dev.benchbox.platform.Platform;
import dev.benchbox.platform.QueryExecution;
import dev.benchbox.platform.StreamConnections;
import dev.benchbox.platform.StreamConnections.Step;
import dev.benchbox.platform.StreamConnections.StreamConnection;
import dev.benchbox.platform.duckdb.DuckDbPlatform;
import dev.benchbox.results.FullRunPrinter;
import dev.benchbox.results.FullRunResult;
import dev.benchbox.results.FullRunResult.Interval;
import dev.benchbox.results.QueryResult;
import dev.benchbox.session.Session;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run tpch --full} where each stream is a run of its own (as job runs on EMR Serverless), with a double over
 * DuckDB's stream connections: one run per stream, the refresh stream one run, queued streams reported, the limit on
 * runs at once said before the throughput test, non-atomic refresh functions called not compliant, the data put back
 * through the platform's checkpoint even when a stream fails, and a failed put-back said plainly.
 */
class FullRunStreamRunsTest {
    @TempDir
    Path dir;
    private Session session;
    private Platform duckdb;
    /** The step ids of each run, in the order the runs were made. */
    private final List<List<String>> runs = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger restores = new AtomicInteger();
    private volatile String failStreamStartingWith;
    private volatile boolean failRestore;

    @BeforeEach
    void connect() {
        duckdb = DuckDbPlatform.open(null);
        session = new Session();
        session.connect(platform());
    }

    @AfterEach
    void close() {
        session.close();
    }

    /** DuckDB whose stream connections run each stream as one "job run", the refresh stream's queued 4.5 s. */
    private Platform platform() {
        StreamConnections real = duckdb.streamConnections().orElseThrow();
        StreamConnections runsOfTheirOwn = new StreamConnections() {
            @Override
            public StreamConnection open(String schema) {
                StreamConnection connection = real.open(schema);
                return new StreamConnection() {
                    @Override
                    public List<QueryExecution> runStream(List<BatchQuery> queries, int maxRowsKept, BatchListener listener) {
                        return connection.runStream(queries, maxRowsKept, listener);
                    }

                    @Override
                    public void runTransaction(List<String> statements) {
                        throw new AssertionError("refresh functions go as steps of a run, data back by the checkpoint");
                    }

                    @Override
                    public StepsRun runSteps(List<Step> steps, int maxRowsKept, StepListener listener) {
                        String first = steps.get(0).id();
                        runs.add(steps.stream().map(Step::id).toList());
                        if (failStreamStartingWith != null && first.startsWith(failStreamStartingWith)) {
                            throw new BenchboxException("job run job-" + first + " FAILED: the driver ran out of memory");
                        }
                        StepsRun ran = connection.runSteps(steps, maxRowsKept, listener);
                        return new StepsRun(ran.executions(), "job-" + first, first.equals("RF1-2") ? Duration.ofMillis(4500)
                                : Duration.ZERO);
                    }

                    @Override
                    public void close() {
                        connection.close();
                    }
                };
            }

            @Override
            public Optional<String> refreshNotAtomic() {
                return Optional.of("each statement commits on its own");
            }

            @Override
            public Optional<StreamRuns> streamRuns() {
                return Optional.of(new StreamRuns("job run", 2, "the application's maxConcurrentRuns"));
            }

            @Override
            public Checkpoint checkpoint(String schema, List<String> tables, List<String> restoreStatements) {
                Checkpoint checkpoint = real.checkpoint(schema, tables, restoreStatements);
                return new Checkpoint() {
                    @Override
                    public Map<String, Long> rows() {
                        return checkpoint.rows();
                    }

                    @Override
                    public Map<String, Long> restore() {
                        restores.incrementAndGet();
                        if (failRestore) {
                            throw new BenchboxException("rolling back to the snapshots failed for orders");
                        }
                        return checkpoint.restore();
                    }
                };
            }
        };
        return (Platform) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Platform.class}, (proxy, method, args) -> {
            switch (method.getName()) {
                case "name":
                    return "runs-of-their-own";
                case "streamConnections":
                    return Optional.of(runsOfTheirOwn);
                default:
                    try {
                        return method.invoke(duckdb, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
            }
        });
    }

    private FullRunService service() {
        return new FullRunService(session, new PowerRunService(session, dir), dir);
    }

    private static final class Notes implements FullRunService.Listener {
        final List<String> notes = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void loading(double scaleFactor) {
        }

        @Override
        public void phase(String phase) {
        }

        @Override
        public void qualified(QueryResult result) {
        }

        @Override
        public void interval(Interval interval) {
        }

        @Override
        public void note(String line) {
            notes.add(line);
        }
    }

    @Test
    void eachStreamIsOneRunTheQueuedOneIsNamedAndNonAtomicRefreshFunctionsAreNotCompliant() {
        Notes notes = new Notes();
        FullRunService.Report report = service().run(new FullRunService.Request(Benchmarks.get("tpch"), 0.01, 7L, 2, false),
                LoadProgress.NONE, notes);
        FullRunResult result = report.result();

        // the power test one run (RF1, 22 queries, RF2), then 2 query streams and the refresh stream, one run each
        assertThat(runs).hasSize(4);
        assertThat(runs.get(0)).hasSize(24).startsWith("RF1-1", "Q14").endsWith("RF2-1");
        assertThat(runs.subList(1, 4)).filteredOn(steps -> steps.get(0).startsWith("RF"))
                .containsExactly(List.of("RF1-2", "RF2-2", "RF1-3", "RF2-3"));
        assertThat(result.powerTest().intervals()).extracting(Interval::name).startsWith("RF1", "Q14").endsWith("RF2");
        assertThat(result.throughputTest().intervals()).filteredOn(i -> i.stream().equals("refresh"))
                .extracting(Interval::name, Interval::set).containsExactly(org.assertj.core.groups.Tuple.tuple("RF1", 2),
                        org.assertj.core.groups.Tuple.tuple("RF2", 2), org.assertj.core.groups.Tuple.tuple("RF1", 3),
                        org.assertj.core.groups.Tuple.tuple("RF2", 3));

        // the runs, the limit and who queued: said before the throughput test, as it happened, and in the results
        assertThat(notes.notes).contains("  2 query streams and the refresh stream: 3 job runs submitted side by side; the "
                + "throughput time includes each job run's start-up; 3 is more than the 2 job runs at once the application's "
                + "maxConcurrentRuns: 1 will wait QUEUED", "  throughput stream refresh waited 4.5 s QUEUED before its run (job-RF1-2) started");
        assertThat(result.streamRuns().maxConcurrent()).isEqualTo(2);
        assertThat(result.streamRuns().runs()).extracting(FullRunResult.StreamRun::stream)
                .containsExactly("power", "1", "2", "refresh");
        assertThat(result.streamRuns().queued()).extracting(FullRunResult.StreamRun::runId).containsExactly("job-RF1-2");
        StringWriter out = new StringWriter();
        new FullRunPrinter(out).summary(result, "r.json");
        assertThat(out.toString()).contains("Job runs: 1 for the power test, 3 side by side for the throughput test (at most 2 "
                + "at once: the application's maxConcurrentRuns); the throughput time includes their start-up\n"
                + "Queued: refresh stream 4.5 s (job run job-RF1-2)\n");

        assertThat(result.notCompliant()).contains("the refresh functions are not atomic: each statement commits on its own");
        assertThat(restores).hasValue(1);
        assertThat(result.rowChecks()).allSatisfy(check -> assertThat(check.matches()).isTrue());
    }

    @Test
    void aStreamThatFailsStillPutsTheDataBackAndItsErrorIsWhatIsSaid() {
        failStreamStartingWith = "RF1-2";

        assertThatThrownBy(() -> service().run(new FullRunService.Request(Benchmarks.get("tpch"), 0.01, 7L, 2, false),
                LoadProgress.NONE, new Notes())).isInstanceOf(BenchboxException.class)
                .hasMessage("job run job-RF1-2 FAILED: the driver ran out of memory");

        assertThat(restores).hasValue(1);
        // RF1 of set 1 ran in the power test; the data is as loaded again
        assertThat(duckdb.rowCount(session.schema(), "orders")).isEqualTo(15000);
        assertThat(duckdb.rowCount(session.schema(), "lineitem")).isEqualTo(60175);
    }

    @Test
    void dataThatCouldNotBePutBackIsSaidPlainly() {
        failRestore = true;

        assertThatThrownBy(() -> service().run(new FullRunService.Request(Benchmarks.get("tpch"), 0.01, 7L, 2, false),
                LoadProgress.NONE, new Notes())).isInstanceOf(BenchboxException.class)
                .hasMessage("the data in schema '" + session.schema() + "' could not be put back as loaded: rolling back to the "
                        + "snapshots failed for orders; it holds the refresh functions' changes until it is loaded again");
    }
}
