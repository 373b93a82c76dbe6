package dev.benchbox.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.benchbox.session.Session;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
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
 * Every file a dry run writes, compared byte for byte with golden copies under {@code src/test/resources/golden/}
 * (one text file per scenario: each written file under a {@code === path ===} header). Only values that differ
 * from run to run are masked: random UUIDs (client tokens, the session tag), the job jar's content hash (it
 * changes with the job's code, and with it the jar's size and checksum in {@code uploads.json}) and the time in a
 * created application's default name. No AWS endpoint is needed:
 * nothing is sent. Run with {@code -Dbenchbox.update-golden=true} to rewrite the golden files after a
 * deliberate change.
 */
@SpringBootTest(properties = {"spring.shell.interactive.enabled=false", "benchbox.errors-on-terminal=true"})
@Import({ShellTestSupport.class, TestEnvironment.class})
class DryRunGoldenTest {
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern JAR = Pattern.compile("benchbox-job-[0-9a-f]{16}\\.jar");
    // the jar's entry in uploads.json: its size and checksum change with the job's code, as its name does
    private static final Pattern JAR_UPLOAD = Pattern.compile(
            "(benchbox-job-[0-9a-f]{16}\\.jar\",\\s+\"size\" : )\\d+(,\\s+\"sha256\" : \")[0-9a-f]{64}");
    private static final Pattern TIME_NAME = Pattern.compile("benchbox-\\d{8}-\\d{6}");
    private static final String ROLE = "arn:aws:iam::111122223333:role/EMRServerlessJobRole";

    @TempDir
    Path dir;

    @Autowired
    BenchboxShell shell;
    @Autowired
    CommandLineRunner commandLine;
    @Autowired
    Parser parser;
    @Autowired
    Terminal terminal;
    @Autowired
    Session session;

    @BeforeEach
    void clear() {
        ShellTestSupport.takeOutput(terminal);
        TestEnvironment.VARIABLES.clear();
    }

    @AfterEach
    void disconnect() {
        session.disconnect();
    }

    private String type(String line) {
        List<String> words = parser.parse(line, line.length(), Parser.ParseContext.ACCEPT_LINE).words();
        BenchboxShell.Outcome outcome = shell.execute(words, line);
        String output = ShellTestSupport.takeOutput(terminal);
        assertThat(outcome.failure()).as(line + "\n" + output).isNull();
        return output;
    }

    @Test
    void seedExampleOneShotRunPreviewsCreatingTheApplicationAndThePowerRun() throws Exception {
        Path preview = dir.resolve("preview");
        commandLine.run(new String[] {"run", "--platform", "emr-serverless", "--benchmark", "tpch", "--dry-run", preview.toString(),
                "--platform-option", "s3_staging_dir=s3://my-bucket/benchbox/", "--platform-option", "execution_role_arn=" + ROLE});
        ShellTestSupport.takeOutput(terminal);
        assertGolden("dry-run-seed-example.txt", preview);
    }

    @Test
    void tpcdsOneShotRunPreviewsTheGenerationJobRunAndThePowerRunWithBothPartsOfATwoPartQuery() throws Exception {
        Path preview = dir.resolve("tpcds");
        commandLine.run(new String[] {"run", "--platform", "emr-serverless", "--benchmark", "tpcds", "--scale", "1",
                "--queries", "3,14", "--dry-run", preview.toString(),
                "--platform-option", "s3_staging_dir=s3://my-bucket/benchbox/", "--platform-option", "execution_role_arn=" + ROLE});
        String output = ShellTestSupport.takeOutput(terminal);
        assertThat(output).contains("Previewed TPC-DS SF1 on ");
        assertGolden("dry-run-tpcds-run.txt", preview);
    }

    @Test
    void dryRunConnectionPreviewsSchemaLoadsCapacityAndARun() throws Exception {
        Path session = dir.resolve("session");
        Path capacity = dir.resolve("capacity");
        Path run = dir.resolve("run");
        Path source = Files.createDirectories(dir.resolve("source"));
        Files.writeString(source.resolve("region.tbl"), "0|AFRICA|first|\n1|AMERICA|second|\n");
        type("connect emr-serverless --dry-run " + session + " --s3-staging-dir s3://my-bucket/golden/ --execution-role-arn " + ROLE
                + " --application-id 00fabcdefghij012 --region eu-west-1 --database golden");
        type("create-schema tpch");
        type("load tpch --scale 1 --tables region,nation");
        type("load --tables region --source " + source + " --schema tpch");
        type("capacity set --driver 1x4vCPU-16GB --executors 4x8vCPU-32GB-50GB --max-cpu 64 --max-memory 256 --dry-run " + capacity);
        type("run tpch --scale 1 --queries 1,6 --warmup 1 --iterations 2 --dry-run " + run);
        // found trying it: "Closing: dry run: 44 files in ..."
        assertThat(type("disconnect")).matches("Disconnected: the dry run wrote \\d+ files to " + java.util.regex.Pattern.quote(session.toString()) + "\n");
        assertGolden("dry-run-connection-session.txt", session);
        assertGolden("dry-run-connection-capacity.txt", capacity);
        assertGolden("dry-run-connection-run.txt", run);
    }

    @Test
    void icebergLoadPreviewsAGenerationJobRunWithIcebergsGlueCatalog() throws Exception {
        Path session = dir.resolve("iceberg");
        type("connect emr-serverless --dry-run " + session + " --s3-staging-dir s3://my-bucket/golden/ --execution-role-arn " + ROLE
                + " --application-id 00fabcdefghij012 --region eu-west-1 --database golden --release-label emr-7.13.0");
        type("create-schema tpch_iceberg");
        assertThat(type("load tpch --scale 1 --tables region,nation --table-format iceberg"))
                .contains("written as Iceberg tables (Glue catalog glue_catalog, warehouse s3://my-bucket/golden/iceberg/)");
        // a session in that schema starts with the same Iceberg settings as the job run
        assertThat(type("session start --name golden")).contains("StartSession");
        type("disconnect");
        assertGolden("dry-run-iceberg-load.txt", session);
    }

    private static void assertGolden(String name, Path directory) throws IOException {
        String actual = render(directory);
        Path golden = Path.of("src/test/resources/golden", name);
        if (Boolean.getBoolean("benchbox.update-golden")) {
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertThat(golden).as("golden file (write it with -Dbenchbox.update-golden=true)").exists();
        // the actual text beside the build's output, for a diff when they differ
        Path actualCopy = Path.of("target/golden-actual", name);
        Files.createDirectories(actualCopy.getParent());
        Files.writeString(actualCopy, actual, StandardCharsets.UTF_8);
        assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }

    /** Every file under the directory, sorted by path, each under a header, with run-to-run values masked. */
    static String render(Path directory) throws IOException {
        StringBuilder out = new StringBuilder();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(directory)) {
            // the list of what the preview wrote only repeats the headers below; DryRunRecorderTest checks it
            files = walk.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().equals(dev.benchbox.platform.emr.DryRunRecorder.MANIFEST)).sorted().toList();
        }
        for (Path file : files) {
            out.append("=== ").append(directory.relativize(file).toString().replace('\\', '/')).append(" ===\n");
            out.append(Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n"));
        }
        String text = UUID.matcher(out).replaceAll("<uuid>");
        text = JAR_UPLOAD.matcher(text).replaceAll("$1<size>$2<sha256>");
        text = JAR.matcher(text).replaceAll("benchbox-job-<hash>.jar");
        return TIME_NAME.matcher(text).replaceAll("benchbox-<time>");
    }
}
