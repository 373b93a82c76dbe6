package dev.benchbox.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.benchbox.platform.BatchQuery;
import dev.benchbox.results.QueryResult;
import dev.benchbox.results.RunResult;
import dev.benchbox.tpch.ValidationMode;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TpcdsBenchmarkTest {
    private final TpcdsBenchmark tpcds = new TpcdsBenchmark();

    private static QueryResult result(String id, double ms, long rows, String status, String message) {
        return new QueryResult(id, 1, ms, rows, status, "exact", message);
    }

    @Nested
    class Statements {
        @Test
        void twoPartQueriesRunAsTwoStatementsInOrder() {
            List<BatchQuery> batch = tpcds.statements(List.of(3, 14, 39));

            assertThat(batch).extracting(BatchQuery::id).containsExactly("Q3", "Q14a", "Q14b", "Q39a", "Q39b");
            assertThat(batch.get(1).sql()).isNotEqualTo(batch.get(2).sql());
        }

        @Test
        void everyQueryIsOneHundredAndThreeStatements() {
            assertThat(tpcds.statements(tpcds.queries())).hasSize(103);
            assertThat(tpcds.queries()).hasSize(99);
        }

        @Test
        void selectionsNameTpcdsAndItsRange() {
            assertThat(tpcds.parseQueries("1,14,72")).containsExactly(1, 14, 72);
            assertThat(tpcds.parseQueries("97-99")).containsExactly(97, 98, 99);
            assertThatThrownBy(() -> tpcds.parseQueries("100"))
                    .hasMessage("unknown TPC-DS query '100': expected numbers 1-99");
            assertThatThrownBy(() -> tpcds.parseQueries("5-3"))
                    .hasMessage("invalid TPC-DS query range '5-3': the first number must not exceed the last");
        }

        @Test
        void q24sPartsAreTheQualificationColours() {
            List<BatchQuery> q24 = tpcds.statements(List.of(24));

            assertThat(q24.get(0).sql()).contains("i_color = 'peach'").contains("s_market_id=8");
            assertThat(q24.get(1).sql()).contains("i_color = 'saddle'").contains("s_market_id=8");
        }
    }

    @Nested
    class TwoPartQueriesCountAsOne {
        @Test
        void partsAreAddedIntoOneQuery() {
            List<QueryResult> merged = tpcds.perQuery(List.of(
                    result("Q13", 5, 1, QueryResult.VALIDATED, null),
                    result("Q14a", 100, 100, QueryResult.VALIDATED, null),
                    result("Q14b", 50.5, 100, QueryResult.VALIDATED, null),
                    result("Q15", 7, 100, QueryResult.VALIDATED, null)));

            assertThat(merged).containsExactly(
                    result("Q13", 5, 1, QueryResult.VALIDATED, null),
                    result("Q14", 150.5, 200, QueryResult.VALIDATED, null),
                    result("Q15", 7, 100, QueryResult.VALIDATED, null));
        }

        @Test
        void aFailedPartFailsTheQueryAndIsNamed() {
            List<QueryResult> merged = tpcds.perQuery(List.of(
                    result("Q23a", 10, 1, QueryResult.VALIDATED, null),
                    result("Q23b", 20, 3, QueryResult.FAILED, "expected 4 rows, got 3")));

            assertThat(merged).containsExactly(result("Q23", 30, 4, QueryResult.FAILED, "Q23b: expected 4 rows, got 3"));
        }

        @Test
        void anErrorInEitherPartIsAnErrorOfTheQuery() {
            List<QueryResult> merged = tpcds.perQuery(List.of(
                    new QueryResult("Q39a", 1, 10, 0, QueryResult.ERROR, null, "boom"),
                    result("Q39b", 20, 14, QueryResult.FAILED, "wrong")));

            assertThat(merged).singleElement().satisfies(q -> {
                assertThat(q.id()).isEqualTo("Q39");
                assertThat(q.status()).isEqualTo(QueryResult.ERROR);
                assertThat(q.message()).isEqualTo("Q39a: boom; Q39b: wrong");
            });
        }

        @Test
        void iterationsAndStreamsStayApart() {
            List<QueryResult> merged = tpcds.perQuery(List.of(
                    new QueryResult("Q14a", 1, 1, 1, QueryResult.VALIDATED, "exact", null),
                    new QueryResult("Q14b", 1, 2, 1, QueryResult.VALIDATED, "rowcount", null),
                    new QueryResult("Q14a", 2, 3, 1, QueryResult.VALIDATED, "exact", null),
                    new QueryResult("Q14b", 2, 4, 1, QueryResult.VALIDATED, "exact", null)));

            assertThat(merged).containsExactly(
                    new QueryResult("Q14", 1, 3, 2, QueryResult.VALIDATED, "rowcount", null),
                    new QueryResult("Q14", 2, 7, 2, QueryResult.VALIDATED, "exact", null));
        }

        @Test
        void aLonePartIsNotTheQuery() {
            assertThat(tpcds.perQuery(List.of(result("Q24a", 10, 3, QueryResult.VALIDATED, null))))
                    .containsExactly(result("Q24", 10, 3, QueryResult.ERROR, "only Q24a ran"));
        }
    }

    @Nested
    class Metric {
        @Test
        void powerTestTimeIsTheQueriesTimesAddedAndSaysWhatIsMissing() {
            List<QueryResult> results = IntStream.rangeClosed(1, 99)
                    .mapToObj(n -> result("Q" + n, 1000, 1, QueryResult.VALIDATED, null)).toList();

            RunResult.Summary summary = tpcds.summarize(1, 1, results);

            assertThat(summary.queries()).isEqualTo(99);
            assertThat(summary.passed()).isEqualTo(99);
            assertThat(summary.powerTestSeconds()).isEqualTo(99.0);
            assertThat(summary.powerAtSize()).isNull();
            assertThat(summary.geometricMeanMs()).isEqualTo(1000.0);
            assertThat(summary.powerNote()).isEqualTo("the TPC-DS power test time: 99 queries in one stream, times added; "
                    + "the load test, the throughput tests and data maintenance were not run, so there is no QphDS@SF");
        }

        @Test
        void iterationsAreFoldedPerQueryBeforeAdding() {
            RunResult.Summary summary = tpcds.summarize(1, 2, List.of(
                    new QueryResult("Q1", 1, 1000, 1, QueryResult.VALIDATED, "exact", null),
                    new QueryResult("Q1", 2, 4000, 1, QueryResult.VALIDATED, "exact", null),
                    new QueryResult("Q2", 1, 500, 1, QueryResult.VALIDATED, "exact", null),
                    new QueryResult("Q2", 2, 500, 1, QueryResult.VALIDATED, "exact", null)));

            assertThat(summary.powerTestSeconds()).isEqualTo(2.5); // sqrt(1 x 4) + 0.5
            assertThat(summary.powerNote()).contains("(each the geometric mean of 2 iterations)")
                    .endsWith(", and only 2 of the 99 queries ran");
        }

        @Test
        void noFigureWhenAQueryDidNotRun() {
            RunResult.Summary summary = tpcds.summarize(1, 1, List.of(
                    new QueryResult("Q1", 1, 1000, 0, QueryResult.ERROR, null, "boom")));

            assertThat(summary.powerTestSeconds()).isNull();
            assertThat(summary.powerNote()).isEqualTo("power test time not computed: 1 query execution(s) failed");
        }
    }

    @Test
    void validatesAStatementAgainstItsAnswerOnlyWhereOneFitsTheData() {
        QueryResult unknownScale = tpcds.check("Q14b", 1, 5, 100, 0.01, ValidationMode.EXACT, List.of("a"), List.of());

        assertThat(unknownScale.status()).isEqualTo(QueryResult.UNVALIDATED);
        assertThat(unknownScale.validation()).isEqualTo("none");
        assertThat(unknownScale.message()).isEqualTo("no reference answer at SF 0.01 (TPC-DS answers are known at SF 1, and for 23 statements at SF 0.01)");

        QueryResult wrongCount = tpcds.check("Q14b", 1, 5, 1, 1, ValidationMode.ROWCOUNT, List.of("a"), List.of(List.of(1)));
        assertThat(wrongCount.status()).isEqualTo(QueryResult.FAILED);
        assertThat(wrongCount.validation()).isEqualTo("rowcount");
        assertThat(wrongCount.message()).isEqualTo("expected 100 rows, got 1");
    }

    @Test
    void benchmarksAreFoundByName() {
        assertThat(Benchmarks.get("TPCDS")).isInstanceOf(TpcdsBenchmark.class);
        // the built-in two first, then the plug-ins on the classpath: the tests register Tiny (dev.benchbox.tiny)
        assertThat(Benchmarks.names()).containsExactly("tpch", "tpcds", "tiny");
        assertThatThrownBy(() -> Benchmarks.get("tpcx"))
                .hasMessage("unknown benchmark 'tpcx': expected tpch, tpcds or tiny");
    }
}
