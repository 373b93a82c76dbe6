package dev.benchbox.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.benchbox.session.Session;
import dev.benchbox.standin.AwsStandIn;
import dev.benchbox.standin.WithAwsStandIn;
import dev.benchbox.standin.ModelValidator;
import dev.benchbox.standin.ServiceModel;
import dev.benchbox.standin.SessionLauncher;
import dev.benchbox.standin.StandInConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
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
 * {@code session start|status|stop} as typed, against the stand-in (the server behind a session is a plain loopback
 * socket here; SparkConnectSessionIT runs real Spark Connect): bad input is one line and sends nothing AWS would
 * refuse, a session's lifecycle and billing, its dry run.
 */
@WithAwsStandIn
@SpringBootTest(properties = {"spring.shell.interactive.enabled=false", "benchbox.errors-on-terminal=true"})
@Import({ShellTestSupport.class, TestEnvironment.class})
class SessionCommandsTest {
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
        aws.sessions().launcher(launch -> {
            ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            return new SessionLauncher.Server() {
                @Override
                public int port() {
                    return socket.getLocalPort();
                }

                @Override
                public boolean alive() {
                    return !socket.isClosed();
                }

                @Override
                public void stop() {
                    try {
                        socket.close();
                    } catch (IOException ignored) {
                        // closed already
                    }
                }
            };
        });
        ShellTestSupport.takeOutput(terminal);
    }

    @AfterEach
    void disconnect() {
        session.disconnect();
        assertThat(aws.sessions().running()).as("no session left running").isEmpty();
    }

    private Result type(String line) {
        List<String> words = parser.parse(line, line.length(), Parser.ParseContext.ACCEPT_LINE).words();
        BenchboxShell.Outcome outcome = shell.execute(words, line);
        String output = ShellTestSupport.takeOutput(terminal);
        return new Result(output, outcome.failure() == null ? null : ErrorReporter.message(outcome.failure()));
    }

    record Result(String output, String error) {
    }

    private static JsonNode statement(JsonNode policy, String sid) {
        for (JsonNode statement : policy.get("Statement")) {
            if (statement.path("Sid").asText().equals(sid)) {
                return statement;
            }
        }
        throw new AssertionError("no statement " + sid + " in " + policy);
    }

    private static long sent(String operation) {
        return aws.requests().stream().filter(r -> r.operation().equals(operation)).count();
    }

    private String connect(String extra) {
        Result connected = type("connect emr-serverless --endpoint-url " + aws.endpoint() + " --s3-staging-dir s3://" + aws.bucket()
                + "/sessions/ --execution-role-arn " + AwsStandIn.EXECUTION_ROLE + " " + extra);
        assertThat(connected.error()).isNull();
        return session.platform().capacity().orElseThrow().applicationId();
    }

    @Test
    void beforeConnectItIsUnavailableAndOnDuckDbItIsNotOffered() {
        assertThat(type("session start").error()).isEqualTo("'session start' is not available: you are not connected "
                + "(run 'connect emr-serverless ...' first)");
        type("connect duckdb");
        assertThat(type("session status").error()).isEqualTo("'session status' is not offered by the connected platform (duckdb): "
                + "sessions are EMR Serverless's (7.13.0+); connect emr-serverless for them");
    }

    @Test
    void runViaSessionNeedsAnOpenSessionAndIsRefusedBeforeAnyWork() {
        type("connect duckdb");
        assertThat(type("run tpch --scale 0.01 --via session").error()).isEqualTo("--via session: duckdb has no interactive sessions");
        assertThat(type("tables").output()).startsWith("No tables in schema");
        assertThat(type("run tpch --scale 0.01 --via sessions").error()).isEqualTo("invalid --via 'sessions': expected job or session");

        connect("--create-application --release-label emr-7.13.0");
        long jobRuns = sent("StartJobRun");
        long tables = sent("CreateTable");
        assertThat(type("run tpch --scale 0.01 --via session").error())
                .isEqualTo("--via session: no session is open: run 'session start' first");
        assertThat(type("run tpch --scale 0.01 --via session --streams 2").error())
                .isEqualTo("--via session goes alone: not with --sweep, --dry-run, --streams or --spark-conf");
        // nothing generated, uploaded or run
        assertThat(sent("StartJobRun")).isEqualTo(jobRuns);
        assertThat(sent("CreateTable")).isEqualTo(tables);
    }

    @Test
    void aReleaseBefore713IsOneLineAndNothingIsSent() {
        String app = connect("--create-application");
        long starts = sent("StartSession");
        assertThat(type("session start").error()).isEqualTo("application " + app + " runs emr-7.0.0: sessions need emr-7.13.0 or later, "
                + "or emr-spark-8.0.0 or later (connect with --release-label emr-7.13.0)");
        assertThat(sent("StartSession")).isEqualTo(starts);
    }

    @Test
    void aBroughtApplicationWithoutSessionsIsToldWhatToChangeAndLeftAsItWas() {
        String brought;
        try (var emr = aws.emrServerlessClient()) {
            brought = emr.createApplication(b -> b.name("brought").releaseLabel("emr-7.13.0").type("SPARK")).applicationId();
        }
        connect("--application-id " + brought);
        long starts = sent("StartSession");
        long updates = sent("UpdateApplication");
        assertThat(type("session start").error()).isEqualTo("sessions are not enabled on application " + brought
                + ": update it with interactiveConfiguration.sessionEnabled=true (it must be stopped), then try again");
        assertThat(sent("StartSession")).isEqualTo(starts);
        assertThat(sent("UpdateApplication")).isEqualTo(updates);
    }

    @Test
    void startStatusStopOnACreatedApplicationAndTheSessionIsBilled() {
        String app = connect("--create-application --release-label emr-7.13.0");
        assertThat(type("session start --idle-timeout-minutes 0").error())
                .isEqualTo("invalid --idle-timeout-minutes 0: expected 1 to 10080 (7 days)");

        Result started = type("session start --name adhoc");
        assertThat(started.error()).isNull();
        // how long starting took is said once: as it happened
        assertThat(started.output()).containsPattern("session \\w+ (SUBMITTED|STARTING|STARTED|IDLE) after [0-9.]+ s\n")
                .doesNotContain("started in")
                .containsPattern("Session \\w+ (STARTED|IDLE): queries now run through it \\(idle timeout 30 minutes;");
        String id = session.platform().sessions().orElseThrow().status().orElseThrow().id();
        assertThat(aws.applicationStates(app)).containsSubsequence("STARTED", "STOPPING", "STOPPED", "STARTING", "STARTED");

        assertThat(type("session start").error()).isEqualTo("session " + id + " is already open: 'session stop' ends it first");
        assertThat(type("session status").output()).contains("Session:       " + id + " (adhoc)\n").containsPattern("State: +(STARTED|IDLE)\n")
                .contains("Release:       emr-7.13.0\n").contains("Idle timeout:  30 minutes");

        Result stopped = type("session stop");
        assertThat(stopped.output()).contains("session " + id + " TERMINATED after ")
                .contains("Session " + id + " TERMINATED - Session was terminated by the user; 'cost' shows what it billed");
        assertThat(type("session stop").error()).isEqualTo("no session is open: 'session start' opens one");
        assertThat(type("session status").output()).isEqualTo("No session is open ('session start' opens one)\n");

        // a session bills its driver and executors, each at least a minute: 4 workers x 4 vCPU / 60 = 0.267 vCPU-hours
        assertThat(type("cost").output()).containsPattern(id + " +adhoc +TERMINATED +.+ billed +0\\.267 +1\\.067 ");
    }

    @Test
    void theLogOfAFailedSessionNamesTheCommandTheErrorAndTheIds() throws Exception {
        String app = connect("--create-application --release-label emr-7.13.0");
        aws.sessions().launcher(launch -> {
            throw new IllegalStateException("driver out of memory");
        });
        Path log = logFile();
        long from = Files.size(log);
        Result failed = type("session start --name broken");
        assertThat(failed.error()).contains("driver out of memory");
        String sessionId = aws.requests().stream().filter(r -> r.operation().equals("GetSession"))
                .map(r -> r.input().path("sessionId").asText()).reduce((a, b) -> b).orElseThrow();

        List<String> lines = logLinesFrom(log, from);
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("INFO").endsWith("dev.benchbox.command - command: session start --name broken"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("WARN").contains("dev.benchbox.command - command failed after ")
                .contains(": session start --name broken: " + failed.error() + "; ")
                .contains("application " + app).contains("session " + sessionId));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("AWS EMR Serverless StartSession (applicationId=" + app + ")")
                .contains("-> sessionId=" + sessionId + " ok in "));

        // a call AWS refuses is logged with its request ID, which is what AWS support asks for
        from = Files.size(log);
        aws.faults().refuseNext("StartSession", "Too many sessions");
        Result refused = type("session start");
        assertThat(refused.error()).contains("Too many sessions");
        assertThat(logLinesFrom(log, from)).anySatisfy(l -> assertThat(l).contains("WARN")
                .containsPattern("AWS EMR Serverless StartSession \\(/applications/" + app + "/sessions\\): HTTP 400 ValidationException, "
                        + "request ID [0-9a-f-]{36}"))
                .anySatisfy(l -> assertThat(l).contains("command failed after ").contains(": session start: " + refused.error()));
    }

    /** The log's lines written since {@code offset} (the log is shared by every test of this JVM). */
    private static List<String> logLinesFrom(Path log, long offset) throws IOException {
        byte[] all = Files.readAllBytes(log);
        return new String(all, (int) offset, all.length - (int) offset, java.nio.charset.StandardCharsets.UTF_8).lines().toList();
    }

    /** The log this JVM writes, as the shell's logback configuration opened it. */
    private static Path logFile() {
        ch.qos.logback.classic.LoggerContext logging = (ch.qos.logback.classic.LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
        ch.qos.logback.core.FileAppender<?> file = (ch.qos.logback.core.FileAppender<?>) logging.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
                .getAppender("FILE");
        return Path.of(file.getFile());
    }

    @Test
    void disconnectTerminatesTheOpenSession() {
        connect("--create-application --release-label emr-7.13.0");
        type("session start");
        String id = session.platform().sessions().orElseThrow().status().orElseThrow().id();
        assertThat(type("disconnect").output()).startsWith("Disconnected: terminating the open session, stopping application ");
        assertThat(aws.sessions().history(id)).endsWith("TERMINATING", "TERMINATED");
    }

    @Test
    void dryRunWritesTheStartSessionRequestAsTheApiReceivesIt() throws Exception {
        String app = connect("--create-application --release-label emr-7.13.0");
        long starts = sent("StartSession");
        Path preview = dir.resolve("preview-session");
        Result result = type("session start --idle-timeout-minutes 20 --name look --dry-run " + preview);
        assertThat(result.output()).isEqualTo("Dry run: StartSession written to " + preview + "; nothing was sent to AWS\n");
        assertThat(sent("StartSession")).isEqualTo(starts);
        Path file;
        try (Stream<Path> files = Files.list(preview)) {
            file = files.filter(p -> p.getFileName().toString().endsWith("-StartSession.json")).findFirst().orElseThrow();
        }
        JsonNode request = new ObjectMapper().readTree(file.toFile());
        assertThat(request.get("applicationId").asText()).isEqualTo(app);
        assertThat(request.get("executionRoleArn").asText()).isEqualTo(AwsStandIn.EXECUTION_ROLE);
        assertThat(request.get("idleTimeoutMinutes").asLong()).isEqualTo(20);
        assertThat(request.get("name").asText()).isEqualTo("look");
        assertThat(request.at("/configurationOverrides/applicationConfiguration/0/properties/spark.hadoop.hive.metastore.client.factory.class")
                .asText()).isEqualTo("com.amazonaws.glue.catalog.metastore.AWSGlueDataCatalogHiveClientFactory");
        ModelValidator validator = new ModelValidator(ServiceModel.load(StandInConfig.defaultModelsDir().resolve(StandInConfig.EMR_MODEL)));
        assertThat(validator.validate("StartSessionRequest", request)).isEmpty();

        // unnamed, a session is named as a created application is: benchbox-<UTC date>-<UTC time>
        Path unnamed = dir.resolve("preview-unnamed");
        assertThat(type("session start --dry-run " + unnamed).error()).isNull();
        try (Stream<Path> files = Files.list(unnamed)) {
            file = files.filter(p -> p.getFileName().toString().endsWith("-StartSession.json")).findFirst().orElseThrow();
        }
        assertThat(new ObjectMapper().readTree(file.toFile()).get("name").asText()).matches("benchbox-\\d{8}-\\d{6}");
    }

    @Test
    void iamPolicyAddsWhatTheCallerNeedsForSessions() throws Exception {
        Path out = dir.resolve("iam/sessions");
        Result result = type("iam-policy --s3-staging-dir s3://my-bucket/bench/ --database tpch --region eu-west-1 "
                + "--execution-role-arn arn:aws:iam::111122223333:role/EmrJobs --output " + out);
        assertThat(result.error()).isNull();
        JsonNode caller = new ObjectMapper().readTree(Files.readString(Path.of(out + "-caller.json")));
        JsonNode sessions = statement(caller, "EmrServerlessSessions");
        assertThat(sessions.get("Action")).extracting(JsonNode::asText).containsExactly("emr-serverless:StartSession",
                "emr-serverless:GetSession", "emr-serverless:GetSessionEndpoint", "emr-serverless:ListSessions",
                "emr-serverless:TerminateSession", "emr-serverless:TagResource", "emr-serverless:GetResourceDashboard");
        assertThat(sessions.get("Resource")).extracting(JsonNode::asText).containsExactly(
                "arn:aws:emr-serverless:eu-west-1:111122223333:/applications/*",
                "arn:aws:emr-serverless:eu-west-1:111122223333:/applications/*/sessions/*");
        JsonNode pass = statement(caller, "PassExecutionRole");
        assertThat(pass.at("/Action/0").asText()).isEqualTo("iam:PassRole");
        assertThat(pass.at("/Resource/0").asText()).isEqualTo("arn:aws:iam::111122223333:role/EmrJobs");
        assertThat(result.output()).contains("# What the user running BenchBox needs for the shell's own calls")
                .endsWith("and " + out + "-caller.json\n");
    }
}
