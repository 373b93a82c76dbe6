package dev.benchbox.platform.emr;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.benchbox.platform.BatchQuery;
import dev.benchbox.platform.ClusterGeneration;
import dev.benchbox.platform.LoadProgress;
import dev.benchbox.platform.LoadReport;
import dev.benchbox.platform.emr.job.JobJar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dry run's job runs go through the same code as real ones, on recording clients: the uploads (jar, manifest) are
 * listed with their sizes and checksums, StartJobRun is written, the run ends at once as SUCCESS with the job's canned
 * output, and what follows a real run (reading results, registering tables) runs to its end. Nothing is sent.
 */
class DryRunJobRunsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROLE = "arn:aws:iam::111122223333:role/EMRServerlessJobRole";

    @TempDir
    Path dir;

    private EmrServerlessPlatform preview(Path directory) {
        EmrOptions options = EmrOptions.resolve(Map.of("s3_staging_dir", "s3://bucket/staging/", "execution_role_arn", ROLE,
                "application_id", "00fabcdefghij012", "region", "eu-west-1"), Map.of(), true);
        return EmrServerlessPlatform.dryRun(options, DryRunRecorder.open(directory, false));
    }

    @Test
    void checkingADataSetInS3PreviewsTheCheckJobAndRegistersWhatARealCheckThatPassedWouldRegister() throws IOException {
        Path preview = dir.resolve("check");
        try (EmrServerlessPlatform platform = preview(preview)) {
            platform.createSchema("tpch");
            ClusterGeneration cluster = platform.clusterGeneration().orElseThrow();

            LoadReport report = cluster.register("tpch", dev.benchbox.benchmark.Benchmarks.get("tpch").dataSet(), dev.benchbox.dataset.Scale.of(1),
                    List.of("nation", "region"), "s3://shared/tpch/sf1/", LoadProgress.NONE);

            assertThat(report.rowCounts()).containsExactly(Map.entry("nation", 25L), Map.entry("region", 5L));
        }
        assertThat(files(preview)).containsExactly("01-CreateDatabase-tpch.json", "02-StartJobRun-check-tpch.json",
                "03-CreateTable-nation.json", "04-CreateTable-region.json", "check/manifest.json", "tables/nation.sql",
                "tables/region.sql", "uploads.json");
        JsonNode manifest = JSON.readTree(preview.resolve("check/manifest.json").toFile());
        assertThat(manifest.path("kind").asText()).isEqualTo("check");
        assertThat(manifest.path("run_id").asText()).isEqualTo("dry-run");
        assertThat(manifest.path("source").asText()).isEqualTo("s3://shared/tpch/sf1/");
        JsonNode nation = JSON.readTree(preview.resolve("03-CreateTable-nation.json").toFile()).path("TableInput");
        assertThat(nation.path("StorageDescriptor").path("Location").asText()).isEqualTo("s3://shared/tpch/sf1/nation/");
        assertThat(nation.path("Parameters").path("numRows").asText()).isEqualTo("25");
        JsonNode start = JSON.readTree(preview.resolve("02-StartJobRun-check-tpch.json").toFile());
        assertThat(start.path("jobDriver").path("sparkSubmit").path("entryPointArguments").get(0).asText())
                .isEqualTo("s3://bucket/staging/runs/dry-run/manifest.json");
        assertUploads(preview, "s3://bucket/staging/runs/dry-run/manifest.json", "check/manifest.json");
    }

    @Test
    void aTpcdsCheckPreviewAnswersWithWhatTheManifestSaysIsExpected() throws IOException {
        Path preview = dir.resolve("check-tpcds");
        try (EmrServerlessPlatform platform = preview(preview)) {
            platform.createSchema("tpcds");
            ClusterGeneration cluster = platform.clusterGeneration().orElseThrow();

            LoadReport report = cluster.register("tpcds", dev.benchbox.benchmark.Benchmarks.get("tpcds").dataSet(),
                    dev.benchbox.dataset.Scale.of(1), List.of("date_dim", "store_sales"), "s3://shared/tpcds/sf1/", LoadProgress.NONE);

            assertThat(report.rowCounts()).containsExactly(Map.entry("date_dim", 73_049L), Map.entry("store_sales", 1L));
        }
        assertThat(files(preview)).contains("02-StartJobRun-check-tpcds.json");
        JsonNode manifest = JSON.readTree(preview.resolve("check/manifest.json").toFile());
        assertThat(manifest.path("benchmark").asText()).isEqualTo("tpcds");
        assertThat(manifest.path("expect").path("date_dim").path("rows").asLong()).isEqualTo(73_049L);
        assertThat(manifest.path("expect").path("date_dim").path("columns").get(0).path("name").asText()).isEqualTo("d_date_sk");
    }

    @Test
    void aPowerRunPreviewEndsAsARealRunWouldAfterItsJobRunAndWritesEachQuery() throws IOException {
        Path preview = dir.resolve("run");
        try (EmrServerlessPlatform platform = preview(preview)) {
            platform.createSchema("tpch");
            platform.dryRun().orElseThrow().previewRun("tpch", List.of(new BatchQuery("Q1", "  SELECT 1\n"), new BatchQuery("Q2", "SELECT 2")),
                    1, 2, 100);
            assertThat(platform.jobRuns()).as("nothing ran, so nothing is in the cost ledger").isEmpty();
        }
        assertThat(preview.resolve("queries/Q1.sql")).hasContent("SELECT 1");
        assertThat(preview.resolve("queries/Q2.sql")).hasContent("SELECT 2");
        JsonNode manifest = JSON.readTree(preview.resolve("runs/manifest.json").toFile());
        assertThat(manifest.path("warmups").asInt()).isEqualTo(1);
        assertThat(manifest.path("iterations").asInt()).isEqualTo(2);
        assertThat(manifest.path("max_rows").asInt()).isEqualTo(100);
        JsonNode start = JSON.readTree(preview.resolve("02-StartJobRun-power-run.json").toFile());
        assertThat(start.path("name").asText()).isEqualTo("benchbox power run dry-run");
        assertUploads(preview, "s3://bucket/staging/runs/dry-run/manifest.json", "runs/manifest.json");
    }

    /** The job jar and the manifest, each as a real run would upload it: the same bytes, so the same size and SHA-256. */
    private static void assertUploads(Path preview, String manifestUri, String manifestFile) throws IOException {
        JsonNode uploads = JSON.readTree(preview.resolve(DryRunRecorder.UPLOADS).toFile());
        List<String> keys = new ArrayList<>();
        uploads.forEach(u -> keys.add(u.path("key").asText()));
        JobJar jar = JobJar.fromClasspath();
        assertThat(keys).containsExactlyInAnyOrder(jar.location("s3://bucket/staging/"), manifestUri);
        for (JsonNode upload : uploads) {
            if (upload.path("key").asText().equals(manifestUri)) {
                assertThat(upload.path("size").asLong()).isEqualTo(Files.size(preview.resolve(manifestFile)));
            } else {
                assertThat(upload.path("size").asLong()).isEqualTo(jar.bytes().length);
                assertThat(upload.path("sha256").asText()).isEqualTo(jar.sha256());
            }
        }
    }

    private static List<String> files(Path directory) throws IOException {
        try (var walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile).map(f -> directory.relativize(f).toString().replace('\\', '/'))
                    .filter(name -> !name.equals(DryRunRecorder.MANIFEST)).sorted().toList();
        }
    }
}
