package dev.benchbox.script;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.benchbox.IntegrationTest;
import dev.benchbox.platform.emr.job.ReleaseLabel;
import dev.benchbox.shell.CommandLineRunner;
import dev.benchbox.shell.ExitStatus;
import dev.benchbox.shell.ShellTestSupport;
import dev.benchbox.shell.TestEnvironment;
import dev.benchbox.standin.AwsStandIn;
import dev.benchbox.standin.StandInConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jline.terminal.Terminal;
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
 * {@code run tpch --full} on EMR Serverless over Iceberg tables, end to end against the stand-in (real Spark 3.5 with
 * Iceberg 1.10.1 in the job runs): the power test one job run (RF1, 22 queries, RF2 timed in the driver), the throughput
 * test's 2 query streams and the refresh stream one job run each, side by side on an application whose
 * {@code maxConcurrentRuns} is 2 — so one of the three queues, and the run says which. The tables are counted by
 * {@code count(*)} after the refresh functions and after the Iceberg snapshot rollback that puts them back.
 */
@SpringBootTest(properties = {"spring.shell.interactive.enabled=false", "benchbox.errors-on-terminal=true"})
@Import({ShellTestSupport.class, TestEnvironment.class})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
@IntegrationTest
class FullRunEmrIT {
    @TempDir
    static Path dir;
    static AwsStandIn aws;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("benchbox.results-dir", () -> dir.resolve("results").toString());
        registry.add("BENCHBOX_HOME", () -> dir.resolve("home").toString());
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
        StandInScripts.exportVariables(aws);
    }

    private String script(String name, String text) throws Exception {
        Path file = dir.resolve(name + ".bbx");
        Files.writeString(file, text);
        commandLine.run(new String[] {"--script", file.toString()});
        return ShellTestSupport.takeOutput(terminal);
    }

    private long jobRuns() {
        return aws.requests().stream().filter(r -> r.operation().equals("StartJobRun")).count();
    }

    @Test
    void aFullRunOverIcebergTablesRunsEachStreamAsAJobRunAndLeavesTheRowCountsTheRefreshFunctionsImply() throws Exception {
        // the user's application, with job queuing configured: at most 2 job runs at once
        String application = aws.emrServerlessClient().createApplication(b -> b.name("full-run").releaseLabel(ReleaseLabel.DEFAULT)
                .type("SPARK").schedulerConfiguration(s -> s.maxConcurrentRuns(2))).applicationId();
        String connect = "connect emr-serverless --endpoint-url ${BBX_ENDPOINT} --region us-east-1 --s3-staging-dir "
                + "s3://${BBX_BUCKET}/full/ --execution-role-arn ${BBX_ROLE} --application-id " + application + "\n";
        String loaded = script("load", connect + """
                create-schema tpch_full
                load tpch --scale 0.01 --table-format iceberg --parts 1 --schema tpch_full
                """);
        assertThat(exitStatus.code()).as(loaded).isZero();
        long before = jobRuns();

        String output = script("full", connect + """
                use tpch_full
                run tpch --scale 0.01 --full --streams 2 --seed 7
                """);

        // completed (a script's status; the one-shot run would exit 3: not compliant), not compliant: SF 0.01 is no scale
        // of the specification's, and Iceberg commits statement by statement
        assertThat(exitStatus.code()).as(output).isZero();
        assertThat(output).as(output).contains("Qualification: 22 of 22 answers validated")
                .containsPattern("Power@Size +\\d").containsPattern("Throughput@Size +\\d").containsPattern("QphH@Size +\\d")
                .contains("2 query streams and the refresh stream: 3 job runs submitted side by side; the throughput time "
                        + "includes each job run's start-up; 3 is more than the 2 job runs at once the application's "
                        + "maxConcurrentRuns: 1 will wait QUEUED")
                .contains("Job runs: 1 for the power test, 3 side by side for the throughput test (at most 2 at once: the "
                        + "application's maxConcurrentRuns)")
                .containsPattern("Queued: (stream [12]|refresh stream) \\d+\\.\\d s \\(job run \\w+\\)")
                .contains("the refresh functions are not atomic: on Iceberg tables each statement commits on its own")
                .contains("SF 0.01 is not one of the specification's scale factors");

        // qualification, tables recorded, power test, 3 throughput streams, counts after, rollback: one job run each
        assertThat(jobRuns() - before).as(output).isEqualTo(8);
        JsonNode result;
        try (Stream<Path> files = Files.list(dir.resolve("results"))) {
            Path file = files.filter(p -> p.getFileName().toString().startsWith("tpch-full_sf0.01_emr-serverless_")).findFirst()
                    .orElseThrow();
            result = new ObjectMapper().readTree(file.toFile());
        }
        List<String> runIds = new ArrayList<>();
        result.path("stream_runs").path("runs").forEach(run -> runIds.add(run.path("run_id").asText()));
        assertThat(runIds).as(output).hasSize(4).doesNotHaveDuplicates();
        assertThat(result.path("stream_runs").path("max_concurrent").asInt()).isEqualTo(2);
        assertThat(result.path("power_test").path("intervals")).hasSize(24);
        assertThat(result.path("power_test").path("intervals")).allSatisfy(i -> assertThat(i.has("error")).as(i.toString()).isFalse());
        assertThat(result.path("throughput_test").path("intervals")).hasSize(2 * 22 + 4)
                .allSatisfy(i -> assertThat(i.has("error")).as(i.toString()).isFalse());
        // counted in job runs: after the refresh functions as they imply, after the rollback as loaded
        assertThat(result.path("row_checks")).hasSize(4).allSatisfy(check ->
                assertThat(check.path("expected").asLong()).as(check.toString()).isEqualTo(check.path("actual").asLong()));
        assertThat(result.path("stream_runs").path("runs").toString()).as(output).containsPattern("\"queued_seconds\":[1-9]");
        assertThat(result.path("row_checks").toString()).contains("\"when\":\"after putting the data back\",\"table\":\"orders\","
                + "\"expected\":15000,\"actual\":15000");
    }
}
