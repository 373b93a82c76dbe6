package dev.benchbox.results;

import static org.assertj.core.api.Assertions.assertThat;

import dev.benchbox.results.FullRunResult.Interval;
import java.io.StringWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FullRunPrinterTest {
    private static FullRunResult result(FullRunResult.Metrics metrics, List<String> notCompliant) {
        List<Interval> power = List.of(new Interval("power", "RF1", 1, 0, 0.0123, null, null),
                new Interval("power", "Q14", null, 0.0123, 0.5, 1L, null),
                new Interval("power", "RF2", 1, 0.5123, 0.01, null, null));
        return new FullRunResult("id", Instant.EPOCH, Instant.EPOCH, "tpch", 1, new RunResult.PlatformInfo("duckdb", "1.4.4", "main",
                Map.of()), 7, 2, 2, new FullRunResult.Qualification(22, 22, List.of()), new FullRunResult.Test(0.5223, power),
                new FullRunResult.Test(2.5, List.of()), metrics, notCompliant.isEmpty(), notCompliant, List.of());
    }

    @Test
    void printsIntervalsAsTheyComeAndTheSummaryWithTheMetrics() {
        StringWriter out = new StringWriter();
        FullRunPrinter printer = new FullRunPrinter(out);
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("Power@Size", 4000.0);
        values.put("Throughput@Size", 3600.5);
        values.put("QphH@Size", 3794.9);

        printer.phase("power test");
        printer.interval(new Interval("power", "RF1", 1, 0, 0.0123, null, null));
        printer.interval(new Interval("1", "Q3", null, 0, 0.25, 10L, "boom"));
        printer.summary(result(new FullRunResult.Metrics(values), List.of()), "benchbox-results/x.json");

        assertThat(out.toString()).isEqualTo("""
                Power test:
                  power    RF1 (set 1)        12.3 ms
                  1        Q3                250.0 ms  error: boom
                Qualification: 22 of 22 answers validated
                Power test: 0.522 s (RF1, 1 queries in stream 0's order, RF2)
                Throughput test: 2.500 s (2 query streams beside a refresh stream of 2 RF1/RF2 pairs)
                Power@Size       4000.00
                Throughput@Size  3600.50
                QphH@Size        3794.90
                Performance tests' answers: not checked (their random parameters have no reference answers)
                Compliant (seed 7, 2 streams): qualification validated, both tests complete, at least the minimum streams
                Results saved to benchbox-results/x.json
                """);
    }

    @Test
    void printsEachCrossCheckedTextWithTheStreamsThatRanIt() {
        StringWriter out = new StringWriter();
        FullRunPrinter printer = new FullRunPrinter(out);
        printer.phase("cross-check");
        printer.crossChecked(List.of(new FullRunResult.CrossCheckedAnswer("power", "Q14", "cross-checked", 1L,
                "1 row matches DuckDB's answer"), new FullRunResult.CrossCheckedAnswer("1", "Q14", "cross-checked", 1L,
                "1 row matches DuckDB's answer")));
        printer.crossChecked(List.of(new FullRunResult.CrossCheckedAnswer("2", "Q6", "differs", 1L,
                "row 1, column revenue: expected 5, got 6")));

        assertThat(out.toString()).isEqualTo("""
                Cross-check:
                  Q14  cross-checked  streams power, 1: 1 row matches DuckDB's answer
                  Q6   differs        stream 2: row 1, column revenue: expected 5, got 6
                """);
    }

    @Test
    void saysWhyARunIsNotCompliant() {
        StringWriter out = new StringWriter();
        new FullRunPrinter(out).summary(result(null, List.of("2 timed execution(s) failed", "SF 0.01 is not one of the "
                + "specification's scale factors")), "r.json");

        assertThat(out.toString()).contains("Metrics not computed: timed executions failed (see the intervals above)\n").contains("Not compliant (seed 7, 2 streams): 2 timed execution(s) failed; ");
    }
}
