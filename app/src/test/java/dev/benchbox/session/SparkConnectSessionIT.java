package dev.benchbox.session;

import dev.benchbox.IntegrationTest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.benchbox.BenchboxException;
import dev.benchbox.dataset.Column;
import dev.benchbox.platform.RowSink;
import dev.benchbox.platform.SessionInfo;
import dev.benchbox.platform.duckdb.DuckDbPlatform;
import dev.benchbox.platform.emr.session.SessionApi;
import dev.benchbox.platform.emr.session.SignedSessionApi;
import dev.benchbox.platform.emr.session.SparkConnectClient;
import dev.benchbox.results.print.OutputFormat;
import dev.benchbox.shell.CommandLineRunner;
import dev.benchbox.shell.ExitStatus;
import dev.benchbox.shell.ShellTestSupport;
import dev.benchbox.shell.TestEnvironment;
import dev.benchbox.standin.Await;
import dev.benchbox.standin.MutableClock;
import dev.benchbox.standin.AwsStandIn;
import dev.benchbox.standin.StandInConfig;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
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
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * An EMR Serverless session end to end on the stand-in, as the issue's "done when" says: connect (creating an
 * application on emr-7.13.0, sessions enabled by the shell), load TPC-H SF 0.01, {@code session start} (a REAL Spark
 * Connect 3.5 server in a child JVM behind the token interceptor), queries through it — one interrupted —, an SQL error
 * as one line, the values printed exactly as DuckDB prints them, token refresh, {@code cost} with the session's dollars,
 * {@code disconnect}: the session ends TERMINATED and no server is left running.
 */
@SpringBootTest(properties = {"spring.shell.interactive.enabled=false", "benchbox.errors-on-terminal=true"})
@Import({ShellTestSupport.class, TestEnvironment.class})
@IntegrationTest
class SparkConnectSessionIT {
    /** The same values, typed, on both engines: DATE, DECIMAL, TIMESTAMP, NULL, strings, integers, doubles. */
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

    private long calls(String operation) {
        return aws.requests().stream().filter(r -> r.operation().equals(operation)).count();
    }

    @Test
    void sessionStartQueriesInterruptCostAndDisconnectOnARealSparkConnectServer() throws Exception {
        String connected = run("connect", "emr-serverless", "--endpoint-url", aws.endpoint().toString(), "--region", "us-east-1",
                "--s3-staging-dir", "s3://" + aws.bucket() + "/sessions/", "--execution-role-arn", AwsStandIn.EXECUTION_ROLE,
                "--create-application", "--release-label", "emr-7.13.0");
        assertThat(exitStatus.code()).as(connected).isZero();
        run("create-schema", "tpch_s");
        String loaded = run("load", "tpch", "--scale", "0.01");
        assertThat(exitStatus.code()).as(loaded).isZero();

        long jobRuns = calls("StartJobRun");
        String started = run("session", "start", "--idle-timeout-minutes", "300", "--name", "it");
        assertThat(exitStatus.code()).as(started).isZero();
        assertThat(started).containsPattern("session \\w+ (SUBMITTED|STARTING) after [0-9.]+ s")
                .containsPattern("Session \\w+ (STARTED|IDLE): queries now run through it \\(idle timeout 300 minutes");
        // the shell enabled sessions on the application it created (AWS updates only a stopped one)
        assertThat(aws.requests()).filteredOn(r -> r.operation().equals("UpdateApplication"))
                .anySatisfy(r -> assertThat(r.input().at("/interactiveConfiguration/sessionEnabled").asBoolean()).isTrue());
        assertThat(aws.requests()).filteredOn(r -> r.operation().equals("StartSession"))
                .singleElement().satisfies(r -> assertThat(r.input().get("idleTimeoutMinutes").asLong()).isEqualTo(300));

        // queries answer through the session: no job run
        String count = run("query", "SELECT count(*) AS n FROM lineitem");
        assertThat(count).as(count).contains("60175").containsPattern("\\(1 row, [0-9.]+ (ms|s)\\)");
        String regions = run("query", "SELECT r_name FROM region ORDER BY 1", "--format", "csv");
        assertThat(regions).startsWith("r_name\nAFRICA\nAMERICA\nASIA\nEUROPE\nMIDDLE EAST\n");
        String q6 = run("query", "SELECT sum(l_extendedprice * l_discount) AS revenue FROM lineitem WHERE l_shipdate >= DATE '1994-01-01' "
                + "AND l_shipdate < DATE '1995-01-01' AND l_discount BETWEEN 0.05 AND 0.07 AND l_quantity < 24", "--format", "csv");
        assertThat(q6).startsWith("revenue\n1193053.2253\n");
        assertThat(calls("StartJobRun")).isEqualTo(jobRuns);

        // a power run through the session: every query answers there, validated, and no job run starts
        String power = run("run", "tpch", "--scale", "0.01", "--queries", "1,6,13", "--iterations", "1", "--via", "session", "--details");
        assertThat(exitStatus.code()).as(power).isZero();
        assertThat(power).contains("3 query executions, 3 validated (3 exact), 0 failed, 0 errors");
        // rows read, from the plan metrics Spark Connect sends: all of lineitem for Q1 and Q6; no phases through a session
        assertThat(power).containsPattern("Q6 +iteration 1 .*validated \\(exact\\)  \\[read 60.2k rows\\]\n")
                .containsPattern("Q1 +iteration 1 .*validated \\(exact\\)  \\[read 60.2k rows\\]\n")
                .containsPattern("Q13 +iteration 1 .*  \\[read \\d+(\\.\\d+)?k rows\\]\n")
                .containsPattern("\nQ6 +- +- +60.2k +- +- +- +- +-\n")
                .contains("Through a session: rows read per query from Spark Connect's plan metrics; Spark's planning phases, "
                        + "bytes read, shuffles and spills are not reported through a session");
        assertThat(calls("StartJobRun")).isEqualTo(jobRuns);

        // the same values print exactly as on DuckDB
        String spark = run("query", TYPED, "--format", "csv");
        String json = run("query", TYPED, "--format", "json");
        assertThat(spark).startsWith(duckDb(OutputFormat.CSV)).startsWith("d,m,t,n,s,b,f\n1998-12-01,1234.50,2024-01-02T03:04:05,,\"x,y\",42,0.50\n");
        assertThat(json).startsWith(duckDb(OutputFormat.JSON));

        // an SQL error is one line with Spark's error class
        String error = run("query", "SELECT * FROM no_such_table");
        assertThat(error.strip()).contains("Spark: [TABLE_OR_VIEW_NOT_FOUND]").doesNotContain("\n").doesNotContain("at org.");

        // Ctrl-C interrupts the running operation by its tag and keeps the session
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread query = new Thread(() -> {
            try {
                session.platform().execute("tpch_s", "SELECT sum(id % 7) FROM range(0, 100000000000)", RowSink.DISCARD);
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        query.start();
        Await.until("the query running on the session", () -> Arrays.stream(query.getStackTrace())
                .anyMatch(frame -> frame.getClassName().startsWith("io.grpc.stub.ClientCalls")));
        Instant interrupted = Instant.now();
        query.interrupt();
        query.join(30_000);
        assertThat(query.isAlive()).isFalse();
        assertThat(failure.get()).isInstanceOf(BenchboxException.class).hasMessage("query cancelled (the session stays open)");
        assertThat(Duration.between(interrupted, Instant.now())).isLessThan(Duration.ofSeconds(10));

        // past the token's lifetime (its server refuses it now) the shell gets a fresh one and answers
        long endpoints = calls("GetSessionEndpoint");
        aws.sessions().expireTokens(sessionId());
        String afterExpiry = run("query", "SELECT count(*) AS n FROM nation", "--format", "csv");
        assertThat(afterExpiry).startsWith("n\n25\n");
        assertThat(calls("GetSessionEndpoint")).isGreaterThan(endpoints);

        tokens(applicationId(), sessionId());

        String status = run("session", "status");
        assertThat(status).contains("Session:       " + sessionId() + " (it)").containsPattern("State: +(IDLE|STARTED|BUSY)")
                .contains("Release:       emr-7.13.0").contains("Idle timeout:  300 minutes");

        String twice = run("session", "start");
        assertThat(twice.strip()).endsWith("session " + sessionId() + " is already open: 'session stop' ends it first").doesNotContain("\n");

        String cost = run("cost");
        assertThat(cost).containsPattern(sessionId() + " +it +(IDLE|STARTED|BUSY) \\(estimate\\)").contains("$");

        String sessionId = sessionId();
        maxCostCancelsTheRunningStatementAndTerminatesTheSession(sessionId);

        String again = run("session", "start", "--name", "again");
        assertThat(again).containsPattern("Session \\w+ (STARTED|IDLE): queries now run through it");
        String againId = sessionId();
        String disconnected = run("disconnect");
        assertThat(disconnected).contains("Disconnected: terminating the open session");
        assertThat(aws.sessions().history(againId)).endsWith("TERMINATING", "TERMINATED");
        Await.until("the session's server stopped", () -> aws.sessions().running().isEmpty());
        String costAfter = run("cost");
        assertThat(costAfter).containsPattern(sessionId + " +it +TERMINATED +.+ billed +\\d+\\.\\d+").contains("$");
    }

    /**
     * {@code --max-cost} over the open session: a limit 5% above what it was billed so far (at least its first minute);
     * a long statement is cancelled once the projection passes it, and the session is terminated (it bills while idle).
     */
    private void maxCostCancelsTheRunningStatementAndTerminatesTheSession(String id) {
        dev.benchbox.cost.JobRunUsage open = session.platform().jobRuns().stream().filter(u -> u.jobRunId().equals(id)).findFirst().orElseThrow();
        java.math.BigDecimal now = dev.benchbox.cost.CostCalculator.cost(open.billed(),
                dev.benchbox.cost.PricingTable.load().price(open.region(), open.architecture())).total();
        java.math.BigDecimal limit = now.multiply(new java.math.BigDecimal("1.05"));
        Instant asked = Instant.now();
        try (var cap = dev.benchbox.platform.SpendingCap.over(session.platform(), limit)) {
            assertThatThrownBy(() -> session.platform().execute("tpch_s", "SELECT sum(id % 7) FROM range(0, 100000000000)", RowSink.DISCARD))
                    .isInstanceOf(dev.benchbox.platform.WorkCancelled.class)
                    .hasMessageContaining("passed --max-cost")
                    .hasMessageContaining("while session " + id + " had been up")
                    .hasMessageContaining(": the running statement was cancelled, session " + id + " was terminated; billed so far $");
            assertThat(cap.passed()).isTrue();
        }
        assertThat(Duration.between(asked, Instant.now())).isLessThan(Duration.ofMinutes(2));
        assertThat(session.platform().sessions().orElseThrow().isOpen()).isFalse();
        assertThat(aws.sessions().history(id)).endsWith("TERMINATING", "TERMINATED");
        Await.until("the capped session's server stopped", () -> aws.sessions().running().isEmpty());
    }

    /** Missing, wrong and expired tokens are refused; one refresh recovers from a refused token. */
    private void tokens(String app, String sessionId) throws Exception {
        SessionApi api = new SignedSessionApi(aws.endpoint(), "us-east-1",
                StaticCredentialsProvider.create(AwsBasicCredentials.create(AwsStandIn.ACCESS_KEY, AwsStandIn.SECRET_KEY)), Duration.ofSeconds(10));
        SessionApi.Endpoint real = api.endpoint(app, sessionId);
        SessionApi.Endpoint wrong = new SessionApi.Endpoint(real.url(), "not-the-token", Instant.now().plusSeconds(3600));
        SessionApi.Endpoint missing = new SessionApi.Endpoint(real.url(), "", Instant.now().plusSeconds(3600));

        // refused once, refreshed, answered
        AtomicInteger fetched = new AtomicInteger();
        try (SparkConnectClient client = new SparkConnectClient(() -> fetched.getAndIncrement() == 0 ? wrong : api.endpoint(app, sessionId),
                Clock.systemUTC())) {
            assertThat(rows(client, "SELECT 1 AS one")).containsExactly(List.of(1));
        }
        assertThat(fetched).hasValue(2);

        for (SessionApi.Endpoint refused : List.of(wrong, missing)) {
            try (SparkConnectClient client = new SparkConnectClient(() -> refused, Clock.systemUTC())) {
                assertThatThrownBy(() -> rows(client, "SELECT 1")).isInstanceOf(BenchboxException.class)
                        .hasMessageStartingWith("the session refused the token even after a refresh");
            }
        }

        // before its token's lifetime runs out, by the client's clock, the client fetches a fresh one
        MutableClock clientClock = new MutableClock(Instant.now());
        AtomicInteger proactive = new AtomicInteger();
        try (SparkConnectClient client = new SparkConnectClient(() -> {
            proactive.incrementAndGet();
            return api.endpoint(app, sessionId);
        }, clientClock)) {
            assertThat(rows(client, "SELECT 1 AS one")).containsExactly(List.of(1));
            assertThat(rows(client, "SELECT 1 AS one")).containsExactly(List.of(1));
            assertThat(proactive).as("a valid token is reused").hasValue(1);
            clientClock.advance(Duration.ofHours(2)); // AWS's tokens last about an hour
            assertThat(rows(client, "SELECT 1 AS one")).containsExactly(List.of(1));
            assertThat(proactive).as("an expired token is refreshed before use").hasValue(2);
        }

        // an expired token: issued already expired, used anyway (the client believes it is still valid)
        aws.sessions().tokenLifetime(Duration.ofSeconds(-1));
        SessionApi.Endpoint shortLived = api.endpoint(app, sessionId);
        aws.sessions().tokenLifetime(Duration.ofMinutes(60));
        SessionApi.Endpoint stale = new SessionApi.Endpoint(shortLived.url(), shortLived.authToken(), Instant.now().plusSeconds(3600));
        try (SparkConnectClient client = new SparkConnectClient(() -> stale, Clock.systemUTC())) {
            assertThatThrownBy(() -> rows(client, "SELECT 1")).hasMessageContaining("invalid or expired x-aws-proxy-auth token");
        }
    }

    private static List<List<Object>> rows(SparkConnectClient client, String sql) {
        List<List<Object>> rows = new ArrayList<>();
        client.execute(sql, new RowSink() {
            @Override
            public void begin(List<Column> columns) {
            }

            @Override
            public void row(List<?> values) {
                rows.add(new ArrayList<>(values));
            }

            @Override
            public void end() {
            }
        });
        return rows;
    }

    private static String duckDb(OutputFormat format) throws Exception {
        try (DuckDbPlatform duck = DuckDbPlatform.open(null)) {
            StringWriter out = new StringWriter();
            var printer = dev.benchbox.results.print.OutputPrinters.create(format, out);
            duck.execute(duck.defaultSchema(), TYPED, new RowSink() {
                @Override
                public void begin(List<Column> columns) throws java.io.IOException {
                    printer.begin(columns);
                }

                @Override
                public void row(List<?> values) throws java.io.IOException {
                    printer.row(values);
                }

                @Override
                public void end() throws java.io.IOException {
                    printer.end();
                }
            });
            return out.toString();
        }
    }

    private static String applicationId() {
        return aws.requests().stream().filter(r -> r.operation().equals("StartSession")).reduce((a, b) -> b).orElseThrow()
                .input().get("applicationId").asText();
    }

    private String sessionId() {
        return session.platform().sessions().orElseThrow().status().map(SessionInfo::id).orElseThrow();
    }
}
