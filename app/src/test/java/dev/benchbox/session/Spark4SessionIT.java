package dev.benchbox.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.benchbox.IntegrationTest;
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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A session on an emr-spark-8.0.0 application of the stand-in, answered by a REAL Spark 4.0 Connect server (Scala 2.13,
 * in a child JVM behind the token interceptor) through the shell's Spark Connect 3.5 client, unchanged: queries, typed
 * values printed as everywhere else, an SQL error as one line, and the session gone after {@code disconnect}.
 */
@SpringBootTest(properties = {"spring.shell.interactive.enabled=false", "benchbox.errors-on-terminal=true"})
@Import({ShellTestSupport.class, TestEnvironment.class})
@IntegrationTest
class Spark4SessionIT {
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

    @Test
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
        assertThat(started).containsPattern("Session \\w+ (STARTED|IDLE), started in [0-9.]+ s; queries now run through it");

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
}
