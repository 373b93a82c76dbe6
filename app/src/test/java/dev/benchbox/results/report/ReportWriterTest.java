package dev.benchbox.results.report;

import static dev.benchbox.results.compare.Fixtures.stat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.benchbox.results.ResultStore;
import dev.benchbox.results.RunResult;
import dev.benchbox.results.compare.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report parsed as a browser would: every configuration and chart there, nothing fetched from elsewhere. */
class ReportWriterTest {
    @TempDir
    Path dir;

    /** Four EMR configurations: two architectures × two executor counts, with known times and bills. */
    static List<RunResult> sweep() {
        return List.of(
                Fixtures.emr("x86_64", 3, "0.2100", 3000, 95000, 40000, stat("Q1", 4000, 0.03), stat("Q3", 2500, 0.05),
                        stat("Q6", 900, 0.04)),
                Fixtures.emr("arm64", 3, "0.1650", 2500, 90000, 38000, stat("Q1", 3800, 0.03), stat("Q3", 2600, 0.04),
                        stat("Q6", 850, 0.05)),
                Fixtures.emr("x86_64", 8, "0.3400", 3500, 70000, 22000, stat("Q1", 2100, 0.04), stat("Q3", 1500, 0.06),
                        stat("Q6", 500, 0.05)),
                Fixtures.emr("arm64", 8, "0.2900", 3100, 72000, 23000, stat("Q1", 2300, 0.02), stat("Q3", 1400, 0.03),
                        stat("Q6", 560, 0.04)));
    }

    private Document report(List<String> names, List<RunResult> runs) throws Exception {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            Path written = new ResultStore(dir.resolve("r" + i)).write(runs.get(i));
            files.add(Files.move(written, dir.resolve(names.get(i) + ".json")));
        }
        Path html = dir.resolve("out/report.html");
        new ReportService().write(files, html, false, false);
        // kept under target/ so scripts/report-screenshot can show a person how it looks
        Path sample = Path.of("target/report-sample/" + String.join("-", names) + ".html");
        Files.createDirectories(sample.getParent());
        Files.copy(html, sample, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return Jsoup.parse(html.toFile());
    }

    @Test
    void everyConfigurationAndChartIsThereAndNothingComesFromTheNetwork() throws Exception {
        List<String> names = List.of("x86-3", "arm-3", "x86-8", "arm-8");
        Document doc = report(names, sweep());

        // configurations side by side, one column each, what differs marked
        Element configurations = doc.selectFirst("table.configurations");
        assertThat(configurations.select("thead th")).hasSize(5);
        assertThat(configurations.select("thead th").eachText()).containsExactly("x86-3", "arm-3", "x86-8", "arm-8");
        assertThat(configurations.select("tr.differs > th").eachText()).containsExactly("architecture", "executors");
        assertThat(configurations.select("tr:has(th:containsOwn(architecture)) td").eachText())
                .containsExactly("x86_64", "arm64", "x86_64", "arm64");
        // the comparison, per query and per run
        assertThat(doc.select("table.queries tbody tr > td:first-child").eachText()).containsExactly("Q1", "Q3", "Q6", "geomean");
        assertThat(doc.select("table.runs tbody tr > td:first-child").eachText()).containsExactlyElementsOf(names);
        // the three charts, the library inlined, and the data they draw
        assertThat(doc.select("canvas").eachAttr("id")).containsExactly("chart-queries", "chart-cost", "chart-jobs");
        assertThat(doc.select("script").stream().anyMatch(s -> s.data().contains("Chart.js v4.4.1"))).isTrue();
        String data = doc.getElementById("report-data").data();
        assertThat(data).contains("\"label\":\"arm-8\"").contains("\"queries\":[\"Q1\",\"Q3\",\"Q6\"]");
        // the job runs with their times: queue 2.5 s, start-up and teardown 90 - 38 - 2.5 s, queries 38 s
        assertThat(doc.select("table.jobs tbody tr")).hasSize(4);
        assertThat(doc.select("table.jobs tbody tr:nth-child(2) td").eachText())
                .containsExactly("arm-3", "00farm643", "SUCCESS", "2.5", "49.5 start-up and teardown", "38.0", "90.0", "0.1650");
        // nothing external: no src or href leaves the file, no stylesheet link, no CSS import
        assertThat(doc.select("[src]")).isEmpty();
        assertThat(doc.select("link")).isEmpty();
        assertThat(doc.select("[href]").eachAttr("href")).allMatch(href -> href.startsWith("#"));
        assertThat(doc.select("style").outerHtml()).doesNotContain("@import").doesNotContain("url(");
    }

    @Test
    void labelsThatLookLikeMarkupLeaveTheEmbeddedDataInertAndTheChartsScriptIntact() throws Exception {
        // labels are file names, so no '/': "<!--" then "<script>" is what kept the data element from ending
        List<String> names = List.of("a<!--<script>", "b<script><b>&amp;");
        Document doc = report(names, sweep().subList(0, 2));

        // the data element holds all the data, and JSON.parse gets the labels back exactly
        String data = doc.getElementById("report-data").data();
        com.fasterxml.jackson.databind.JsonNode parsed = new com.fasterxml.jackson.databind.ObjectMapper().readTree(data);
        assertThat(parsed.findValuesAsText("label")).contains(names.get(0), names.get(1));
        assertThat(data).doesNotContain("<").doesNotContain(">");
        // the script that draws the charts is still its own element, after the data, and the page's end is still there
        List<Element> scripts = doc.select("script");
        assertThat(scripts).hasSize(3);
        assertThat(scripts.get(2).data()).contains("JSON.parse(document.getElementById('report-data').textContent)");
        assertThat(doc.select("table.runs tbody tr > td:first-child").eachText()).containsExactlyElementsOf(names);
    }

    @Test
    void theScatterMarksTheConfigurationsNoOtherBeatsOnTimeAndCost() throws Exception {
        Document doc = report(List.of("x86-3", "arm-3", "x86-8", "arm-8"), sweep());

        // arm-3 is the cheapest; arm-8 is faster than it for more; x86-3 is slower and dearer than arm-3; x86-8 is
        // dearer than arm-8 and faster (geometric mean 1163.5 ms against 1217.2 ms): it is on the frontier too
        String data = doc.getElementById("report-data").data();
        assertThat(data).contains("{\"label\":\"arm-3\",\"usd\":0.165,").contains("\"frontier\":true");
        assertThat(doc.select("#cost + p, h2#cost + p").text())
                .endsWith("time and cost: arm-3, arm-8, x86-8.");
    }

    @Test
    void runsThatRecordedSparksPhasesGetAStackedBarOfPlanningAndExecutionPerQuery() throws Exception {
        List<RunResult> sweep = sweep();
        RunResult x86 = Fixtures.withPhases(Fixtures.withPhases(Fixtures.withPhases(sweep.get(0), "Q1", 5, 20, 30, 15),
                "Q3", 3, 10, 12, 5), "Q6", 2, 8, 10, 5);
        // arm-3 recorded phases for two queries; x86-8 (written before phases were recorded) for none
        RunResult arm = Fixtures.withPhases(Fixtures.withPhases(sweep.get(1), "Q1", 5, 120, 30, 15), "Q3", 3, 10, 12, 5);
        Document doc = report(List.of("x86-3p", "arm-3p", "x86-8p"), List.of(x86, arm, sweep.get(2)));

        assertThat(doc.select("canvas").eachAttr("id")).containsExactly("chart-queries", "chart-phases", "chart-cost", "chart-jobs");
        assertThat(doc.select("h2#phases + p").text()).startsWith("Per query and run, the median time Spark spent planning");
        com.fasterxml.jackson.databind.JsonNode data = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(doc.getElementById("report-data").data());
        com.fasterxml.jackson.databind.JsonNode phases = data.get("phases");
        // medians over the warm iterations: planning is the phases' sum, execution the rest of each query's time
        assertThat(phases.findValuesAsText("label")).containsExactly("x86-3p", "arm-3p");
        assertThat(phases.get(0).get("planning").toString()).isEqualTo("[70.0,30.0,25.0]");
        assertThat(phases.get(0).get("execution").toString()).isEqualTo("[3930.0,2470.0,875.0]");
        assertThat(phases.get(1).get("planning").toString()).isEqualTo("[170.0,30.0,null]");
        assertThat(phases.get(1).get("execution").toString()).isEqualTo("[3630.0,2570.0,null]");
        // the script stacks each run's two series on its own
        assertThat(doc.select("script").get(2).data()).contains("stack: r.label").contains("data.phases.flatMap");
        // and the comparison above names what moved
        assertThat(doc.select("table.phases tbody tr").eachText()).contains("Q1 70.0 3930.0 170.0 3630.0 - -");
    }

    @Test
    void aJobRunWhoseDriverReportedItsMilestonesSplitsIntoWaitingDriverStartQueriesAndTeardown() throws Exception {
        List<RunResult> sweep = sweep();
        // arm-3: submitted, RUNNING 2.5 s later, its JVM 4 s after that, Spark up in 11 s, the first query 1.5 s later,
        // queries for 40 s; the run ended 90 s after submission
        RunResult arm = Fixtures.withDriver(sweep.get(1), 4000, 11000, 1500, 40000);
        Document doc = report(List.of("x86-3t", "arm-3t"), List.of(sweep.get(0), arm));

        assertThat(doc.select("table.jobs thead th").eachText()).containsExactly("run", "job run", "state", "waiting s (queued)",
                "driver start s (Spark up)", "queries s", "teardown s", "submit to end s", "billed USD");
        assertThat(doc.select("table.jobs tbody tr:nth-child(2) td").eachText())
                .containsExactly("arm-3t", "00farm643", "SUCCESS", "2.5 (2.5)", "16.5 (11.0)", "40.0", "31.0", "90.0", "0.1650");
        // the run without milestones keeps its lumped start-up and teardown
        assertThat(doc.select("table.jobs tbody tr:nth-child(1) td").eachText())
                .containsExactly("x86-3t", "00fx86_643", "SUCCESS", "3.0", "52.0 start-up and teardown", "40.0", "95.0", "0.2100");
        com.fasterxml.jackson.databind.JsonNode jobs = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(doc.getElementById("report-data").data()).get("jobs");
        assertThat(jobs.get(1).toString()).isEqualTo("{\"label\":\"arm-3t 00farm643\",\"waiting\":2.5,\"driver\":16.5,\"queries\":40.0,"
                + "\"teardown\":31.0,\"startup\":0}");
        assertThat(doc.select("script").get(2).data()).contains("label: 'driver start'").contains("label: 'teardown'");
    }

    @Test
    void runsWithoutCostOrJobRunsSaySoInsteadOfDrawingEmptyCharts() throws Exception {
        Document doc = report(List.of("before", "after"), List.of(Fixtures.duckdb(0.01, stat("Q1", 10, null)),
                Fixtures.duckdb(0.01, stat("Q1", 12, null))));

        assertThat(doc.select("canvas").eachAttr("id")).containsExactly("chart-queries");
        assertThat(doc.select("h2#cost + p").text()).startsWith("None of these runs has a billed cost");
        assertThat(doc.select("h2#jobs + p").text()).isEqualTo("No job runs: these runs ran in-process.");
        assertThat(doc.select("table.configurations tr:has(th:containsOwn(threads)) td").eachText()).containsExactly("2", "2");
    }

    @Test
    void frontierKeepsOnlyWhatNothingBeatsOnBoth() {
        assertThat(Frontier.of(List.of(new Frontier.Point("a", 100, 1), new Frontier.Point("b", 50, 2),
                new Frontier.Point("c", 120, 1.5), new Frontier.Point("d", 50, 3), new Frontier.Point("e", 40, 4))))
                .containsExactly("a", "b", "e");
    }

    @Test
    void aLinkPlantedAtTheOldSideFileNameIsNotFollowedAndAnExistingReportIsKeptUnlessReplacingWasAllowed() throws Exception {
        Path results = new ResultStore(dir.resolve("results")).write(sweep().get(0));
        Path victim = Files.writeString(dir.resolve("victim.txt"), "precious\n");
        Path html = dir.resolve("report.html");
        Files.createSymbolicLink(dir.resolve("report.html.partial"), victim);

        new ReportService().write(List.of(results), html, false, false);

        assertThat(victim).hasContent("precious");
        assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>");
        assertThatThrownBy(() -> new ReportService().write(List.of(results), html, false, false))
                .hasMessage("cannot write report " + html + ": another file took that name meanwhile; it was kept");
        Files.writeString(html, "earlier\n");
        new ReportService().write(List.of(results), html, false, true);
        assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>");
    }

    @Test
    void aForeignFileIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path foreign = Files.writeString(dir.resolve("x.json"), "[]");
        Path html = dir.resolve("report.html");
        assertThatThrownBy(() -> new ReportService().write(List.of(foreign), html, false, false))
                .hasMessageStartingWith("cannot read results " + foreign + ": not a BenchBox results file");
        assertThat(html).doesNotExist();
    }
}
