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

        printer.query(new QueryResult("Q1", 1, 250.5, 4, QueryResult.VALIDATED, "exact", null).withPhases(phases(3, 41, 17, 9)));

        assertThat(out.toString()).isEqualTo("Q1   iteration 1      250.5 ms        4 rows  validated (exact)  [plan 70, exec 180.5 ms]\n");
    }

    @Test
    void aQueryWithSparksTaskMetricsSaysWhatItReadWithinATerminalsWidth() {
        StringWriter out = new StringWriter();
        RunSummaryPrinter printer = new RunSummaryPrinter(out, dev.benchbox.benchmark.Benchmarks::title);

        printer.query(new QueryResult("Q18", 1, 123456.7, 57, QueryResult.VALIDATED, "cross", null).withPhases(phases(3, 410, 1170, 90))
                .withMetrics(metrics(59_986_052, 1_987_654_321L, 1_500_000, 48_000_000, 48_000_000, 0)));
        printer.query(new QueryResult("Q6", 1, 80.0, 1, QueryResult.VALIDATED, "exact", null).withMetrics(Map.of(SparkMetrics.INPUT_ROWS, 6005L)));

        assertThat(out.toString()).isEqualTo("""
                Q18  iteration 1   123456.7 ms       57 rows  validated (cross: DuckDB)  [plan 1673, exec 121783.7 ms; read 60.0M rows]
                Q6   iteration 1       80.0 ms        1 row   validated (exact)  [read 6005 rows]
                """);
        assertThat(out.toString().lines()).allMatch(line -> line.length() <= 120);
    }

    @Test
    void detailsTabulatesMediansOfWhatSparkReportedPerQuery() {
        StringWriter out = new StringWriter();
        RunSummaryPrinter printer = new RunSummaryPrinter(out, dev.benchbox.benchmark.Benchmarks::title);
        RunResult run = withQueries(List.of(
                new QueryResult("Q1", 1, 300, 4, QueryResult.VALIDATED, "exact", null).withPhases(phases(3, 41, 17, 9))
                        .withMetrics(metrics(60_175, 1_900_000, 24, 2_400, 2_400, 0)),
                new QueryResult("Q1", 2, 250, 4, QueryResult.VALIDATED, "exact", null).withPhases(phases(1, 20, 10, 9))
                        .withMetrics(metrics(60_175, 1_900_000, 24, 2_400, 2_400, 0)),
                new QueryResult("Q1", 3, 260, 4, QueryResult.VALIDATED, "exact", null).withPhases(phases(1, 30, 10, 9))
                        .withMetrics(metrics(60_175, 1_900_000, 24, 2_400, 2_400, 0)),
                new QueryResult("Q2", 1, 90, 0, QueryResult.ERROR, null, "boom"),
                new QueryResult("Q3", 1, 120, 10, QueryResult.VALIDATED, "exact", null).withMetrics(Map.of(SparkMetrics.INPUT_ROWS, 75_175L))));

        printer.details(run);

        assertThat(out.toString()).isEqualTo("""
                Inside Spark per query, medians over the measured executions (bytes in binary units, as Spark's UI):
                query     plan ms    exec ms rows read       read  shuffled shuf write  shuf read    spilled
                Q1           50.0      210.0     60.2k    1.8 MiB        24    2.3 KiB    2.3 KiB        0 B
                Q3              -          -     75.2k          -         -          -          -          -
                """);
        assertThat(out.toString().lines()).allMatch(line -> line.length() <= 120);
    }

    @Test
    void aRunThroughASessionSaysWhatItCannotReport() {
        StringWriter out = new StringWriter();
        RunSummaryPrinter printer = new RunSummaryPrinter(out, dev.benchbox.benchmark.Benchmarks::title);
        RunResult small = smallRun(new RunResult.Summary(1, 1, 0, 0, 80, 80, null, "one query"));
        RunResult session = new RunResult(new RunResult.Run("run-s", small.run().started(), small.run().finished(), 0, 1, "exact",
                TimingMethod.SESSION), small.benchmark(), small.platform(), small.summary(),
                List.of(new QueryResult("Q6", 1, 80.0, 1, QueryResult.VALIDATED, "exact", null).withMetrics(Map.of(SparkMetrics.INPUT_ROWS, 60_175L))),
                List.of());

        printer.details(session);
        printer.summary(session, null);

        assertThat(out.toString()).isEqualTo("""
                Through a session: rows read per query from Spark Connect's plan metrics; Spark's planning phases, bytes read, \
                shuffles and spills are not reported through a session (-)
                Inside Spark per query, medians over the measured executions (bytes in binary units, as Spark's UI):
                query     plan ms    exec ms rows read       read  shuffled shuf write  shuf read    spilled
                Q6              -          -     60.2k          -         -          -          -          -
                TPC-H SF0.01 on duckdb v1.4.4: 1 query executions, 1 validated (1 exact), 0 failed, 0 errors
                Total 80.0 ms, geometric mean 80.00 ms
                one query
                Through a session: rows read per query from Spark Connect's plan metrics; Spark's planning phases, bytes read, \
                shuffles and spills are not reported through a session
                """);
    }

    @Test
    void detailsSaysSoWhenThePlatformReportedNothingPerQuery() {
        StringWriter out = new StringWriter();
        new RunSummaryPrinter(out, dev.benchbox.benchmark.Benchmarks::title)
                .details(withQueries(List.of(new QueryResult("Q1", 1, 300, 4, QueryResult.VALIDATED, "exact", null))));

        assertThat(out.toString()).isEqualTo("No Spark figures per query: duckdb did not report them\n");
    }

    @Test
    void countsAndBytesAreWrittenShort() {
        assertThat(SparkMetrics.count(9_999)).isEqualTo("9999");
        assertThat(SparkMetrics.count(60_175)).isEqualTo("60.2k");
        assertThat(SparkMetrics.count(600_037_902)).isEqualTo("600M");
        assertThat(SparkMetrics.count(6_001_215)).isEqualTo("6.00M");
        assertThat(SparkMetrics.bytes(0)).isEqualTo("0 B");
        assertThat(SparkMetrics.bytes(1023)).isEqualTo("1023 B");
        assertThat(SparkMetrics.bytes(1536)).isEqualTo("1.5 KiB");
        assertThat(SparkMetrics.bytes(3L << 30)).isEqualTo("3.0 GiB");
        assertThat(SparkMetrics.readSummary(Map.of())).isEmpty();
    }

    @Test
    void aJobRunsLineIsFollowedByWhereItsTimeWentWhenTheDriverReportedItsMilestones() {
        RunResult run = dev.benchbox.results.compare.Fixtures.withDriver(
                dev.benchbox.results.compare.Fixtures.emr("arm64", 3, "0.1650", 2500, 90000, 38000), 4000, 11000, 1500, 40000);

        assertThat(RunSummaryPrinter.jobLine(run.jobRuns().get(0))).isEqualTo(String.join(System.lineSeparator(),
                "Job run 00farm643 SUCCESS: 90.0 s submit to end, queries 38.0 s in the driver, job overhead 52.0 s",
                "  90.0 s = waiting 2.5 s (queued 2.5 s) + driver start 16.5 s + queries 40.0 s + teardown 31.0 s",
                "  billed 0.300 vCPU-h, 1.200 GB-h, 0.000 storage GB-h = $0.1650 (ran 0.200 vCPU-h = $0.1320)"));
        // without the driver's milestones: the queue on the first line, as before
        assertThat(RunSummaryPrinter.jobLine(dev.benchbox.results.compare.Fixtures.emr("arm64", 3, "0.1650", 2500, 90000, 38000)
                .jobRuns().get(0))).startsWith("Job run 00farm643 SUCCESS: 90.0 s submit to end (queued 2.5 s), queries 38.0 s in the "
                + "driver, job overhead 52.0 s" + System.lineSeparator() + "  billed ");
        assertThat(RunSummaryPrinter.jobLine(run.jobRuns().get(0)).lines()).allMatch(line -> line.length() <= 120);
    }

    @Test
    void theTimeSplitAddsUpToSubmitToEndWhateverTheClocksSkew() {
        java.time.Instant created = java.time.Instant.parse("2025-01-01T00:00:00Z");
        // the driver's clock 3 s behind AWS's: its JVM seems to start before RUNNING
        dev.benchbox.cost.DriverClock driver = new dev.benchbox.cost.DriverClock(created.plusSeconds(7), created.plusSeconds(8),
                created.plusSeconds(20), created.plusSeconds(21), created.plusSeconds(61));
        JobTimeSplit split = JobTimeSplit.of(created, created.plusSeconds(10), created.plusSeconds(70), null, driver).orElseThrow();

        assertThat(split.totalMs()).isEqualTo(70_000);
        assertThat(split.launchMs()).isEqualTo(-3_000);
        assertThat(split.describe()).isEqualTo("70.0 s = waiting 10.0 s + driver start 11.0 s + queries 40.0 s + teardown 9.0 s");
        assertThat(JobTimeSplit.of(created, null, created.plusSeconds(70), null, driver)).as("never RUNNING").isEmpty();
        assertThat(JobTimeSplit.of(created, created.plusSeconds(10), created.plusSeconds(70), null,
                new dev.benchbox.cost.DriverClock(created, created, created, null, null))).as("no query").isEmpty();
    }

    private static RunResult withQueries(List<QueryResult> queries) {
        RunResult small = smallRun(null);
        return new RunResult(small.run(), small.benchmark(), small.platform(), small.summary(), queries, List.of());
    }

    private static Map<String, Long> phases(long parsing, long analysis, long optimization, long planning) {
        Map<String, Long> phases = new java.util.LinkedHashMap<>();
        phases.put("parsing", parsing);
        phases.put("analysis", analysis);
        phases.put("optimization", optimization);
        phases.put("planning", planning);
        return phases;
    }

    private static Map<String, Long> metrics(long rows, long bytes, long shuffledRows, long shuffleWrite, long shuffleRead, long spill) {
        Map<String, Long> metrics = new java.util.LinkedHashMap<>();
        metrics.put(SparkMetrics.INPUT_ROWS, rows);
        metrics.put(SparkMetrics.INPUT_BYTES, bytes);
        metrics.put(SparkMetrics.SHUFFLE_WRITE_ROWS, shuffledRows);
        metrics.put(SparkMetrics.SHUFFLE_WRITE_BYTES, shuffleWrite);
        metrics.put(SparkMetrics.SHUFFLE_READ_BYTES, shuffleRead);
        metrics.put(SparkMetrics.SPILL_BYTES, spill);
        return metrics;
    }
}
