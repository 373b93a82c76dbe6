package dev.benchbox.script;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.benchbox.IntegrationTest;
import dev.benchbox.benchmark.Benchmarks;
import dev.benchbox.platform.BatchQuery;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code run tpch --seed N --validate cross} on EMR Serverless against the stand-in, whose job run executes the packaged
 * job on real Spark: the power test's stream 0 with qgen's random parameters, which have no reference answers, runs as
 * one job run, and each of Spark's answers is compared with DuckDB's to the same text over the cached Parquet the load
 * uploaded.
 */
@IntegrationTest
@SpringBootTest(properties = {"spring.shell.interactive.enabled=false", "benchbox.errors-on-terminal=true"})
@Import({ShellTestSupport.class, TestEnvironment.class})
class SeededCrossCheckEmrIT {
    private static final long SEED = 5;

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
    void sparksAnswersToTheSeededQueriesEqualDuckDbsOnTheSameData() throws Exception {
        StandInScripts.exportVariables(aws);
        Path script = dir.resolve("seeded.bbx");
        Files.writeString(script, String.join("\n",
                "connect emr-serverless --endpoint-url ${BBX_ENDPOINT} --region us-east-1 --s3-staging-dir s3://${BBX_BUCKET}/seeded/ "
                        + "--execution-role-arn ${BBX_ROLE} --create-application",
                "create-schema tpch_seeded",
                "load tpch --scale 0.01 --generate local",
                "run tpch --scale 0.01 --seed " + SEED + " --iterations 1 --validate cross", ""));
        long jobRunsBefore = startJobRuns();
        commandLine.run(new String[] {"--script", script.toString()});
        String output = ShellTestSupport.takeOutput(terminal);

        assertThat(exitStatus.code()).as(output).isZero();
        assertThat(output).contains("Computing DuckDB's answers on the cached TPC-H SF0.01 data to cross-check against")
                .containsPattern("Q14 +iteration 1 .* validated \\(cross: DuckDB\\)")
                .contains("22 query executions, 22 validated (22 cross-checked against DuckDB), 0 failed, 0 errors");
        // the load's job-free upload, then the run's one job run
        assertThat(startJobRuns() - jobRunsBefore).isEqualTo(1);

        JsonNode results;
        try (Stream<Path> files = Files.list(dir.resolve("results"))) {
            results = files.filter(p -> p.getFileName().toString().startsWith("tpch_sf0.01_emr-serverless_"))
                    .map(SeededCrossCheckEmrIT::read).findFirst().orElseThrow();
        }
        assertThat(results.at("/run/validation").asText()).isEqualTo("cross");
        assertThat(results.at("/benchmark/seed").asLong()).isEqualTo(SEED);
        assertThat(results.at("/outcomes/cross").asInt()).isEqualTo(22);
        // stream 0's order with the seed's parameters: the texts Spark ran are the ones DuckDB answered
        List<BatchQuery> stream0 = Benchmarks.get("tpch").performanceTests().orElseThrow().queryStream(SEED, 0, 0.01);
        List<String> ran = new ArrayList<>();
        results.get("queries").forEach(q -> {
            ran.add(q.get("id").asText());
            assertThat(q.get("status").asText()).as(q.toString()).isEqualTo("validated");
            assertThat(q.get("validation").asText()).isEqualTo("cross");
        });
        assertThat(ran).isEqualTo(stream0.stream().map(BatchQuery::id).toList());
        String manifests = uploadedManifests();
        for (BatchQuery query : stream0) {
            assertThat(manifests).as(query.id()).contains(new ObjectMapper().writeValueAsString(query.sql()));
        }
    }

    private long startJobRuns() {
        return aws.requests().stream().filter(r -> r.operation().equals("StartJobRun")).count();
    }

    /** Every run manifest the shell uploaded to the staging bucket, as one text. */
    private static String uploadedManifests() throws Exception {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir.resolve("aws"))) {
            for (Path file : files.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(".json")).toList()) {
                all.append(Files.readString(file)).append('\n');
            }
        }
        return all.toString();
    }

    private static JsonNode read(Path file) {
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
