package dev.benchbox.script;

import static org.assertj.core.api.Assertions.assertThat;

import dev.benchbox.IntegrationTest;
import dev.benchbox.shell.CommandLineRunner;
import dev.benchbox.shell.ExitStatus;
import dev.benchbox.shell.ShellTestSupport;
import dev.benchbox.shell.TestEnvironment;
import dev.benchbox.standin.AwsStandIn;
import dev.benchbox.standin.GlueCatalog;
import dev.benchbox.standin.RecordedRequest;
import dev.benchbox.standin.Service;
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
 * {@code load tpch --table-format iceberg} on EMR Serverless, end to end against the stand-in: the generation job run
 * writes the tables through Iceberg's real Glue catalog and S3FileIO (Iceberg 1.10.1 in the stand-in's Spark 3.5) into
 * the stand-in's Glue and s3proxy; Glue then holds Iceberg tables whose data and metadata are under the staging
 * location's warehouse, and a power run reads them through the same catalog and validates 22 of 22.
 */
@SpringBootTest(properties = {"spring.shell.interactive.enabled=false", "benchbox.errors-on-terminal=true"})
@Import({ShellTestSupport.class, TestEnvironment.class})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
@IntegrationTest
class IcebergTablesIT {
    private static final String CONNECT = "connect emr-serverless --endpoint-url ${BBX_ENDPOINT} --region us-east-1 "
            + "--s3-staging-dir s3://${BBX_BUCKET}/%s/ --execution-role-arn ${BBX_ROLE} --create-application\n";

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

    @Test
    void icebergTablesAreWrittenThroughGluesIcebergCatalogAndAPowerRunOnThemValidates() throws Exception {
        String output = script("iceberg", CONNECT.formatted("ice") + """
                create-schema tpch_ice
                load tpch --scale 0.01 --table-format iceberg --parts 1
                run tpch --scale 0.01 --iterations 1
                """);

        assertThat(exitStatus.code()).as(output).isZero();
        assertThat(output)
                .containsPattern("written as Iceberg tables \\(Glue catalog glue_catalog, warehouse s3://[\\w-]+/ice/iceberg/\\)")
                .containsPattern("lineitem +60,175 rows")
                .contains("22 query executions, 22 validated (22 exact), 0 failed, 0 errors");
        List<GlueCatalog.TableSnapshot> tables = aws.glue().snapshot().stream().filter(t -> t.database().equals("tpch_ice")).toList();
        assertThat(tables).hasSize(8).allSatisfy(t -> {
            assertThat(t.iceberg()).as(t.name()).isTrue();
            assertThat(t.location()).endsWith("/ice/iceberg/tpch_ice.db/" + t.name());
        });
        // data and metadata in the warehouse, written through S3FileIO to s3proxy
        Path lineitem = aws.localPath(aws.bucket(), "ice/iceberg/tpch_ice.db/lineitem");
        try (Stream<Path> files = Files.walk(lineitem)) {
            List<String> names = files.map(p -> lineitem.relativize(p).toString()).toList();
            assertThat(names).anyMatch(n -> n.startsWith("data/") && n.endsWith(".parquet"))
                    .anyMatch(n -> n.startsWith("metadata/") && n.endsWith(".metadata.json"));
        }
        // Iceberg's Glue catalog committed with Glue's optimistic version check, signed as the job's role
        List<RecordedRequest> glue = aws.requests().stream().filter(r -> r.service() == Service.GLUE).toList();
        assertThat(glue).anyMatch(r -> r.operation().equals("CreateTable")
                && r.input().path("TableInput").path("Parameters").path("table_type").asText().equals("ICEBERG"));
        assertThat(glue).anyMatch(r -> r.operation().equals("UpdateTable") && r.input().hasNonNull("VersionId"));
    }

    @Test
    void onSpark4TheRuntimeForSpark4WritesAndReadsThem() throws Exception {
        // emr-spark-8.0.0 ships Iceberg 1.10.1 for Spark 4.0 / Scala 2.13: the stand-in's Spark 4 child JVM has that runtime
        String output = script("iceberg-spark4", CONNECT.formatted("ice4").replace("--create-application",
                "--create-application --release-label emr-spark-8.0.0") + """
                create-schema tpch_ice4
                load tpch --scale 0.01 --tables region,nation --table-format iceberg --parts 1
                query select count(*) as nations, sum(n_regionkey) as regions from nation
                """);

        assertThat(exitStatus.code()).as(output).isZero();
        assertThat(output).containsPattern("written as Iceberg tables").containsPattern("\\b25\\b.*\\b50\\b");
        assertThat(aws.glue().snapshot().stream().filter(t -> t.database().equals("tpch_ice4")))
                .hasSize(2).allMatch(GlueCatalog.TableSnapshot::iceberg);
    }

    @Test
    void aParquetLoadIntoASchemaOfIcebergTablesIsRefusedBeforeAnyWork() throws Exception {
        script("iceberg-first", CONNECT.formatted("mixed") + """
                create-schema tpch_mixed
                load tpch --scale 0.01 --tables nation,region --table-format iceberg --parts 1
                """);
        assertThat(exitStatus.code()).isZero();
        long jobRuns = aws.requests().stream().filter(r -> r.operation().equals("StartJobRun")).count();

        String output = script("parquet-after", CONNECT.formatted("mixed") + """
                load tpch --scale 0.01 --tables nation --schema tpch_mixed --generate cluster
                """);

        assertThat(output).contains("schema 'tpch_mixed' holds Iceberg tables of the same names (nation): load Parquet tables "
                + "into another schema (create-schema tpch_mixed_parquet, then load with --schema tpch_mixed_parquet)");
        assertThat(aws.requests().stream().filter(r -> r.operation().equals("StartJobRun")).count()).isEqualTo(jobRuns);
    }
}
