package dev.benchbox.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.benchbox.session.Session;
import dev.benchbox.standin.AwsStandIn;
import dev.benchbox.standin.WithAwsStandIn;
import dev.benchbox.standin.JobExecutor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.jline.reader.LineReader;
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
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A secret passed with {@code --spark-conf} and a password in {@code --endpoint-url} reach AWS (the stand-in) and
 * the job, and nothing the shell writes or prints: results, report, dry run, log, history, screen. The job is not
 * run on Spark here: the stand-in's executor answers Q6 as Spark would.
 */
@WithAwsStandIn
@SpringBootTest(properties = {"spring.shell.interactive.enabled=false", "benchbox.errors-on-terminal=true"})
@Import({ShellTestSupport.class, TestEnvironment.class})
class SecretsNotRecordedTest {
    private static final String SECRET = "wJalrXUtnFEMI-K7MDENG-bPxRfiCY";
    private static final String SESSION_SECRET = "connect-time-0f1e2d3c";
    private static final String PASSWORD = "endpoint-pass-5a6b7c";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static AwsStandIn aws;
    /** The Spark properties each job run arrived with. */
    static final List<Map<String, String>> submitted = new CopyOnWriteArrayList<>();

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
    LineReader lineReader;

    private final StringBuilder screen = new StringBuilder();

    @BeforeAll
    static void credentials() {
        System.setProperty("aws.accessKeyId", AwsStandIn.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", AwsStandIn.SECRET_KEY);
    }

    /** Writes what the Spark job writes for a power run of Q6 at SF 0.01 (its answer, so that it validates). */
    private static JobExecutor.JobResult answerQ6(JobExecutor.JobRequest request) throws Exception {
        submitted.add(request.sparkConf());
        String manifestUri = request.entryPointArguments().get(0);
        try (S3Client s3 = aws.s3Client()) {
            JsonNode manifest = JSON.readTree(s3.getObjectAsBytes(b -> b.bucket(aws.bucket())
                    .key(manifestUri.substring(("s3://" + aws.bucket() + "/").length()))).asUtf8String());
            String output = manifest.path("output").asText().substring(("s3://" + aws.bucket() + "/").length());
            s3.putObject(b -> b.bucket(aws.bucket()).key(output + "results/Q6-1.json"), RequestBody.fromString("""
                    {"run_id":"r","id":"Q6","iteration":1,"warmup":false,"ms":1.0,"rows":1,
                     "columns":[{"name":"revenue","type":"decimal(38,4)"}],"data":[[1193053.2253]],"error":null}
                    """));
            s3.putObject(b -> b.bucket(aws.bucket()).key(output + "summary.json"), RequestBody.fromString("""
                    {"run_id":"%s","status":"SUCCEEDED","started":1700000000000,"ended":1700000001000,"spark_version":"3.5.7",
                     "executions":[{"id":"Q6","iteration":1,"warmup":false,"ms":1.0,"rows":1,"error":null,"result":"results/Q6-1.json"}]}
                    """.formatted(manifest.path("run_id").asText())));
        }
        return JobExecutor.JobResult.success();
    }

    @BeforeEach
    void clear(AwsStandIn standIn) {
        aws = standIn;
        aws.reset(aws.config().withExecutor(SecretsNotRecordedTest::answerQ6));
        ShellTestSupport.takeOutput(terminal);
        TestEnvironment.VARIABLES.clear();
    }

    @AfterEach
    void disconnect() {
        session.disconnect();
    }

    /** Types a line as the interactive shell takes it: into the history, then run; what it prints is kept. */
    private String type(String line) {
        lineReader.getHistory().add(line);
        List<String> words = parser.parse(line, line.length(), Parser.ParseContext.ACCEPT_LINE).words();
        BenchboxShell.Outcome outcome = shell.execute(words, line);
        String output = ShellTestSupport.takeOutput(terminal);
        String error = outcome.failure() == null ? null : ErrorReporter.message(outcome.failure());
        screen.append(output).append(error == null ? "" : error + "\n");
        assertThat(error).as(line + "\n" + output).isNull();
        return output;
    }

    @Test
    void aSparkConfSecretAndAnEndpointPasswordAreInNothingTheShellWritesOrPrints() throws Exception {
        String endpoint = aws.endpoint().toString().replace("http://", "http://benchbox:" + PASSWORD + "@");
        String connected = type("connect emr-serverless --endpoint-url " + endpoint + " --s3-staging-dir s3://" + aws.bucket() + "/secrets/"
                + " --execution-role-arn " + AwsStandIn.EXECUTION_ROLE + " --create-application"
                + " --spark-conf spark.hadoop.fs.s3a.session.token=" + SESSION_SECRET);
        assertThat(connected).contains("connecting to EMR Serverless at http://benchbox:***@127.0.0.1:")
                .contains("Spark settings on every job run: spark.hadoop.fs.s3a.session.token=*********(redacted)");
        type("create-schema tpch");
        type("run tpch --scale 0.01 --queries 6 --warmup 0 --iterations 1 --spark-conf spark.hadoop.fs.s3a.secret.key=" + SECRET);
        type("run tpch --scale 0.01 --queries 6 --dry-run " + dir.resolve("preview") + " --spark-conf spark.hadoop.fs.s3a.secret.key=" + SECRET);
        Path results;
        try (Stream<Path> files = Files.list(dir.resolve("results"))) {
            results = files.filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow();
        }
        type("report " + results + " --output " + dir.resolve("report.html"));
        type("history");
        session.disconnect();
        lineReader.getHistory().save();

        // what is sent keeps the real values
        assertThat(submitted).isNotEmpty().allSatisfy(conf -> assertThat(conf)
                .containsEntry("spark.hadoop.fs.s3a.session.token", SESSION_SECRET));
        assertThat(submitted).anySatisfy(conf -> assertThat(conf).containsEntry("spark.hadoop.fs.s3a.secret.key", SECRET));

        // what is written or printed holds neither
        assertThat(JSON.readTree(results.toFile()).at("/configuration/engine/settings/spark.hadoop.fs.s3a.secret.key").asText())
                .isEqualTo("*********(redacted)");
        List<Path> written = everythingUnder(dir.resolve("results"), dir.resolve("preview"), dir.resolve("home"));
        written.add(dir.resolve("report.html"));
        written.add(logFile());
        assertThat(written).contains(dir.resolve("home/history"), dir.resolve("report.html"))
                .anySatisfy(f -> assertThat(f.getFileName().toString()).endsWith("-StartJobRun-power-run.json"));
        for (Path file : written) {
            assertThat(Files.readString(file, StandardCharsets.ISO_8859_1)).as(file.toString())
                    .doesNotContain(SECRET).doesNotContain(SESSION_SECRET).doesNotContain(PASSWORD);
        }
        assertThat(screen.toString()).contains("*********(redacted)").doesNotContain(SECRET).doesNotContain(SESSION_SECRET)
                .doesNotContain(PASSWORD);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("home/history")))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(logFile()))).isEqualTo("rw-------");
    }

    /**
     * The log this JVM writes, as the shell's logback configuration opened it (the first test context of the JVM set
     * its place; it is only read here).
     */
    private static Path logFile() {
        ch.qos.logback.classic.LoggerContext logging = (ch.qos.logback.classic.LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
        ch.qos.logback.core.FileAppender<?> file = (ch.qos.logback.core.FileAppender<?>) logging.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
                .getAppender("FILE");
        return Path.of(file.getFile());
    }

    @Test
    void anUnreachableEndpointsPasswordIsMaskedInWhatConnectPrints() throws Exception {
        int port;
        try (java.net.ServerSocket closed = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        String line = "connect emr-serverless --endpoint-url http://benchbox:" + PASSWORD + "@127.0.0.1:" + port + " --s3-staging-dir s3://"
                + aws.bucket() + "/shell/ --execution-role-arn " + AwsStandIn.EXECUTION_ROLE + " --create-application";
        BenchboxShell.Outcome outcome = shell.execute(parser.parse(line, line.length(), Parser.ParseContext.ACCEPT_LINE).words(), line);

        assertThat(ShellTestSupport.takeOutput(terminal)).startsWith("connecting to EMR Serverless at http://benchbox:***@127.0.0.1:" + port);
        assertThat(ErrorReporter.message(outcome.failure())).isEqualTo("cannot reach http://benchbox:***@127.0.0.1:" + port
                + ": connection refused (check endpoint_url and the network)");
    }

    private static List<Path> everythingUnder(Path... folders) throws Exception {
        List<Path> files = new java.util.ArrayList<>();
        for (Path folder : folders) {
            try (Stream<Path> walk = Files.walk(folder)) {
                walk.filter(Files::isRegularFile).forEach(files::add);
            }
        }
        return files;
    }
}
