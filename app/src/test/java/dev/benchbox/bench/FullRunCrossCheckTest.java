package dev.benchbox.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.benchbox.BenchboxException;
import dev.benchbox.benchmark.Benchmark;
import dev.benchbox.benchmark.Benchmarks;
import dev.benchbox.cache.DataCache;
import dev.benchbox.dataset.Scale;
import dev.benchbox.platform.BatchQuery;
import dev.benchbox.platform.LoadProgress;
import dev.benchbox.platform.Platform;
import dev.benchbox.platform.duckdb.DuckDbParquetGenerator;
import dev.benchbox.platform.duckdb.DuckDbPlatform;
import dev.benchbox.results.FullRunPrinter;
import dev.benchbox.results.FullRunResult;
import dev.benchbox.results.FullRunResult.CrossCheck;
import dev.benchbox.results.FullRunResult.CrossCheckedAnswer;
import dev.benchbox.results.FullRunResult.Interval;
import dev.benchbox.results.QueryResult;
import dev.benchbox.results.ResultStore;
import dev.benchbox.session.Session;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run tpch --full --validate cross}: after the timed tests, the performance tests' query texts run again on the
 * platform and on DuckDB over the cached data, and a wrong answer is caught and named. The platform is DuckDB under
 * another name, answering one text wrongly; the data cache, DuckDB and the full run are real.
 */
class FullRunCrossCheckTest {
    private static final Benchmark TPCH = Benchmarks.get("tpch");
    private static final long SEED = 7;

    /** The data cache with TPC-H SF 0.01, generated once for the class. */
    @TempDir
    static Path cacheDir;
    private static DataCache filled;

    @TempDir
    Path dir;
    private final Session session = new Session();

    @BeforeAll
    static void fillCache() {
        filled = new DataCache(cacheDir, new DuckDbParquetGenerator(), Clock.systemUTC());
        filled.obtain(TPCH.dataSet(), Scale.of(0.01), TPCH.tables(), LoadProgress.NONE).close();
    }

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void aWrongAnswerOfOnePerformanceQueryIsCaughtInEveryStreamThatRanItAndNamed() throws Exception {
        // the power test's Q6 with the seed's parameters: the qualification's Q6 (validation parameters) stays right
        String wrongText = TPCH.performanceTests().orElseThrow().queryStream(SEED, 0, 0.01).stream()
                .filter(q -> q.id().equals("Q6")).findFirst().orElseThrow().sql();
        session.connect(WrongAnswerPlatform.of(DuckDbPlatform.open(null), "spark-double", q -> q.sql().equals(wrongText)));
        List<String> phases = new ArrayList<>();
        List<List<CrossCheckedAnswer>> heard = new ArrayList<>();

        FullRunService.Report report = service(filledCache()).run(
                new FullRunService.Request(TPCH, 0.01, SEED, null, false, true), LoadProgress.NONE, new Listener(phases, heard));
        FullRunResult result = report.result();
        CrossCheck check = result.crossCheck();

        assertThat(phases).containsExactly("loading", "computing TPC-H SF0.01", "qualification", "power test",
                "throughput test", "cross-check");
        assertThat(result.qualification().validated()).isEqualTo(22);
        // each query has the same parameters in every stream: 22 texts, each answer checked for the power test and 2 streams
        assertThat(check.texts()).isEqualTo(22);
        assertThat(heard).hasSize(22).allSatisfy(text -> assertThat(text).extracting(CrossCheckedAnswer::stream)
                .containsExactly("power", "1", "2"));
        assertThat(check.answers()).hasSize(66);
        assertThat(check.crossChecked()).isEqualTo(63);
        assertThat(check.differs()).isEqualTo(3);
        assertThat(check.errors()).isZero();
        assertThat(check.incomplete()).isNull();
        assertThat(check.passed()).isFalse();
        assertThat(check.answers()).filteredOn(a -> a.status().equals(CrossCheckedAnswer.DIFFERS))
                .extracting(CrossCheckedAnswer::stream, CrossCheckedAnswer::query)
                .containsExactly(tuple("power", "Q6"), tuple("1", "Q6"), tuple("2", "Q6"));
        // the first difference, as a failed validation says it
        assertThat(check.answers()).filteredOn(a -> a.query().equals("Q6")).allSatisfy(a -> assertThat(a.message())
                .matches("row 1, column revenue: expected [0-9.]+, got [0-9.]+"));
        assertThat(check.answers()).filteredOn(a -> !a.query().equals("Q6")).allSatisfy(a -> {
            assertThat(a.status()).isEqualTo(CrossCheckedAnswer.CROSS_CHECKED);
            assertThat(a.message()).endsWith("DuckDB's answer");
        });
        // the answers in each stream's own order: stream 0 begins Q14, Q2, Q9
        assertThat(check.answers().subList(0, 3)).extracting(CrossCheckedAnswer::stream, CrossCheckedAnswer::query)
                .containsExactly(tuple("power", "Q14"), tuple("power", "Q2"), tuple("power", "Q9"));

        assertThat(result.compliant()).isFalse();
        assertThat(result.notCompliant()).contains("3 performance-test answer(s) differ from DuckDB's on the same data");
        FullRunResult read = new ResultStore(dir).mapper().readValue(report.file().toFile(), FullRunResult.class);
        assertThat(read.crossCheck()).isEqualTo(check);
        assertThat(Files.readString(report.file())).contains("\"cross_check\"", "\"cross_checked\" : 63", "\"differs\" : 3",
                "\"status\" : \"differs\"");

        StringWriter printed = new StringWriter();
        new FullRunPrinter(printed).summary(result, "r.json");
        assertThat(printed.toString()).contains("Cross-check: 63 of 66 performance-test answers equal DuckDB's on the same "
                + "data (22 distinct query texts, run again untimed once the data was back as loaded); 3 differs: Q6\n",
                "Not cross-checked: the answers the timed tests returned");
        assertThat(FullRunPrinter.crossCheckFailure(check))
                .isEqualTo("the cross-check found 3 performance-test answers differing from DuckDB's (Q6)");
    }

    @Test
    void refusedBeforeAnyWorkOnDuckDbItself() {
        DuckDbPlatform duckdb = DuckDbPlatform.open(null);
        session.connect(duckdb);

        assertThatThrownBy(() -> service(null).run(new FullRunService.Request(TPCH, 0.01, SEED, null, false, true),
                LoadProgress.NONE, new Listener(new ArrayList<>(), new ArrayList<>())))
                .isInstanceOf(BenchboxException.class)
                .hasMessage("--validate cross compares a platform's answers with DuckDB's, so on duckdb it would check "
                        + "nothing: use --validate exact or rowcount");
        assertThat(duckdb.listTables(session.schema())).isEmpty();
    }

    @Test
    void refusedBeforeAnyWorkWithoutTheDataOnThisMachine() {
        DuckDbPlatform duckdb = DuckDbPlatform.open(null);
        session.connect(WrongAnswerPlatform.of(duckdb, "spark-double", q -> false));
        DataCache empty = new DataCache(dir.resolve("data"), new DuckDbParquetGenerator(), Clock.systemUTC());

        assertThatThrownBy(() -> service(empty).run(new FullRunService.Request(TPCH, 0.01, SEED, null, false, true),
                LoadProgress.NONE, new Listener(new ArrayList<>(), new ArrayList<>())))
                .isInstanceOf(BenchboxException.class)
                .hasMessage("--validate cross needs the TPC-H SF 0.01 data on this machine, and the data cache does not hold "
                        + "it: run 'load tpch --scale 0.01 --generate local' first, or drop --validate cross");
        assertThat(duckdb.listTables(session.schema())).isEmpty();
    }

    /** Texts that differ between streams (not TPC-H's, whose query q has one text per run) are each run and checked. */
    @Test
    void distinctTextsOfOneQueryAreRunInRoundsAndEachStreamGetsItsOwnTextsAnswer() {
        DataCache cache = filledCache();
        PerformanceCrossCheck crossCheck = PerformanceCrossCheck.of(cache, "spark-double", TPCH, 0.01);
        BatchQuery nations = new BatchQuery("Q6", "SELECT count(*) AS revenue FROM nation");
        BatchQuery regions = new BatchQuery("Q6", "SELECT count(*) AS revenue FROM region");
        PerformanceCrossCheck.Reference reference = crossCheck.reference(List.of(List.of(nations), List.of(regions),
                List.of(nations)));
        assertThat(reference.texts()).isEqualTo(2);
        assertThat(reference.rounds()).hasSize(2);

        DuckDbPlatform duckdb = DuckDbPlatform.open(null);
        session.connect(duckdb);
        duckdb.load(session.schema(), TPCH.dataSet(), Scale.of(0.01), List.of("nation", "region"), LoadProgress.NONE);
        Platform wrongOnRegions = WrongAnswerPlatform.of(duckdb, "spark-double", q -> q.equals(regions));
        CrossCheck check;
        try (var connection = wrongOnRegions.streamConnections().orElseThrow().open(session.schema())) {
            check = crossCheck.run(connection, reference, answers -> { });
        }
        assertThat(check.answers()).extracting(CrossCheckedAnswer::stream, CrossCheckedAnswer::status, CrossCheckedAnswer::message)
                .containsExactly(tuple("power", CrossCheckedAnswer.CROSS_CHECKED, "1 row matches DuckDB's answer"),
                        tuple("1", CrossCheckedAnswer.DIFFERS, "row 1, column revenue: expected 5, got 6"),
                        tuple("2", CrossCheckedAnswer.CROSS_CHECKED, "1 row matches DuckDB's answer"));
    }

    /** A pass that stops (the connection lost, cancelled) records what was not checked, and does not pass. */
    @Test
    void aCrossCheckThatStopsSaysWhatWasNotChecked() {
        PerformanceCrossCheck crossCheck = PerformanceCrossCheck.of(filledCache(), "spark-double", TPCH, 0.01);
        BatchQuery nations = new BatchQuery("Q6", "SELECT count(*) AS revenue FROM nation");
        PerformanceCrossCheck.Reference reference = crossCheck.reference(List.of(List.of(nations), List.of(nations)));
        CrossCheck check = crossCheck.run(new dev.benchbox.platform.StreamConnections.StreamConnection() {
            @Override
            public List<dev.benchbox.platform.QueryExecution> runStream(List<BatchQuery> queries, int maxRowsKept,
                    dev.benchbox.platform.BatchListener listener) {
                throw new BenchboxException("connection lost");
            }

            @Override
            public void runTransaction(List<String> statements) {
            }

            @Override
            public void close() {
            }
        }, reference, answers -> { });

        assertThat(check.passed()).isFalse();
        assertThat(check.incomplete()).isEqualTo("connection lost");
        assertThat(check.answers()).extracting(CrossCheckedAnswer::status).containsOnly(CrossCheckedAnswer.NOT_CHECKED);
        assertThat(FullRunPrinter.crossCheckFailure(check))
                .isEqualTo("the cross-check did not complete (connection lost): 2 not compared (Q6)");
    }

    private static DataCache filledCache() {
        return filled;
    }

    private FullRunService service(DataCache cache) {
        return new FullRunService(session, new PowerRunService(session, dir, new ResourceGuard(), cache), dir);
    }

    private record Listener(List<String> phases, List<List<CrossCheckedAnswer>> heard) implements FullRunService.Listener {
        @Override
        public void loading(double scaleFactor) {
            phases.add("loading");
        }

        @Override
        public void phase(String phase) {
            phases.add(phase);
        }

        @Override
        public void qualified(QueryResult result) {
        }

        @Override
        public void interval(Interval interval) {
        }

        @Override
        public void crossReference(String what) {
            phases.add("computing " + what);
        }

        @Override
        public void crossChecked(List<CrossCheckedAnswer> answers) {
            heard.add(answers);
        }
    }
}
