package dev.benchbox.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.benchbox.IntegrationTest;
import dev.benchbox.platform.SessionInfo;
import dev.benchbox.shell.CommandLineRunner;
import dev.benchbox.shell.ExitStatus;
import dev.benchbox.shell.ShellTestSupport;
import dev.benchbox.shell.TestEnvironment;
import dev.benchbox.standin.AwsStandIn;
import dev.benchbox.standin.StandInConfig;
import java.nio.file.Path;
import org.jline.terminal.Terminal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An interactive session over Iceberg tables on the stand-in: {@code load tpch --table-format iceberg} writes them
 * through Iceberg's Glue catalog (a job run), {@code session start} in that schema starts a REAL Spark Connect server
 * with the same Iceberg settings job runs get, and {@code query} and {@code run --via session} read the tables through
 * {@code glue_catalog} (the stand-in registers no Iceberg table in the session's own catalog: there is no other way to
 * them). A session started before the schema held Iceberg tables says in one line what to do.
 */
@SpringBootTest(properties = {"spring.shell.interactive.enabled=false", "benchbox.errors-on-terminal=true"})
@Import({ShellTestSupport.class, TestEnvironment.class})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
@IntegrationTest
class IcebergSessionIT {
    @TempDir
    static Path dir;
    static AwsStandIn aws;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("benchbox.results-dir", () -> dir.resolve("results").toString());
    }

    @Autowired
    CommandLineRunner commandLine;
    @Autowired
    ExitStatus exitStatus;
    @Autowired
    Terminal terminal;
    @Autowired
    Session session;

    @BeforeAll
    static void startStandIn() {
        System.setProperty("aws.accessKeyId", AwsStandIn.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", AwsStandIn.SECRET_KEY);
        aws = AwsStandIn.start(StandInConfig.forTests(dir.resolve("aws")));
    }

    @AfterAll
    static void stopStandIn() {
        aws.close();
        assertThat(aws.sessions().running()).isEmpty();
    }

    private String run(String... words) {
        ShellTestSupport.takeOutput(terminal);
        commandLine.run(words);
        return ShellTestSupport.takeOutput(terminal);
    }

    /** The stand-in's idle minute is 200 ms: a session must outlast the loads and runs between its statements. */
    private void connect(String prefix) {
        String connected = run("connect", "emr-serverless", "--endpoint-url", aws.endpoint().toString(), "--region", "us-east-1",
                "--s3-staging-dir", "s3://" + aws.bucket() + "/" + prefix + "/", "--execution-role-arn", AwsStandIn.EXECUTION_ROLE,
                "--create-application", "--release-label", "emr-7.13.0");
        assertThat(exitStatus.code()).as(connected).isZero();
    }

    private long calls(String operation) {
        return aws.requests().stream().filter(r -> r.operation().equals(operation)).count();
    }

    private static JsonNode lastStartSession() {
        return aws.requests().stream().filter(r -> r.operation().equals("StartSession")).reduce((a, b) -> b).orElseThrow().input();
    }

    @Test
    void aSessionStartedInASchemaOfIcebergTablesReadsThemThroughIcebergsCatalog() {
        connect("icesession");
        run("create-schema", "tpch_ices");
        String loaded = run("load", "tpch", "--scale", "0.01", "--table-format", "iceberg", "--parts", "1");
        assertThat(exitStatus.code()).as(loaded).isZero();
        assertThat(loaded).contains("written as Iceberg tables");
        long jobRuns = calls("StartJobRun");

        String started = run("session", "start", "--idle-timeout-minutes", "3000");
        assertThat(exitStatus.code()).as(started).isZero();
        // the very settings job runs get (IcebergCatalog), beside Glue as Spark's metastore
        JsonNode properties = lastStartSession().at("/configurationOverrides/applicationConfiguration/0/properties");
        assertThat(properties.path("spark.hadoop.hive.metastore.client.factory.class").asText())
                .isEqualTo("com.amazonaws.glue.catalog.metastore.AWSGlueDataCatalogHiveClientFactory");
        assertThat(properties.path("spark.jars").asText()).isEqualTo("/usr/share/aws/iceberg/lib/iceberg-spark3-runtime.jar");
        assertThat(properties.path("spark.sql.extensions").asText()).isEqualTo("org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions");
        assertThat(properties.path("spark.sql.catalog.glue_catalog").asText()).isEqualTo("org.apache.iceberg.spark.SparkCatalog");
        assertThat(properties.path("spark.sql.catalog.glue_catalog.catalog-impl").asText()).isEqualTo("org.apache.iceberg.aws.glue.GlueCatalog");
        assertThat(properties.path("spark.sql.catalog.glue_catalog.warehouse").asText())
                .isEqualTo("s3://" + aws.bucket() + "/icesession/iceberg/");

        String count = run("query", "SELECT count(*) AS n FROM lineitem", "--format", "csv");
        assertThat(exitStatus.code()).as(count).isZero();
        assertThat(count).startsWith("n\n60175\n");
        String tables = run("tables");
        assertThat(tables).as(tables).contains("lineitem").contains("nation");

        String power = run("run", "tpch", "--scale", "0.01", "--queries", "1,6", "--iterations", "1", "--via", "session");
        assertThat(exitStatus.code()).as(power).isZero();
        assertThat(power).contains("2 query executions, 2 validated (2 exact), 0 failed, 0 errors");
        assertThat(calls("StartJobRun")).as("every read went through the session").isEqualTo(jobRuns);

        String stopped = run("session", "stop");
        assertThat(exitStatus.code()).as(stopped).isZero();
        run("disconnect");
    }

    @Test
    void aSessionStartedBeforeTheSchemaHeldIcebergTablesSaysToRestartIt() {
        connect("icelate");
        run("create-schema", "tpch_late");
        String started = run("session", "start", "--idle-timeout-minutes", "3000");
        assertThat(exitStatus.code()).as(started).isZero();
        assertThat(lastStartSession().at("/configurationOverrides/applicationConfiguration/0/properties").has("spark.sql.catalog.glue_catalog"))
                .as("a schema without Iceberg tables: no Iceberg settings").isFalse();
        String loaded = run("load", "tpch", "--scale", "0.01", "--tables", "nation,region", "--table-format", "iceberg", "--parts", "1");
        assertThat(exitStatus.code()).as(loaded).isZero();
        String id = session.platform().sessions().orElseThrow().status().map(SessionInfo::id).orElseThrow();

        String refused = run("query", "SELECT count(*) AS n FROM nation");
        assertThat(exitStatus.code()).as(refused).isNotZero();
        assertThat(refused.strip()).endsWith("schema 'tpch_late' holds Iceberg tables and session " + id
                + " was started without Iceberg's catalog: 'session stop', then 'session start' (with that schema in use) starts one that reads them")
                .doesNotContain("\n");

        // the exit status stays failed from here (it is the whole invocation's): the answers say it worked
        assertThat(run("session", "stop")).contains("Session " + id + " TERMINATED");
        String again = run("session", "start", "--idle-timeout-minutes", "3000");
        assertThat(again).containsPattern("Session \\w+ (STARTED|IDLE): queries now run through it");
        assertThat(lastStartSession().at("/configurationOverrides/applicationConfiguration/0/properties").has("spark.sql.catalog.glue_catalog"))
                .isTrue();
        String count = run("query", "SELECT count(*) AS n, sum(n_regionkey) AS r FROM nation", "--format", "csv");
        assertThat(count).startsWith("n,r\n25,50\n");
        run("disconnect");
    }
}
