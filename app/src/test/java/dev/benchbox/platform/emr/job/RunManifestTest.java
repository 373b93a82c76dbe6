package dev.benchbox.platform.emr.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.benchbox.platform.BatchQuery;
import dev.benchbox.platform.emr.job.RunManifest.Catalog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunManifestTest {

    private static final String OUTPUT = "s3://bucket/staging/runs/r-1/";

    private static RunManifest glue() {
        Map<String, String> tables = new LinkedHashMap<>();
        tables.put("region", "s3://bucket/staging/data/tpch/sf0.01/region/");
        tables.put("nation", "s3://bucket/staging/data/tpch/sf0.01/nation/");
        return new RunManifest("r-1", "tpch_sf0_01", Catalog.GLUE, tables,
                List.of(new BatchQuery("Q1", "select 1"), new BatchQuery("Q2", "select 'it''s'")), 1, 3, 100, OUTPUT);
    }

    @Test
    void writesSnakeCaseJsonInTheJobsFieldOrder() {
        assertThat(glue().toJson().replaceAll("\\s+", "")).isEqualTo("{\"run_id\":\"r-1\",\"database\":\"tpch_sf0_01\","
                + "\"catalog\":\"glue\",\"tables\":{\"region\":\"s3://bucket/staging/data/tpch/sf0.01/region/\","
                + "\"nation\":\"s3://bucket/staging/data/tpch/sf0.01/nation/\"},\"queries\":[{\"id\":\"Q1\",\"sql\":\"select1\"},"
                + "{\"id\":\"Q2\",\"sql\":\"select'it''s'\"}],\"warmups\":1,\"iterations\":3,\"max_rows\":100,"
                + "\"output\":\"s3://bucket/staging/runs/r-1/\"}");
    }

    @Test
    void readsBackWhatItWrites() {
        RunManifest manifest = glue();

        RunManifest read = RunManifest.fromJson(manifest.toJson());

        assertThat(read).isEqualTo(manifest);
        assertThat(read.tables().keySet()).containsExactly("region", "nation");
    }

    @Test
    void pathsModeNeedsNoDatabaseAndWritesItAsNull() {
        RunManifest paths = new RunManifest("r-2", null, Catalog.PATHS, Map.of("nation", "s3://b/nation/"),
                List.of(new BatchQuery("Q1", "select 1")), 0, 1, 10, "s3://b/runs/r-2");

        assertThat(paths.toJson()).contains("\"database\" : null").contains("\"catalog\" : \"paths\"");
        assertThat(RunManifest.fromJson(paths.toJson())).isEqualTo(paths);
        assertThat(paths.output()).as("output is a prefix").isEqualTo("s3://b/runs/r-2/");
    }

    @Test
    void outputAndManifestLiveUnderTheStagingRunsPrefix() {
        assertThat(RunManifest.outputFor("s3://bucket/staging", "r-1")).isEqualTo(OUTPUT);
        assertThat(RunManifest.outputFor("s3://bucket/staging/", "r-1")).isEqualTo(OUTPUT);
        assertThat(glue().manifestUri()).isEqualTo(OUTPUT + "manifest.json");
    }

    @Test
    void refusesWhatTheJobCouldNotRun() {
        List<BatchQuery> one = List.of(new BatchQuery("Q1", "select 1"));
        assertThatThrownBy(() -> new RunManifest("r 1", "db", Catalog.GLUE, Map.of(), one, 0, 1, 1, OUTPUT))
                .hasMessageContaining("run id");
        assertThatThrownBy(() -> new RunManifest("r", null, Catalog.GLUE, Map.of(), one, 0, 1, 1, OUTPUT))
                .hasMessageContaining("needs a database");
        assertThatThrownBy(() -> new RunManifest("r", null, Catalog.PATHS, Map.of(), one, 0, 1, 1, OUTPUT))
                .hasMessageContaining("table locations");
        assertThatThrownBy(() -> new RunManifest("r", "db", Catalog.GLUE, Map.of(), List.of(), 0, 1, 1, OUTPUT))
                .hasMessageContaining("at least one query");
        assertThatThrownBy(() -> new RunManifest("r", "db", Catalog.GLUE, Map.of(),
                List.of(new BatchQuery("Q1", "a"), new BatchQuery("Q1", "b")), 0, 1, 1, OUTPUT))
                .hasMessageContaining("Q1 appears twice");
        assertThatThrownBy(() -> new RunManifest("r", "db", Catalog.GLUE, Map.of(), one, 0, 0, 1, OUTPUT))
                .hasMessageContaining("iterations >= 1");
        assertThatThrownBy(() -> new RunManifest("r", "db", Catalog.GLUE, Map.of(), one, 0, 1, 1, "/tmp/out"))
                .hasMessageContaining("not an s3:// URI");
        assertThatThrownBy(() -> RunManifest.fromJson("{\"catalog\":\"hive\"}"))
                .hasMessageContaining("catalog must be \"glue\" or \"paths\"");
    }
}
