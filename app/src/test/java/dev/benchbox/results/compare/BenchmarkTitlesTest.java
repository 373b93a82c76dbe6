package dev.benchbox.results.compare;

import static dev.benchbox.results.compare.Fixtures.named;
import static dev.benchbox.results.compare.Fixtures.stat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.benchbox.results.RunConfiguration;
import dev.benchbox.results.RunResult;
import dev.benchbox.results.RunSummaryPrinter;
import dev.benchbox.results.report.ReportWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code compare}, {@code report} and {@code run} title a run by its benchmark's own title, for every benchmark. */
class BenchmarkTitlesTest {
    @ParameterizedTest
    @CsvSource({"tpch, 0.01, TPC-H SF0.01", "tpcds, 1, TPC-DS SF1", "tiny, 2, Tiny SF2"})
    void compareReportAndRunSummaryUseTheBenchmarksTitle(String benchmark, double scale, String title) throws Exception {
        List<NamedResult> runs = List.of(named("before", of(benchmark, Fixtures.duckdb(scale, stat("Q1", 10, null)))),
                named("after", of(benchmark, Fixtures.duckdb(scale, stat("Q1", 12, null)))));
        Comparison comparison = new Comparer().compare(runs, 0, 10.0, false);

        StringWriter table = new StringWriter();
        ComparisonPrinter.of(CompareFormat.TABLE).print(comparison, table);
        assertThat(table.toString()).startsWith(title + " on duckdb v1.4.4, 2 runs, baseline before:");

        StringWriter html = new StringWriter();
        new ReportWriter().write(runs, comparison, html);
        assertThat(html.toString()).contains("<h1>BenchBox report: " + title + ", 2 runs</h1>")
                .contains("<td>" + title + "</td>");

        StringWriter summary = new StringWriter();
        new RunSummaryPrinter(summary, dev.benchbox.benchmark.Benchmarks::title).summary(runs.get(0).result(), null);
        assertThat(summary.toString()).contains(title + " on duckdb v1.4.4:");
    }

    /** The fixture's run as a run of another benchmark at the same scale. */
    private static RunResult of(String benchmark, RunResult run) {
        RunConfiguration c = run.configuration();
        return new RunResult(run.run(), new RunResult.Benchmark(benchmark, run.benchmark().scaleFactor(), run.benchmark().queries()),
                run.platform(), run.summary(), run.queries(), run.jobRuns(), run.statistics(),
                new RunConfiguration(c.engine(), benchmark, c.scaleFactor(), c.queries(), c.warmups(), c.iterations(), c.streams(),
                        c.validation(), c.shellVersion()));
    }
}
