package dev.benchbox.cli;

import dev.benchbox.IntegrationTest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged application as users run it non-interactively: exit status, what goes to standard
 * output and standard error, no stack traces unless --debug, results under ./benchbox-results.
 */
@IntegrationTest
class CommandLineIT {
    private static final Path JAR = Path.of("target/benchbox-shell.jar").toAbsolutePath();

    @TempDir
    Path work;

    record Run(int exitCode, String stdout, String stderr) {
    }

    private Run benchbox(String... args) throws Exception {
        return benchboxWithHeap("512m", args);
    }

    private Run benchboxWithHeap(String heap, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + heap, "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
        builder.environment().put("BENCHBOX_HOME", work.resolve("home").toString());
        builder.environment().put("NO_COLOR", "1");
        File out = work.resolve("stdout.txt").toFile();
        File err = work.resolve("stderr.txt").toFile();
        builder.redirectOutput(out).redirectError(err).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("benchbox did not exit: " + String.join(" ", args));
        }
        return new Run(process.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
                Files.readString(err.toPath(), StandardCharsets.UTF_8));
    }

    @Test
    void oneShotPowerRunExitsZeroAndWritesResultsInTheWorkingDirectory() throws Exception {
        Run run = benchbox("run", "--platform", "duckdb", "--benchmark", "tpch", "--scale", "0.01");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).contains("110 query executions, 110 validated (110 exact), 0 failed, 0 errors");
        assertThat(run.stderr()).isEmpty();
        try (Stream<Path> files = Files.list(work.resolve("benchbox-results"))) {
            List<Path> results = files.toList();
            assertThat(results).hasSize(1);
            JsonNode json = new ObjectMapper().readTree(results.get(0).toFile());
            assertThat(json.at("/summary/passed").asInt()).isEqualTo(110);
        }
    }

    @Test
    void adHocQueryPrintsOnlyItsRowsOnStandardOutputAndTheFooterOnStandardError() throws Exception {
        Run csv = benchbox("query", "SELECT 6 * 7 AS answer", "--format", "csv");
        assertThat(csv.exitCode()).isZero();
        assertThat(csv.stdout()).isEqualTo("answer\n42\n");
        assertThat(csv.stderr()).matches("\\(1 row, [0-9.]+ ms\\)\n");

        // `benchbox query ... --format json > o.json` must give a file JSON parsers accept
        Run json = benchbox("query", "SELECT 42 AS answer UNION ALL SELECT 43", "--format", "json");
        assertThat(json.exitCode()).isZero();
        JsonNode parsed = new ObjectMapper().readTree(json.stdout());
        assertThat(parsed.isArray()).isTrue();
        assertThat(parsed.size()).isEqualTo(2);
        assertThat(parsed.get(0).get("answer").asInt()).isEqualTo(42);
        assertThat(json.stderr()).matches("\\(2 rows, [0-9.]+ ms\\)\n");
    }

    @Test
    void scriptSummaryGoesToStandardErrorOnce() throws Exception {
        Path script = work.resolve("two-bad.bbx");
        Files.writeString(script, "connect duckdb\nquery \"SELEC 1\"\nquery \"SELECT 1 AS one\" --format csv\n");
        Run run = benchbox("--continue-on-error", "--script", script.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stdout()).startsWith("Connected to DuckDB").endsWith("\none\n1\n");
        assertThat(run.stderr()).matches(java.util.regex.Pattern.quote(script + ":2: Parser Error: syntax error at or near \"SELEC\" (at line 1, column 1)\n")
                + "\\(1 row, [0-9.]+ ms\\)\n" + java.util.regex.Pattern.quote(script + ": 1 of 3 lines failed\n"));
    }

    @Test
    void sixMillionRowResultStreamsToCsvInConstantMemory() throws Exception {
        // 6M rows of CSV is ~100 MB of text; a 64 MB heap can only take it if rows stream straight to the file
        Run run = benchboxWithHeap("64m", "query", "SELECT range AS id, 'row ' || range AS label FROM range(6000000)",
                "--output", "big.csv");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).startsWith("6,000,000 rows written to big.csv (csv)");
        Path file = work.resolve("big.csv");
        assertThat(Files.size(file)).isGreaterThan(64L * 1024 * 1024);
        try (Stream<String> lines = Files.lines(file)) {
            assertThat(lines.count()).isEqualTo(6_000_001);
        }
    }

    @Test
    void helpAndShortHPrintTheLauncherUsageAndExitZero() throws Exception {
        for (String option : List.of("--help", "-h")) {
            Run run = benchbox(option);
            assertThat(run.exitCode()).as(run.stderr()).isZero();
            assertThat(run.stdout()).startsWith("Usage: benchbox [OPTIONS]").isEqualTo(dev.benchbox.LauncherUsage.TEXT);
            assertThat(run.stderr()).isEmpty();
        }
        Run withPath = benchbox("--path", "x.duckdb", "--help");
        assertThat(withPath.stdout()).isEqualTo(dev.benchbox.LauncherUsage.TEXT);
        assertThat(work.resolve("x.duckdb")).doesNotExist();
    }

    @Test
    void sqlErrorIsOneLineOnStandardErrorWithNonZeroStatus() throws Exception {
        Run run = benchbox("query", "SELEC 1");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).isEqualTo("Parser Error: syntax error at or near \"SELEC\" (at line 1, column 1)\n");
    }

    @Test
    void debugAddsTheStackTrace() throws Exception {
        Run run = benchbox("--debug", "query", "SELEC 1");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).startsWith("Parser Error: syntax error at or near \"SELEC\"").contains("\tat ");
    }

    @Test
    void wrongOptionAndUnknownCommandAreOneLine() throws Exception {
        Run option = benchbox("run", "--platform", "duckdb", "--benchmark", "tpch", "--scale", "0.01", "--iteratons", "2");
        assertThat(option.exitCode()).isEqualTo(1);
        assertThat(option.stderr().lines().count()).as(option.stderr()).isEqualTo(1);
        assertThat(option.stderr()).contains("--iteratons");

        Run command = benchbox("frobnicate");
        assertThat(command.exitCode()).isEqualTo(1);
        assertThat(command.stderr()).isEqualTo("unknown command 'frobnicate': type help to list the commands\n");
    }

    @Test
    void brokenScriptLineNamesFileAndLine() throws Exception {
        Path script = work.resolve("broken.bbx");
        Files.writeString(script, "connect duckdb\nload tpch --scale zero\nquery \"SELECT 1\"\n");
        Run run = benchbox("--script", script.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).isEqualTo(script + ":2: invalid scale factor 'zero': not a number; TPC-H takes 0.0001 to 100000 with at most 4 decimal places (e.g. 0.01 or 1)\n");
        assertThat(run.stdout()).startsWith("Connected to DuckDB").doesNotContain("(1 row");

        Run missing = benchbox("--script", work.resolve("nope.bbx").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.stderr()).isEqualTo("cannot read script " + work.resolve("nope.bbx") + ": no such file\n");
    }
}
