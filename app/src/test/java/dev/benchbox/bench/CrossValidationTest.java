package dev.benchbox.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.benchbox.BenchboxException;
import dev.benchbox.benchmark.Benchmark;
import dev.benchbox.benchmark.Benchmarks;
import dev.benchbox.cache.DataCache;
import dev.benchbox.dataset.Column;
import dev.benchbox.dataset.DataSet;
import dev.benchbox.dataset.Scale;
import dev.benchbox.platform.BatchListener;
import dev.benchbox.platform.BatchQuery;
import dev.benchbox.platform.LoadProgress;
import dev.benchbox.platform.LoadReport;
import dev.benchbox.platform.Platform;
import dev.benchbox.platform.QueryExecution;
import dev.benchbox.platform.QuerySummary;
import dev.benchbox.platform.RowSink;
import dev.benchbox.platform.duckdb.DuckDbParquetGenerator;
import dev.benchbox.platform.duckdb.DuckDbPlatform;
import dev.benchbox.results.Outcomes;
import dev.benchbox.results.QueryResult;
import dev.benchbox.results.ResultStore;
import dev.benchbox.results.RunResult;
import dev.benchbox.session.Session;
import dev.benchbox.tpch.Validation;
import dev.benchbox.tpch.ValidationMode;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --validate cross}: a platform's answers checked against DuckDB's over the Parquet files the data cache holds,
 * with the refusals where that cannot mean anything. The platform is a stand-in returning set answers; DuckDB and the
 * cache are real.
 */
class CrossValidationTest {
    private static final Benchmark TINY = Benchmarks.get("tiny");

    @TempDir
    Path dir;

    @Test
    void rightAnswersAreCrossValidatedAndAWrongOneFailsWithTheDifference() throws Exception {
        DataCache cache = filledCache(2);
        // Q1: 200 items priced id × 1.25; Q2: the first three items. Q1's total is a cent off.
        Map<String, List<List<Object>>> answers = Map.of(
                "Q1", List.of(List.of(200L, new BigDecimal("25125.01"))),
                "Q2", List.of(List.of("item 1", LocalDate.of(2026, 1, 2)), List.of("item 2", LocalDate.of(2026, 1, 3)),
                        List.of("item 3", LocalDate.of(2026, 1, 4))));
        FakePlatform platform = new FakePlatform(answers);
        Quiet listener = new Quiet();
        PowerRunService.Report report = service(cache).run(platform, "main",
                new PowerRunRequest(2, TINY.queries(), 0, 1, ValidationMode.CROSS, 1, TINY), LoadProgress.NONE, listener);
        assertThat(listener.crossReferences).containsExactly("Tiny SF2");

        List<QueryResult> queries = report.result().queries();
        assertThat(queries).extracting(QueryResult::id, QueryResult::status, QueryResult::validation).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Q1", QueryResult.FAILED, "cross"),
                org.assertj.core.groups.Tuple.tuple("Q2", QueryResult.VALIDATED, "cross"));
        assertThat(queries.get(0).message()).isEqualTo("got [[200, 25125.01]], DuckDB's answer [[200, 25125]]");
        java.io.StringWriter printed = new java.io.StringWriter();
        new dev.benchbox.results.RunSummaryPrinter(printed, name -> name).query(queries.get(1));
        assertThat(printed.toString().strip()).endsWith("3 rows  validated (cross: DuckDB)");

        // recorded in the results file as cross-checked, and counted as validated with its kind
        RunResult read = new ResultStore(dir.resolve("results")).read(report.file());
        assertThat(read.run().validation()).isEqualTo("cross");
        assertThat(read.queries()).extracting(QueryResult::validation).containsExactly("cross", "cross");
        Outcomes outcomes = Outcomes.of(read.queries(), "cross", "2");
        assertThat(outcomes.describe()).isEqualTo("1 validated (1 cross-checked against DuckDB), 1 failed, 0 errors");
        assertThat(Files.readString(report.file())).contains("\"cross\" : 1");
    }

    @Test
    void exactMatchesValidate() {
        DataCache cache = filledCache(2);
        FakePlatform platform = new FakePlatform(Map.of("Q1", List.of(List.of(200L, new BigDecimal("25125.00")))));
        PowerRunService.Report report = service(cache).run(platform, "main",
                new PowerRunRequest(2, List.of(1), 0, 2, ValidationMode.CROSS, 1, TINY), LoadProgress.NONE, new Quiet());
        assertThat(report.result().queries()).extracting(QueryResult::status).containsExactly(QueryResult.VALIDATED,
                QueryResult.VALIDATED);
        assertThat(report.result().summary().passed()).isEqualTo(2);
    }

    @Test
    void refusedBeforeAnyWorkWhenTheDataIsNotInTheCache() {
        DataCache empty = new DataCache(dir.resolve("data"), new DuckDbParquetGenerator(), Clock.systemUTC());
        FakePlatform platform = new FakePlatform(Map.of());
        assertThatThrownBy(() -> service(empty).run(platform, "main",
                new PowerRunRequest(2, TINY.queries(), 0, 1, ValidationMode.CROSS, 1, TINY), LoadProgress.NONE, new Quiet()))
                .isInstanceOf(BenchboxException.class)
                .hasMessage("--validate cross needs the Tiny SF 2 data on this machine, and the data cache does not hold it: "
                        + "run 'load tiny --scale 2 --generate local' first, or drop --validate cross");
        assertThat(platform.batches).isZero();
        assertThat(dir.resolve("results")).doesNotExist();
    }

    @Test
    void refusedOnDuckDbItself() {
        Session session = new Session();
        try (DuckDbPlatform duckdb = DuckDbPlatform.open(null)) {
            assertThatThrownBy(() -> new PowerRunService(session, dir.resolve("results"), new ResourceGuard(), filledCache(2))
                    .run(duckdb, "main", new PowerRunRequest(2, TINY.queries(), 0, 1, ValidationMode.CROSS, 1, TINY),
                            LoadProgress.NONE, new Quiet()))
                    .isInstanceOf(BenchboxException.class)
                    .hasMessage("--validate cross compares a platform's answers with DuckDB's, so on duckdb it would check "
                            + "nothing: use --validate exact or rowcount");
            assertThat(duckdb.schemaExists("main") && !duckdb.listTables("main").isEmpty()).isFalse();
        }
    }

    @Test
    void tpchAndTpcdsCompareWithTheirReferenceRules() {
        Benchmark tpch = Benchmarks.get("tpch");
        List<String> columns = List.of("revenue");
        Validation same = tpch.crossCheck("Q6", columns, List.of(List.of(new BigDecimal("1193053.2253"))), columns,
                List.of(List.<Object>of(1193053.2253000001)));
        assertThat(same).isEqualTo(Validation.passed(Validation.Method.CROSS, "1 row matches DuckDB's answer"));
        Validation off = tpch.crossCheck("Q6", columns, List.of(List.of(new BigDecimal("1193053.2253"))), columns,
                List.of(List.<Object>of(new BigDecimal("1193053.25"))));
        assertThat(off).isEqualTo(Validation.failed(Validation.Method.CROSS,
                "row 1, column revenue: expected 1193053.2253, got 1193053.25"));

        Benchmark tpcds = Benchmarks.get("tpcds");
        List<String> q96 = List.of("count(*)");
        assertThat(tpcds.crossCheck("Q96", q96, List.of(List.of(5L)), q96, List.of(List.of(5L))))
                .isEqualTo(Validation.passed(Validation.Method.CROSS, "1 row, DuckDB's answer"));
        assertThat(tpcds.crossCheck("Q96", q96, List.of(List.of(5L)), q96, List.of(List.of(6L))))
                .isEqualTo(Validation.failed(Validation.Method.CROSS, "row 1, column count(*): expected 5, got 6"));
    }

    /**
     * DuckDB's answers over the cached TPC-H SF 0.01 Parquet are the reference answers (so a cross-check means what an
     * exact check means), and each one cross-checks against itself.
     */
    @Test
    void duckDbAnswersOverTheCachedTpchDataAreTheReferenceAnswers() {
        Benchmark tpch = Benchmarks.get("tpch");
        DataCache cache = new DataCache(dir.resolve("data"), new DuckDbParquetGenerator(), Clock.systemUTC());
        cache.obtain(tpch.dataSet(), Scale.of(0.01), tpch.tables(), LoadProgress.NONE).close();
        Map<String, CrossReference.Answer> answers = CrossReference.answers(cache, tpch, 0.01, tpch.statements(tpch.queries()));
        assertThat(answers).hasSize(22);
        List<String> differences = new ArrayList<>();
        answers.forEach((id, answer) -> {
            QueryResult reference = tpch.check(id, 1, 1.0, answer.rows().size(), 0.01, ValidationMode.EXACT, answer.columns(),
                    answer.rows());
            if (!QueryResult.VALIDATED.equals(reference.status())) {
                differences.add(id + " against the reference answer: " + reference.message());
            }
            Validation self = tpch.crossCheck(id, answer.columns(), answer.rows(), answer.columns(), answer.rows());
            if (self.status() != Validation.Status.PASSED || self.method() != Validation.Method.CROSS) {
                differences.add(id + " against itself: " + self.detail());
            }
        });
        assertThat(differences).isEmpty();
    }

    /**
     * {@code run tpch --seed N --validate cross}: the performance tests' random parameters have no reference answers,
     * so a seeded run keeps a cross-check (and only that); DuckDB computes the same seeded texts the platform runs.
     */
    @Test
    void aSeededRunIsCrossCheckedOnTheSeededTextsAndAWrongAnswerIsNamed() {
        Benchmark tpch = Benchmarks.get("tpch");
        PowerRunRequest asked = new PowerRunRequest(0.01, tpch.queries(), 0, 1, ValidationMode.CROSS, 1, tpch);
        assertThat(asked.seeded(5L).validation()).isEqualTo(ValidationMode.CROSS);
        assertThat(new PowerRunRequest(0.01, tpch.queries(), 0, 1, ValidationMode.EXACT, 1, tpch).seeded(5L).validation())
                .isEqualTo(ValidationMode.OFF);
        PowerRunRequest request = asked.seeded(5L);
        String wrongText = PowerRunService.statements(request).stream().filter(q -> q.id().equals("Q6")).findFirst()
                .orElseThrow().sql();
        assertThat(wrongText).isNotEqualTo(tpch.statements(List.of(6)).get(0).sql());
        DataCache cache = new DataCache(dir.resolve("data"), new DuckDbParquetGenerator(), Clock.systemUTC());
        cache.obtain(tpch.dataSet(), Scale.of(0.01), tpch.tables(), LoadProgress.NONE).close();

        try (Platform platform = WrongAnswerPlatform.of(DuckDbPlatform.open(null), "spark-double",
                q -> q.sql().equals(wrongText))) {
            PowerRunService.Report report = service(cache).run(platform, "main", request, LoadProgress.NONE, new Quiet());

            List<QueryResult> queries = report.result().queries();
            assertThat(report.result().benchmark().seed()).isEqualTo(5L);
            // stream 0's order, every answer compared with DuckDB's on the same seeded text
            assertThat(queries).extracting(QueryResult::id).startsWith("Q14", "Q2", "Q9").hasSize(22);
            assertThat(queries).extracting(QueryResult::validation).containsOnly("cross");
            assertThat(queries).filteredOn(q -> !q.status().equals(QueryResult.VALIDATED)).extracting(QueryResult::id,
                    QueryResult::status).containsExactly(org.assertj.core.groups.Tuple.tuple("Q6", QueryResult.FAILED));
            assertThat(queries).filteredOn(q -> q.id().equals("Q6")).first().extracting(QueryResult::message).asString()
                    .matches("row 1, column revenue: expected [0-9.]+, got [0-9.]+");
        }
    }

    @Test
    void resultsFilesNameTheCrossCountOnlyWhenSomeWereCrossChecked() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper mapper = new ResultStore(dir).mapper();
        QueryResult exact = new QueryResult("Q1", 1, 1.0, 1, QueryResult.VALIDATED, "exact", null);
        QueryResult cross = new QueryResult("Q1", 1, 1.0, 1, QueryResult.VALIDATED, "cross", null);
        assertThat(mapper.writeValueAsString(Outcomes.of(List.of(exact), "exact", "1"))).doesNotContain("cross");
        Outcomes both = Outcomes.of(List.of(exact, cross), "cross", "1");
        assertThat(mapper.readValue(mapper.writeValueAsString(both), Outcomes.class)).isEqualTo(both);
        assertThat(both.describe()).isEqualTo("2 validated (1 exact, 1 cross-checked against DuckDB), 0 failed, 0 errors");
    }

    @Test
    void crossParsesAndCompletes() {
        assertThat(ValidationMode.parse(" Cross ")).isEqualTo(ValidationMode.CROSS);
        assertThatThrownBy(() -> ValidationMode.parse("duck")).hasMessage("unknown validation mode 'duck': expected exact, rowcount, cross or off");
    }

    private DataCache filledCache(double scale) {
        DataCache cache = new DataCache(dir.resolve("data"), new DuckDbParquetGenerator(), Clock.systemUTC());
        try (DataCache.Lease lease = cache.obtain(TINY.dataSet(), Scale.of(scale), TINY.tables(), LoadProgress.NONE)) {
            assertThat(lease.tables()).containsOnlyKeys(TINY.tables());
        }
        return cache;
    }

    private PowerRunService service(DataCache cache) {
        return new PowerRunService(new Session(), dir.resolve("results"), new ResourceGuard(), cache);
    }

    /** A platform with the tiny data loaded at SF 2 whose batches answer as given. */
    private static final class FakePlatform extends LoadedFakePlatform {
        private final Map<String, List<List<Object>>> answers;
        int batches;

        FakePlatform(Map<String, List<List<Object>>> answers) {
            super(Scale.of(2));
            this.answers = answers;
        }

        @Override
        public List<QueryExecution> runBatch(String schema, List<BatchQuery> queries, int warmups, int iterations,
                int maxRowsKept, BatchListener listener) {
            batches++;
            List<QueryExecution> executions = new ArrayList<>();
            for (int i = 1; i <= iterations; i++) {
                for (BatchQuery query : queries) {
                    List<List<Object>> rows = answers.get(query.id());
                    List<String> columns = query.id().equals("Q1") ? List.of("items", "total") : List.of("item_name", "item_date");
                    QueryExecution execution = new QueryExecution(query.id(), i, false, 1_000_000, rows.size(), columns, rows, null);
                    listener.executed(execution);
                    executions.add(execution);
                }
            }
            return executions;
        }
    }

    private static final class Quiet implements PowerRunService.Listener {
        final List<String> crossReferences = new ArrayList<>();

        @Override
        public void crossReference(String what) {
            crossReferences.add(what);
        }

        @Override
        public void loading(double scaleFactor) {
        }

        @Override
        public void executed(QueryExecution execution) {
        }

        @Override
        public void validated(QueryResult result) {
        }
    }
}
