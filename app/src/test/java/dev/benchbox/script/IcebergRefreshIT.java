package dev.benchbox.script;

import static org.assertj.core.api.Assertions.assertThat;

import dev.benchbox.IntegrationTest;
import dev.benchbox.cost.Architecture;
import dev.benchbox.platform.BatchListener;
import dev.benchbox.platform.BatchQuery;
import dev.benchbox.platform.QueryExecution;
import dev.benchbox.platform.RefreshFunction;
import dev.benchbox.platform.emr.job.IcebergCatalog;
import dev.benchbox.platform.emr.job.JobRunService;
import dev.benchbox.platform.emr.job.JobSettings;
import dev.benchbox.platform.emr.job.ReleaseLabel;
import dev.benchbox.platform.emr.job.RunManifest;
import dev.benchbox.shell.CommandLineRunner;
import dev.benchbox.shell.ExitStatus;
import dev.benchbox.shell.ShellTestSupport;
import dev.benchbox.shell.TestEnvironment;
import dev.benchbox.standin.AwsStandIn;
import dev.benchbox.standin.StandInConfig;
import dev.benchbox.tpch.TpchRefreshData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * TPC-H's refresh functions inside a job run, against Iceberg tables on the stand-in (Iceberg 1.10.1 in its Spark, Iceberg's
 * Glue catalog over the stand-in's Glue and s3proxy): {@code load tpch --table-format iceberg} at SF 0.01, then ONE job run
 * of [RF1 of update set 1, row counts, RF2 of set 1, row counts] whose refresh rows the job makes itself; the counts are
 * the base plus what RF1 inserted, then minus what RF2 deleted, as {@link TpchRefreshData} (equal to dbgen -U) says.
 * A function whose second statement fails reports which statement committed before it. Rolling each table back to the
 * snapshot recorded before puts the base data back. The same on Spark 4 (emr-spark-8.0.0, Iceberg's runtime for Spark 4.0).
 */
@SpringBootTest(properties = {"spring.shell.interactive.enabled=false", "benchbox.errors-on-terminal=true"})
@Import({ShellTestSupport.class, TestEnvironment.class})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
@IntegrationTest
class IcebergRefreshIT {
    private static final String CONNECT = "connect emr-serverless --endpoint-url ${BBX_ENDPOINT} --region us-east-1 "
            + "--s3-staging-dir s3://${BBX_BUCKET}/%s/ --execution-role-arn ${BBX_ROLE} --create-application%s\n";
    private static final double SCALE = 0.01;
    private static final long BASE_ORDERS = 15_000;
    private static final long BASE_LINEITEM = 60_175;

    /** The statements the TPC-H benchmark sends (the shell's TpchPerformanceTests), verified here on Spark and Iceberg. */
    static final List<String> RF1 = List.of("INSERT INTO orders SELECT * FROM benchbox_rf_orders",
            "INSERT INTO lineitem SELECT * FROM benchbox_rf_lineitem");
    static final List<String> RF2 = List.of("DELETE FROM lineitem WHERE l_orderkey IN (SELECT orderkey FROM benchbox_rf_delete)",
            "DELETE FROM orders WHERE o_orderkey IN (SELECT orderkey FROM benchbox_rf_delete)");

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
    void rf1AndRf2RunInsideOneJobRunAgainstIcebergTablesAndARollbackPutsTheDataBack() throws Exception {
        refreshAndRollBack("rf", "tpch_rf", ReleaseLabel.DEFAULT);
    }

    @Test
    void onSpark4TooWithTheIcebergRuntimeForSpark4() throws Exception {
        refreshAndRollBack("rf4", "tpch_rf4", ReleaseLabel.FIRST_SPARK_4);
    }

    private void refreshAndRollBack(String prefix, String database, String release) throws Exception {
        String output = script(prefix, CONNECT.formatted(prefix, release.equals(ReleaseLabel.DEFAULT) ? "" : " --release-label " + release)
                + "create-schema " + database + "\n"
                + "load tpch --scale 0.01 --tables orders,lineitem --table-format iceberg --parts 1\n");
        assertThat(exitStatus.code()).as(output).isZero();

        try (EmrServerlessClient emr = aws.emrServerlessClient(); S3Client s3 = aws.s3Client()) {
            String application = emr.listApplications(b -> { }).applications().stream()
                    .filter(a -> a.releaseLabel().equals(release)).reduce((a, b) -> b).orElseThrow().id();
            JobRunService jobs = new JobRunService(emr, s3, new JobSettings(application, AwsStandIn.EXECUTION_ROLE,
                    "s3://" + aws.bucket() + "/" + prefix + "/", 60, "us-east-1", Architecture.X86_64, 4, "16g", Map.of(), Map.of(),
                    ReleaseLabel.parse(release)));
            String orders = IcebergCatalog.NAME + "." + database + ".orders";
            String lineitem = IcebergCatalog.NAME + "." + database + ".lineitem";

            // the snapshots to put back: each table's current one, through the catalog's metadata tables
            List<QueryExecution> before = run(jobs, database, List.of(
                    new BatchQuery("orders_snapshot", "SELECT snapshot_id FROM " + orders + ".refs WHERE name = 'main'"),
                    new BatchQuery("lineitem_snapshot", "SELECT snapshot_id FROM " + lineitem + ".refs WHERE name = 'main'"),
                    new BatchQuery("orders_history", "SELECT snapshot_id FROM " + orders + ".history WHERE is_current_ancestor "
                            + "ORDER BY made_current_at DESC LIMIT 1")));
            long ordersSnapshot = (Long) before.get(0).rows().get(0).get(0);
            long lineitemSnapshot = (Long) before.get(1).rows().get(0).get(0);
            assertThat(before.get(2).rows()).as("the current snapshot from the history").containsExactly(List.of(ordersSnapshot));

            TpchRefreshData data = new TpchRefreshData(SCALE);
            TpchRefreshData.RefreshSet set = data.set(1);
            long insertedOrders = set.orders().size();
            long insertedItems = set.lineItems().size();
            long deletedItems = data.deletedBaseRows(1).lineItems().size();
            RefreshFunction.StagedRows staged = new RefreshFunction.StagedRows("tpch", SCALE, 1);
            List<QueryExecution> refresh = run(jobs, database, List.of(
                    BatchQuery.refresh("RF1", new RefreshFunction(RF1, staged)),
                    count("orders_after_rf1", "orders"), count("lineitem_after_rf1", "lineitem"),
                    BatchQuery.refresh("RF2", new RefreshFunction(RF2, staged)),
                    count("orders_after_rf2", "orders"), count("lineitem_after_rf2", "lineitem")));

            assertThat(refresh).allSatisfy(e -> assertThat(e.error()).as(e.queryId()).isNull());
            refresh.forEach(e -> System.out.printf("%s %s %.1f ms, %d rows%n", release, e.queryId(), e.elapsedMillis(), e.rowCount()));
            assertThat(insertedOrders).isEqualTo(TpchRefreshData.ordersPerSet(SCALE));
            assertThat(refresh.get(0).rowCount()).as("RF1: rows inserted").isEqualTo(insertedOrders + insertedItems);
            assertThat(single(refresh.get(1))).isEqualTo(BASE_ORDERS + insertedOrders);
            assertThat(single(refresh.get(2))).isEqualTo(BASE_LINEITEM + insertedItems);
            assertThat(refresh.get(3).rowCount()).as("RF2: rows deleted").isEqualTo(insertedOrders + deletedItems);
            // the timed statements' tasks, tagged like a query's: RF2 reads the tables it deletes from
            assertThat(refresh.get(3).metrics().get("input_rows")).as("RF2's input rows").isPositive();
            assertThat(refresh.get(0).columns()).as("a refresh function returns no result set").isEmpty();
            assertThat(single(refresh.get(4))).isEqualTo(BASE_ORDERS);
            assertThat(single(refresh.get(5))).isEqualTo(BASE_LINEITEM + insertedItems - deletedItems);

            // a statement that fails: the later ones do not run, the one before stays committed and the result says so
            List<QueryExecution> failing = run(jobs, database, List.of(BatchQuery.refresh("RF1_failing", new RefreshFunction(
                    List.of(RF1.get(0), "INSERT INTO no_such_table SELECT * FROM benchbox_rf_lineitem", RF1.get(1)), staged)),
                    count("orders_after_failure", "orders"), count("lineitem_after_failure", "lineitem")));
            assertThat(failing.get(0).error()).startsWith("statement 2 of 3 failed: ")
                    .contains("statement 1 had already committed (each statement commits on its own) and stays committed: [1] " + RF1.get(0));
            assertThat(failing.get(0).rowCount()).as("rows it inserted before failing").isEqualTo(insertedOrders);
            assertThat(single(failing.get(1))).isEqualTo(BASE_ORDERS + insertedOrders);
            assertThat(single(failing.get(2))).isEqualTo(BASE_LINEITEM + insertedItems - deletedItems);

            List<QueryExecution> rollback = run(jobs, database, List.of(
                    new BatchQuery("orders_rollback", "CALL " + IcebergCatalog.NAME + ".system.rollback_to_snapshot('" + database
                            + ".orders', " + ordersSnapshot + ")"),
                    new BatchQuery("lineitem_rollback", "CALL " + IcebergCatalog.NAME + ".system.rollback_to_snapshot('" + database
                            + ".lineitem', " + lineitemSnapshot + ")"),
                    count("orders_rolled_back", "orders"), count("lineitem_rolled_back", "lineitem")));
            assertThat(rollback).allSatisfy(e -> assertThat(e.error()).as(e.queryId()).isNull());
            assertThat(single(rollback.get(2))).isEqualTo(BASE_ORDERS);
            assertThat(single(rollback.get(3))).isEqualTo(BASE_LINEITEM);
        }
    }

    private static List<QueryExecution> run(JobRunService jobs, String database, List<BatchQuery> queries) {
        List<QueryExecution> executions = jobs.runBatch(database, RunManifest.Catalog.ICEBERG, Map.of(), queries, 0, 1, 10,
                BatchListener.NONE, JobRunService.Progress.NONE);
        assertThat(executions).extracting(QueryExecution::queryId).containsExactlyElementsOf(queries.stream().map(BatchQuery::id).toList());
        return new ArrayList<>(executions);
    }

    private static BatchQuery count(String id, String table) {
        return new BatchQuery(id, "SELECT count(*) FROM " + table);
    }

    private static long single(QueryExecution execution) {
        assertThat(execution.error()).as(execution.queryId()).isNull();
        return ((Number) execution.rows().get(0).get(0)).longValue();
    }
}
