package dev.benchbox.shell;

import dev.benchbox.shell.ShellTestSupport.Result;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.jline.reader.Parser;
import org.jline.terminal.Terminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@code run tpch --full} and {@code run tpch --seed N} as a user types them, on DuckDB. */
@SpringBootTest(properties = {"spring.shell.interactive.enabled=false", "benchbox.errors-on-terminal=true"})
@Import(ShellTestSupport.class)
class FullRunCommandTest {
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

    @Test
    void aFullRunPrintsTheTestsTheMetricsAndWhyItIsNotCompliant() {
        type("connect duckdb");
        Result run = type("run tpch --scale 0.01 --full --seed 5");

        assertThat(run.error()).isNull();
        assertThat(run.output()).contains("Qualification:\n", "Power test:\n", "  power    RF1 (set 1) ", "  power    Q14 ",
                "Throughput test:\n", "  refresh  RF2 (set 3) ", "Qualification: 22 of 22 answers validated\n",
                "(2 query streams beside a refresh stream of 2 RF1/RF2 pairs)\n", "Power@Size ", "Throughput@Size ", "QphH@Size ",
                "Not compliant (seed 5, 2 streams): SF 0.01 is not one of the specification's scale factors\n",
                "Results saved to ");
    }

    @Test
    void aSeededPowerRunRunsStreamZerosQueriesWithQgensParametersUncheckedAndRecordsTheSeed() throws Exception {
        type("connect duckdb");
        Result run = type("run tpch --scale 0.01 --seed 5 --queries 6,14 --iterations 1");

        assertThat(run.error()).isNull();
        // stream 0 runs Q14 before Q6
        assertThat(run.output().indexOf("Q14")).isLessThan(run.output().indexOf("Q6"));
        assertThat(run.output()).contains("0 validated, 2 ran but not validated (validation off)");
        String file = run.output().replaceFirst("(?s).*Results: (\\S+)\n.*", "$1");
        assertThat(java.nio.file.Files.readString(Path.of(file))).contains("\"seed\" : 5");
    }

    @Test
    void refusesWhatAFullRunCannotBe() {
        assertThat(type("run tpcds --scale 1 --full").error()).isEqualTo("--full runs a benchmark's power and throughput tests "
                + "with its data maintenance; TPC-DS has no data maintenance in BenchBox");
        assertThat(type("run tpch --scale 0.01 --full --queries 1").error()).startsWith("--full runs the specification's tests "
                + "as defined: not with --queries");
        assertThat(type("run tpch --scale 0.01 --seed x --full").error()).isEqualTo("invalid --seed 'x': expected a whole number");
        // EMR Serverless runs --full over Iceberg tables, known once connected: the one-shot run goes on to its options
        assertThat(type("run --platform emr-serverless --benchmark tpch --scale 0.01 --full").error())
                .startsWith("missing s3_staging_dir");
        assertThat(session.isConnected()).isFalse();
        type("connect duckdb");
        assertThat(type("run tpch --scale 0.01 --seed 0").error()).isEqualTo("invalid --seed: seed must be 1 to 2147483646, got 0");
        assertThat(type("run tpch --scale 0.01 --seed 2147483647 --full").error())
                .isEqualTo("invalid --seed: seed must be 1 to 2147483646, got 2147483647");
        assertThat(session.platform().listTables(session.schema())).isEmpty();
    }

    /** The cross-check of the performance tests' answers is refused in one line wherever it could not mean anything. */
    @Test
    void refusesACrossCheckThatCouldNotMeanAnything() {
        assertThat(type("run tpch --scale 0.01 --full --validate rowcount").error()).isEqualTo("--full runs the "
                + "specification's tests as defined: not with --queries, --warmup, --iterations, --validate other than cross, "
                + "--sweep, --dry-run, --via, --spark-conf or --max-cost");
        // no random-parameter generator behind the benchmark seam: refused before connecting
        assertThat(type("run --platform emr-serverless --benchmark tpcds --scale 1 --seed 3 --validate cross").error())
                .isEqualTo("--seed draws the query parameters of the specification's performance tests, which TPC-DS does "
                        + "not have in BenchBox");
        assertThat(type("run tpcds --scale 1 --full --validate cross").error()).isEqualTo("--full runs a benchmark's power "
                + "and throughput tests with its data maintenance; TPC-DS has no data maintenance in BenchBox");
        // DuckDB itself, before connecting (one-shot) and connected
        String onDuckDb = "--validate cross compares a platform's answers with DuckDB's, so on duckdb it would check nothing: "
                + "use --validate exact or rowcount";
        assertThat(type("run --platform duckdb --benchmark tpch --scale 0.01 --full --validate cross").error()).isEqualTo(onDuckDb);
        // the data not on this machine: refused before connecting to EMR Serverless
        assertThat(type("run --platform emr-serverless --benchmark tpch --scale 0.01 --seed 3 --validate cross "
                + "--platform-option s3_staging_dir=s3://bucket/x/").error()).isEqualTo("--validate cross needs the TPC-H SF "
                + "0.01 data on this machine, and the data cache does not hold it: run 'load tpch --scale 0.01 --generate "
                + "local' first, or drop --validate cross");
        assertThat(session.isConnected()).isFalse();
        type("connect duckdb");
        assertThat(type("run tpch --scale 0.01 --full --validate cross").error()).isEqualTo(onDuckDb);
        assertThat(type("run tpch --scale 0.01 --seed 3 --validate cross").error()).isEqualTo(onDuckDb);
        assertThat(session.platform().listTables(session.schema())).isEmpty();
    }
}
