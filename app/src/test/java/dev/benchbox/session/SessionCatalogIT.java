package dev.benchbox.session;

import dev.benchbox.IntegrationTest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.benchbox.shell.BenchboxShell;
import dev.benchbox.shell.CommandLineRunner;
import dev.benchbox.shell.ExitStatus;
import dev.benchbox.shell.ShellTestSupport;
import dev.benchbox.shell.TableNameCache;
import dev.benchbox.shell.TestEnvironment;
import dev.benchbox.standin.AwsStandIn;
import dev.benchbox.standin.StandInConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jline.terminal.Terminal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.shell.CompletionContext;
import org.springframework.shell.CompletionProposal;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * While a session is open, {@code tables}, {@code describe} and table-name completion answer from the session's Spark
 * (a REAL Spark Connect 3.5 server on the stand-in): a temporary view that only the session knows is listed, described
 * with Spark's types and completed, and goes away with the session. A table created in Glue after the session started
 * is visible to the session's queries, as on EMR, where a session reads the Glue Data Catalog live.
 */
@SpringBootTest(properties = {"spring.shell.interactive.enabled=false", "benchbox.errors-on-terminal=true"})
@Import({ShellTestSupport.class, TestEnvironment.class})
@IntegrationTest
class SessionCatalogIT {
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
    BenchboxShell shell;
    @Autowired
    TableNameCache tableNames;

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

    private String ok(String... words) {
        String out = run(words);
        assertThat(exitStatus.code()).as(String.join(" ", words) + ": " + out).isZero();
        return out;
    }

    private long calls(String operation) {
        return aws.requests().stream().filter(r -> r.operation().equals(operation)).count();
    }

    private List<String> complete(String... words) {
        List<String> list = List.of(words);
        return shell.complete(new CompletionContext(list, list.size() - 1, list.get(list.size() - 1).length(), null, null))
                .stream().map(CompletionProposal::value).toList();
    }

    @Test
    void tablesDescribeAndCompletionGoThroughTheOpenSessionWhichSeesGlueTablesCreatedAfterItStarted() throws Exception {
        ok("connect", "emr-serverless", "--endpoint-url", aws.endpoint().toString(), "--region", "us-east-1",
                "--s3-staging-dir", "s3://" + aws.bucket() + "/catalog/", "--execution-role-arn", AwsStandIn.EXECUTION_ROLE,
                "--create-application", "--release-label", "emr-7.13.0");
        ok("create-schema", "cat_s");
        ok("load", "tpch", "--scale", "0.01", "--tables", "nation,region");
        ok("session", "start", "--idle-timeout-minutes", "300");

        // a table created in Glue after the session started: the session's queries read it
        Path source = Files.createDirectories(dir.resolve("source"));
        Files.writeString(source.resolve("late.csv"), "k,v\n1,10\n2,20\n3,12\n");
        ok("load", "--tables", "late", "--source", source.toString());
        long jobRuns = calls("StartJobRun");
        assertThat(ok("query", "SELECT count(*) AS n, sum(v) AS s FROM late", "--format", "csv")).startsWith("n,s\n3,42\n");
        assertThat(calls("StartJobRun")).as("answered by the session, not a job run").isEqualTo(jobRuns);

        // a temporary view: only the session's Spark knows it (not Glue, not a job run)
        ok("query", "CREATE TEMPORARY VIEW session_only AS SELECT CAST(7 AS INT) AS id, 'x' AS label, DATE '1998-12-01' AS day");
        long glueListings = calls("GetTables");
        long glueLookups = calls("GetTable");
        assertThat(ok("tables")).isEqualTo("late\nnation\nregion\nsession_only\n");
        assertThat(ok("describe", "--table", "session_only")).isEqualTo("id     int\nlabel  string\nday    date\n");
        assertThat(ok("describe", "--table", "NATION")).isEqualTo(
                "n_nationkey  bigint\nn_name       string\nn_regionkey  bigint\nn_comment    string\n");
        assertThat(calls("GetTables")).as("tables asked the session, not Glue").isEqualTo(glueListings);
        assertThat(calls("GetTable")).as("describe asked the session, not Glue").isEqualTo(glueLookups);

        // completion reads what 'tables' fetched from the session: the view only the session knows completes
        assertThat(tableNames.tables()).containsExactly("late", "nation", "region", "session_only");
        assertThat(complete("describe", "--table", "sess")).contains("session_only").doesNotContain("late", "nation", "region");

        // (the exit status stays non-zero after the first failure: every command after this one is checked by its output)
        String unknown = run("describe", "--table", "no_such_table");
        assertThat(exitStatus.code()).isNotZero();
        assertThat(unknown.strip()).endsWith("unknown table 'no_such_table' in database 'cat_s' (as the open session's Spark sees it)")
                .doesNotContain("\n");

        // after the session: Glue answers again, and the view is gone with the session
        assertThat(run("session", "stop")).containsPattern("Session \\w+ TERMINATED");
        assertThat(run("tables")).isEqualTo("late\nnation\nregion\n");
        assertThat(calls("GetTables")).isGreaterThan(glueListings);
        assertThat(tableNames.tables()).containsExactly("late", "nation", "region");
        String gone = run("describe", "--table", "session_only");
        assertThat(gone.strip()).endsWith("unknown table 'session_only' in Glue database 'cat_s'");
        assertThat(run("disconnect")).contains("Disconnected");
    }
}
