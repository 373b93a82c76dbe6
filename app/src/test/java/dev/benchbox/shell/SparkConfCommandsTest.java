package dev.benchbox.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jline.reader.Parser;
import org.jline.terminal.Terminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * {@code --spark-conf} on {@code connect}, {@code load} and {@code run}: malformed values are one line before any
 * AWS call, and in the StartJobRun requests a dry run writes the command's values win over the session's, which
 * win over the settings derived from the scale; a command's values end with it.
 */
@SpringBootTest(properties = {"spring.shell.interactive.enabled=false", "benchbox.errors-on-terminal=true"})
@Import({ShellTestSupport.class, TestEnvironment.class})
class SparkConfCommandsTest {
    private static final String ROLE = "arn:aws:iam::111122223333:role/EMRServerlessJobRole";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Autowired
    BenchboxShell shell;
    @Autowired
    Parser parser;
    @Autowired
    Terminal terminal;
    @Autowired
    dev.benchbox.session.Session session;

    @BeforeEach
    void clear() {
        ShellTestSupport.takeOutput(terminal);
        TestEnvironment.VARIABLES.clear();
    }

    @AfterEach
    void disconnect() {
        session.disconnect();
    }

    private String error(String line) {
        List<String> words = parser.parse(line, line.length(), Parser.ParseContext.ACCEPT_LINE).words();
        BenchboxShell.Outcome outcome = shell.execute(words, line);
        ShellTestSupport.takeOutput(terminal);
        return outcome.failure() == null ? null : ErrorReporter.message(outcome.failure());
    }

    private String ok(String line) {
        List<String> words = parser.parse(line, line.length(), Parser.ParseContext.ACCEPT_LINE).words();
        BenchboxShell.Outcome outcome = shell.execute(words, line);
        String output = ShellTestSupport.takeOutput(terminal);
        assertThat(outcome.failure()).as(line + "\n" + output).isNull();
        return output;
    }

    @Test
    void malformedValuesAreOneLineBeforeAnyAwsCall() {
        // nothing listens on port 9: a request would fail with a connection error instead of these lines
        String connect = "connect emr-serverless --endpoint-url http://127.0.0.1:9 --s3-staging-dir s3://b/p/ --execution-role-arn "
                + ROLE + " --create-application --spark-conf ";
        assertThat(error(connect + "shuffle=4")).isEqualTo(
                "invalid --spark-conf 'shuffle=4': expected spark.key=value with no blanks, e.g. spark.sql.shuffle.partitions=400");
        assertThat(error(connect + "spark.sql.shuffle.partitions")).isEqualTo("invalid --spark-conf 'spark.sql.shuffle.partitions': "
                + "expected spark.key=value with no blanks, e.g. spark.sql.shuffle.partitions=400");
        assertThat(error(connect + "spark.sql.shuffle.partitions=")).startsWith("invalid --spark-conf 'spark.sql.shuffle.partitions=':");
        assertThat(error(connect + "spark.executor.memory=20g")).isEqualTo("--spark-conf spark.executor.memory is set by the worker "
                + "size: choose the executors' size (initial_capacity, --sweep executors=...) instead");
        assertThat(error(connect + "spark.a=1 --spark-conf spark.a=2")).isEqualTo("--spark-conf spark.a is given twice, as '1' and '2'");
        // a secret is not repeated in the message, and a line recalled from the history brings back the mark, not the secret
        assertThat(error(connect + "spark.authenticate.secret=abc --spark-conf spark.authenticate.secret=abd")).isEqualTo(
                "--spark-conf spark.authenticate.secret is given twice, as '*********(redacted)' and '*********(redacted)'");
        assertThat(error(connect + "spark.hadoop.fs.s3a.secret.key=*********(redacted)")).isEqualTo("--spark-conf "
                + "spark.hadoop.fs.s3a.secret.key holds *********(redacted), which the history keeps instead of a secret: type the value itself");
        assertThat(session.isConnected()).isFalse();

        assertThat(error("connect duckdb --spark-conf spark.sql.shuffle.partitions=4"))
                .isEqualTo("--spark-conf sets Spark properties of job runs: duckdb runs none");
        assertThat(session.isConnected()).isFalse();
        ok("connect duckdb");
        assertThat(error("run tpch --scale 0.01 --spark-conf nope")).startsWith("invalid --spark-conf 'nope':");
        assertThat(error("run tpch --scale 0.01 --spark-conf spark.sql.shuffle.partitions=4"))
                .isEqualTo("--spark-conf sets Spark properties of job runs: duckdb runs none");
        assertThat(error("load tpch --scale 0.01 --spark-conf spark.sql.shuffle.partitions=4"))
                .isEqualTo("--spark-conf sets Spark properties of job runs: duckdb runs none");
        // TPC-DS's generation is a job run on emr-serverless as TPC-H's is: the same refusal on duckdb
        assertThat(error("load tpcds --scale 1 --spark-conf spark.sql.shuffle.partitions=4"))
                .isEqualTo("--spark-conf sets Spark properties of job runs: duckdb runs none");
        // nothing was loaded by the refused load
        assertThat(session.platform().listTables(session.schema())).isEmpty();
    }

    @Test
    void theCommandsValuesWinOverTheSessionsWhichWinOverTheDerivedOnes() throws Exception {
        String connected = ok("connect emr-serverless --dry-run " + dir.resolve("session") + " --s3-staging-dir s3://my-bucket/p/ "
                + "--execution-role-arn " + ROLE + " --application-id 00fabcdefghij012 "
                + "--spark-conf spark.sql.shuffle.partitions=50 --spark-conf spark.sql.broadcastTimeout=900");
        assertThat(connected).contains("Spark settings on every job run: spark.sql.shuffle.partitions=50 spark.sql.broadcastTimeout=900");
        ok("create-schema tpch");

        ok("run tpch --scale 1 --queries 1 --dry-run " + dir.resolve("run1") + " --spark-conf spark.sql.shuffle.partitions=7 "
                + "--spark-conf spark.eventLog.enabled=false");
        Map<String, String> first = submitted(dir.resolve("run1"), "power-run");
        assertThat(first).containsEntry("spark.sql.shuffle.partitions", "7")      // the command's
                .containsEntry("spark.sql.broadcastTimeout", "900")                    // the session's over the derived 300
                .containsEntry("spark.sql.autoBroadcastJoinThreshold", "28m")         // derived for SF 1
                .containsEntry("spark.executor.instances", "3")
                .containsEntry("spark.eventLog.enabled", "false");

        ok("run tpch --scale 1 --queries 1 --dry-run " + dir.resolve("run2"));
        assertThat(submitted(dir.resolve("run2"), "power-run")).as("the run's own values ended with it")
                .containsEntry("spark.sql.shuffle.partitions", "50").doesNotContainKey("spark.eventLog.enabled");

        ok("load tpch --scale 0.01 --generate cluster --parts 2 --dry-run " + dir.resolve("load")
                + " --spark-conf spark.executor.instances=2");
        assertThat(submitted(dir.resolve("load"), "generate-tpch")).containsEntry("spark.executor.instances", "2")
                .containsEntry("spark.dynamicAllocation.maxExecutors", "2").containsEntry("spark.speculation", "false")
                .containsEntry("spark.sql.shuffle.partitions", "50");
    }

    /** The Spark properties of the StartJobRun a dry run wrote ({@code NN-StartJobRun-detail.json}). */
    private static Map<String, String> submitted(Path preview, String detail) throws Exception {
        Path request;
        try (Stream<Path> files = Files.list(preview)) {
            request = files.filter(f -> f.getFileName().toString().endsWith("-StartJobRun-" + detail + ".json")).findFirst().orElseThrow();
        }
        String parameters = JSON.readTree(request.toFile()).path("jobDriver").path("sparkSubmit").path("sparkSubmitParameters").asText();
        Map<String, String> conf = new LinkedHashMap<>();
        String[] words = parameters.split(" ");
        for (int i = 0; i < words.length - 1; i++) {
            if (words[i].equals("--conf")) {
                String[] pair = words[i + 1].split("=", 2);
                conf.put(pair[0], pair[1]);
            }
        }
        return conf;
    }
}
