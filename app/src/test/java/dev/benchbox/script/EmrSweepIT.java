package dev.benchbox.script;

import dev.benchbox.IntegrationTest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.benchbox.shell.CommandLineRunner;
import dev.benchbox.shell.ExitStatus;
import dev.benchbox.shell.ShellTestSupport;
import dev.benchbox.shell.TestEnvironment;
import dev.benchbox.standin.AwsStandIn;
import dev.benchbox.standin.RecordedRequest;
import dev.benchbox.standin.StandInConfig;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jline.terminal.Terminal;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A 2 × 2 sweep on the stand-in, as a user runs it: two architectures (an application each, created and deleted by
 * the sweep) times two executor sizes (job runs on one application), TPC-H SF 0.01 on real Spark. Four results files,
 * each billed, a comparison, a report, and the frontier from the billed figures.
 */
@SpringBootTest(properties = {"spring.shell.interactive.enabled=false", "benchbox.errors-on-terminal=true"})
@Import({ShellTestSupport.class, TestEnvironment.class})
// ExitStatus only ever goes from 0 to a failure, as a process's does: each test gets a fresh one with a fresh context
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
@IntegrationTest
class EmrSweepIT {
    @TempDir
    static Path dir;
    static AwsStandIn aws;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("benchbox.results-dir", () -> dir.resolve("results").toString());
    }

    @Autowired
    CommandLineRunner commandLine;
    @Autowired
    ExitStatus exitStatus;
    @Autowired
    Terminal terminal;

    @BeforeAll
    static void startStandIn() {
        aws = StandInScripts.start(StandInConfig.forTests(dir.resolve("aws")));
    }

    @AfterAll
    static void stopStandIn() {
        aws.close();
    }

    @BeforeEach
    void clear() {
        ShellTestSupport.takeOutput(terminal);
        TestEnvironment.VARIABLES.clear();
    }

    private List<RecordedRequest> requests(String operation) {
        return aws.requests().stream().filter(r -> r.operation().equals(operation)).toList();
    }

    @Test
    void twoArchitecturesTimesTwoExecutorSizesRunFourBilledConfigurationsOnTwoApplicationsThatAreDeletedAfterwards() throws Exception {
        commandLine.run(new String[] {"run", "--platform", "emr-serverless", "--benchmark", "tpch", "--scale", "0.01",
                "--queries", "1,6", "--iterations", "1",
                "--sweep", "architecture=x86_64,arm64", "--sweep", "executors=1x4vCPU-16GB,2x2vCPU-8GB",
                "--platform-option", "endpoint_url=" + aws.endpoint(),
                "--platform-option", "s3_staging_dir=s3://" + aws.bucket() + "/sweep/",
                "--platform-option", "execution_role_arn=" + AwsStandIn.EXECUTION_ROLE,
                "--platform-option", "create_application=true"});
        String output = ShellTestSupport.takeOutput(terminal);

        assertThat(exitStatus.code()).as(output).isZero();
        // the plan, priced, before anything started
        assertThat(output).contains("on emr-serverless: 4 configurations, 2 applications created for it and deleted afterwards")
                .containsPattern("    1  architecture=x86_64 executors=1x4vCPU-16GB  \\$\\d+\\.\\d\\d\n")
                .containsPattern("    4  architecture=arm64 executors=2x2vCPU-8GB    \\$\\d+\\.\\d\\d\n")
                .containsPattern("Estimated cost of the 4 configurations to run: \\$\\d+\\.\\d\\d")
                .doesNotContain("Exception").doesNotContain(AwsStandIn.SECRET_KEY);
        assertThat(output.indexOf("Estimated cost")).isLessThan(output.indexOf("[1/4]"));

        // one application for the session, one per architecture for the sweep; both of those deleted
        List<RecordedRequest> created = requests("CreateApplication");
        assertThat(created).hasSize(3);
        assertThat(created.subList(1, 3)).extracting(r -> r.input().path("architecture").asText()).containsExactly("X86_64", "ARM64");
        assertThat(created.subList(1, 3)).allSatisfy(r -> assertThat(r.input().path("name").asText()).startsWith("benchbox-sweep-"));
        Set<String> deleted = requests("DeleteApplication").stream().map(r -> r.input().path("applicationId").asText())
                .collect(Collectors.toSet());
        assertThat(deleted).hasSize(2);
        for (String id : deleted) {
            assertThat(output).contains("Removed application " + id);
            assertThat(aws.applicationStates(id)).last().isEqualTo("TERMINATED");
        }

        // four job runs on the two sweep applications, each asking for its executors
        List<RecordedRequest> jobs = requests("StartJobRun");
        assertThat(jobs).hasSize(4);
        assertThat(jobs.stream().map(j -> j.input().path("applicationId").asText()).collect(Collectors.toSet())).isEqualTo(deleted);
        List<String> parameters = jobs.stream().map(j -> j.input().at("/jobDriver/sparkSubmit/sparkSubmitParameters").asText()).toList();
        assertThat(parameters.get(0)).contains("--conf spark.executor.cores=4 --conf spark.executor.memory=14g")
                .contains("--conf spark.executor.instances=1");
        assertThat(parameters.get(1)).contains("--conf spark.executor.cores=2 --conf spark.executor.memory=7g")
                .contains("--conf spark.executor.instances=2");

        // four results files, each billed, each recording its configuration
        Path sweep;
        try (Stream<Path> dirs = Files.list(dir.resolve("results"))) {
            sweep = dirs.filter(p -> p.getFileName().toString().startsWith("sweep_tpch_sf0.01_emr-serverless_")).findFirst().orElseThrow();
        }
        List<String> labels = List.of("architecture-x86_64_executors-1x4vCPU-16GB", "architecture-x86_64_executors-2x2vCPU-8GB",
                "architecture-arm64_executors-1x4vCPU-16GB", "architecture-arm64_executors-2x2vCPU-8GB");
        ObjectMapper json = new ObjectMapper();
        List<double[]> points = new ArrayList<>();
        for (String label : labels) {
            JsonNode result = json.readTree(sweep.resolve(label + ".json").toFile());
            assertThat(result.at("/summary/passed").asInt()).as(label).isEqualTo(2);
            assertThat(result.at("/configuration/engine/architecture").asText()).isEqualTo(label.contains("arm64") ? "arm64" : "x86_64");
            assertThat(result.at("/configuration/engine/executors/count").asInt()).isEqualTo(label.contains("1x4vCPU") ? 1 : 2);
            assertThat(result.get("job_runs")).hasSize(1);
            BigDecimal billed = result.at("/job_runs/0/billed_usd").decimalValue();
            assertThat(billed).as(label).isPositive();
            double geomean = Math.exp((Math.log(result.at("/statistics/0/median_ms").asDouble())
                    + Math.log(result.at("/statistics/1/median_ms").asDouble())) / 2);
            points.add(new double[] {labels.indexOf(label), billed.doubleValue(), geomean});
        }
        // the same workers cost less on arm64 (AWS's prices)
        assertThat(json.readTree(sweep.resolve(labels.get(2) + ".json").toFile()).at("/job_runs/0/billed_usd").decimalValue())
                .isLessThan(json.readTree(sweep.resolve(labels.get(0) + ".json").toFile()).at("/job_runs/0/billed_usd").decimalValue());

        // the frontier, from the billed figures: cheapest first, each faster than every cheaper one
        points.sort(Comparator.<double[]>comparingDouble(p -> p[1]).thenComparingDouble(p -> p[2]));
        List<String> frontier = new ArrayList<>();
        double fastest = Double.POSITIVE_INFINITY;
        for (double[] p : points) {
            if (p[2] < fastest) {
                frontier.add(labels.get((int) p[0]));
                fastest = p[2];
            }
        }
        assertThat(output).contains("Price-performance frontier (geometric mean against billed cost, cheapest first): "
                + String.join(", ", frontier) + "\n");
        // the comparison numbers the configurations, with a legend, so its tables fit a terminal
        assertThat(output).contains("baseline #1: ").contains(" #1  " + labels.get(0) + " (baseline)\n")
                .contains(" #4  " + labels.get(3) + "\n");
        assertThat(output.lines().filter(line -> line.contains(" | "))).isNotEmpty()
                .allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(120));
        Document report = Jsoup.parse(sweep.resolve("report.html").toFile());
        labels.forEach(label -> assertThat(report.text()).contains(label));
        assertThat(output).contains("Report: " + sweep.resolve("report.html").toAbsolutePath());
    }
}
