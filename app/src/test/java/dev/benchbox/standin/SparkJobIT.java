package dev.benchbox.standin;

import dev.benchbox.IntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;
import software.amazon.awssdk.services.emrserverless.model.ApplicationState;
import software.amazon.awssdk.services.emrserverless.model.JobRun;
import software.amazon.awssdk.services.emrserverless.model.JobRunState;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jobs run for real: a small Spark job jar is uploaded to the stand-in's S3 and submitted through EMR
 * Serverless; it reads Parquet through the Glue table and straight from S3, and writes CSV back to S3.
 * One Spark JVM start per successful run, so this class keeps to a single Spark run.
 */
@IntegrationTest
class SparkJobIT {

    private static final java.time.Duration SPARK_JOB_LIMIT = java.time.Duration.ofMinutes(3);

    @TempDir
    static Path dir;

    private static AwsStandIn aws;
    private static EmrServerlessClient emr;
    private static S3Client s3;
    private static String app;

    @BeforeAll
    static void start() throws Exception {
        aws = AwsStandIn.start(StandInConfig.forTests(dir));
        emr = aws.emrServerlessClient();
        s3 = aws.s3Client();
        Path parquet = dir.resolve("nation.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("COPY (SELECT i AS n_nationkey, 'nation ' || i AS n_name, i % 5 AS n_regionkey FROM range(25) t(i)) TO '"
                    + parquet + "' (FORMAT parquet)");
        }
        s3.putObject(b -> b.bucket(aws.bucket()).key("data/nation/part-0.parquet"), RequestBody.fromFile(parquet));
        s3.putObject(b -> b.bucket(aws.bucket()).key("jobs/testjob.jar"),
                RequestBody.fromFile(SparkJobExecutor.sparkDir().resolve("standin-spark-testjob.jar")));
        try (GlueClient glue = aws.glueClient()) {
            glue.createDatabase(b -> b.databaseInput(d -> d.name("tpch")));
            glue.createTable(b -> b.databaseName("tpch").tableInput(t -> t.name("nation").tableType("EXTERNAL_TABLE")
                    .storageDescriptor(sd -> sd.location("s3://" + aws.bucket() + "/data/nation/")
                            .columns(column("n_nationkey", "bigint"), column("n_name", "string"), column("n_regionkey", "bigint"))
                            .serdeInfo(s -> s.serializationLibrary("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe")))));
        }
        app = emr.createApplication(b -> b.releaseLabel("emr-7.5.0").type("SPARK")).applicationId();
        Await.until("created", () -> emr.getApplication(b -> b.applicationId(app)).application().state() == ApplicationState.CREATED);
    }

    @AfterAll
    static void stop() {
        emr.close();
        s3.close();
        aws.close();
    }

    private static Column column(String name, String type) {
        return Column.builder().name(name).type(type).build();
    }

    private static JobRun runToEnd(String mainClass, String... args) {
        String run = emr.startJobRun(b -> b.applicationId(app).executionRoleArn(AwsStandIn.EXECUTION_ROLE)
                .jobDriver(d -> d.sparkSubmit(s -> s.entryPoint("s3://" + aws.bucket() + "/jobs/testjob.jar")
                        .entryPointArguments(args)
                        .sparkSubmitParameters("--class " + mainClass + " --conf spark.executor.instances=1 "
                                + "--conf " + SparkSubmitParameters.GLUE_FACTORY_KEY + "=" + SparkSubmitParameters.GLUE_FACTORY)))
                .configurationOverrides(o -> o.monitoringConfiguration(m -> m.s3MonitoringConfiguration(l -> l.logUri("s3://" + aws.bucket() + "/logs/")))))
                .jobRunId();
        // a real Spark job in a child JVM: tens of seconds on a busy 2-core machine
        return Await.value("job run ends", SPARK_JOB_LIMIT, () -> emr.getJobRun(b -> b.applicationId(app).jobRunId(run)).jobRun(),
                r -> List.of(JobRunState.SUCCESS, JobRunState.FAILED, JobRunState.CANCELLED).contains(r.state()));
    }

    private static String gunzip(String key) throws IOException {
        byte[] gz = s3.getObjectAsBytes(b -> b.bucket(aws.bucket()).key(key)).asByteArray();
        try (var in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void sparkJobReadsParquetThroughGlueAndWritesItsOutputToS3() throws IOException {
        JobRun run = runToEnd("dev.benchbox.standin.spark.testjob.RegionCounts",
                "tpch.nation", "s3://" + aws.bucket() + "/data/nation/", "s3://" + aws.bucket() + "/out/region-counts/");

        assertThat(run.state()).as(run.stateDetails()).isEqualTo(JobRunState.SUCCESS);
        List<S3Object> output = s3.listObjectsV2(b -> b.bucket(aws.bucket()).prefix("out/region-counts/")).contents();
        assertThat(output).extracting(S3Object::key).contains("out/region-counts/_SUCCESS");
        String csvKey = output.stream().map(S3Object::key).filter(k -> k.endsWith(".csv")).findFirst().orElseThrow();
        String csv = s3.getObjectAsBytes(b -> b.bucket(aws.bucket()).key(csvKey)).asUtf8String();
        assertThat(Arrays.asList(csv.split("\n"))).containsExactly("0,5", "1,5", "2,5", "3,5", "4,5");

        String logs = "logs/applications/" + app + "/jobs/" + run.jobRunId() + "/SPARK_DRIVER/";
        assertThat(gunzip(logs + "stdout.gz")).contains("region-counts: 25 nations, 5 regions");
        assertThat(gunzip(logs + "stderr.gz")).contains("SparkContext")
                // no memory settings: EMR's 14g driver and executors, as much of it as this machine gives (SparkHeap)
                .startsWith(SparkHeap.describe(java.util.Map.of()) + System.lineSeparator());
        // driver + 1 executor of 4 vCPU for at least the one billed minute
        assertThat(run.billedResourceUtilization().vcpuHour()).isGreaterThanOrEqualTo(0.133);
    }

    @Test
    void failingJobEndsFailedWithItsExceptionAndKeepsItsLogs() throws IOException {
        JobRun run = runToEnd("dev.benchbox.standin.spark.testjob.NoSuchJob");

        assertThat(run.state()).isEqualTo(JobRunState.FAILED);
        assertThat(run.stateDetails()).contains("ExitCode: 1").contains("ClassNotFoundException: dev.benchbox.standin.spark.testjob.NoSuchJob");
        assertThat(gunzip("logs/applications/" + app + "/jobs/" + run.jobRunId() + "/SPARK_DRIVER/stderr.gz")).contains("NoSuchJob");
    }
}
