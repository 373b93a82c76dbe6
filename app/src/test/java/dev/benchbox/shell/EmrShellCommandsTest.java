package dev.benchbox.shell;

import dev.benchbox.shell.ShellTestSupport.Result;

import dev.benchbox.standin.Await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.benchbox.session.Session;
import dev.benchbox.standin.AwsStandIn;
import dev.benchbox.standin.WithAwsStandIn;
import dev.benchbox.standin.RecordedRequest;
import java.nio.file.Files;
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
import org.springframework.shell.CompletionContext;
import org.springframework.shell.CompletionProposal;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The EMR Serverless commands as a user types them, against the AWS stand-in through the real SDK clients. */
@WithAwsStandIn
@SpringBootTest(properties = {"spring.shell.interactive.enabled=false", "benchbox.errors-on-terminal=true"})
@Import({ShellTestSupport.class, TestEnvironment.class})
class EmrShellCommandsTest {
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
    @Autowired
    TableNameProvider tableNameProvider;
    @Autowired
    SessionCloser closer;
    @Autowired
    SchemaNameProvider schemaNameProvider;

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
        aws.faults().reset();
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

    private String connectLine(String extra) {
        return "connect emr-serverless --endpoint-url " + aws.endpoint() + " --s3-staging-dir s3://" + aws.bucket() + "/shell/"
                + " --execution-role-arn " + AwsStandIn.EXECUTION_ROLE + " " + extra;
    }

    @Test
    void connectCreatesAnApplicationThenCapacityShowSetStopStartAndDisconnectDelete() {
        Result connected = type(connectLine("--create-application --platform-option application_name=shell-test "
                + "--platform-option idle_timeout_minutes=30 --platform-option initial_capacity=Driver=1x2vCPU-4GB"));
        assertThat(connected.error()).isNull();
        // what connecting does is said before it is done, so the wait is not silent
        assertThat(connected.output()).startsWith("connecting to EMR Serverless at " + aws.endpoint() + " (us-east-1)\n"
                        + "creating application shell-test (emr-7.0.0)\n")
                .contains("\nConnected to EMR Serverless application ").contains("created by this session")
                .contains(", schema benchbox");
        RecordedRequest create = aws.requests().stream().filter(r -> r.operation().equals("CreateApplication")).reduce((a, b) -> b).orElseThrow();
        assertThat(create.input().at("/name").asText()).isEqualTo("shell-test");
        assertThat(create.input().at("/autoStopConfiguration/idleTimeoutMinutes").asInt()).isEqualTo(30);
        assertThat(create.input().at("/initialCapacity/Driver/workerConfiguration/cpu").asText()).isEqualTo("2 vCPU");

        Result capacity = type("capacity");
        assertThat(capacity.output()).contains("State:         STARTED").contains("Release:       emr-7.0.0, SPARK, X86_64")
                .contains("Initial:       Driver    1x2vCPU-4GB").contains("Auto-stop:     on, after 30 idle minutes")
                .contains("pre-initialised capacity is billed while the application is started");

        Result set = type("capacity set --driver 1x4vCPU-16GB --executors 4x4vCPU-16GB --max-cpu 32 --max-memory 128");
        assertThat(set.error()).isNull();
        assertThat(set.output()).contains("AWS only updates a stopped application: stopping")
                .contains("Initial:       Executor  4x4vCPU-16GB").contains("Maximum:       32 vCPU, 128 GB").contains("State:         STARTED");

        int before = aws.requests().size();
        assertThat(type("capacity set --executors 4x4vCPU-64GB").error())
                .isEqualTo("invalid --executors '4x4vCPU-64GB': worker size 4vCPU-64GB: a 4-vCPU worker takes 8-30 GB of memory");
        assertThat(type("capacity set --max-cpu 8").error()).contains("needs both --max-cpu and --max-memory");
        assertThat(aws.requests()).hasSize(before);

        assertThat(type("capacity stop").output()).contains("is STOPPED");
        assertThat(type("capacity start").output()).contains("is STARTED").contains("billed while the application is started");

        String id = session.currentPlatform().map(p -> ((dev.benchbox.platform.emr.EmrServerlessPlatform) p).applicationId()).orElseThrow();
        Result disconnected = type("disconnect --delete");
        assertThat(disconnected.output()).contains("Disconnected: deleting application " + id + " (created by this session)");
        assertThat(aws.applicationStates(id)).last().isEqualTo("TERMINATED");
    }

    @Test
    void tagsAreCheckedBeforeAnyAwsCallAndJobRunsShowsASparkUiLinkAndCostTheTagsToGroupTheBillBy() {
        aws.reset(aws.config().withExecutor(new dev.benchbox.platform.emr.ScriptedJobOutputs(() -> aws, 0.01)));
        long before = sent();
        Result refused = type(connectLine("--create-application --tag team=a|b"));
        assertThat(refused.error()).isEqualTo("invalid --tag value of 'team': up to 256 characters, letters, digits, spaces and _ . : / = + - @");
        assertThat(sent()).isEqualTo(before);

        assertThat(type(connectLine("--create-application --tag team=analytics,project=q3")).error()).isNull();
        assertThat(type("job-runs").output()).isEqualTo("No job runs in this session yet (give --id ID for another job run of the application)\n");
        assertThat(type("create-schema benchbox").error()).isNull();
        assertThat(type("query \"SELECT 1\"").error()).isNull();

        String jobRun = aws.requests().stream().filter(r -> r.operation().equals("StartJobRun")).findFirst().orElseThrow().input()
                .path("tags").toString();
        assertThat(jobRun).isEqualTo("{\"created-by\":\"benchbox\",\"project\":\"q3\",\"team\":\"analytics\"}");
        String listed = type("job-runs").output();
        assertThat(listed).startsWith("Job run").containsPattern("\n[0-9a-z]+ +query +SUCCESS +benchbox query r-")
                .containsPattern("Spark UI of [0-9a-z]+ \\(valid for about an hour\\): " + java.util.regex.Pattern.quote(aws.endpoint() + "/dashboard/"));
        assertThat(type("job-runs --id NOPE").error()).isEqualTo(
                "invalid job run id 'NOPE': EMR Serverless job run ids are 1-64 lower-case letters and digits, e.g. 00fabcdef1234567");
        assertThat(type("cost").output()).containsPattern("Tags to group the AWS bill by \\(cost allocation tags, once activated\\):\n"
                + "  [0-9a-z]+  created-by=benchbox, project=q3, team=analytics\n")
                .contains("This connection tags what it creates with created-by=benchbox, project=q3, team=analytics; ");
    }

    @Test
    void anEndpointWhereNothingListensIsOneLineAtOnceWithNoRetries() throws Exception {
        int port;
        try (java.net.ServerSocket closed = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        long before = sent();
        Result result = type("connect emr-serverless --endpoint-url http://127.0.0.1:" + port + " --s3-staging-dir s3://"
                + aws.bucket() + "/shell/ --execution-role-arn " + AwsStandIn.EXECUTION_ROLE + " --create-application");
        assertThat(result.error()).isEqualTo("cannot reach http://127.0.0.1:" + port
                + ": connection refused (check endpoint_url and the network)");
        assertThat(result.output()).startsWith("connecting to EMR Serverless at http://127.0.0.1:" + port + " (us-east-1)");
        assertThat(session.isConnected()).isFalse();
        assertThat(sent()).isEqualTo(before);
    }

    @Test
    void endingTheShellSaysItIsStoppingTheApplicationItCreated() {
        assertThat(type(connectLine("--create-application --platform-option application_name=closer-test")).error()).isNull();
        String id = session.currentPlatform().map(p -> ((dev.benchbox.platform.emr.EmrServerlessPlatform) p).applicationId()).orElseThrow();

        closer.close();

        assertThat(ShellTestSupport.takeOutput(terminal)).isEqualTo("Closing the connection: stopping application " + id + " (created by this session); "
                + "it stays: delete it with " + deleteByHand(id) + "\n");
        assertThat(session.isConnected()).isFalse();
        assertThat(aws.applicationStates(id)).contains("STOPPING");
    }

    /** Found trying it: "starting application ... (it was STOPPED)", then "Application ... was STOPPED: started it". */
    @Test
    void connectingToAStoppedApplicationSaysOnceThatItStartsIt() {
        assertThat(type(connectLine("--create-application --platform-option application_name=stopped-test")).error()).isNull();
        String id = applicationId();
        assertThat(type("capacity stop").error()).isNull();
        // a connection that did not create it leaves it as it was when it closes: it stays STOPPED
        type("connect duckdb");

        Result connected = type(connectLine("--application-id " + id));

        assertThat(connected.error()).isNull();
        assertThat(connected.output()).containsOnlyOnce("starting application " + id + " (it was STOPPED)\n")
                .doesNotContain("started it");
        assertThat(aws.applicationStates(id)).last().isEqualTo("STARTED");
    }

    /** Found trying it: on a stopped application it said "then starting it again" and left it STOPPED, as it should. */
    @Test
    void capacitySetOnAStoppedApplicationSaysItStaysStopped() {
        assertThat(type(connectLine("--create-application --platform-option application_name=stays-stopped-test")).error()).isNull();
        String id = applicationId();
        assertThat(type("capacity stop").error()).isNull();

        Result set = type("capacity set --executors 2x4vCPU-16GB");

        assertThat(set.error()).isNull();
        assertThat(set.output()).startsWith("Updating application " + id + " (it is STOPPED and stays so)\n")
                .doesNotContain("starting it again").contains("State:         STOPPED");
        assertThat(aws.applicationStates(id)).last().isEqualTo("STOPPED");
    }

    /** Found trying it: connect duckdb on top said only "Closing EMR Serverless application ...", not that it stopped it. */
    @Test
    void connectingElsewhereSaysItIsStoppingTheApplicationItCreated() {
        assertThat(type(connectLine("--create-application --platform-option application_name=replaced-test")).error()).isNull();
        dev.benchbox.platform.Platform emr = session.platform();
        String id = ((dev.benchbox.platform.emr.EmrServerlessPlatform) emr).applicationId();

        Result replaced = type("connect duckdb");

        assertThat(replaced.error()).isNull();
        assertThat(replaced.output()).startsWith("Closing " + emr.description() + ": stopping application " + id
                + " (created by this session); it stays: delete it with " + deleteByHand(id) + "\nConnected to DuckDB v");
        assertThat(aws.applicationStates(id)).contains("STOPPING");
    }

    private static String deleteByHand(String id) {
        return "aws emr-serverless delete-application --application-id " + id + " --region us-east-1 --endpoint-url " + aws.endpoint();
    }

    private String applicationId() {
        return session.platform().capacity().orElseThrow().applicationId();
    }

    private long requests(String operation, String id) {
        return aws.requests().stream().filter(r -> r.operation().equals(operation) && r.input().path("applicationId").asText().equals(id))
                .count();
    }

    /** Found probing the shell: connecting to another application said nothing of the one this session had created. */
    @Test
    void connectingToAnotherApplicationStopsTheCreatedOneOnlyOnceTheNewOneIsReadyAndSaysHowToDeleteIt() {
        assertThat(type(connectLine("--create-application --platform-option application_name=first-test")).error()).isNull();
        dev.benchbox.platform.Platform first = session.platform();
        String id = applicationId();

        Result replaced = type(connectLine("--create-application --platform-option application_name=second-test"));

        assertThat(replaced.error()).isNull();
        String closing = "Closing " + first.description() + ": stopping application " + id + " (created by this session); "
                + "it stays: delete it with " + deleteByHand(id) + "\n";
        assertThat(replaced.output()).contains("creating application second-test").contains(closing);
        assertThat(replaced.output().indexOf(closing)).isGreaterThan(replaced.output().indexOf("creating application second-test"));
        assertThat(applicationId()).isNotEqualTo(id);
        assertThat(aws.applicationStates(id)).contains("STOPPING");
    }

    /** Found probing the shell: a connect that failed had already said it was closing the working connection. */
    @Test
    void aConnectThatFailsLeavesTheWorkingConnectionAndItsApplicationAsTheyWere() {
        assertThat(type(connectLine("--create-application --platform-option application_name=kept-test")).error()).isNull();
        dev.benchbox.platform.Platform working = session.platform();
        String id = applicationId();

        Result failed = type("connect emr-serverless --endpoint-url " + aws.endpoint() + " --s3-staging-dir s3://no-such-bucket-here/x/"
                + " --execution-role-arn " + AwsStandIn.EXECUTION_ROLE + " --create-application");

        assertThat(failed.error()).isEqualTo("S3 bucket 'no-such-bucket-here' of s3_staging_dir does not exist (region us-east-1): "
                + "create it or give another s3_staging_dir");
        assertThat(failed.output()).doesNotContain("Closing").doesNotContain("stopping");
        assertThat(session.platform()).isSameAs(working);
        assertThat(requests("StopApplication", id)).isZero();
        assertThat(aws.applicationStates(id)).last().isEqualTo("STARTED");
        assertThat(type("capacity").output()).contains("State:         STARTED");
    }

    /** Found probing the shell: a count of 0 stopped the application, then AWS refused it and the application stayed STOPPED. */
    @Test
    void aCapacityValueAwsWouldRefuseIsRefusedBeforeAnyAwsCall() {
        assertThat(type(connectLine("--create-application --platform-option application_name=zero-test")).error()).isNull();
        String id = applicationId();
        long before = sent();

        Result set = type("capacity set --driver 0x4vCPU-16GB");

        assertThat(set.error()).isEqualTo("invalid --driver '0x4vCPU-16GB': worker count 0: expected 1 to 1000000");
        assertThat(set.output()).doesNotContain("stopping");
        assertThat(sent()).isEqualTo(before);
        assertThat(aws.applicationStates(id)).last().isEqualTo("STARTED");
    }

    @Test
    void aCapacityChangeAwsRefusesStartsTheApplicationAgainAndSaysSo() {
        assertThat(type(connectLine("--create-application --platform-option application_name=refused-test")).error()).isNull();
        String id = applicationId();
        aws.faults().refuseNext("UpdateApplication", "Initial capacity exceeds the maximum capacity");
        Path log = logFile();
        long from = log.toFile().length();

        Result set = type("capacity set --executors 2x4vCPU-16GB");

        // the log has the refused call with AWS's request ID, and the command's line names the application
        String logged = readFrom(log, from);
        assertThat(logged).containsPattern("WARN .* AWS EmrServerless UpdateApplication \\(applicationId=" + id + "\\) failed after \\d+ ms: "
                + "HTTP 400 ValidationException, request ID [0-9a-f-]{36}: Initial capacity exceeds the maximum capacity")
                .containsPattern("INFO .* AWS EmrServerless StartApplication \\(applicationId=" + id + "\\) ok in \\d+ ms")
                .contains("command failed after ").contains(": capacity set --executors 2x4vCPU-16GB: " + set.error() + "; application " + id);

        assertThat(set.error()).isEqualTo("emr-serverless:UpdateApplication '" + id + "' failed (ValidationException): "
                + "Initial capacity exceeds the maximum capacity; capacity unchanged, application " + id + " started again");
        assertThat(aws.applicationStates(id)).containsSubsequence("STARTED", "STOPPED", "STARTING", "STARTED").last().isEqualTo("STARTED");
        assertThat(type("capacity").output()).contains("State:         STARTED").contains("Initial:       none");
    }

    private static String readFrom(Path log, long offset) {
        try {
            byte[] all = java.nio.file.Files.readAllBytes(log);
            return new String(all, (int) offset, all.length - (int) offset, java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The log this JVM writes, as the shell's logback configuration opened it. */
    private static Path logFile() {
        ch.qos.logback.classic.LoggerContext logging = (ch.qos.logback.classic.LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
        ch.qos.logback.core.FileAppender<?> file = (ch.qos.logback.core.FileAppender<?>) logging.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
                .getAppender("FILE");
        return Path.of(file.getFile());
    }

    @Test
    void whenTheApplicationCannotBeStartedAgainEitherTheErrorSaysHowToStartIt() {
        assertThat(type(connectLine("--create-application --platform-option application_name=unstarted-test")).error()).isNull();
        String id = applicationId();
        aws.faults().refuseNext("UpdateApplication", "Initial capacity exceeds the maximum capacity")
                .refuseNext("StartApplication", "Service quota for vCPUs reached");

        Result set = type("capacity set --executors 2x4vCPU-16GB");

        assertThat(set.error()).isEqualTo("emr-serverless:UpdateApplication '" + id + "' failed (ValidationException): "
                + "Initial capacity exceeds the maximum capacity; capacity unchanged, but starting application " + id + " again failed: "
                + "emr-serverless:StartApplication '" + id + "' failed (ValidationException): Service quota for vCPUs reached; "
                + "it is stopped: start it with aws emr-serverless start-application --application-id " + id + " --region us-east-1"
                + " --endpoint-url " + aws.endpoint());
        assertThat(aws.applicationStates(id)).last().isEqualTo("STOPPED");
    }

    @Test
    void environmentVariablesFillOptionsAndTablesCompleteFromGlue() throws Exception {
        TestEnvironment.VARIABLES.put("EMR_S3_STAGING_DIR", "s3://" + aws.bucket() + "/env/");
        TestEnvironment.VARIABLES.put("EMR_EXECUTION_ROLE_ARN", AwsStandIn.EXECUTION_ROLE);
        TestEnvironment.VARIABLES.put("EMR_CREATE_APPLICATION", "true");
        TestEnvironment.VARIABLES.put("EMR_DATABASE", "envdb");
        TestEnvironment.VARIABLES.put("EMR_RELEASE_LABEL", "emr-7.2.0");
        TestEnvironment.VARIABLES.put("AWS_REGION", "us-east-1");
        Result connected = type("connect emr-serverless --endpoint-url " + aws.endpoint());
        assertThat(connected.error()).isNull();
        assertThat(connected.output()).contains("(emr-7.2.0, us-east-1)").contains("data in s3://" + aws.bucket() + "/env/").contains("schema envdb");

        assertThat(type("create-schema envdb").output()).contains("Schema envdb ready");
        Result load = type("load tpch --scale 0.01 --tables region,nation");
        assertThat(load.error()).isNull();
        assertThat(load.output()).contains("S3: 2 files uploaded").contains("Loaded TPC-H SF0.01 into envdb: 2 tables, 30 rows");
        assertThat(type("tables").output()).isEqualTo("nation\nregion\n");

        // TPC-DS is generated in the cluster: what cannot be done is refused in one line, and nothing is sent to AWS for it
        long beforeTpcds = sent();
        assertThat(type("load tpcds --scale 1 --generate local").error())
                .isEqualTo("TPC-DS on emr-serverless is generated in the cluster: --generate local is not offered");
        assertThat(type("load tpcds --scale 1 --parts 0").error()).isEqualTo("--parts must be at least 1, not 0");
        assertThat(type("load tpcds --scale 1 --parts 2 --from s3://" + aws.bucket() + "/x/").error())
                .isEqualTo("--from registers data that exists: --generate and --parts do not go with it");
        assertThat(sent()).isEqualTo(beforeTpcds);
        // Iceberg tables are written by a job run, never from files here
        assertThat(type("load tpch --scale 0.01 --table-format iceberg --generate local").error())
                .isEqualTo("Iceberg tables are written by a job run in the application: use --generate cluster "
                        + "(or leave --generate out) with --table-format iceberg");
        assertThat(type("load tpch --scale 0.01 --table-format iceberg --from s3://" + aws.bucket() + "/x/").error())
                .isEqualTo("--from registers Parquet files as they are: Iceberg tables are generated "
                        + "(load tpch --scale 0.01 --table-format iceberg)");
        assertThat(sent()).isEqualTo(beforeTpcds);
        // Glue keeps one table per name: Iceberg tables go to a schema of their own, said before any job run
        long jobRuns = aws.requests().stream().filter(r -> r.operation().equals("StartJobRun")).count();
        assertThat(type("load tpch --scale 0.01 --tables nation --table-format iceberg").error())
                .isEqualTo("schema 'envdb' holds Parquet tables of the same names (nation): load Iceberg tables into another "
                        + "schema (create-schema envdb_iceberg, then load with --schema envdb_iceberg)");
        // the refresh functions take no Parquet tables: refused before any work, saying what to type
        assertThat(type("run tpch --scale 0.01 --full").error())
                .startsWith("--full runs the refresh functions (inserts and deletes), which emr-serverless does "
                        + "not offer: schema 'envdb' holds Parquet tables (")
                .endsWith("), which take no inserts or deletes; load Iceberg tables into a schema of their own: create-schema "
                        + "envdb_iceberg, then load tpch --scale 0.01 --table-format iceberg --schema envdb_iceberg");
        assertThat(aws.requests().stream().filter(r -> r.operation().equals("StartJobRun")).count()).isEqualTo(jobRuns);

        assertThat(type("describe nation").output()).contains("n_nationkey  bigint").contains("n_name       string");

        // TAB reads the cache, refreshed from Glue in the background after the load
        List<String> proposals = Await.value("table names in the completion cache",
                () -> tableNameProvider.complete(new CompletionContext(List.of("describe", "na"), 1, 2, null, null))
                        .stream().map(CompletionProposal::value).toList(), found -> !found.isEmpty());
        assertThat(proposals).containsExactly("nation");

        // schema names are Glue databases, cached the same way
        List<String> schemas = Await.value("schema names in the completion cache",
                () -> schemaNameProvider.complete(new CompletionContext(List.of("use", "env"), 1, 3, null, null))
                        .stream().map(CompletionProposal::value).toList(), found -> found.contains("envdb"));
        assertThat(schemas).containsExactly("envdb");
    }

    @Test
    void malformedOptionsAreRefusedBeforeAnyAwsCall() {
        long before = sent();
        String base = "connect emr-serverless --endpoint-url " + aws.endpoint() + " ";
        String staging = "--s3-staging-dir s3://" + aws.bucket() + "/x/ ";
        String role = "--execution-role-arn " + AwsStandIn.EXECUTION_ROLE + " ";
        List<List<String>> cases = List.of(
                List.of(base + "--s3-staging-dir bucket/x " + role + "--create-application",
                        "invalid s3_staging_dir 'bucket/x': expected s3://bucket/prefix/"),
                List.of(base + "--s3-staging-dir s3://" + aws.bucket() + "/../../x " + role + "--create-application",
                        "invalid s3_staging_dir 's3://" + aws.bucket() + "/../../x': expected s3://bucket/prefix/ (the prefix has a '..' segment)"),
                List.of(base + "--s3-staging-dir s3://" + aws.bucket() + "/a/./b/ " + role + "--create-application",
                        "invalid s3_staging_dir 's3://" + aws.bucket() + "/a/./b/': expected s3://bucket/prefix/ (the prefix has a '.' segment)"),
                List.of(base + staging + role + "--create-application --region us-east-1 --region eu-west-1",
                        "--region is given twice ('us-east-1' and 'eu-west-1'): give it once"),
                List.of(base + staging + "--execution-role-arn arn:aws:iam::12:role/x --create-application",
                        "invalid execution_role_arn 'arn:aws:iam::12:role/x': expected an IAM role ARN such as arn:aws:iam::123456789012:role/EMRServerlessJobRole"),
                List.of(base + staging + role + "--application-id App-1",
                        "invalid application_id 'App-1': EMR Serverless application ids are 1-64 lower-case letters and digits, e.g. 00fabcdef1234567"),
                List.of(base + staging + role + "--create-application --release-label 7.0",
                        "invalid release_label '7.0': expected emr-7.Y.Z, emr-6.Y.Z (6.11.0 or later) or emr-spark-8.Y.Z, "
                                + "e.g. emr-7.13.0 or emr-spark-8.0.0"),
                List.of("connect emr-serverless " + staging + role + "--create-application --region eu-mars-1",
                        "unknown region 'eu-mars-1': not an AWS region this SDK knows"),
                List.of(base + staging + role + "--create-application --region US_EAST",
                        "invalid region 'US_EAST': expected a region name such as us-east-1"),
                List.of(base + staging + role + "--create-application --application-id abc",
                        "give either application_id abc or create_application=true, not both"),
                List.of(base + staging + role,
                        "no application: give application_id (or EMR_APPLICATION_ID), or create_application=true to create one for this session"),
                List.of(base + staging + role + "--create-application --initial-capacity Driver=1x3vCPU-16GB",
                        "invalid initial_capacity driver '1x3vCPU-16GB': worker size 3vCPU-16GB: EMR Serverless workers have 1, 2, 4, 8 or 16 vCPU"),
                List.of(base + staging + role + "--create-application --initial-capacity Executor=2x8vCPU-18GB",
                        "invalid initial_capacity executor '2x8vCPU-18GB': worker size 8vCPU-18GB: a 8-vCPU worker takes 16-60 GB of memory in 4 GB steps"),
                List.of(base + staging + role + "--create-application --platform-option colour=blue",
                        "unknown emr-serverless option 'colour': expected one of " + String.join(", ", dev.benchbox.platform.emr.EmrOption.keys())),
                List.of(base + role + "--create-application",
                        "missing s3_staging_dir: give --s3-staging-dir s3://bucket/prefix/ or set EMR_S3_STAGING_DIR"),
                List.of(base + staging + role + "--create-application --timeout-minutes 0",
                        "invalid timeout_minutes '0': expected a whole number from 1 to 10080"),
                List.of(base + staging + role + "--create-application --architecture sparc",
                        "invalid architecture 'sparc': expected x86_64 or arm64"),
                List.of(base + staging + role + "--create-application --platform-option region=eu-west-1 --region us-east-1",
                        "region is given twice, as 'us-east-1' and 'eu-west-1'"),
                List.of("connect duckdb --s3-staging-dir s3://b/x/", "--s3-staging-dir is an emr-serverless option; duckdb takes --path only"));
        for (List<String> c : cases) {
            Result result = type(c.get(0));
            assertThat(result.error()).as(c.get(0)).isEqualTo(c.get(1));
        }
        assertThat(sent()).isEqualTo(before);
        assertThat(session.isConnected()).isFalse();
    }

    @Test
    void dryRunOfCreateSchemaAndLoadOnALiveConnectionSendsNothing() throws Exception {
        assertThat(type(connectLine("--create-application")).error()).isNull();
        long before = sent();
        Path preview = dir.resolve("live-preview");
        Path loadPreview = dir.resolve("live-load-preview");
        assertThat(type("create-schema tpch --dry-run " + preview).output()).contains("Dry run: 1 file written to " + preview);
        // a second preview into the same directory would mix two runs' files: refused, unless it replaces them
        assertThat(type("load tpch --scale 1 --dry-run " + preview).error()).isEqualTo("dry-run directory " + preview
                + " is not empty: give a new or empty one, or add --replace to replace the earlier dry run in it");
        Result load = type("load tpch --scale 1 --dry-run " + loadPreview);
        assertThat(load.output()).contains("Would register 8 Glue tables").contains("data/tpch/sf1/")
                .contains("Dry run: 16 files written to " + loadPreview);
        assertThat(sent()).isEqualTo(before);
        try (var files = Files.list(loadPreview)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted()).contains("01-CreateTable-region.json",
                    "08-CreateTable-lineitem.json", "tables");
        }
        assertThat(Files.readString(loadPreview.resolve("08-CreateTable-lineitem.json")))
                .contains("\"Location\" : \"s3://" + aws.bucket() + "/shell/data/tpch/sf1/lineitem/\"");
        assertThat(type("create-schema tpch --dry-run " + loadPreview + " --replace").output())
                .contains("Dry run: 1 file written to " + loadPreview);
        try (var files = Files.walk(loadPreview)) {
            assertThat(files.filter(Files::isRegularFile).map(p -> loadPreview.relativize(p).toString()))
                    .containsExactlyInAnyOrder(".benchbox-dry-run", "01-CreateDatabase-tpch.json");
        }
    }

    @Test
    void dryRunOfAClusterGenerationPreviewsTheJobRunAndItsManifestAndSendsNothing() throws Exception {
        assertThat(type(connectLine("--create-application")).error()).isNull();
        assertThat(type("create-schema tpch").error()).isNull();
        long before = sent();
        Path preview = dir.resolve("generation-preview");
        Result load = type("load tpch --scale 10 --dry-run " + preview);
        assertThat(load.error()).isNull();
        assertThat(load.output()).contains("Generating TPC-H SF10 in the cluster (default above SF 1: ")
                .contains("34 parts (region 1, nation 1, supplier 1, customer 1, part 1, partsupp 7, orders 5, lineitem 17)")
                .contains("Would register 8 Glue tables")
                // the same code as a real generation, after the dry run's job run ended at once (canned SUCCESS)
                .contains("generated in the cluster by job run dry-run: 34 parts written; data in s3://" + aws.bucket() + "/shell/data/tpch/sf10/")
                .contains("nothing was sent to AWS");
        assertThat(sent()).isEqualTo(before);
        String start = Files.readString(preview.resolve("01-StartJobRun-generate-tpch.json"));
        // 34 parts on 4-vCPU executors: 9 executors give every part its own core (SparkTuning)
        assertThat(start).contains("\"entryPointArguments\" : [ \"s3://" + aws.bucket() + "/shell/runs/dry-run/manifest.json\" ]")
                .contains("--conf spark.executor.instances=9 --conf spark.dynamicAllocation.maxExecutors=9 --conf spark.speculation=false");
        String manifest = Files.readString(preview.resolve("generation/manifest.json"));
        assertThat(manifest).contains("\"kind\" : \"generate\"").contains("\"scale\" : 10")
                .contains("\"name\" : \"lineitem\",\n    \"parts\" : 17")
                .contains("{\n      \"name\" : \"l_extendedprice\",\n      \"type\" : \"decimal(15,2)\"\n    }");
        assertThat(preview.resolve("09-CreateTable-lineitem.json")).exists();
    }

    @Test
    void generationOptionsAreCheckedBeforeAnyAwsCall() {
        assertThat(type(connectLine("--create-application")).error()).isNull();
        long before = sent();
        assertThat(type("load tpch --scale 1 --generate somewhere").error()).isEqualTo("--generate must be local or cluster, not 'somewhere'");
        assertThat(type("load tpch --scale 1 --generate cluster --parts 0").error()).isEqualTo("--parts must be at least 1, not 0");
        assertThat(type("load tpch --scale 1 --generate cluster --max-cost lots").error())
                .isEqualTo("--max-cost must be an amount in US dollars such as 5 or 0.50, not 'lots'");
        assertThat(type("load tpch --scale 100 --max-cost 0.01").error()).startsWith("estimated cost $").endsWith(" exceeds --max-cost $0.01: not started");
        assertThat(sent()).isEqualTo(before);
    }

    @Test
    void localGenerationThisMachineCannotHoldIsRefusedBeforeAnyAwsCallAndNamesClusterGeneration() {
        assertThat(type(connectLine("--create-application")).error()).isNull();
        long before = sent();

        String error = type("load tpch --scale 100000 --generate local").error();

        assertThat(error).startsWith("SF 100000 of TPC-H needs about ").contains("to generate it here for EMR Serverless")
                .contains("--generate cluster").endsWith("add --force to try anyway");
        assertThat(sent()).isEqualTo(before);
    }

    @Test
    void iamPolicyIsNarrowedToTheBucketPrefixAndDatabase() throws Exception {
        Path out = dir.resolve("iam/role");
        Result result = type("iam-policy --s3-staging-dir s3://my-bucket/bench/ --database tpch --region eu-west-1 "
                + "--execution-role-arn arn:aws:iam::111122223333:role/EmrJobs --output " + out);
        assertThat(result.error()).isNull();
        assertThat(result.output()).contains("\"arn:aws:s3:::my-bucket/bench/*\"").contains("\"arn:aws:s3:::my-bucket\"")
                .contains("\"s3:prefix\" : [ \"bench/\", \"bench/*\" ]")
                .contains("arn:aws:glue:eu-west-1:111122223333:table/tpch/*")
                .contains("\"Service\" : \"emr-serverless.amazonaws.com\"").contains("\"aws:SourceAccount\" : \"111122223333\"")
                .doesNotContain("\"Resource\" : \"*\"");
        assertThat(Files.readString(Path.of(out + "-policy.json"))).contains("s3:PutObject");
        assertThat(Files.readString(Path.of(out + "-trust.json"))).contains("sts:AssumeRole");
    }
}
