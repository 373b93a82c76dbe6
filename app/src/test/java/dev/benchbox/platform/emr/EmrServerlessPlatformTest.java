package dev.benchbox.platform.emr;

import dev.benchbox.standin.Await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.benchbox.BenchboxException;
import dev.benchbox.platform.ApplicationInfo;
import dev.benchbox.dataset.Column;
import dev.benchbox.platform.LoadProgress;
import dev.benchbox.platform.LoadReport;
import dev.benchbox.standin.AwsStandIn;
import dev.benchbox.standin.WithAwsStandIn;
import dev.benchbox.standin.RecordedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The platform against the AWS stand-in, through the real SDK clients. */
@WithAwsStandIn
class EmrServerlessPlatformTest {
    private AwsStandIn aws;

    @BeforeAll
    static void credentials() {
        StandInFixture.useDummyCredentials();
    }

    @BeforeEach
    void standIn(AwsStandIn standIn) {
        aws = standIn;
    }

    private List<String> operations() {
        return aws.requests().stream().map(RecordedRequest::operation).toList();
    }

    @Test
    void configurationRecordsReleaseArchitectureWorkersPreInitialisedCapacityAndSparkProperties() {
        try (EmrServerlessPlatform platform = StandInFixture.connect(aws, "create_application", "true", "architecture", "arm64",
                "initial_capacity", "Driver=1x2vCPU-8GB,Executor=4x8vCPU-32GB")) {
            dev.benchbox.results.EngineConfiguration config = platform.configuration();

            assertThat(config.platform()).isEqualTo("emr-serverless");
            assertThat(config.version()).isEqualTo("emr-7.0.0");
            assertThat(config.releaseLabel()).isEqualTo("emr-7.0.0");
            assertThat(config.architecture()).isEqualTo("arm64");
            assertThat(config.region()).isEqualTo(platform.options().region());
            assertThat(config.driver()).hasToString("1x2vCPU-8GB");
            assertThat(config.executors()).hasToString("4x8vCPU-32GB");
            assertThat(config.preInitializedDriver()).hasToString("1x2vCPU-8GB");
            assertThat(config.preInitializedExecutors()).hasToString("4x8vCPU-32GB");
            // 87.5% of the 32 GB worker is executor heap; the rest is Spark's overhead
            assertThat(config.settings()).containsExactly(java.util.Map.entry("spark.executor.cores", "8"),
                    java.util.Map.entry("spark.executor.memory", "28g"),
                    java.util.Map.entry(dev.benchbox.platform.emr.job.SparkSubmit.GLUE_FACTORY_KEY,
                            "com.amazonaws.glue.catalog.metastore.AWSGlueDataCatalogHiveClientFactory"));
        }
    }

    @Test
    void withoutInitialCapacityTheConfigurationHasAwsDefaultWorkersAndNoPreInitialisedOnes() {
        try (EmrServerlessPlatform platform = StandInFixture.connect(aws, "create_application", "true")) {
            dev.benchbox.results.EngineConfiguration config = platform.configuration();

            assertThat(config.architecture()).isEqualTo("x86_64");
            assertThat(config.driver()).hasToString("1x4vCPU-16GB");
            assertThat(config.executors()).hasToString("3x4vCPU-16GB");
            assertThat(config.preInitializedDriver()).isNull();
            assertThat(config.preInitializedExecutors()).isNull();
            assertThat(config.settings()).containsEntry("spark.executor.memory", "14g");
        }
    }

    @Test
    void createdApplicationIsSparkTaggedStartedAndStoppedOnClose() {
        String id;
        try (EmrServerlessPlatform platform = StandInFixture.connect(aws, "create_application", "true", "application_name", "bb-test",
                "initial_capacity", "Driver=1x4vCPU-16GB,Executor=2x4vCPU-16GB", "max_cpu", "64", "max_memory", "256")) {
            id = platform.applicationId();
            assertThat(platform.createdBySession()).isTrue();
            assertThat(aws.applicationStates(id)).containsSubsequence("CREATING", "CREATED", "STARTING", "STARTED");
            RecordedRequest create = aws.requests().stream().filter(r -> r.operation().equals("CreateApplication")).findFirst().orElseThrow();
            assertThat(create.input().at("/type").asText()).isEqualTo("SPARK");
            assertThat(create.input().at("/name").asText()).isEqualTo("bb-test");
            assertThat(create.input().at("/releaseLabel").asText()).isEqualTo("emr-7.0.0");
            assertThat(create.input().at("/architecture").asText()).isEqualTo("X86_64");
            assertThat(create.input().at("/tags/created-by").asText()).isEqualTo("benchbox");
            assertThat(create.input().at("/autoStartConfiguration/enabled").asBoolean()).isTrue();
            assertThat(create.input().at("/autoStopConfiguration/idleTimeoutMinutes").asInt()).isEqualTo(15);
            assertThat(create.input().at("/initialCapacity/Executor/workerCount").asInt()).isEqualTo(2);
            assertThat(create.input().at("/initialCapacity/Driver/workerConfiguration/memory").asText()).isEqualTo("16 GB");
            assertThat(create.input().at("/maximumCapacity/cpu").asText()).isEqualTo("64 vCPU");
            ApplicationInfo info = platform.application();
            assertThat(info.state()).isEqualTo("STARTED");
            assertThat(info.initialCapacity().get("Executor")).hasToString("2x4vCPU-16GB");
            assertThat(platform.closingNote().orElseThrow()).startsWith("stopping application " + id);
        }
        assertThat(operations()).contains("StopApplication");
        assertThat(aws.applicationStates(id)).last().isIn("STOPPING", "STOPPED");
    }

    @Test
    void existingStoppedApplicationIsStartedAndNeverStoppedByTheSession() throws Exception {
        String id;
        try (EmrServerlessClient emr = aws.emrServerlessClient()) {
            id = emr.createApplication(b -> b.name("users-own").releaseLabel("emr-7.1.0").type("SPARK").clientToken("t1")).applicationId();
            awaitState(emr, id, "CREATED");
            emr.startApplication(b -> b.applicationId(id));
            awaitState(emr, id, "STARTED");
            emr.stopApplication(b -> b.applicationId(id));
            awaitState(emr, id, "STOPPED");
        }
        int before = aws.requests().size();
        try (EmrServerlessPlatform platform = StandInFixture.connect(aws, "application_id", id)) {
            assertThat(platform.createdBySession()).isFalse();
            assertThat(platform.connectedState()).isEqualTo("STOPPED");
            assertThat(platform.version()).isEqualTo("emr-7.1.0");
            assertThat(platform.application().state()).isEqualTo("STARTED");
            assertThatThrownBy(platform::deleteOnClose).hasMessageContaining("never stops or deletes an application you brought");
        }
        List<String> sent = operations().subList(before, aws.requests().size());
        assertThat(sent).contains("GetApplication", "StartApplication").doesNotContain("StopApplication", "DeleteApplication", "CreateApplication");
    }

    @Test
    void aHiveApplicationOrAMissingOneIsRefused() throws Exception {
        String hive;
        try (EmrServerlessClient emr = aws.emrServerlessClient()) {
            hive = emr.createApplication(b -> b.releaseLabel("emr-7.0.0").type("HIVE").clientToken("t2")).applicationId();
        }
        assertThatThrownBy(() -> StandInFixture.connect(aws, "application_id", hive))
                .hasMessage("application " + hive + " is HIVE application: BenchBox runs Spark jobs, so give a Spark application's id"
                        .replace("is HIVE", "is a HIVE"));
        assertThatThrownBy(() -> StandInFixture.connect(aws, "application_id", "00nosuchapp"))
                .isInstanceOfSatisfying(AwsCallFailed.class, e -> assertThat(e.operation()).isEqualTo("GetApplication"));
    }

    @Test
    void missingBucketIsReportedBeforeAnyApplicationCall() {
        Map<String, String> options = StandInFixture.options(aws, "create_application", "true");
        options.put("s3_staging_dir", "s3://no-such-bucket-here/x/");
        EmrOptions resolved = EmrOptions.resolve(options, Map.of(), false);
        assertThatThrownBy(() -> EmrServerlessPlatform.connect(resolved, AwsClients.create(AwsClients.Settings.of(resolved)), StandInFixture.FAST))
                .hasMessage("S3 bucket 'no-such-bucket-here' of s3_staging_dir does not exist (region us-east-1): create it or give another s3_staging_dir");
        assertThat(aws.requests()).isEmpty();
    }

    @Test
    void capacitySetStopsUpdatesAndRestartsAndStartStopWork() {
        try (EmrServerlessPlatform platform = StandInFixture.connect(aws, "create_application", "true")) {
            String id = platform.applicationId();
            ApplicationInfo updated = platform.updateCapacity(new CapacitySettings(WorkerCapacity.parse("1x4vCPU-16GB", "driver"),
                    WorkerCapacity.parse("4x8vCPU-32GB-50GB", "executors"), 64, 256));
            assertThat(updated.state()).isEqualTo("STARTED");
            assertThat(updated.initialCapacity().get("Executor")).hasToString("4x8vCPU-32GB-50GB");
            assertThat(updated.maxCpu()).isEqualTo("64 vCPU");
            assertThat(updated.hasPreInitializedCapacity()).isTrue();
            List<String> ops = operations();
            assertThat(ops.subList(ops.indexOf("StopApplication"), ops.size())).containsSubsequence("StopApplication", "UpdateApplication", "StartApplication");
            assertThat(aws.applicationStates(id)).containsSubsequence("STARTED", "STOPPING", "STOPPED", "STARTING", "STARTED");

            platform.stopApplication();
            assertThat(platform.application().state()).isEqualTo("STOPPED");
            platform.startApplication();
            assertThat(platform.application().state()).isEqualTo("STARTED");
        }
    }

    @Test
    void loadTpchWritesParquetPerTableAndTypedGlueTablesAndResumesWithoutReuploading() throws Exception {
        try (EmrServerlessPlatform platform = StandInFixture.connect(aws, "create_application", "true")) {
            platform.createSchema("benchbox");
            platform.createSchema("benchbox"); // idempotent
            LoadReport report = platform.load("benchbox", dev.benchbox.benchmark.Benchmarks.get("tpch").dataSet(), dev.benchbox.dataset.Scale.of(0.01), List.of(), LoadProgress.NONE);
            assertThat(report.rowCounts()).containsEntry("lineitem", 60_175L).containsEntry("region", 5L).hasSize(8);
            assertThat(report.notes()).singleElement().satisfies(n -> assertThat(n).startsWith("S3: 8 files uploaded"));

            try (S3Client s3 = aws.s3Client(); GlueClient glue = aws.glueClient()) {
                for (String table : dev.benchbox.tpch.TpchSchema.TABLES) {
                    List<S3Object> objects = s3.listObjectsV2(b -> b.bucket(aws.bucket()).prefix("benchbox/data/tpch/sf0.01/" + table + "/")).contents();
                    assertThat(objects).as(table).isNotEmpty().allSatisfy(o -> assertThat(o.key()).endsWith(".parquet"));
                    byte[] head = Files.readAllBytes(aws.localPath(aws.bucket(), objects.get(0).key()));
                    assertThat(new String(head, 0, 4)).isEqualTo("PAR1");
                    Table t = glue.getTable(b -> b.databaseName("benchbox").name(table)).table();
                    assertThat(t.tableType()).isEqualTo("EXTERNAL_TABLE");
                    assertThat(t.storageDescriptor().location()).isEqualTo("s3://" + aws.bucket() + "/benchbox/data/tpch/sf0.01/" + table + "/");
                    assertThat(t.storageDescriptor().serdeInfo().serializationLibrary()).isEqualTo(GlueTableDefinition.PARQUET_SERDE);
                    assertThat(t.storageDescriptor().inputFormat()).isEqualTo(GlueTableDefinition.PARQUET_INPUT_FORMAT);
                    assertThat(t.storageDescriptor().outputFormat()).isEqualTo(GlueTableDefinition.PARQUET_OUTPUT_FORMAT);
                    assertThat(t.parameters()).containsEntry("classification", "parquet")
                            .containsEntry("numRows", Long.toString(report.rowCounts().get(table)));
                }
                Table lineitem = glue.getTable(b -> b.databaseName("benchbox").name("lineitem")).table();
                assertThat(lineitem.storageDescriptor().columns()).extracting(c -> c.name() + " " + c.type()).startsWith(
                        "l_orderkey bigint", "l_partkey bigint", "l_suppkey bigint", "l_linenumber int", "l_quantity decimal(15,2)",
                        "l_extendedprice decimal(15,2)", "l_discount decimal(15,2)", "l_tax decimal(15,2)", "l_returnflag string",
                        "l_linestatus string", "l_shipdate date");
            }
            assertThat(platform.listTables("benchbox")).containsExactly("customer", "lineitem", "nation", "orders", "part", "partsupp", "region", "supplier");
            assertThat(platform.describeTable("benchbox", "nation")).contains(new Column("n_nationkey", "bigint"));
            assertThat(platform.rowCount("benchbox", "orders")).isEqualTo(15_000L);
            assertThat(platform.loadedScale("benchbox", dev.benchbox.benchmark.Benchmarks.get("tpch").dataSet()).map(dev.benchbox.dataset.Scale::value)).contains(0.01);

            // an interrupted load: one table's object is gone, another's is half-written; loading again re-sends only those two
            Path lineitemFile;
            try (Stream<Path> files = Files.list(aws.localPath(aws.bucket(), "benchbox/data/tpch/sf0.01/lineitem"))) {
                lineitemFile = files.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow();
            }
            try (S3Client s3 = aws.s3Client()) {
                String ordersKey = s3.listObjectsV2(b -> b.bucket(aws.bucket()).prefix("benchbox/data/tpch/sf0.01/orders/")).contents().get(0).key();
                s3.deleteObject(b -> b.bucket(aws.bucket()).key(ordersKey));
                s3.putObject(b -> b.bucket(aws.bucket()).key("benchbox/data/tpch/sf0.01/region/part-0.parquet"),
                        software.amazon.awssdk.core.sync.RequestBody.fromString("half"));
                s3.putObject(b -> b.bucket(aws.bucket()).key("benchbox/data/tpch/sf0.01/nation/stale-from-an-old-load.parquet"),
                        software.amazon.awssdk.core.sync.RequestBody.fromString("old"));
            }
            long lineitemModified = Files.getLastModifiedTime(lineitemFile).toMillis();
            LoadReport again = platform.load("benchbox", dev.benchbox.benchmark.Benchmarks.get("tpch").dataSet(), dev.benchbox.dataset.Scale.of(0.01), List.of(), LoadProgress.NONE);
            assertThat(again.notes()).singleElement().satisfies(n -> assertThat(n)
                    .startsWith("S3: 2 files uploaded").contains("6 already there with the same checksum").endsWith("1 stale removed"));
            assertThat(Files.getLastModifiedTime(lineitemFile).toMillis()).isEqualTo(lineitemModified);
        }
    }

    @Test
    void tablesCompleteFromEveryPageOfGetTables() {
        try (EmrServerlessPlatform platform = StandInFixture.connect(aws, "create_application", "true");
                GlueClient glue = aws.glueClient()) {
            platform.createSchema("many");
            for (int i = 0; i < 130; i++) {
                String name = String.format("t%03d", i);
                glue.createTable(b -> b.databaseName("many").tableInput(t -> t.name(name)));
            }
            assertThat(platform.listTables("many")).hasSize(130).startsWith("t000").endsWith("t129");
            assertThat(operations().stream().filter("GetTables"::equals).count()).isEqualTo(2);
        }
    }

    @Test
    void loadIntoAMissingDatabaseSaysHowToCreateIt() {
        try (EmrServerlessPlatform platform = StandInFixture.connect(aws, "create_application", "true")) {
            assertThatThrownBy(() -> platform.load("nope", dev.benchbox.benchmark.Benchmarks.get("tpch").dataSet(), dev.benchbox.dataset.Scale.of(0.01), List.of("region"), LoadProgress.NONE))
                    .isInstanceOf(BenchboxException.class)
                    .hasMessage("Glue database 'nope' does not exist: create it with create-schema nope");
        }
    }

    /** The throughput test's job runs meet the application's limit: read from GetApplication, as AWS reports it. */
    @Test
    void streamsReportTheApplicationsMaxConcurrentRunsOrThatItHasNone() {
        String limited;
        String unlimited;
        try (EmrServerlessClient emr = aws.emrServerlessClient()) {
            limited = emr.createApplication(b -> b.releaseLabel("emr-7.5.0").type("SPARK")
                    .schedulerConfiguration(c -> c.maxConcurrentRuns(3))).applicationId();
            unlimited = emr.createApplication(b -> b.releaseLabel("emr-7.5.0").type("SPARK")).applicationId();
        }
        try (EmrServerlessPlatform platform = StandInFixture.connect(aws, "application_id", limited)) {
            assertThat(platform.streamConnections().orElseThrow().streamRuns()).hasValue(
                    new dev.benchbox.platform.StreamConnections.StreamRuns("job run", 3, "the application's maxConcurrentRuns"));
            assertThat(platform.streamConnections().orElseThrow().refreshNotAtomic()).isPresent();
        }
        try (EmrServerlessPlatform platform = StandInFixture.connect(aws, "application_id", unlimited)) {
            assertThat(platform.streamConnections().orElseThrow().streamRuns()).hasValueSatisfying(runs -> {
                assertThat(runs.maxConcurrent()).isNull();
                assertThat(runs.limit()).startsWith("the application reports no maxConcurrentRuns (no schedulerConfiguration)");
            });
        }
    }

    private static void awaitState(EmrServerlessClient emr, String id, String state) {
        Await.until("application " + id + " reaches " + state,
                () -> emr.getApplication(b -> b.applicationId(id)).application().stateAsString().equals(state));
    }
}
