package dev.benchbox.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.benchbox.platform.emr.EmrServerlessPlatform;
import dev.benchbox.platform.emr.SlowJob;
import dev.benchbox.session.Session;
import dev.benchbox.shell.ShellTestSupport.Result;
import dev.benchbox.standin.AwsStandIn;
import dev.benchbox.standin.WithAwsStandIn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * {@code --max-cost} while the work runs, as typed, against the stand-in: the stand-in's clock runs ten minutes behind
 * the shell's, so a job run is ten minutes old when the shell first sees it RUNNING, and its workers' projected cost
 * passes the limit at that poll (a limit the estimate is under). The stand-in's slow job runs until it is cancelled,
 * leaving the results of what it finished.
 */
@WithAwsStandIn
@SpringBootTest(properties = {"spring.shell.interactive.enabled=false", "benchbox.errors-on-terminal=true"})
@Import({ShellTestSupport.class, TestEnvironment.class})
class EmrBudgetCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
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

    private SlowJob job;

    @BeforeAll
    static void credentials() {
        System.setProperty("aws.accessKeyId", AwsStandIn.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", AwsStandIn.SECRET_KEY);
    }

    @BeforeEach
    void slowJobTenMinutesBehind(AwsStandIn standIn) {
        aws = standIn;
        job = new SlowJob(() -> aws, 1);
        aws.reset(aws.config().withClock(Clock.fixed(Instant.now().minus(Duration.ofMinutes(10)), ZoneOffset.UTC)).withExecutor(job));
        ShellTestSupport.takeOutput(terminal);
        TestEnvironment.VARIABLES.clear();
    }

    @AfterEach
    void disconnect() {
        job.release();
        session.disconnect();
    }

    private Result type(String line) {
        return ShellTestSupport.type(shell, parser, terminal, line);
    }

    private void connect(String prefix) {
        assertThat(type("connect emr-serverless --endpoint-url " + aws.endpoint() + " --s3-staging-dir s3://" + aws.bucket() + "/"
                + prefix + "/ --execution-role-arn " + AwsStandIn.EXECUTION_ROLE + " --create-application").error()).isNull();
    }

    private String applicationId() {
        return session.currentPlatform().map(p -> ((EmrServerlessPlatform) p).applicationId()).orElseThrow();
    }

    /** The application's job runs, newest first. */
    private List<String> jobRunIds() {
        try (var emr = aws.emrServerlessClient()) {
            return emr.listJobRuns(b -> b.applicationId(applicationId())).jobRuns().stream()
                    .sorted(java.util.Comparator.comparing(software.amazon.awssdk.services.emrserverless.model.JobRunSummary::createdAt).reversed())
                    .map(software.amazon.awssdk.services.emrserverless.model.JobRunSummary::id).toList();
        }
    }

    @Test
    void aRunPastItsLimitIsCancelledAtThePollThatSeesItAndWhatFinishedIsKeptInAResultsFileMarkedCancelled() throws Exception {
        connect("budget-run");
        assertThat(type("create-schema benchbox").error()).isNull();
        assertThat(type("load tpch --scale 0.01").error()).isNull();

        Result run = type("run tpch --scale 0.01 --queries 1,6 --iterations 1 --validate off --max-cost 0.05");

        String app = applicationId();
        String jobRun = jobRunIds().get(0);
        assertThat(run.outcome().kind()).isEqualTo(BenchboxShell.Outcome.Kind.FAILED);
        Matcher error = Pattern.compile("projected cost \\$\\d+\\.\\d\\d passed --max-cost \\$0\\.05 while job run " + jobRun
                + " ran 10m \\d\\ds on \\d+ workers \\(each billed at least a minute\\): benchbox power run r-[\\w-]+ \\(job run " + jobRun
                + "\\) was cancelled; billed so far \\$0\\.\\d\\d \\(job runs as AWS billed them\\), see 'cost'; what finished is saved to "
                + "(.+\\.json), marked as cancelled").matcher(run.error());
        assertThat(error.matches()).as(run.error()).isTrue();
        // cancelled at the first poll that saw it RUNNING, and nothing left running
        List<String> states = aws.jobRunStates(app, jobRun);
        assertThat(states).endsWith("RUNNING", "CANCELLING", "CANCELLED");
        assertThat(job.running()).isZero();
        assertThat(aws.requests().stream().filter(r -> r.operation().equals("CancelJobRun"))).hasSize(1);

        // what finished (Q1) is kept, the file says why the rest is missing and what was billed
        assertThat(run.output()).contains("Incomplete: cancelled after 1 of 2 measured executions, job runs billed $0.");
        JsonNode file = JSON.readTree(Files.readString(Path.of(error.group(1)).isAbsolute() ? Path.of(error.group(1))
                : Path.of("").toAbsolutePath().resolve(error.group(1))));
        assertThat(file.at("/queries").size()).isEqualTo(1);
        assertThat(file.at("/queries/0/id").asText()).isEqualTo("Q1");
        assertThat(file.at("/run/cancelled/reason").asText()).isEqualTo(run.error().substring(0, run.error().indexOf("; what finished")));
        assertThat(file.at("/run/cancelled/cancelled_job_runs/0").asText()).isEqualTo(jobRun);
        assertThat(file.at("/run/cancelled/executions_run").asInt()).isEqualTo(1);
        assertThat(file.at("/run/cancelled/executions_planned").asInt()).isEqualTo(2);
        assertThat(file.at("/run/cancelled/billed_usd").decimalValue()).isEqualByComparingTo(file.at("/job_runs/0/billed_usd").decimalValue());
        assertThat(file.at("/summary/power_at_size").isMissingNode()).isTrue();
        assertThat(file.at("/summary/power_note").asText()).isEqualTo("no metric: the run was cancelled before it finished");

        // the ledger holds the billed part
        assertThat(type("cost").output()).containsPattern(jobRun + " +benchbox power run r-[\\w-]+ +CANCELLED");
    }

    /** The estimate in a refusal ({@code estimated cost $X exceeds ...}): a limit the work starts under. */
    private static String estimateIn(Result refused) {
        Matcher estimate = Pattern.compile("estimated cost \\$(\\d+\\.\\d\\d)").matcher(String.valueOf(refused.error()));
        assertThat(estimate.find()).as(refused.error()).isTrue();
        return estimate.group(1);
    }

    /** {@code projected cost $X passed --max-cost $LIMIT while job run J ran 10m ..s ...: benchbox KIND r-.. (job run J) was cancelled; ...}. */
    private static String cancelledLine(String limit, String jobRun, String kind) {
        return "projected cost \\$\\d+\\.\\d\\d passed --max-cost \\$" + Pattern.quote(limit) + " while job run " + jobRun
                + " ran 10m \\d\\ds on \\d+ workers \\(each billed at least a minute\\): benchbox " + kind + " [rg]-[\\w-]+ \\(job run "
                + jobRun + "\\) was cancelled; billed so far \\$\\d+\\.\\d\\d \\(job runs as AWS billed them\\), see 'cost'";
    }

    private void assertNothingLeftRunning(String jobRun) {
        assertThat(aws.jobRunStates(applicationId(), jobRun)).endsWith("RUNNING", "CANCELLING", "CANCELLED");
        assertThat(job.running()).isZero();
        assertThat(type("cost").output()).containsPattern(jobRun + " +benchbox [\\w ]+ [rg]-[\\w-]+ +CANCELLED");
    }

    @Test
    void aQueryPastItsLimitIsCancelledInFlight() {
        connect("budget-query");
        assertThat(type("create-schema benchbox").error()).isNull();
        String limit = estimateIn(type("query \"SELECT 1\" --max-cost 0"));

        Result query = type("query \"SELECT 1\" --max-cost " + limit);

        String jobRun = jobRunIds().get(0);
        assertThat(query.outcome().kind()).isEqualTo(BenchboxShell.Outcome.Kind.FAILED);
        assertThat(query.error()).matches(cancelledLine(limit, jobRun, "query"));
        assertNothingLeftRunning(jobRun);
    }

    @Test
    void aGenerationJobRunPastItsLimitIsCancelledInFlight() {
        connect("budget-load");
        assertThat(type("create-schema benchbox").error()).isNull();
        String limit = estimateIn(type("load tpch --scale 1 --generate cluster --max-cost 0.01"));
        assertThat(jobRunIds()).isEmpty();

        Result load = type("load tpch --scale 1 --generate cluster --max-cost " + limit);

        String jobRun = jobRunIds().get(0);
        assertThat(load.outcome().kind()).isEqualTo(BenchboxShell.Outcome.Kind.FAILED);
        assertThat(load.error()).matches(cancelledLine(limit, jobRun, "load"));
        assertNothingLeftRunning(jobRun);
    }

    @Test
    void aSweepPastItsLimitStopsWhileAConfigurationRunsKeepingWhatItFinished() throws Exception {
        connect("budget-sweep-during");
        assertThat(type("create-schema benchbox").error()).isNull();
        assertThat(type("load tpch --scale 0.01").error()).isNull();
        String sweep = "run tpch --scale 0.01 --queries 1,6 --iterations 1 --validate off --sweep executors=2x4vCPU-16GB,4x4vCPU-16GB --max-cost ";
        String limit = estimateIn(type(sweep + "0.01"));

        Result run = type(sweep + limit);

        String jobRun = jobRunIds().get(0);
        assertThat(jobRunIds()).hasSize(1);
        Matcher error = Pattern.compile("sweep stopped by --max-cost: " + cancelledLine(limit, jobRun, "power run")
                + " \\(what executors-2x4vCPU-16GB finished: (.+\\.json)\\); 0 of 2 configurations have results in (.+); "
                + "run the same command again to resume \\(with a higher --max-cost\\)").matcher(String.valueOf(run.error()));
        assertThat(error.matches()).as(run.error()).isTrue();
        assertThat(JSON.readTree(Files.readString(Path.of(error.group(1)))).at("/queries/0/id").asText()).isEqualTo("Q1");
        assertNothingLeftRunning(jobRun);
    }

    @Test
    void aSweepWhoseSpendingLeavesTooLittleForTheNextConfigurationStopsBeforeItKeepingTheFinishedOnes() {
        // the first configuration's job runs ten minutes by the stand-in's clock (billed more than estimated); the second never starts
        dev.benchbox.standin.MutableClock clock = new dev.benchbox.standin.MutableClock(Instant.now());
        dev.benchbox.platform.emr.ScriptedJobOutputs outputs = new dev.benchbox.platform.emr.ScriptedJobOutputs(() -> aws, 0.01);
        aws.reset(aws.config().withClock(clock).withExecutor(request -> {
            dev.benchbox.standin.JobExecutor.JobResult result = outputs.run(request);
            clock.advance(Duration.ofMinutes(10));
            return result;
        }));
        connect("budget-sweep-before");
        assertThat(type("create-schema benchbox").error()).isNull();
        assertThat(type("load tpch --scale 0.01").error()).isNull();
        String sweep = "run tpch --scale 0.01 --queries 6 --iterations 1 --validate off --sweep executors=2x4vCPU-16GB,4x4vCPU-16GB --max-cost ";
        String limit = estimateIn(type(sweep + "0.01"));

        Result run = type(sweep + limit);

        assertThat(run.output()).contains("[1/2] executors=2x4vCPU-16GB").doesNotContain("[2/2]");
        assertThat(run.error()).matches("sweep stopped by --max-cost: the estimate \\$\\d+\\.\\d\\d of executors-4x4vCPU-16GB exceeds the "
                + "\\$0\\.00 --max-cost \\$" + Pattern.quote(limit) + " leaves after \\$0\\.\\d\\d billed; 1 of 2 configurations have results "
                + "in .+; run the same command again to resume \\(with a higher --max-cost\\)");
        assertThat(aws.requests().stream().filter(r -> r.operation().equals("StartJobRun"))).hasSize(1);
    }

    @Test
    void theIdleWarmWorkersOfAUsersOwnStartedApplicationCountFromWhenTheShellSawItStartedAndSaySo() {
        String id;
        try (var emr = aws.emrServerlessClient()) {
            // without auto-stop it stays STARTED until the shell connects (the stand-in's idle minutes are short)
            id = emr.createApplication(b -> b.name("users-warm").releaseLabel("emr-7.0.0").type("SPARK").clientToken("warm-1")
                    .autoStopConfiguration(a -> a.enabled(false))
                    .initialCapacity(java.util.Map.of("Driver", software.amazon.awssdk.services.emrserverless.model.InitialCapacityConfig
                            .builder().workerCount(1L).workerConfiguration(w -> w.cpu("2 vCPU").memory("4 GB")).build())))
                    .applicationId();
            dev.benchbox.standin.Await.until("CREATED", () -> emr.getApplication(b -> b.applicationId(id)).application().stateAsString().equals("CREATED"));
            emr.startApplication(b -> b.applicationId(id));
            dev.benchbox.standin.Await.until("STARTED", () -> emr.getApplication(b -> b.applicationId(id)).application().stateAsString().equals("STARTED"));
        }
        assertThat(type("connect emr-serverless --endpoint-url " + aws.endpoint() + " --s3-staging-dir s3://" + aws.bucket()
                + "/budget-warm/ --execution-role-arn " + AwsStandIn.EXECUTION_ROLE + " --application-id " + id).error()).isNull();
        // time passes as the user works: a load of this machine's data
        assertThat(type("create-schema benchbox").error()).isNull();
        assertThat(type("load tpch --scale 0.01 --tables region,nation").error()).isNull();

        // the ledger bills whole seconds: on a fast machine connect and load take less than one, so wait for the first
        java.util.regex.Pattern line = java.util.regex.Pattern.compile(id + " +idle pre-initialised workers since seen started +STARTED");
        java.util.concurrent.atomic.AtomicReference<String> shown = new java.util.concurrent.atomic.AtomicReference<>();
        dev.benchbox.standin.Await.until("a billed second of idle warm workers", () -> {
            shown.set(type("cost").output());
            return line.matcher(shown.get()).find();
        });
        String cost = shown.get();

        assertThat(cost).containsPattern(line)
                .contains("An application this shell did not start counts from when the shell first saw it started, and only while"
                        + " connected: its idle time before or after that is unknown to the shell.");
        type("disconnect");
        assertThat(aws.applicationStates(id)).last().isEqualTo("STARTED"); // the user's own: left as it was
        // the line stays in the ledger, counted to the disconnect
        assertThat(type("cost").output()).containsPattern(id + " +idle pre-initialised workers since seen started +DISCONNECTED");
    }
}
