package dev.benchbox.platform.emr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.benchbox.platform.LoadReport;
import dev.benchbox.standin.AwsStandIn;
import dev.benchbox.standin.WithAwsStandIn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The library use the README shows ({@code EmrServerlessAdapter.builder()} ... {@code createSchema()}, {@code loadTpch},
 * {@code loadData}, {@code close()}), end to end against the AWS stand-in through the real SDK clients.
 * ({@code executeQuery} needs a real Spark job: BenchboxJobIT runs job runs on real Spark.)
 */
@WithAwsStandIn
class EmrServerlessAdapterTest {
    @TempDir
    static Path dir;
    static AwsStandIn aws;

    @BeforeAll
    static void credentials() {
        StandInFixture.useDummyCredentials();
    }

    @BeforeEach
    void standIn(AwsStandIn standIn) {
        aws = standIn;
    }

    @Test
    void builderCreatesTheApplicationLoadsTpchAndFilesIntoGlueAndS3AndStopsItOnClose() throws Exception {
        Path source = Files.createDirectories(dir.resolve("source"));
        Files.writeString(source.resolve("region.tbl"), "0|AFRICA|first|\n1|AMERICA|second|\n");
        String id;
        try (EmrServerlessAdapter emr = EmrServerlessAdapter.builder()
                .s3StagingDir("s3://" + aws.bucket() + "/library/")
                .executionRoleArn(AwsStandIn.EXECUTION_ROLE)
                .createApplication(true)
                .applicationName("library-test")
                .region(AwsStandIn.REGION.id())
                .database("library")
                .endpointUrl(aws.endpoint())
                .environment(Map.of())
                .backoff(StandInFixture.FAST)
                .build()) {
            id = emr.platform().applicationId();
            emr.createSchema();
            LoadReport tpch = emr.load(dev.benchbox.benchmark.Benchmarks.get("tpch").dataSet(), 0.01, List.of("nation"));
            assertThat(tpch.rowCounts()).containsExactly(Map.entry("nation", 25L));
            assertThat(tpch.notes()).singleElement().satisfies(n -> assertThat(n).startsWith("S3: 1 files uploaded"));
            LoadReport files = emr.loadData(List.of("region"), source);
            assertThat(files.rowCounts()).containsExactly(Map.entry("region", 2L));
        }
        // closing stops the application the adapter created (the stand-in's idle auto-stop may have stopped it already)
        assertThat(aws.requests()).filteredOn(r -> r.operation().equals("StopApplication"))
                .anySatisfy(r -> assertThat(r.input().at("/applicationId").asText()).isEqualTo(id));
        assertThat(aws.applicationStates(id)).last().isIn("STOPPING", "STOPPED");
        try (GlueClient glue = aws.glueClient(); S3Client s3 = aws.s3Client()) {
            Table nation = glue.getTable(b -> b.databaseName("library").name("nation")).table();
            assertThat(nation.parameters()).containsEntry("numRows", "25").containsEntry("benchbox.tpch.scale", "0.01");
            Table region = glue.getTable(b -> b.databaseName("library").name("region")).table();
            assertThat(region.storageDescriptor().location()).isEqualTo("s3://" + aws.bucket() + "/library/data/files/library/region/");
            assertThat(s3.listObjectsV2(b -> b.bucket(aws.bucket()).prefix("library/data/files/library/region/")).contents())
                    .singleElement().satisfies(o -> assertThat(o.key()).endsWith(".parquet"));
        }
    }
}
