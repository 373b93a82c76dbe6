package dev.benchbox.script;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.benchbox.IntegrationTest;
import dev.benchbox.shell.CommandLineRunner;
import dev.benchbox.shell.ExitStatus;
import dev.benchbox.shell.ShellTestSupport;
import dev.benchbox.shell.TestEnvironment;
import dev.benchbox.standin.AwsStandIn;
import dev.benchbox.standin.RecordedRequest;
import dev.benchbox.standin.StandInConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jline.terminal.Terminal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Spark 4 beside Spark 3.5 on the stand-in, whose emr-spark-8.x applications run real Spark 4.0 (Scala 2.13) and 7.x
 * ones real Spark 3.5. A release sweep as a user compares them ({@code --sweep release=emr-7.13.0,emr-spark-8.0.0}): each
 * release gets an application (created, then deleted), the whole TPC-H SF 0.01 power run as one job run on it, 22/22
 * validated, and the results record the Spark version each driver reported. A session on an emr-spark-8.0.0
 * application, answered by a real Spark 4.0 Connect server through the shell's Spark Connect 3.5 client, unchanged.
 * TPC-DS SF 0.01 on an emr-spark-8.0.0 application: generation and the 99 queries, one job run each, the 23 statements
 * with reference answers at that scale exact. One class, so one Spring context and one stand-in for all of it (CI time).
 */
@SpringBootTest(properties = {"spring.shell.interactive.enabled=false", "benchbox.errors-on-terminal=true"})
@Import({ShellTestSupport.class, TestEnvironment.class})
@IntegrationTest
// ExitStatus only ever goes from 0 to a failure (the session's SQL error sets it, an unvalidated run sets 3): the sweep, which needs 0, goes first
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Spark4EmrIT {
    private static final String TYPED = "SELECT DATE '1998-12-01' AS d, CAST(1234.50 AS DECIMAL(15,2)) AS m, "
            + "TIMESTAMP '2024-01-02 03:04:05' AS t, CAST(NULL AS INT) AS n, 'x,y' AS s, CAST(42 AS BIGINT) AS b, 0.25 * 2 AS f";

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

    @BeforeAll
    static void startStandIn() {
        aws = StandInScripts.start(StandInConfig.forTests(dir.resolve("aws")));
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

    private List<RecordedRequest> requests(String operation) {
        return aws.requests().stream().filter(r -> r.operation().equals(operation)).toList();
    }

    @Test
    @Order(1)
    void aReleaseSweepRunsTpchOnSpark35AndSpark4AndRecordsWhichSparkEachDriverRan() throws Exception {
        ShellTestSupport.takeOutput(terminal);
        TestEnvironment.VARIABLES.clear();
        commandLine.run(new String[] {"run", "--platform", "emr-serverless", "--benchmark", "tpch", "--scale", "0.01", "--iterations", "1",
                "--sweep", "release=emr-7.13.0,emr-spark-8.0.0",
                "--platform-option", "endpoint_url=" + aws.endpoint(),
                "--platform-option", "s3_staging_dir=s3://" + aws.bucket() + "/spark4/",
                "--platform-option", "execution_role_arn=" + AwsStandIn.EXECUTION_ROLE,
                "--platform-option", "create_application=true"});
        String output = ShellTestSupport.takeOutput(terminal);

        assertThat(exitStatus.code()).as(output).isZero();
        assertThat(output).contains("2 configurations, 2 applications created for it and deleted afterwards")
                .doesNotContain("Exception").doesNotContain(AwsStandIn.SECRET_KEY);

        // an application per release, each deleted afterwards
        List<RecordedRequest> created = requests("CreateApplication").stream()
                .filter(r -> r.input().path("name").asText().startsWith("benchbox-sweep-")).toList();
        assertThat(created).extracting(r -> r.input().path("releaseLabel").asText()).containsExactly("emr-7.13.0", "emr-spark-8.0.0");
        Set<String> deleted = requests("DeleteApplication").stream().map(r -> r.input().path("applicationId").asText())
                .collect(Collectors.toSet());
        assertThat(deleted).hasSize(2);
        deleted.forEach(id -> assertThat(aws.applicationStates(id)).last().isEqualTo("TERMINATED"));

        // one job run per release, each on its own application; the job jar uploaded once per content
        List<RecordedRequest> jobs = requests("StartJobRun");
        assertThat(jobs).hasSize(2);
        assertThat(jobs.stream().map(j -> j.input().path("applicationId").asText()).collect(Collectors.toSet())).isEqualTo(deleted);
        Set<String> jars = jobs.stream().map(j -> j.input().at("/jobDriver/sparkSubmit/entryPoint").asText()).collect(Collectors.toSet());
        assertThat(aws.s3Requests().stream().filter(r -> r.operation().equals("PutObject"))
                .filter(r -> r.input().path("Key").asText().contains("jobs/benchbox-job-")).count()).isEqualTo(jars.size());

        Path sweep;
        try (Stream<Path> dirs = Files.list(dir.resolve("results"))) {
            sweep = dirs.filter(p -> p.getFileName().toString().startsWith("sweep_tpch_sf0.01_emr-serverless_")).findFirst().orElseThrow();
        }
        ObjectMapper json = new ObjectMapper();
        JsonNode spark35 = json.readTree(sweep.resolve("release-emr-7.13.0.json").toFile());
        JsonNode spark4 = json.readTree(sweep.resolve("release-emr-spark-8.0.0.json").toFile());
        for (JsonNode result : List.of(spark35, spark4)) {
            assertThat(result.at("/summary/passed").asInt()).isEqualTo(22);
            assertThat(result.get("queries")).allSatisfy(q -> assertThat(q.get("validation").asText()).isEqualTo("exact"));
            assertThat(result.get("job_runs")).hasSize(1);
            // both Spark lines report what each query read (the job's listener) and the job run's time split
            assertThat(result.get("queries")).allSatisfy(q -> assertThat(q.at("/metrics/input_rows").asLong()).isPositive());
            assertThat(result.at("/job_runs/0/time_split/queries_ms").asLong()).isPositive();
        }
        assertThat(spark35.at("/configuration/engine/release_label").asText()).isEqualTo("emr-7.13.0");
        assertThat(spark4.at("/configuration/engine/release_label").asText()).isEqualTo("emr-spark-8.0.0");
        // what the drivers reported: the stand-in's Spark 3.5.7 and Spark 4.0.1
        assertThat(spark35.at("/configuration/engine/version").asText()).isEqualTo("Spark 3.5.7");
        assertThat(spark4.at("/configuration/engine/version").asText()).isEqualTo("Spark 4.0.1");
        assertThat(Files.exists(sweep.resolve("report.html"))).isTrue();
    }

    @Test
    @Order(2)
    void aSessionOnSpark4AnswersThroughTheSpark35Client() {
        String connected = run("connect", "emr-serverless", "--endpoint-url", aws.endpoint().toString(), "--region", "us-east-1",
                "--s3-staging-dir", "s3://" + aws.bucket() + "/spark4-sessions/", "--execution-role-arn", AwsStandIn.EXECUTION_ROLE,
                "--create-application", "--release-label", "emr-spark-8.0.0");
        assertThat(exitStatus.code()).as(connected).isZero();
        run("create-schema", "tpch_s4");
        String loaded = run("load", "tpch", "--scale", "0.01");
        assertThat(exitStatus.code()).as(loaded).isZero();

        String started = run("session", "start", "--name", "spark4");
        assertThat(exitStatus.code()).as(started).isZero();
        assertThat(started).containsPattern("Session \\w+ (STARTED|IDLE): queries now run through it");

        String version = run("query", "SELECT version() AS v", "--format", "csv");
        assertThat(version).as(version).startsWith("v\n4.0.1 ");
        String count = run("query", "SELECT count(*) AS n FROM lineitem");
        assertThat(count).as(count).contains("60175");
        String regions = run("query", "SELECT r_name FROM region ORDER BY 1", "--format", "csv");
        assertThat(regions).startsWith("r_name\nAFRICA\nAMERICA\nASIA\nEUROPE\nMIDDLE EAST\n");
        String typed = run("query", TYPED, "--format", "csv");
        assertThat(typed).startsWith("d,m,t,n,s,b,f\n1998-12-01,1234.50,2024-01-02T03:04:05,,\"x,y\",42,0.50\n");
        String error = run("query", "SELECT * FROM no_such_table");
        assertThat(error.strip()).contains("Spark: [TABLE_OR_VIEW_NOT_FOUND]").doesNotContain("\n").doesNotContain("at org.");

        String disconnected = run("disconnect");
        assertThat(disconnected).contains("Disconnected: terminating the open session");
        assertThat(aws.sessions().running()).isEmpty();
    }

    @Test
    @Order(3)
    void tpcdsIsOneJobRunOfTheNinetyNineOnSpark4WithTheValidatedOnesExact() throws Exception {
        long before = requests("StartJobRun").size();
        String connected = run("connect", "emr-serverless", "--endpoint-url", aws.endpoint().toString(), "--region", "us-east-1",
                "--s3-staging-dir", "s3://" + aws.bucket() + "/spark4-ds/", "--execution-role-arn", AwsStandIn.EXECUTION_ROLE,
                "--create-application", "--release-label", "emr-spark-8.0.0");
        // the exit status is the session's SQL error's by now (it only ever goes from 0 to a failure): the output says
        assertThat(connected).as(connected).contains("emr-spark-8.0.0").doesNotContain("Error");
        run("create-schema", "tpcds_s4");
        String loaded = run("load", "tpcds", "--scale", "0.01");
        assertThat(loaded).as(loaded).containsPattern("generated in the cluster by job run \\w+").doesNotContain("Error");
        String ran = run("run", "tpcds", "--scale", "0.01", "--iterations", "1");
        // SF 0.01 has reference answers for 23 statements: those must equal them, the other 76 must run without error
        assertThat(ran).containsPattern("TPC-DS SF0.01 on emr-serverless \\S+: 99 query executions, 23 validated \\(23 exact\\), "
                + "76 ran but not validated \\(no reference answers at SF 0.01\\), 0 failed, 0 errors").doesNotContain("Exception");
        assertThat(requests("StartJobRun").size() - before).as("one generation job run, one power run").isEqualTo(2);

        Path file;
        try (Stream<Path> files = Files.list(dir.resolve("results"))) {
            file = files.filter(p -> p.getFileName().toString().startsWith("tpcds_sf0.01_emr-serverless_")).findFirst().orElseThrow();
        }
        JsonNode result = new ObjectMapper().readTree(file.toFile());
        assertThat(result.get("job_runs")).hasSize(1);
        assertThat(result.get("queries")).hasSize(99);
        assertThat(result.get("queries")).filteredOn(q -> q.path("validation").asText().equals("exact")).hasSize(23);
        assertThat(result.at("/configuration/engine/release_label").asText()).isEqualTo("emr-spark-8.0.0");
        assertThat(result.at("/configuration/engine/version").asText()).isEqualTo("Spark 4.0.1");
        assertThat(run("disconnect")).contains("Disconnected");
    }
}
