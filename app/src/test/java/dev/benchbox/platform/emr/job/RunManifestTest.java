package dev.benchbox.platform.emr.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.benchbox.platform.BatchQuery;
import dev.benchbox.platform.RefreshFunction;
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
    void icebergModeNamesTheSparkCatalogTheJobRunIsGiven() {
        RunManifest iceberg = new RunManifest("r-3", "tpch_ice", Catalog.ICEBERG, Map.of("nation", "s3://b/iceberg/tpch_ice.db/nation"),
                List.of(new BatchQuery("Q1", "select 1")), 0, 1, 10, "s3://b/runs/r-3");

        assertThat(iceberg.toJson()).contains("\"catalog\" : \"iceberg\"").contains("\"iceberg_catalog\" : \"glue_catalog\"");
        assertThat(RunManifest.fromJson(iceberg.toJson())).isEqualTo(iceberg);
        // the job run gets that catalog: Iceberg's Glue catalog over S3FileIO, the release's runtime, the staging warehouse
        JobSettings settings = new JobSettings("00app", "arn:aws:iam::111122223333:role/r", "s3://b/staging", 60, "us-east-1",
                dev.benchbox.cost.Architecture.X86_64, 4, "16g", Map.of());
        assertThat(settings.sparkSubmit(Catalog.ICEBERG).parameters())
                .contains("--conf spark.jars=/usr/share/aws/iceberg/lib/iceberg-spark3-runtime.jar")
                .contains("--conf spark.sql.extensions=org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions")
                .contains("--conf spark.sql.catalog.glue_catalog=org.apache.iceberg.spark.SparkCatalog")
                .contains("--conf spark.sql.catalog.glue_catalog.catalog-impl=org.apache.iceberg.aws.glue.GlueCatalog")
                .contains("--conf spark.sql.catalog.glue_catalog.io-impl=org.apache.iceberg.aws.s3.S3FileIO")
                .contains("--conf spark.sql.catalog.glue_catalog.warehouse=s3://b/staging/iceberg/")
                .doesNotContain(SparkSubmit.GLUE_FACTORY);
        assertThat(settings.sparkSubmit(Catalog.GLUE).parameters()).doesNotContain("iceberg");
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
                .hasMessageContaining("catalog must be \"glue\", \"iceberg\" or \"paths\"");
        assertThatThrownBy(() -> new RunManifest("r", null, Catalog.ICEBERG, Map.of(), one, 0, 1, 1, OUTPUT))
                .hasMessageContaining("catalog iceberg needs a database");
    }

    private static BatchQuery rf1() {
        return BatchQuery.refresh("RF1", new RefreshFunction(List.of("INSERT INTO orders SELECT * FROM benchbox_rf_orders",
                "INSERT INTO lineitem SELECT * FROM benchbox_rf_lineitem"), new RefreshFunction.StagedRows("tpch", 0.01, 1)));
    }

    @Test
    void aRefreshFunctionIsWrittenAsItsStatementsAndTheRowsToStageAndReadsBackEqual() {
        RunManifest manifest = new RunManifest("r-4", "tpch_ice", Catalog.ICEBERG, Map.of(),
                List.of(rf1(), new BatchQuery("orders", "SELECT count(*) FROM orders")), 0, 1, 10, "s3://b/runs/r-4");

        String json = manifest.toJson().replaceAll("\\s+", " ");

        assertThat(json).contains("{ \"id\" : \"RF1\", \"refresh\" : { \"statements\" : [ "
                + "\"INSERT INTO orders SELECT * FROM benchbox_rf_orders\", \"INSERT INTO lineitem SELECT * FROM benchbox_rf_lineitem\" ], "
                + "\"generator\" : \"tpch\", \"scale\" : 0.01, \"set\" : 1 } }")
                .contains("{ \"id\" : \"orders\", \"sql\" : \"SELECT count(*) FROM orders\" }");
        RunManifest read = RunManifest.fromJson(manifest.toJson());
        assertThat(read).isEqualTo(manifest);
        assertThat(read.queries().get(0).isRefresh()).isTrue();
        assertThat(read.queries().get(1).isRefresh()).isFalse();
    }

    @Test
    void aRefreshFunctionRunsOnceAndOnlyOverIcebergTables() {
        List<BatchQuery> refresh = List.of(rf1());
        assertThatThrownBy(() -> new RunManifest("r", "db", Catalog.GLUE, Map.of(), refresh, 0, 1, 1, OUTPUT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("refresh function RF1 changes tables: it needs catalog iceberg (Iceberg tables take inserts "
                        + "and deletes), not glue");
        assertThatThrownBy(() -> new RunManifest("r", null, Catalog.PATHS, Map.of("orders", "s3://b/o/"), refresh, 0, 1, 1, OUTPUT))
                .hasMessageContaining("needs catalog iceberg");
        assertThatThrownBy(() -> new RunManifest("r", "db", Catalog.ICEBERG, Map.of(), refresh, 1, 1, 1, OUTPUT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("refresh function RF1 changes tables, so it runs once: it needs 0 warm-ups and 1 iteration, got 1 and 1");
        assertThatThrownBy(() -> new RunManifest("r", "db", Catalog.ICEBERG, Map.of(), refresh, 0, 2, 1, OUTPUT))
                .hasMessageContaining("got 0 and 2");
    }
}
