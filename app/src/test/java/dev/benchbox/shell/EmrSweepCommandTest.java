package dev.benchbox.shell;

import dev.benchbox.shell.ShellTestSupport.Result;

import static org.assertj.core.api.Assertions.assertThat;

import dev.benchbox.session.Session;
import dev.benchbox.standin.AwsStandIn;
import dev.benchbox.standin.WithAwsStandIn;
import java.nio.file.Path;
import java.util.List;
import org.jline.reader.Parser;
import org.jline.terminal.Terminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code run tpch --sweep} on EMR Serverless as typed, against the stand-in (jobs not run on Spark here: the 2 × 2
 * sweep on real Spark is {@code EmrSweepIT}): refusals before anything is sent or started, and a failing
 * configuration's application deleted all the same.
 */
@WithAwsStandIn
@SpringBootTest(properties = {"spring.shell.interactive.enabled=false", "benchbox.errors-on-terminal=true"})
@Import({ShellTestSupport.class, TestEnvironment.class})
class EmrSweepCommandTest {
    @TempDir
    static Path dir;
    static AwsStandIn aws;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("benchbox.results-dir", () -> dir.resolve("results").toString());
        registry.add("BENCHBOX_HOME", () -> dir.resolve("home").toString());
    }

    @Autowired
    BenchboxShell shell;
    @Autowired
    Parser parser;
    @Autowired
    Terminal terminal;
    @Autowired
    Session session;

    @BeforeAll
    static void credentials() {
        System.setProperty("aws.accessKeyId", AwsStandIn.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", AwsStandIn.SECRET_KEY);
    }

    @BeforeEach
    void clear(AwsStandIn standIn) {
        aws = standIn;
        ShellTestSupport.takeOutput(terminal);
        TestEnvironment.VARIABLES.clear();
    }

    @AfterEach
    void disconnect() {
        session.disconnect();
    }

    private Result type(String line) {
        return ShellTestSupport.type(shell, parser, terminal, line);
    }

    /** The completion cache's background look-ups (table and schema names): they may trail an earlier command. */
    private static final java.util.Set<String> COMPLETION_LOOKUPS = java.util.Set.of("GetTables", "GetDatabases");

    /** Requests so far, leaving out the completion cache's background look-ups. */
    private static long sent() {
        return aws.requests().stream().filter(r -> !COMPLETION_LOOKUPS.contains(r.operation())).count();
    }

    private static long sent(String operation) {
        return aws.requests().stream().filter(r -> r.operation().equals(operation)).count();
    }

    private String options(String prefix) {
        return " --platform-option endpoint_url=" + aws.endpoint() + " --platform-option s3_staging_dir=s3://" + aws.bucket() + "/"
                + prefix + "/ --platform-option execution_role_arn=" + AwsStandIn.EXECUTION_ROLE
                + " --platform-option create_application=true";
    }

    @Test
    void aBadSweepInAOneShotRunIsRefusedInOneLineBeforeAnyAwsCall() {
        long before = sent();
        Result result = type("run --platform emr-serverless --benchmark tpch --scale 0.01 --sweep architecture=x86_64,sparc" + options("bad"));

        assertThat(result.error()).isEqualTo("invalid architecture 'sparc' in --sweep: expected x86_64 or arm64");
        assertThat(type("run --platform emr-serverless --benchmark tpch --scale 0.01 --sweep executors=2x4vCPU-16GB --max-cost lots"
                + options("bad")).error()).isEqualTo("--max-cost must be an amount in US dollars such as 5 or 0.50, not 'lots'");
        assertThat(sent()).isEqualTo(before);
    }

    @Test
    void theWholeSweepsEstimateIsShownAndCheckedAgainstMaxCostBeforeAnythingStarts() {
        assertThat(type("connect emr-serverless" + options("maxcost")).error()).isNull();
        long creates = sent("CreateApplication");

        Result result = type("run tpch --scale 0.01 --sweep executors=2x4vCPU-16GB,4x4vCPU-16GB --sweep architecture=x86_64,arm64"
                + " --max-cost 0.01");

        assertThat(result.output()).contains("on emr-serverless: 4 configurations, 2 applications created for it and deleted afterwards")
                .containsPattern("    1  executors=2x4vCPU-16GB architecture=x86_64  \\$0\\.\\d\\d\n")
                .containsPattern("    2  executors=4x4vCPU-16GB architecture=x86_64  \\$0\\.\\d\\d\n")
                .containsPattern("    3  executors=2x4vCPU-16GB architecture=arm64   \\$0\\.\\d\\d\n")
                .containsPattern("Estimated cost of the 4 configurations to run: \\$0\\.\\d\\d\n")
                .contains("  - job time: ");
        assertThat(result.error()).matches("estimated cost \\$0\\.\\d\\d of the sweep's 4 configurations exceeds --max-cost \\$0\\.01: not started");
        assertThat(sent("CreateApplication")).isEqualTo(creates);
        assertThat(sent("StartJobRun")).isZero();
    }

    @Test
    void aConfigurationWhoseJobFailsIsReportedItsApplicationDeletedAndTheSweepEndsWithAnError() {
        assertThat(type("connect emr-serverless" + options("failing")).error()).isNull();
        aws.faults().failNextJob("Executor lost");

        Result result = type("run tpch --scale 0.01 --queries 6 --sweep architecture=arm64");

        assertThat(result.output()).contains("[1/1] architecture=arm64\n").contains("[1/1] architecture=arm64 failed: ")
                .contains("Executor lost").containsPattern("Removed application \\w+ \\(emr-7.0.0, arm64\\) created for the sweep");
        assertThat(result.error()).isEqualTo("sweep finished with problems: 1 of 1 configurations failed (architecture-arm64): "
                + "run the same command again to retry them");
        assertThat(sent("DeleteApplication")).isEqualTo(1);
        assertThat(sent("StartJobRun")).isEqualTo(1);
        // the failed run was billed all the same: the session's cost lists it
        assertThat(type("cost").output()).containsPattern("\\w+ +benchbox power run r-[\\w-]+ +FAILED");
    }
}
