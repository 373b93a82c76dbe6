package dev.benchbox.shell;

import dev.benchbox.shell.ShellTestSupport.Result;

import dev.benchbox.IntegrationTest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jline.reader.Parser;
import org.jline.terminal.Terminal;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@code run tpch --sweep} on DuckDB, typed as a user types it: threads × memory_limit, resume, and bad sweeps. */
@SpringBootTest(properties = {"spring.shell.interactive.enabled=false", "benchbox.errors-on-terminal=true"})
@Import(ShellTestSupport.class)
class SweepCommandTest {
    @TempDir
    static Path results;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("benchbox.results-dir", () -> results.toString());
        registry.add("BENCHBOX_HOME", () -> results.resolve("home").toString());
    }

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
    }

    @AfterEach
    void disconnect() {
        session.disconnect();
    }

    private Result type(String line) {
        return ShellTestSupport.type(shell, parser, terminal, line);
    }

    private static List<Path> sweepDirectories() throws Exception {
        try (Stream<Path> files = Files.list(results)) {
            return files.filter(p -> p.getFileName().toString().startsWith("sweep_tpch_sf0.01_duckdb_")).toList();
        }
    }

    @Test
    @IntegrationTest // loads and runs TPC-H once per combination: ten seconds
    void aDuckDbSweepRunsEachThreadsAndMemoryCombinationWithThoseSettingsThenComparesReportsAndResumes() throws Exception {
        assertThat(type("connect duckdb").error()).isNull();
        String command = "run tpch --scale 0.01 --queries 1,6 --sweep threads=1,2 --sweep memory_limit=512MB,1GB";

        Result first = type(command);

        assertThat(first.error()).as(first.output()).isNull();
        assertThat(first.output()).contains("Sweep of TPC-H SF0.01 on duckdb: 4 configurations; results in ")
                .contains("    1  threads=1 memory_limit=512MB  -\n")
                .contains("    4  threads=2 memory_limit=1GB    -\n")
                .contains("duckdb costs nothing per run: no estimate")
                .contains("[1/4] threads=1 memory_limit=512MB").contains("[4/4] threads=2 memory_limit=1GB")
                .contains("Price-performance frontier: none (no configuration has a billed cost)")
                .contains("Report: ");
        List<Path> directories = sweepDirectories();
        assertThat(directories).hasSize(1);
        Path dir = directories.get(0);
        List<String> labels = List.of("threads-1_memory_limit-512MB", "threads-1_memory_limit-1GB", "threads-2_memory_limit-512MB",
                "threads-2_memory_limit-1GB");
        ObjectMapper json = new ObjectMapper();
        for (String label : labels) {
            JsonNode result = json.readTree(dir.resolve(label + ".json").toFile());
            // each run was made with its own settings, as DuckDB reported them during the run
            assertThat(result.at("/configuration/engine/settings/threads").asText()).isEqualTo(label.substring(8, 9));
            assertThat(result.at("/configuration/engine/settings/memory_limit").asText())
                    .isEqualTo(label.endsWith("512MB") ? "488.2 MiB" : "953.6 MiB");
            // 2 queries × the default 5 iterations
            assertThat(result.at("/summary/passed").asInt()).isEqualTo(10);
        }
        // the comparison has every configuration, the first as baseline, numbered so its tables fit a terminal
        assertThat(first.output()).contains(" #1  threads-1_memory_limit-512MB (baseline)\n").contains(" #2  threads-1_memory_limit-1GB\n")
                .contains(" #3  threads-2_memory_limit-512MB\n").contains(" #4  threads-2_memory_limit-1GB\n")
                .contains(" query   | #1 ms (CV) ");
        assertThat(first.output().lines().filter(line -> line.contains(" | ")))
                .isNotEmpty().allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(120));
        Document report = Jsoup.parse(dir.resolve("report.html").toFile());
        for (String label : labels) {
            assertThat(report.text()).contains(label);
        }
        // the connection's own settings are back after the sweep
        assertThat(session.platform().configuration().settings().get("threads")).isNotEqualTo("1");

        // an interrupted sweep resumes: the configurations with results are skipped, the missing one runs
        Files.delete(dir.resolve(labels.get(2) + ".json"));
        Files.writeString(dir.resolve(labels.get(3) + ".json"), "{\"half\": ");
        Result second = type(command);

        assertThat(second.error()).as(second.output()).isNull();
        assertThat(second.output()).contains("4 configurations (2 with results already, skipped)")
                .contains("[1/4] threads=1 memory_limit=512MB: results exist, skipped")
                .contains("[2/4] threads=1 memory_limit=1GB: results exist, skipped")
                .contains("[3/4] threads=2 memory_limit=512MB\n")
                .contains("[4/4] threads=2 memory_limit=1GB\n");
        assertThat(json.readTree(dir.resolve(labels.get(3) + ".json").toFile()).at("/summary/passed").asInt()).isEqualTo(10);
        assertThat(sweepDirectories()).hasSize(1);

        // every configuration has results now: said in one line, nothing priced, and the comparison made again
        Result third = type(command);

        assertThat(third.error()).as(third.output()).isNull();
        assertThat(third.output()).contains("4 configurations (4 with results already, skipped)")
                .contains("\nAll 4 configurations already have results: nothing to run\n")
                .doesNotContain("costs nothing per run").doesNotContain("Estimated cost")
                .contains("[4/4] threads=2 memory_limit=1GB: results exist, skipped").contains(" #4  threads-2_memory_limit-1GB\n");
    }

    @Test
    void aTpcdsSweepRunsAsTpchsDoesInItsOwnDirectory() throws Exception {
        assertThat(type("connect duckdb").error()).isNull();

        Result sweep = type("run tpcds --scale 0.01 --queries 3,14 --iterations 1 --sweep threads=1,2");

        assertThat(sweep.error()).as(sweep.output()).isNull();
        assertThat(sweep.output()).contains("Sweep of TPC-DS SF0.01 on duckdb: 2 configurations; results in ")
                .contains("does not hold TPC-DS SF0.01 yet: generating and loading it")
                .contains("[1/2] threads=1").contains("[2/2] threads=2")
                .contains("TPC-DS SF0.01 on duckdb");
        List<Path> directories;
        try (Stream<Path> files = Files.list(results)) {
            directories = files.filter(p -> p.getFileName().toString().startsWith("sweep_tpcds_sf0.01_duckdb_")).toList();
        }
        assertThat(directories).hasSize(1);
        JsonNode result = new ObjectMapper().readTree(directories.get(0).resolve("threads-2.json").toFile());
        assertThat(result.at("/benchmark/name").asText()).isEqualTo("tpcds");
        // Q14 runs as its two statements and counts as one query
        assertThat(result.at("/summary/queries").asInt()).isEqualTo(2);
        assertThat(result.at("/summary/errors").asInt()).isZero();
    }

    @Test
    void badSweepsAreOneLineErrorsBeforeAnythingRuns() throws Exception {
        assertThat(type("connect duckdb").error()).isNull();
        List<Path> before = sweepDirectories();
        assertThat(type("run tpch --scale 0.01 --sweep threads").error())
                .isEqualTo("invalid --sweep 'threads': expected NAME=VALUE[,VALUE...], e.g. executors=8x4vCPU-16GB,4x8vCPU-32GB");
        assertThat(type("run tpch --scale 0.01 --sweep executors=8x4vCPU-16GB").error())
                .isEqualTo("unknown sweep dimension 'executors' on duckdb: expected threads or memory_limit");
        assertThat(type("run tpch --scale 0.01 --sweep threads=0,2").error())
                .isEqualTo("invalid threads '0' in --sweep: expected a whole number from 1 to 9999");
        assertThat(type("run tpch --scale 0.01 --sweep memory_limit=lots").error())
                .isEqualTo("invalid memory_limit 'lots' in --sweep: expected a size such as 512MB or 4GB");
        assertThat(type("run tpch --scale 0.01 --sweep threads=1 --sweep threads=2").error())
                .isEqualTo("--sweep threads is given twice: list all its values in one --sweep threads=V1,V2");
        assertThat(type("run tpch --scale 0.01 --sweep threads=1 --dry-run x").error())
                .isEqualTo("--sweep cannot be previewed with --dry-run: preview one configuration at a time");
        assertThat(sweepDirectories()).isEqualTo(before);
    }
}
