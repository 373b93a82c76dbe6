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
import dev.benchbox.standin.StandInConfig;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * The EMR Serverless path end to end, as users run it: a {@code .bbx} and the seed's one-shot {@code run},
 * against the AWS stand-in whose job runs execute the packaged job on real Spark 3.5. A power run is exactly
 * one job run, its 22 answers validate on Spark, and its billed cost follows the 1-minute minimum.
 */
@SpringBootTest(properties = {"spring.shell.interactive.enabled=false", "benchbox.errors-on-terminal=true"})
@Import({ShellTestSupport.class, TestEnvironment.class})
// ExitStatus only ever goes from 0 to a failure, as a process's does: each test gets a fresh one with a fresh context
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
@IntegrationTest
class EmrPowerRunIT {
    /** 1 driver + 3 executors of 4 vCPU, each billed at least a minute. */
    private static final double MINIMUM_BILLED_VCPU_HOURS = 4 * 4 / 60.0;

    @TempDir
    static Path dir;
    static AwsStandIn aws;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("benchbox.results-dir", () -> dir.resolve("results").toString());
        // generated data goes to this test's own data cache, not the user's
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
    }

    private long startJobRuns() {
        return aws.requests().stream().filter(r -> r.operation().equals("StartJobRun")).count();
    }

    private JsonNode newestResults(String prefix) throws Exception {
        try (Stream<Path> files = Files.list(dir.resolve("results"))) {
            Path file = files.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().reduce((a, b) -> b).orElseThrow();
            return new ObjectMapper().readTree(file.toFile());
        }
    }

    @Test
    void bbxPowerRunIsOneJobRunThatValidates22Of22OnSparkAndIsCosted() throws Exception {
        Path script = Path.of("src/test/resources/bbx/emr-standin-power-run.bbx");
        StandInScripts.exportVariables(aws);
        long before = startJobRuns();

        commandLine.run(new String[] {"--script", script.toString()});
        String output = ShellTestSupport.takeOutput(terminal);

        assertThat(exitStatus.code()).as(output).isZero();
        assertThat(output).contains("22 query executions, 22 validated (22 exact), 0 failed, 0 errors")
                .containsPattern("job run \\w+ RUNNING after")
                .containsPattern("Job run \\w+ SUCCESS: [0-9.]+ s submit to end")
                .contains("queries ").contains("job overhead ")
                // where the job run's time went, under its line
                .containsPattern("\n  [0-9.]+ s = waiting [0-9.]+ s \\+ driver start [0-9.]+ s \\+ queries [0-9.]+ s \\+ teardown [0-9.]+ s\n")
                // every query's line says how Spark spent its time and what it read
                .containsPattern("Q6 +iteration 1 .* validated \\(exact\\)  \\[plan \\d+, exec [0-9.]+ ms; read 60.2k rows\\]\n")
                .contains(" r_name\n").contains(" AFRICA\n").contains("(5 rows")
                .doesNotContain("Exception").doesNotContain(AwsStandIn.SECRET_KEY);
        // one job run for the whole power run, one for the ad-hoc query
        assertThat(startJobRuns() - before).isEqualTo(2);

        JsonNode results = newestResults("tpch_sf0.01_emr-serverless_");
        assertThat(results.at("/summary/passed").asInt()).isEqualTo(22);
        assertThat(results.get("queries")).allSatisfy(q -> assertThat(q.get("validation").asText()).isEqualTo("exact"));
        assertThat(results.get("job_runs")).hasSize(1);
        JsonNode job = results.get("job_runs").get(0);
        assertThat(job.at("/state").asText()).isEqualTo("SUCCESS");
        assertThat(job.at("/billed/v_cpu_hours").asDouble()).isGreaterThanOrEqualTo(MINIMUM_BILLED_VCPU_HOURS - 1e-9)
                .isGreaterThanOrEqualTo(job.at("/total/v_cpu_hours").asDouble());
        assertThat(job.at("/billed_usd").decimalValue()).isPositive();
        assertThat(job.at("/overhead_ms").asDouble()).isPositive();
        // the time split, from GetJobRun's times and the driver's milestones: its parts add up to submit-to-end
        JsonNode split = job.get("time_split");
        assertThat(split.get("waiting_ms").asLong() + split.get("driver_start_ms").asLong() + split.get("queries_ms").asLong()
                + split.get("teardown_ms").asLong()).isEqualTo(job.get("wall_ms").asLong());
        assertThat(split.get("queries_ms").asDouble()).isGreaterThanOrEqualTo(job.get("queries_in_driver_ms").asDouble() - 22);
        assertThat(job.at("/driver/first_query").asText()).isNotEmpty();
        // what each query read, per execution
        assertThat(results.get("queries")).allSatisfy(q -> assertThat(q.at("/metrics/input_rows").asLong()).isPositive());

        // the cost report lists both job runs, billed beside total
        assertThat(output).containsPattern("\\w+ +benchbox power run r-[\\w-]+ +SUCCESS")
                .containsPattern("\\w+ +benchbox query r-[\\w-]+ +SUCCESS")
                .containsPattern("All +2 job runs +(\\d+m )?\\d+s +billed ");
    }

    @Test
    void seedOneShotRunConnectsLoadsAndRunsAThroughputTestOnEmrServerless() throws Exception {
        long before = startJobRuns();
        commandLine.run(new String[] {"run", "--platform", "emr-serverless", "--benchmark", "tpch", "--scale", "0.01",
                "--queries", "1,6", "--streams", "2", "--iterations", "1",
                "--platform-option", "endpoint_url=" + aws.endpoint(),
                "--platform-option", "s3_staging_dir=s3://" + aws.bucket() + "/oneshot/",
                "--platform-option", "execution_role_arn=" + AwsStandIn.EXECUTION_ROLE,
                "--platform-option", "create_application=true"});
        String output = ShellTestSupport.takeOutput(terminal);

        assertThat(exitStatus.code()).as(output).isZero();
        assertThat(output).contains("4 query executions, 4 validated (4 exact), 0 failed, 0 errors").contains("Throughput@Size ")
                .contains("S1  Q1   iteration 1").contains("S2  Q6   iteration 1");
        // one job run per stream, side by side
        assertThat(startJobRuns() - before).isEqualTo(2);
        JsonNode results = newestResults("tpch_sf0.01_emr-serverless_");
        assertThat(results.get("job_runs")).hasSize(2);
        assertThat(results.at("/summary/streams").asInt()).isEqualTo(2);
        assertThat(results.at("/summary/throughput_at_size").asDouble()).isPositive();
    }
}
