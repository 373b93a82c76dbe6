package dev.benchbox.script;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.benchbox.shell.CommandLineRunner;
import dev.benchbox.shell.ExitStatus;
import dev.benchbox.shell.ShellTestSupport;
import dev.benchbox.shell.TestEnvironment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jline.terminal.Terminal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Replays {@code .bbx} scripts the way {@code benchbox --script FILE} does, against the embedded
 * DuckDB platform, and checks what users get: validated answers, a results file, exit status, and
 * {@code FILE:LINE: message} on a failing line.
 */
@SpringBootTest(properties = {"spring.shell.interactive.enabled=false", "benchbox.errors-on-terminal=true"})
@Import({ShellTestSupport.class, TestEnvironment.class})
// ExitStatus only ever goes from 0 to a failure, as a process's does: each test gets a fresh one with a fresh context
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class BbxReplayEndToEndTest {
    @TempDir
    static Path results;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("benchbox.results-dir", () -> results.toString());
        // generated data goes to this test's own data cache, not the user's
        registry.add("BENCHBOX_HOME", () -> results.resolve("home").toString());
    }

    @Autowired
    CommandLineRunner commandLine;
    @Autowired
    ExitStatus exitStatus;
    @Autowired
    Terminal terminal;

    @BeforeEach
    void clear() {
        ShellTestSupport.takeOutput(terminal);
        TestEnvironment.VARIABLES.clear();
    }

    @Test
    void tpchSessionAtScale001Validates22Of22AndWritesResults() throws Exception {
        Path script = Path.of("src/test/resources/bbx/tpch-sf001.bbx");
        // ${BBX_SCHEMA} comes from the environment
        TestEnvironment.VARIABLES.put("BBX_SCHEMA", "tpch_e2e");
        try (Stream<Path> before = Files.list(results)) {
            assertThat(before.filter(p -> p.toString().endsWith(".json"))).isEmpty();
        }

        commandLine.run(new String[] {"--script", script.toString()});
        String output = ShellTestSupport.takeOutput(terminal);

        assertThat(exitStatus.code()).as(output).isZero();
        assertThat(output).contains("Loaded TPC-H SF0.01 into tpch_e2e: 8 tables, 86,805 rows")
                .contains("lineitem\nnation\norders\npart\npartsupp\nregion\nsupplier\n")
                .contains(" l_returnflag | n")
                // the script gives no --iterations: the default's 5, what compare needs, the cold first set apart
                .contains("110 query executions, 110 validated (110 exact), 0 failed, 0 errors")
                .contains("Power@Size ")
                .contains("Per query over iterations 2..5 (cold: iteration 1, set apart):");
        List<Path> files;
        try (Stream<Path> list = Files.list(results)) {
            files = list.filter(p -> p.getFileName().toString().matches("tpch_sf0\\.01_duckdb_.*\\.json")).toList();
        }
        assertThat(files).hasSize(1);
        JsonNode json = new ObjectMapper().readTree(files.get(0).toFile());
        assertThat(json.at("/benchmark/name").asText()).isEqualTo("tpch");
        assertThat(json.at("/benchmark/scale_factor").asDouble()).isEqualTo(0.01);
        assertThat(json.at("/platform/name").asText()).isEqualTo("duckdb");
        assertThat(json.at("/platform/schema").asText()).isEqualTo("tpch_e2e");
        assertThat(json.at("/summary/passed").asInt()).isEqualTo(110);
        assertThat(json.at("/summary/power_at_size").asDouble()).isPositive();
        assertThat(json.at("/run/iterations").asInt()).isEqualTo(5);
        assertThat(json.get("queries")).hasSize(110);
        assertThat(json.get("statistics")).hasSize(22).allSatisfy(stats -> assertThat(stats.get("samples").asInt()).isEqualTo(4));
        for (JsonNode query : json.get("queries")) {
            assertThat(query.get("status").asText()).as(query.toString()).isEqualTo("validated");
            assertThat(query.get("validation").asText()).as(query.toString()).isEqualTo("exact");
            assertThat(query.get("ms").asDouble()).isPositive();
            assertThat(query.get("iteration").asInt()).isBetween(1, 5);
        }
    }

    @Test
    void scriptStopsAtTheFirstFailingLineWithFileAndLine() throws Exception {
        Path script = results.resolve("broken.bbx");
        Files.writeString(script, String.join("\n",
                "connect duckdb",
                "# line 2 is a comment",
                "load tpch --scale -1",
                "query \"SELECT 'never runs' AS x\""), StandardCharsets.UTF_8);

        commandLine.run(new String[] {"--script", script.toString()});
        String output = ShellTestSupport.takeOutput(terminal);

        assertThat(exitStatus.code()).isEqualTo(1);
        assertThat(output).contains(script + ":3: invalid scale factor '-1': it must be greater than 0; TPC-H takes 0.0001 to 100000 with at most 4 decimal places (e.g. 0.01 or 1)")
                .doesNotContain("never runs")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
    }

    @Test
    void continueOnErrorRunsEveryLineAndCountsFailures() throws Exception {
        Path script = results.resolve("mixed.bbx");
        Files.writeString(script, String.join("\n",
                "query \"SELECT 1\"",
                "connect duckdb",
                "query \"SELEC 1\"",
                "query \"SELECT 'still runs' AS x\"",
                "query \"unclosed",
                "describe ${BENCHBOX_SURELY_UNDEFINED}"), StandardCharsets.UTF_8);

        commandLine.run(new String[] {"--continue-on-error", "--script", script.toString()});
        String output = ShellTestSupport.takeOutput(terminal);

        assertThat(exitStatus.code()).isEqualTo(1);
        assertThat(output).contains(script + ":1: 'query' is not available: you are not connected (run 'connect duckdb' first)")
                .contains(script + ":3: Parser Error: syntax error at or near \"SELEC\" (at line 1, column 1)")
                .contains("still runs")
                .contains(script + ":5: malformed line: unclosed quote")
                .contains(script + ":6: undefined variable 'BENCHBOX_SURELY_UNDEFINED' (set it in the environment)")
                .contains(script + ": 4 of 6 lines failed");
    }

    @Test
    void aOneShotRunThatLeftAnswersUncheckedExitsThreeNotZero() throws Exception {
        List<Path> before;
        try (Stream<Path> list = Files.list(results)) {
            before = list.toList();
        }
        commandLine.run(new String[] {"run", "--platform", "duckdb", "--benchmark", "tpch", "--scale", "0.01", "--queries", "1,6",
                "--validate", "off", "--iterations", "1"});
        String output = ShellTestSupport.takeOutput(terminal);

        assertThat(output).contains("2 query executions, 0 validated, 2 ran but not validated (validation off), 0 failed, 0 errors");
        assertThat(exitStatus.code()).as(output).isEqualTo(ExitStatus.UNVALIDATED);
        // the results directory is shared by the class's tests, and one of them starts from none
        try (Stream<Path> after = Files.list(results)) {
            for (Path file : after.filter(p -> !before.contains(p)).toList()) {
                Files.delete(file);
            }
        }
    }

    @Test
    void oneShotCommandFromTheCommandLineSetsTheExitStatus() {
        commandLine.run(new String[] {"run", "--platform", "duckdb", "--benchmark", "tpch", "--scale", "0.01", "--queries", "1,6",
                "--iterations", "1"});
        String output = ShellTestSupport.takeOutput(terminal);
        assertThat(exitStatus.code()).as(output).isZero();
        assertThat(output).contains("Q1   iteration 1").contains("Q6   iteration 1")
                .contains("2 query executions, 2 validated (2 exact), 0 failed, 0 errors")
                .contains("only 2 of the 22 queries ran");

        commandLine.run(new String[] {"query", "SELECT * FROM no_such_table"});
        assertThat(ShellTestSupport.takeOutput(terminal)).contains("Table with name no_such_table does not exist");
        assertThat(exitStatus.code()).isEqualTo(1);
    }

    @Test
    void aScriptThatRunsItselfIsRefusedInOneLine() throws Exception {
        Path script = Files.createDirectories(results.resolve("self")).resolve("r.bbx");
        Files.writeString(script, "connect duckdb\nscript " + script + "\nquery \"SELECT 'never runs' AS x\"\n");

        commandLine.run(new String[] {"--script", script.toString()});
        String output = ShellTestSupport.takeOutput(terminal);

        assertThat(exitStatus.code()).isEqualTo(1);
        assertThat(output).contains(script + ":2: script " + script + " runs itself (" + script + " -> " + script + ")")
                .doesNotContain("never runs")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
        assertThat(output.lines().filter(line -> line.contains("runs itself"))).hasSize(1);
    }

    @Test
    void aScriptRunningItselfThroughAnotherUnderAnotherNameIsRefused() throws Exception {
        Path folder = Files.createDirectories(results.resolve("loop"));
        Path a = folder.resolve("a.bbx");
        Path b = folder.resolve("b.bbx");
        Path alias = Files.createSymbolicLink(folder.resolve("alias.bbx"), a);
        Files.writeString(a, "connect duckdb\nscript " + b + "\n");
        Files.writeString(b, "query \"SELECT 'b ran' AS x\"\nscript " + alias + "\n");

        commandLine.run(new String[] {"--script", a.toString()});
        String output = ShellTestSupport.takeOutput(terminal);

        assertThat(exitStatus.code()).isEqualTo(1);
        assertThat(output).contains("b ran")
                .contains(b + ":2: script " + alias + " runs itself (" + a + " -> " + b + " -> " + alias + ")")
                .doesNotContain("Exception");
    }

    @Test
    void nestingDeeperThanTheLimitIsRefused() throws Exception {
        Path folder = Files.createDirectories(results.resolve("deep"));
        int scripts = 40;
        for (int i = 1; i <= scripts; i++) {
            Files.writeString(folder.resolve("n" + i + ".bbx"),
                    i == scripts ? "query \"SELECT 'bottom' AS x\"\n" : "script " + folder.resolve("n" + (i + 1) + ".bbx") + "\n");
        }

        commandLine.run(new String[] {"--script", folder.resolve("n1.bbx").toString()});
        String output = ShellTestSupport.takeOutput(terminal);

        assertThat(exitStatus.code()).isEqualTo(1);
        assertThat(output).contains(folder.resolve("n16.bbx") + ":1: script " + folder.resolve("n17.bbx")
                        + " would be nested more than 16 scripts deep, the limit (" + folder.resolve("n1.bbx") + " -> ")
                .doesNotContain("bottom")
                .doesNotContain("Exception");
    }
}
