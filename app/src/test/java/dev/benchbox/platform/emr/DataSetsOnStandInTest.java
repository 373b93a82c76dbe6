package dev.benchbox.platform.emr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.benchbox.IntegrationTest;
import dev.benchbox.benchmark.Benchmarks;
import dev.benchbox.dataset.DataSet;
import dev.benchbox.dataset.Scale;
import dev.benchbox.platform.ClusterGeneration;
import dev.benchbox.platform.LoadProgress;
import dev.benchbox.platform.LoadReport;
import dev.benchbox.standin.AwsStandIn;
import dev.benchbox.standin.StandInConfig;
import io.trino.tpcds.Scaling;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Table;

/**
 * Benchmarks other than TPC-H through the EMR Serverless platform's generic load and register, against the stand-in:
 * the platform asks the data set for everything (tables, columns, row counts, the Glue parameter of its scale).
 */
@IntegrationTest
class DataSetsOnStandInTest {
    @TempDir
    Path dir;

    private AwsStandIn aws;
    /** Rows the scripted check job reports for store_sales; the other tables report io.trino.tpcds' counts. */
    private final AtomicLong storeSalesRows = new AtomicLong(1);

    @BeforeAll
    static void credentials() {
        StandInFixture.useDummyCredentials();
    }

    @BeforeEach
    void start() {
        DataSet tpcds = Benchmarks.get("tpcds").dataSet();
        aws = AwsStandIn.start(StandInConfig.forTests(dir.resolve("aws")).withExecutor(new ScriptedJobOutputs(() -> aws, tpcds,
                table -> table.equals("store_sales") ? storeSalesRows.get()
                        : new Scaling(1).getRowCount(dev.benchbox.tpcds.TpcdsSchema.table(table)))));
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    @Test
    void aTestOnlyBenchmarkLoadsThroughLocalGenerationAndRecordsItsScaleInGlue() {
        DataSet tiny = Benchmarks.get("tiny").dataSet();
        try (EmrServerlessPlatform platform = StandInFixture.connect(aws, "create_application", "true")) {
            platform.createSchema("bench");
            LoadReport report = platform.load("bench", tiny, Scale.of(2), List.of(), LoadProgress.NONE);

            assertThat(report.rowCounts()).containsExactly(java.util.Map.entry("tiny_items", 200L));
            assertThat(report.notes()).singleElement().satisfies(n -> assertThat(n).startsWith("S3: 1 files uploaded"));
            try (GlueClient glue = aws.glueClient()) {
                Table table = glue.getTable(b -> b.databaseName("bench").name("tiny_items")).table();
                assertThat(table.storageDescriptor().location()).isEqualTo("s3://" + aws.bucket() + "/benchbox/data/tiny/sf2/tiny_items/");
                assertThat(table.parameters()).containsEntry("benchbox.tiny.scale", "2").containsEntry("numRows", "200");
                assertThat(table.storageDescriptor().columns()).extracting(c -> c.name() + " " + c.type())
                        .containsExactly("item_id bigint", "item_name string", "item_price decimal(10,2)", "item_date date");
            }
            assertThat(platform.loadedScale("bench", tiny)).contains(Scale.of(2));
            // another benchmark's record is not this one's
            assertThat(platform.loadedScale("bench", Benchmarks.get("tpch").dataSet())).isEmpty();

            // its rows come from this machine: the cluster cannot generate it, and says so before anything is sent
            ClusterGeneration cluster = platform.clusterGeneration().orElseThrow();
            assertThatThrownBy(() -> cluster.plan(tiny, Scale.of(2), List.of(), dev.benchbox.platform.GenerationPlan.Where.CLUSTER, null))
                    .hasMessage("Tiny is generated on this machine: --generate cluster and --parts are not offered for it");
        }
    }

    @Test
    void tpcdsRegistersFromS3AfterTheCheckAndRefusesWrongCounts() {
        DataSet tpcds = Benchmarks.get("tpcds").dataSet();
        String from = "s3://" + aws.bucket() + "/external/tpcds/sf1/";
        try (EmrServerlessPlatform platform = StandInFixture.connect(aws, "create_application", "true")) {
            platform.createSchema("ds");
            ClusterGeneration cluster = platform.clusterGeneration().orElseThrow();

            // the check job counted no store_sales rows: nothing is registered, and the one line names the table
            storeSalesRows.set(0);
            assertThatThrownBy(() -> cluster.register("ds", tpcds, Scale.of(1), List.of(), from, LoadProgress.NONE))
                    .hasMessage("table 'store_sales' at " + from + "store_sales/: 0 rows, expected some for SF 1; nothing registered");
            assertThat(platform.listTables("ds")).isEmpty();

            storeSalesRows.set(2_880_404);
            LoadReport report = cluster.register("ds", tpcds, Scale.of(1), List.of(), from, LoadProgress.NONE);
            assertThat(report.rowCounts()).hasSize(24).containsEntry("store_sales", 2_880_404L).containsEntry("date_dim", 73_049L);
            assertThat(report.notes()).singleElement().satisfies(n -> assertThat(n).startsWith("registered in place from " + from));
            try (GlueClient glue = aws.glueClient()) {
                Table item = glue.getTable(b -> b.databaseName("ds").name("item")).table();
                assertThat(item.storageDescriptor().location()).isEqualTo(from + "item/");
                assertThat(item.parameters()).containsEntry("benchbox.tpcds.scale", "1");
            }
            assertThat(platform.loadedScale("ds", tpcds)).contains(Scale.of(1));
        }
    }
}
