package dev.benchbox.results.compare;

import static dev.benchbox.results.compare.Fixtures.named;
import static dev.benchbox.results.compare.Fixtures.stat;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonPrinterTest {
    static final Comparison COMPARISON = new Comparer().compare(List.of(
            named("x86", Fixtures.emr("x86_64", 3, "0.20", 2000, 60000, 30000, stat("Q1", 1000, 0.02), stat("Q6", 200, 0.05))),
            named("arm", Fixtures.emr("arm64", 3, "0.16", 2000, 60000, 30000, stat("Q1", 1500, 0.01), stat("Q6", 190, 0.05)))),
            0, 10.0, false);

    static String print(CompareFormat format, Comparison comparison) throws Exception {
        StringWriter out = new StringWriter();
        ComparisonPrinter.of(format).print(comparison, out);
        return out.toString();
    }

    @Test
    void tableLinesUpEveryRunAgainstTheBaseline() throws Exception {
        assertThat(print(CompareFormat.TABLE, COMPARISON)).isEqualTo("""
                TPC-H SF0.01 on emr-serverless emr-7.0.0, 2 runs, baseline x86: median ms per query over the warm iterations
                and their coefficient of variation (CV); ~ = not beyond the noise (95% intervals overlap, or q >= 0.1, or under 5 ms)

                 query   | x86 ms (CV) | arm ms (CV) | arm/x86
                ---------+-------------+-------------+-----------------
                 Q1      | 1000.0 (2%) | 1500.0 (1%) | 1.50 REGRESSION
                 Q6      |  200.0 (5%) |  190.0 (5%) | 0.95 ~
                 geomean |  447.2      |  533.9      | 1.19 ~

                 run | configuration (what differs) | answers     | iterations | speedup  | Power@Size | billed USD | Power@Size per USD
                -----+------------------------------+-------------+------------+----------+------------+------------+--------------------
                 x86 | x86_64                       | 8 validated |          4 | baseline |      80.50 |     0.2000 |             402.50
                 arm | arm64                        | 8 validated |          4 |    0.84x |      67.43 |     0.1600 |             421.44

                Regressions beyond 10%: arm Q1 +50.0%
                """);
    }

    @Test
    void markdownIsTheSameTablesForAPullRequest() throws Exception {
        assertThat(print(CompareFormat.MARKDOWN, COMPARISON)).isEqualTo("""
                TPC-H SF0.01 on emr-serverless emr-7.0.0, 2 runs, baseline x86: median ms per query over the warm iterations
                and their coefficient of variation (CV); ~ = not beyond the noise (95% intervals overlap, or q >= 0.1, or under 5 ms)

                | query   | x86 ms (CV) | arm ms (CV) | arm/x86         |
                |---------|------------:|------------:|-----------------|
                | Q1      | 1000.0 (2%) | 1500.0 (1%) | 1.50 REGRESSION |
                | Q6      |  200.0 (5%) |  190.0 (5%) | 0.95 ~          |
                | geomean |  447.2      |  533.9      | 1.19 ~          |

                | run | configuration (what differs) | answers     | iterations | speedup  | Power@Size | billed USD | Power@Size per USD |
                |-----|------------------------------|-------------|-----------:|---------:|-----------:|-----------:|-------------------:|
                | x86 | x86_64                       | 8 validated |          4 | baseline |      80.50 |     0.2000 |             402.50 |
                | arm | arm64                        | 8 validated |          4 |    0.84x |      67.43 |     0.1600 |             421.44 |

                Regressions beyond 10%: arm Q1 +50.0%
                """);
    }

    @Test
    void markdownShowsLabelsAsWrittenAndNeverAsMarkup() throws Exception {
        Comparison marked = new Comparer().compare(List.of(
                named("x|*y*", Fixtures.emr("x86_64", 3, "0.20", 2000, 60000, 30000, stat("Q1", 1000, 0.02))),
                named("<i>z</i>", Fixtures.emr("arm64", 3, "0.16", 2000, 60000, 30000, stat("Q1", 1500, 0.01)))),
                0, 10.0, false);
        String markdown = print(CompareFormat.MARKDOWN, marked);

        assertThat(markdown).startsWith("TPC-H SF0.01 on emr-serverless emr-7.0.0, 2 runs, baseline x\\|\\*y\\*: median ms")
                .contains("| query   | x\\|\\*y\\* ms (CV) | \\<i\\>z\\</i\\> ms (CV) | \\<i\\>z\\</i\\>/x\\|\\*y\\* |")
                .contains("| x\\|\\*y\\*     | x86_64 ")
                .endsWith("Regressions beyond 10%: \\<i\\>z\\</i\\> Q1 +50.0%\n");
        // every table row has as many cells as its header: no label's pipe opened a column
        markdown.lines().filter(l -> l.startsWith("|")).forEach(l -> assertThat(l.split("(?<!\\\\)\\|", -1).length)
                .as(l).isIn(6, 10));
        assertThat(Markdown.code("a`b")).isEqualTo("``a`b``");
        assertThat(Markdown.inline("x86_64 _em_ ~~s~~ 0.95 ~ a&amp;")).isEqualTo("x86_64 \\_em\\_ \\~\\~s\\~\\~ 0.95 ~ a\\&amp;");
        // on the terminal a label's control characters are shown escaped
        Comparison escaped = new Comparer().compare(List.of(
                named("a\u001b[31m", Fixtures.emr("x86_64", 3, "0.20", 2000, 60000, 30000, stat("Q1", 1000, 0.02))),
                named("b", Fixtures.emr("arm64", 3, "0.16", 2000, 60000, 30000, stat("Q1", 1500, 0.01)))),
                0, null, false);
        assertThat(print(CompareFormat.TABLE, escaped)).contains("baseline a\\x1b[31m:").doesNotContain("\u001b");
    }

    /** A 2 x 2 sweep's runs, labelled as the sweep labels them: after their results files' long names. */
    static final Comparison SWEEP = new Comparer().compare(List.of(
            named("architecture-x86_64_executors-8x4vCPU-16GB", Fixtures.emr("x86_64", 8, "0.4210", 2000, 60000, 30000,
                    stat("Q1", 12345.6, 0.02), stat("Q6", 812.3, 0.125), stat("Q18", 2345.6, 0.04))),
            named("architecture-x86_64_executors-4x4vCPU-16GB", Fixtures.emr("x86_64", 4, "0.2650", 2000, 60000, 30000,
                    stat("Q1", 14012.5, 0.03), stat("Q6", 790.1, 0.11), stat("Q18", 2899.0, 0.05))),
            named("architecture-arm64_executors-8x4vCPU-16GB", Fixtures.emr("arm64", 8, "0.3370", 2000, 60000, 30000,
                    stat("Q1", 11890.2, 0.02), stat("Q6", 640.0, 0.01), stat("Q18", 2301.7, 0.04))),
            named("architecture-arm64_executors-4x4vCPU-16GB", Fixtures.emr("arm64", 4, "0.2120", 2000, 60000, 30000,
                    stat("Q1", 13500.0, 0.05), stat("Q6", 799.9, 0.09), stat("Q18", 3012.4, 0.06)))),
            0, null, false);

    @Test
    void aSweepsLongLabelsBecomeNumbersWithALegendSoFourRunsFitATerminal() throws Exception {
        String table = print(CompareFormat.TABLE, SWEEP);

        assertThat(table).isEqualTo("""
                TPC-H SF0.01 on emr-serverless emr-7.0.0, 4 runs, baseline #1: median ms per query over the warm iterations
                and their coefficient of variation (CV); ~ = not beyond the noise (95% intervals overlap, or q >= 0.1, or under 5 ms)

                 #1  architecture-x86_64_executors-8x4vCPU-16GB (baseline)
                     x86_64, executors 8x4vCPU-16GB
                 #2  architecture-x86_64_executors-4x4vCPU-16GB
                     x86_64, executors 4x4vCPU-16GB
                 #3  architecture-arm64_executors-8x4vCPU-16GB
                     arm64, executors 8x4vCPU-16GB
                 #4  architecture-arm64_executors-4x4vCPU-16GB
                     arm64, executors 4x4vCPU-16GB

                 query   | #1 ms (CV)    | #2 ms (CV)    | #2/#1       | #3 ms (CV)   | #3/#1       | #4 ms (CV)   | #4/#1
                ---------+---------------+---------------+-------------+--------------+-------------+--------------+-------------
                 Q1      | 12345.6 (2%)  | 14012.5 (3%)  | 1.14 slower | 11890.2 (2%) | 0.96 ~      | 13500.0 (5%) | 1.09 slower
                 Q6      |   812.3 (13%) |   790.1 (11%) | 0.97 ~      |   640.0 (1%) | 0.79 faster |   799.9 (9%) | 0.98 ~
                 Q18     |  2345.6 (4%)  |  2899.0 (5%)  | 1.24 slower |  2301.7 (4%) | 0.98 ~      |  3012.4 (6%) | 1.28 slower
                 geomean |  2865.2       |  3178.0       | 1.11 ~      |  2597.0      | 0.91 ~      |  3192.2      | 1.11 ~

                 run | answers      | iterations | speedup  | Power@Size | billed USD | Power@Size per USD
                -----+--------------+------------+----------+------------+------------+--------------------
                 #1  | 12 validated |          4 | baseline |      12.56 |     0.4210 |              29.83
                 #2  | 12 validated |          4 |    0.90x |      11.33 |     0.2650 |              42.75
                 #3  | 12 validated |          4 |    1.10x |      13.86 |     0.3370 |              41.13
                 #4  | 12 validated |          4 |    0.90x |      11.28 |     0.2120 |              53.21
                """);
        // what the issue asked: four runs' tables within a terminal of 120 columns (the widest line here is 113)
        assertThat(table.lines().mapToInt(String::length).max().orElseThrow()).isLessThanOrEqualTo(120);
    }

    @Test
    void markdownNumbersTheSameRunsWithTheLegendAsAList() throws Exception {
        String markdown = print(CompareFormat.MARKDOWN, SWEEP);

        assertThat(markdown).contains("""
                baseline #1: median ms per query over the warm iterations
                and their coefficient of variation (CV); ~ = not beyond the noise (95% intervals overlap, or q >= 0.1, or under 5 ms)

                - #1 `architecture-x86_64_executors-8x4vCPU-16GB` (baseline): x86_64, executors 8x4vCPU-16GB
                - #2 `architecture-x86_64_executors-4x4vCPU-16GB`: x86_64, executors 4x4vCPU-16GB
                - #3 `architecture-arm64_executors-8x4vCPU-16GB`: arm64, executors 8x4vCPU-16GB
                - #4 `architecture-arm64_executors-4x4vCPU-16GB`: arm64, executors 4x4vCPU-16GB

                | query   | #1 ms (CV)    | #2 ms (CV)    | #2/#1       |""");
    }

    @Test
    void jsonAndHtmlKeepTheFullLabels() throws Exception {
        assertThat(print(CompareFormat.JSON, SWEEP)).contains("\"label\" : \"architecture-arm64_executors-4x4vCPU-16GB\"")
                .contains("\"baseline\" : \"architecture-x86_64_executors-8x4vCPU-16GB\"").doesNotContain("#1");
        assertThat(print(CompareFormat.HTML, SWEEP)).contains("baseline architecture-x86_64_executors-8x4vCPU-16GB: median ms")
                .contains("<th>architecture-arm64_executors-4x4vCPU-16GB ms</th>");
    }

    /**
     * Runs that recorded Spark's phases: Q1 slower in execution, Q18 slower in analysis, Q6 the same, and Q3 with
     * phases only in the baseline.
     */
    static final Comparison PHASES = new Comparer().compare(List.of(
            named("x86", Fixtures.withPhases(Fixtures.withPhases(Fixtures.withPhases(Fixtures.withPhases(
                    Fixtures.emr("x86_64", 3, "0.20", 2000, 60000, 30000, stat("Q1", 1000, 0.02), stat("Q6", 200, 0.05),
                            stat("Q18", 900, 0.01), stat("Q3", 400, 0.02)),
                    "Q1", 5, 20, 30, 15), "Q6", 2, 8, 10, 5), "Q18", 5, 40, 30, 25), "Q3", 1, 2, 3, 4)),
            named("arm", Fixtures.withPhases(Fixtures.withPhases(Fixtures.withPhases(
                    Fixtures.emr("arm64", 3, "0.16", 2000, 60000, 30000, stat("Q1", 1500, 0.01), stat("Q6", 190, 0.05),
                            stat("Q18", 1400, 0.01), stat("Q3", 700, 0.01)),
                    "Q1", 5, 20, 30, 15), "Q6", 2, 9, 10, 5), "Q18", 5, 520, 30, 25))),
            0, 10.0, false);

    @Test
    void runsWithPhasesSayWhichPhaseMovedAndShowPlanningAndExecution() throws Exception {
        assertThat(print(CompareFormat.TABLE, PHASES)).isEqualTo("""
                TPC-H SF0.01 on emr-serverless emr-7.0.0, 2 runs, baseline x86: median ms per query over the warm iterations
                and their coefficient of variation (CV); ~ = not beyond the noise (95% intervals overlap, or q >= 0.1, or under 5 ms)

                 query   | x86 ms (CV) | arm ms (CV) | arm/x86
                ---------+-------------+-------------+-------------------------------------
                 Q1      | 1000.0 (2%) | 1500.0 (1%) | 1.50 REGRESSION (execution +500 ms)
                 Q6      |  200.0 (5%) |  190.0 (5%) | 0.95 ~
                 Q18     |  900.0 (1%) | 1400.0 (1%) | 1.56 REGRESSION (analysis +480 ms)
                 Q3      |  400.0 (2%) |  700.0 (1%) | 1.75 REGRESSION
                 geomean |  518.0      |  727.0      | 1.40 REGRESSION

                Inside Spark: median ms per query planning (plan: parsing to the physical plan) and executing (exec)
                 query | x86 plan | x86 exec | arm plan | arm exec
                -------+----------+----------+----------+----------
                 Q1    |     70.0 |    930.0 |     70.0 |   1430.0
                 Q6    |     25.0 |    175.0 |     26.0 |    164.0
                 Q18   |    100.0 |    800.0 |    580.0 |    820.0
                 Q3    |     10.0 |    390.0 |        - |        -

                 run | configuration (what differs) | answers      | iterations | speedup  | Power@Size | billed USD | Power@Size per USD
                -----+------------------------------+--------------+------------+----------+------------+------------+--------------------
                 x86 | x86_64                       | 16 validated |          4 | baseline |      69.50 |     0.2000 |             347.50
                 arm | arm64                        | 16 validated |          4 |    0.71x |      49.52 |     0.1600 |             309.50

                Regressions beyond 10%: arm Q1 +50.0% (execution +500 ms), arm Q18 +55.6% (analysis +480 ms), arm Q3 +75.0%, arm geomean +40.3%
                """);
    }

    @Test
    void markdownAndHtmlShowThePhasesToo() throws Exception {
        assertThat(print(CompareFormat.MARKDOWN, PHASES))
                .contains("| Q18     |  900.0 (1%) | 1400.0 (1%) | 1.56 REGRESSION (analysis +480 ms)  |")
                .contains("""
                        Inside Spark: median ms per query planning (plan: parsing to the physical plan) and executing (exec)
                        | query | x86 plan | x86 exec | arm plan | arm exec |
                        |-------|---------:|---------:|---------:|---------:|
                        | Q1    |     70.0 |    930.0 |     70.0 |   1430.0 |""");
        org.jsoup.nodes.Document html = org.jsoup.Jsoup.parse(print(CompareFormat.HTML, PHASES));
        assertThat(html.select("table.queries tbody tr").get(0).select("td.regression").text()).isEqualTo("REGRESSION (execution +500 ms)");
        assertThat(html.select("table.phases tbody tr").eachText()).containsExactly("Q1 70.0 930.0 70.0 1430.0",
                "Q6 25.0 175.0 26.0 164.0", "Q18 100.0 800.0 580.0 820.0", "Q3 10.0 390.0 - -");
    }

    /** Q6 reads half of what it read (pruned), Q1 the same within 5%, Q3 has figures only in the baseline. */
    static final Comparison METRICS = new Comparer().compare(List.of(
            named("x86", Fixtures.withMetrics(Fixtures.withMetrics(Fixtures.withMetrics(
                    Fixtures.emr("x86_64", 3, "0.20", 2000, 60000, 30000, stat("Q1", 1000, 0.02), stat("Q6", 200, 0.05),
                            stat("Q3", 400, 0.02)),
                    "Q1", 60_175, 1_900_000, 2_000), "Q6", 60_175, 614_805, 79), "Q3", 76_675, 966_570, 3_356)),
            named("arm", Fixtures.withMetrics(Fixtures.withMetrics(
                    Fixtures.emr("arm64", 3, "0.16", 2000, 60000, 30000, stat("Q1", 1010, 0.02), stat("Q6", 120, 0.05),
                            stat("Q3", 400, 0.02)),
                    "Q1", 60_175, 1_950_000, 2_050), "Q6", 30_087, 307_402, 79))),
            0, null, false);

    @Test
    void runsWithTaskMetricsSayWhichOfWhatSparkReadOrShuffledChanged() throws Exception {
        assertThat(print(CompareFormat.TABLE, METRICS)).contains("\n\nWhat Spark read and shuffled, where it differs from the "
                + "baseline's by more than 5%:\n  Q6 arm: rows read 60.2k -> 30.1k, bytes read 600.4 KiB -> 300.2 KiB\n\n");
        org.jsoup.nodes.Document html = org.jsoup.Jsoup.parse(print(CompareFormat.HTML, METRICS));
        assertThat(html.select("ul.metrics li").eachText())
                .containsExactly("Q6 arm: rows read 60.2k -> 30.1k, bytes read 600.4 KiB -> 300.2 KiB");
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(print(CompareFormat.JSON, METRICS));
        assertThat(json.at("/queries/1/cells/1/metric_changes").toString())
                .isEqualTo("[{\"metric\":\"input_rows\",\"baseline\":60175.0,\"value\":30087.0},"
                        + "{\"metric\":\"input_bytes\",\"baseline\":614805.0,\"value\":307402.0}]");
        assertThat(json.at("/queries/0/cells/1/metric_changes").toString()).as("Q1 within 5%").isEqualTo("[]");
        assertThat(json.at("/queries/2/cells/1").has("metric_changes")).as("Q3: nothing to compare with").isFalse();
        assertThat(json.at("/queries/2/cells/0/metrics/input_rows").asDouble()).isEqualTo(76_675);

        Comparison same = new Comparer().compare(List.of(metricsRun("a", 200), metricsRun("b", 201)), 0, null, false);
        assertThat(print(CompareFormat.TABLE, same)).contains("What Spark read and shuffled: as the baseline's for every query (within 5%)");
    }

    private static NamedResult metricsRun(String label, double q6Ms) {
        return named(label, Fixtures.withMetrics(Fixtures.emr("x86_64", 3, "0.20", 2000, 60000, 30000, stat("Q6", q6Ms, 0.05)),
                "Q6", 60_175, 614_805, 79));
    }

    @Test
    void runsWithoutPhasesHaveNoPhasesTable() throws Exception {
        assertThat(print(CompareFormat.TABLE, COMPARISON)).doesNotContain("Inside Spark").doesNotContain("execution");
        assertThat(print(CompareFormat.HTML, COMPARISON)).doesNotContain("class=\"phases\"");
        assertThat(print(CompareFormat.JSON, COMPARISON)).doesNotContain("\"phases\"").doesNotContain("\"moved\"")
                .doesNotContain("\"metrics\"").doesNotContain("\"metric_changes\"");
        assertThat(print(CompareFormat.TABLE, COMPARISON)).doesNotContain("What Spark read");
    }
}
