package dev.benchbox.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunSummaryPrinterTest {
    static RunResult smallRun(RunResult.Summary summary) {
        Instant started = Instant.parse("2024-01-02T03:04:05Z");
        return new RunResult(
                new RunResult.Run("run-1", started, started.plusSeconds(2), 0, 1, "exact"),
                new RunResult.Benchmark("tpch", 0.01, List.of("Q1", "Q6")),
                new RunResult.PlatformInfo("duckdb", "v1.4.4", "main", Map.of("description", "DuckDB v1.4.4 (in-memory)")),
                summary,
                List.of(new QueryResult("Q1", 1, 12.34, 4, QueryResult.VALIDATED, "exact", null),
                        new QueryResult("Q6", 1, 3.05, 1, QueryResult.FAILED, "exact", "row 1 column revenue: expected 1, got 2")),
                List.of());
    }

    @Test
    void printsOneAlignedLinePerQueryWithTheMessageWhenThereIsOne() {
        StringWriter out = new StringWriter();
        RunSummaryPrinter printer = new RunSummaryPrinter(out, dev.benchbox.benchmark.Benchmarks::title);

        for (QueryResult result : smallRun(null).queries()) {
            printer.query(result);
        }

        assertThat(out.toString()).isEqualTo("""
                Q1   iteration 1       12.3 ms        4 rows  validated (exact)
                Q6   iteration 1        3.1 ms        1 row   failed: row 1 column revenue: expected 1, got 2
                """);
    }

    @Test
    void printsTheSummaryWithPowerAndTheResultsFile() {
        StringWriter out = new StringWriter();
        RunResult run = smallRun(new RunResult.Summary(2, 1, 1, 0, 15.39, 6.2, 12345.678,
                "computed over 2 query timing intervals"));

        new RunSummaryPrinter(out, dev.benchbox.benchmark.Benchmarks::title).summary(run, "benchbox-results/run.json");

        assertThat(out.toString()).isEqualTo("""
                TPC-H SF0.01 on duckdb v1.4.4: 2 query executions, 1 validated (1 exact), 1 failed, 0 errors
                Total 15.4 ms, geometric mean 6.20 ms
                Power@Size 12345.68 (computed over 2 query timing intervals)
                Results: benchbox-results/run.json
                """);
    }

    @Test
    void tpcdsPrintsItsNameAndThePowerTestTime() {
        StringWriter out = new StringWriter();
        RunResult small = smallRun(null);
        RunResult run = new RunResult(small.run(), new RunResult.Benchmark("tpcds", 1, List.of("Q1", "Q6")), small.platform(),
                new RunResult.Summary(2, 2, 0, 0, 15.39, 6.2, null, "the TPC-DS power test time: 2 queries").withPowerTestSeconds(0.0154),
                small.queries(), List.of());

        new RunSummaryPrinter(out, dev.benchbox.benchmark.Benchmarks::title).summary(run, null);

        assertThat(out.toString()).isEqualTo("""
                TPC-DS SF1 on duckdb v1.4.4: 2 query executions, 1 validated (1 exact), 1 failed, 0 errors
                Total 15.4 ms, geometric mean 6.20 ms
                Power test 0.015 s (the TPC-DS power test time: 2 queries)
                """);
    }

    @Test
    void withoutPowerPrintsTheNoteAloneAndNoFileLineWhenNothingWasWritten() {
        StringWriter out = new StringWriter();
        RunResult run = smallRun(new RunResult.Summary(2, 1, 0, 1, 15.39, 6.2, null,
                "Power@Size not computed: 1 query execution(s) failed"));

        new RunSummaryPrinter(out, dev.benchbox.benchmark.Benchmarks::title).summary(run, null);

        assertThat(out.toString()).isEqualTo("""
                TPC-H SF0.01 on duckdb v1.4.4: 2 query executions, 1 validated (1 exact), 1 failed, 0 errors
                Total 15.4 ms, geometric mean 6.20 ms
                Power@Size not computed: 1 query execution(s) failed
                """);
    }

    @Test
    void severalIterationsAddEachQuerysStatisticsWithTheColdIterationApart() {
        StringWriter out = new StringWriter();
        Instant started = Instant.parse("2024-01-02T03:04:05Z");
        RunResult run = new RunResult(new RunResult.Run("run-1", started, started.plusSeconds(2), 0, 3, "exact"),
                new RunResult.Benchmark("tpch", 0.01, List.of("Q1", "Q6")),
                new RunResult.PlatformInfo("duckdb", "v1.4.4", "main", Map.of()),
                new RunResult.Summary(6, 6, 0, 0, 100, 10, 1.5, "note"),
                List.of(new QueryResult("Q1", 1, 40, 4, QueryResult.VALIDATED, "exact", null),
                        new QueryResult("Q6", 1, 8, 1, QueryResult.VALIDATED, "exact", null),
                        new QueryResult("Q1", 2, 20, 4, QueryResult.VALIDATED, "exact", null),
                        new QueryResult("Q6", 2, 4, 1, QueryResult.VALIDATED, "exact", null),
                        new QueryResult("Q1", 3, 22, 4, QueryResult.VALIDATED, "exact", null),
                        new QueryResult("Q6", 3, 4, 1, QueryResult.VALIDATED, "exact", null)),
                List.of());

        new RunSummaryPrinter(out, dev.benchbox.benchmark.Benchmarks::title).summary(run, null);

        assertThat(out.toString()).isEqualTo("""
                TPC-H SF0.01 on duckdb v1.4.4: 6 query executions, 6 validated (6 exact), 0 failed, 0 errors
                Total 100.0 ms, geometric mean 10.00 ms
                Power@Size 1.50 (note)
                Per query over iterations 2..3 (cold: iteration 1, set apart):
                query    cold ms     min ms  median ms     max ms      CV   n
                Q1          40.0       20.0       21.0       22.0    6.7%   2
                Q6           8.0        4.0        4.0        4.0    0.0%   2
                """);
    }

    /** The outcome line of a run of the given executions (validation {@code mode}, SF 0.01). */
    private static String outcomeLine(String mode, QueryResult... queries) {
        Instant started = Instant.parse("2024-01-02T03:04:05Z");
        RunResult run = new RunResult(new RunResult.Run("run-1", started, started.plusSeconds(2), 0, 1, mode),
                new RunResult.Benchmark("tpcds", 0.01, List.of()), new RunResult.PlatformInfo("duckdb", "v1.4.4", "main", Map.of()),
                new RunResult.Summary(queries.length, 0, 0, 0, 10, 1, null, "note"), List.of(queries), List.of());
        StringWriter out = new StringWriter();
        new RunSummaryPrinter(out, dev.benchbox.benchmark.Benchmarks::title).summary(run, null);
        return out.toString().lines().findFirst().orElseThrow();
    }

    private static QueryResult q(String status, String validation, String message) {
        return new QueryResult("Q1", 1, 5, 1, status, validation, message);
    }

    @Test
    void everyOutcomeMixIsCountedApartAndAnUncheckedAnswerNeverCountsAsValidated() {
        QueryResult exact = q(QueryResult.VALIDATED, "exact", null);
        QueryResult rowCount = q(QueryResult.VALIDATED, "rowcount", null);
        QueryResult unchecked = q(QueryResult.UNVALIDATED, "none", "no reference answer at SF 0.01");
        QueryResult wrong = q(QueryResult.FAILED, "exact", "row 1: expected 1, got 2");
        QueryResult broken = q(QueryResult.ERROR, null, "boom");
        String head = "TPC-DS SF0.01 on duckdb v1.4.4: ";

        assertThat(outcomeLine("exact", exact, exact))
                .isEqualTo(head + "2 query executions, 2 validated (2 exact), 0 failed, 0 errors");
        assertThat(outcomeLine("exact", exact, rowCount))
                .isEqualTo(head + "2 query executions, 2 validated (1 exact, 1 by row count), 0 failed, 0 errors");
        assertThat(outcomeLine("exact", unchecked, unchecked, unchecked))
                .isEqualTo(head + "3 query executions, 0 validated, 3 ran but not validated (no reference answers at SF 0.01), "
                        + "0 failed, 0 errors");
        assertThat(outcomeLine("exact", rowCount, unchecked))
                .isEqualTo(head + "2 query executions, 1 validated (1 by row count), 1 ran but not validated "
                        + "(no reference answers at SF 0.01), 0 failed, 0 errors");
        assertThat(outcomeLine("exact", exact, unchecked, wrong, broken))
                .isEqualTo(head + "4 query executions, 1 validated (1 exact), 1 ran but not validated "
                        + "(no reference answers at SF 0.01), 1 failed, 1 error");
        assertThat(outcomeLine("off", q(QueryResult.UNVALIDATED, "none", "validation off")))
                .isEqualTo(head + "1 query executions, 0 validated, 1 ran but not validated (validation off), 0 failed, 0 errors");
        assertThat(outcomeLine("exact", wrong, broken, broken))
                .isEqualTo(head + "3 query executions, 0 validated, 1 failed, 2 errors");
    }

    @Test
    void anOldFilesPassedIsValidatedOnlyWhenItsAnswerWasChecked() {
        assertThat(new QueryResult("Q1", 1, 5, 1, "passed", "exact", null).status()).isEqualTo(QueryResult.VALIDATED);
        assertThat(new QueryResult("Q1", 1, 5, 1, "passed", "rowcount", null).status()).isEqualTo(QueryResult.VALIDATED);
        assertThat(new QueryResult("Q1", 1, 5, 1, "passed", "none", "no reference answer at SF 0.01").status())
                .isEqualTo(QueryResult.UNVALIDATED);
        assertThat(new QueryResult("Q1", 1, 5, 1, "passed", null, null).status()).isEqualTo(QueryResult.UNVALIDATED);
    }

    @Test
    void eachQueryLineSaysHowItsAnswerWasChecked() {
        StringWriter out = new StringWriter();
        RunSummaryPrinter printer = new RunSummaryPrinter(out, dev.benchbox.benchmark.Benchmarks::title);

        printer.query(new QueryResult("Q1", 1, 5, 1, QueryResult.VALIDATED, "rowcount", null));
        printer.query(new QueryResult("Q2", 1, 5, 1, QueryResult.UNVALIDATED, "none", "no reference answer at SF 0.01"));

        assertThat(out.toString()).isEqualTo("""
                Q1   iteration 1        5.0 ms        1 row   validated (row count)
                Q2   iteration 1        5.0 ms        1 row   not validated: no reference answer at SF 0.01
                """);
    }

    @Test
    void aQueryWithSparksPlanningPhasesSaysWhereItsTimeWent() {
        StringWriter out = new StringWriter();
        RunSummaryPrinter printer = new RunSummaryPrinter(out, dev.benchbox.benchmark.Benchmarks::title);
        java.util.Map<String, Long> phases = new java.util.LinkedHashMap<>();
        phases.put("parsing", 3L);
        phases.put("analysis", 41L);
        phases.put("optimization", 17L);
        phases.put("planning", 9L);

        printer.query(new QueryResult("Q1", 1, 250.5, 4, QueryResult.VALIDATED, "exact", null).withPhases(phases));

        assertThat(out.toString()).isEqualTo("Q1   iteration 1      250.5 ms        4 rows  validated (exact)  [planning 70 ms: parsing 3, "
                + "analysis 41, optimization 17, planning 9; execution 180.5 ms]\n");
    }
}
