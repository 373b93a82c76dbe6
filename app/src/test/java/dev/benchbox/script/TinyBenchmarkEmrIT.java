package dev.benchbox.script;

import static org.assertj.core.api.Assertions.assertThat;

import dev.benchbox.IntegrationTest;
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
import java.util.stream.Stream;
import org.jline.terminal.Terminal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The test-only Tiny benchmark ({@code dev.benchbox.tiny}) end to end on EMR Serverless as the one-shot {@code run} does it,
 * against the stand-in whose job runs execute the packaged job on real Spark: generated here, uploaded, registered in
 * Glue, run as one job run and validated, with no platform or command knowing its name.
 */
@IntegrationTest
@SpringBootTest(properties = {"spring.shell.interactive.enabled=false", "benchbox.errors-on-terminal=true"})
@Import({ShellTestSupport.class, TestEnvironment.class})
class TinyBenchmarkEmrIT {
    @TempDir
    static Path dir;
    static AwsStandIn aws;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("benchbox.results-dir", () -> dir.resolve("results").toString());
        // the data cache, which --validate cross reads, under the test's folder
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

    @Test
    void loadsRunsAndValidatesOnSpark() throws Exception {
        commandLine.run(new String[] {"run", "--platform", "emr-serverless", "--benchmark", "tiny", "--scale", "2", "--iterations", "1",
                "--platform-option", "endpoint_url=" + aws.endpoint(),
                "--platform-option", "s3_staging_dir=s3://" + aws.bucket() + "/tiny/",
                "--platform-option", "execution_role_arn=" + AwsStandIn.EXECUTION_ROLE,
                "--platform-option", "create_application=true"});
        String output = ShellTestSupport.takeOutput(terminal);

        assertThat(exitStatus.code()).as(output).isZero();
        assertThat(output).contains("Tiny SF2").contains("2 query executions, 2 validated (2 exact), 0 failed, 0 errors");
        JsonNode results;
        try (Stream<Path> files = Files.list(dir.resolve("results"))) {
            results = files.filter(p -> p.getFileName().toString().startsWith("tiny_sf2_emr-serverless_")).map(TinyBenchmarkEmrIT::read)
                    .filter(r -> r.at("/run/validation").asText().equals("exact")).findFirst().orElseThrow();
        }
        assertThat(results.get("queries")).hasSize(2).allSatisfy(q -> {
            assertThat(q.get("status").asText()).isEqualTo("validated");
            assertThat(q.get("validation").asText()).isEqualTo("exact");
        });
        assertThat(results.get("job_runs")).hasSize(1);
    }

    /**
     * {@code --validate cross} on EMR Serverless: the data generated here into the data cache and uploaded, Spark's
     * answers checked against DuckDB's over the same cached Parquet.
     */
    @Test
    void crossValidatesSparkAgainstDuckDbOnTheCachedData() throws Exception {
        StandInScripts.exportVariables(aws);
        Path script = dir.resolve("cross.bbx");
        Files.writeString(script, String.join("\n",
                "connect emr-serverless --endpoint-url ${BBX_ENDPOINT} --region us-east-1 --s3-staging-dir s3://${BBX_BUCKET}/cross/ "
                        + "--execution-role-arn ${BBX_ROLE} --create-application",
                "create-schema tiny_cross",
                "load tiny --scale 2 --generate local",
                "run tiny --scale 2 --iterations 1 --validate cross", ""));
        commandLine.run(new String[] {"--script", script.toString()});
        String output = ShellTestSupport.takeOutput(terminal);

        assertThat(exitStatus.code()).as(output).isZero();
        assertThat(output).contains("Computing DuckDB's answers on the cached Tiny SF2 data to cross-check against")
                .containsPattern("Q1 +iteration 1 .* validated \\(cross: DuckDB\\)")
                .contains("2 query executions, 2 validated (2 cross-checked against DuckDB), 0 failed, 0 errors");
        JsonNode results;
        try (Stream<Path> files = Files.list(dir.resolve("results"))) {
            results = files.filter(p -> p.getFileName().toString().startsWith("tiny_sf2_emr-serverless_")).map(TinyBenchmarkEmrIT::read)
                    .filter(r -> r.at("/run/validation").asText().equals("cross")).findFirst().orElseThrow();
        }
        assertThat(results.get("queries")).hasSize(2).allSatisfy(q -> {
            assertThat(q.get("status").asText()).isEqualTo("validated");
            assertThat(q.get("validation").asText()).isEqualTo("cross");
        });
        assertThat(results.at("/outcomes/cross").asInt()).isEqualTo(2);
    }

    private static JsonNode read(Path file) {
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
