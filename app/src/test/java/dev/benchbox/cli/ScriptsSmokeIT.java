package dev.benchbox.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.benchbox.IntegrationTest;
import dev.benchbox.standin.Await;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every script under scripts/ run as a user runs it, at its smallest size, so that none breaks silently (bench-emr
 * once died at start for a missing JVM option and nothing noticed). AWS is the stand-in (scripts/local-aws, or the
 * one the benchmark starts itself); the TPC's C kits are not looked for (DBGEN_SRC/DSDGEN_SRC=none: the scripts then
 * compare with the Java generators); a tool this machine lacks skips its script with the reason. Nothing is timed
 * here: the figures the scripts print are only checked to be there.
 */
@IntegrationTest
class ScriptsSmokeIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize(); // tests run in the app module
    private static final Duration LIMIT = Duration.ofMinutes(15);

    /** The scripts this class runs; a new script fails {@link #everyScriptHasASmokeRun()} until it gets one here. */
    private static final Set<String> SMOKED = Set.of("benchbox", "bench-local", "bench-tpcds", "bench-emr", "bench-emr-latency",
            "bench-load-emr", "bench-session", "bench-spark4", "bench-tpch-full", "local-aws", "report-screenshot");

    @TempDir
    Path work;

    record Run(int exitCode, String stdout, String stderr) {
        String all() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    private Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("BENCHBOX_HOME", work.resolve("home").toString());
        env.put("NO_COLOR", "1");
        return env;
    }

    private Process start(Map<String, String> env, String... command) throws IOException {
        List<String> words = new ArrayList<>(List.of(command));
        words.set(0, ROOT.resolve(command[0]).toString());
        ProcessBuilder builder = new ProcessBuilder(words).directory(work.toFile());
        builder.environment().putAll(env);
        builder.redirectOutput(work.resolve("stdout.txt").toFile()).redirectError(work.resolve("stderr.txt").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        return builder.start();
    }

    private Run finish(Process process, String what) throws Exception {
        if (!process.waitFor(LIMIT.toMinutes(), TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError(what + " did not finish within " + LIMIT + ":\n" + read("stdout.txt") + read("stderr.txt"));
        }
        return new Run(process.exitValue(), read("stdout.txt"), read("stderr.txt"));
    }

    private Run run(Map<String, String> env, String... command) throws Exception {
        return finish(start(env, command), String.join(" ", command));
    }

    private String read(String name) throws IOException {
        Path file = work.resolve(name);
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    private static void assumeGnuTime(String script) {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/time")), script + " measures peak memory with GNU time, which this machine lacks");
    }

    @Test
    void everyScriptHasASmokeRun() throws IOException {
        try (Stream<Path> files = Files.list(ROOT.resolve("scripts"))) {
            Set<String> scripts = files.filter(Files::isRegularFile).filter(Files::isExecutable)
                    .map(file -> file.getFileName().toString()).collect(Collectors.toSet());
            assertThat(scripts).as("the executable scripts under scripts/, each run by a test in this class").isEqualTo(SMOKED);
        }
    }

    @Test
    void benchboxLoadsIntoADatabaseFileAndQueriesIt() throws Exception {
        Run load = run(environment(), "scripts/benchbox", "--path", "x.duckdb", "load", "tpch", "--scale", "0.01");
        assertThat(load.exitCode()).as(load.all()).isZero();
        assertThat(load.stderr()).as("no training run failed").doesNotContain("benchbox: the");

        Run query = run(environment(), "scripts/benchbox", "--path", "x.duckdb", "query", "SELECT count(*) AS n FROM nation", "--format", "csv");
        assertThat(query.exitCode()).as(query.all()).isZero();
        assertThat(query.stdout()).isEqualTo("n\n25\n");
    }

    @Test
    void benchLocal() throws Exception {
        assumeGnuTime("bench-local");
        Map<String, String> env = environment();
        env.put("DBGEN_SRC", "none");

        Run run = run(env, "scripts/bench-local", "0.01", "1");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.stdout()).containsPattern("benchbox help: +[0-9.]+ \\([0-9.]+\\) +ratio to jshell: [0-9.]+")
                .containsPattern("benchbox load tpch --scale 0.01 \\(in memory\\), first time \\(generates, fills the data cache\\): [0-9.]+ s")
                .containsPattern("the same, data cached \\(a new process\\): +[0-9.]+ s")
                .contains("C dbgen: not available")
                // each load round on its own line, with the machine's load beside it
                .containsPattern("  round: first [0-9.]+ s \\(cpu [0-9.]+\\), cached [0-9.]+ s \\(cpu [0-9.]+\\), --no-cache [0-9.]+ s"
                        + " \\(cpu [0-9.]+\\)(, dbgen [0-9.]+ s \\(cpu [0-9.]+\\))?   \\(load average")
                .containsPattern("round 1: shell [0-9.]+ ms \\(cpu [0-9]+ ms\\)   JDBC loop [0-9.]+ ms \\(cpu [0-9]+ ms\\)   ratio [0-9.]+"
                        + "   cpu ratio [0-9.]+")
                .containsPattern("query time ratio shell / JDBC loop, median of 1 rounds: [0-9.]+ ")
                .containsPattern("process cpu during the queries, ratio shell / JDBC loop, median: [0-9.]+")
                // (d) needs tmux: without it the script says so instead of timing the prompt
                .containsPattern("benchbox to its prompt: +[0-9.]+ \\([0-9.]+\\) +ratio to jshell: [0-9.]+"
                        + "|interactive prompt: not measured \\(needs tmux");
    }

    @Test
    void benchTpchFull() throws Exception {
        assumeGnuTime("bench-tpch-full");
        Map<String, String> env = environment();
        env.put("BENCH_SECTIONS", "a"); // (b) builds the test classpath with Maven: not inside this build

        Run run = run(env, "scripts/bench-tpch-full", "0.01");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.stdout()).containsPattern("Power test: [0-9.]+ s").containsPattern("QphH@Size +[0-9.]+")
                .contains("Not compliant").containsPattern("wall [0-9.]+ s, cpu [0-9.]+ s, peak RSS [0-9]+ MB");
    }

    @Test
    void benchTpcds() throws Exception {
        assumeGnuTime("bench-tpcds");
        Map<String, String> env = environment();
        env.put("DSDGEN", ""); // the child inherits this environment: an inherited DSDGEN would run dsdgen
        env.put("DSDGEN_SRC", "none");
        env.put("PROFILE", "0"); // its three extra runs are the same programs as the ones timed here

        Run run = run(env, "scripts/bench-tpcds", "0.01", "1");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.stdout()).containsPattern("benchbox load tpcds --scale 0.01 \\(in memory\\): [0-9.]+ s")
                .containsPattern("the same, data cached \\(a new process\\): [0-9.]+ s")
                .contains("C dsdgen: not available (set DSDGEN to a built dsdgen")
                .containsPattern("machine: [0-9]+ cores, load average at start: ")
                .containsPattern("io.trino.tpcds alone, 1 thread, rows discarded: [0-9.]+ s");
    }

    @Test
    void benchEmrOnTheStandIn() throws Exception {
        // one warm-up-less iteration, our way only: one job run on the stand-in's Spark
        Run run = run(environment(), "scripts/bench-emr", "0", "1", "0");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.stdout()).containsPattern("ours \\(one job run per stream\\): +1 job runs, billed [0-9.]+ vCPU-h")
                .contains("seed (one job run per query):    not measured (0 rounds)");
    }

    @Test
    void benchEmrLatencyOnTheStandIn() throws Exception {
        Run run = run(environment(), "scripts/bench-emr-latency", "2");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.stdout()).containsPattern("job end -> shell noticed: median [0-9]+ ms, max [0-9]+ ms over 2 job runs")
                .containsPattern("GetJobRun: [0-9]+ requests in [0-9.]+ s");
    }

    @Test
    void benchLoadEmrOnTheStandIn() throws Exception {
        assumeGnuTime("bench-load-emr");

        Run run = run(environment(), "scripts/bench-load-emr", "0.01");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.stdout()).containsPattern("(?m)^0\\.01 +cluster +[0-9]+ +[0-9.]+$")
                .containsPattern("(?m)^0\\.01 +local +[0-9]+ +[0-9.]+$")
                .containsPattern("0\\.01 +cluster/local: memory [0-9.]+, time [0-9.]+");
    }

    @Test
    void benchSpark4OnTheStandIn() throws Exception {
        Run run = run(environment(), "scripts/bench-spark4", "0.01");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.stdout()).containsPattern("(?m)^  emr-7\\.13\\.0 +Spark 3\\.5\\.7 +[0-9.]+ +[0-9.]+ +[0-9.]+ +22/22 +[0-9.]+$")
                .containsPattern("(?m)^  emr-spark-8\\.0\\.0 +Spark 4\\.0\\.1 +[0-9.]+ +[0-9.]+ +[0-9.]+ +22/22 +[0-9.]+$");
    }

    @Test
    void benchSessionOnTheStandIn() throws Exception {
        Run run = run(environment(), "scripts/bench-session", "1", "1");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.stdout()).containsPattern("through the session: +1 queries, median [0-9.]+ s")
                .containsPattern("warm count\\(\\*\\) on lineitem, 1 calls: shell median [0-9.]+ s .*Spark median [0-9.]+ s .*ratio shell / Spark [0-9.]+")
                .containsPattern("as job runs: +1 queries, median [0-9.]+ s");
    }

    @Test
    void localAwsServesTheConnectLineItPrints() throws Exception {
        Process aws = start(environment(), "scripts/local-aws", "--data", work.resolve("aws").toString());
        try {
            Await.until("local-aws prints its connect line", LIMIT, () -> {
                try {
                    return read("stdout.txt").contains("connect emr-serverless ") || !aws.isAlive();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            String printed = read("stdout.txt");
            assertThat(aws.isAlive()).as(printed + read("stderr.txt")).isTrue();
            Map<String, String> env = environment();
            Matcher export = Pattern.compile("(?m)^ *export (\\w+)=(\\S+)$").matcher(printed);
            while (export.find()) {
                env.put(export.group(1), export.group(2));
            }
            Matcher connect = Pattern.compile("(?m)^ *(connect emr-serverless .*)$").matcher(printed);
            assertThat(connect.find()).isTrue();
            // the README's first EMR session starts from this line: the application it creates must have sessions
            assertThat(connect.group(1)).contains(" --release-label emr-7.13.0");
            Path session = Files.writeString(work.resolve("connect.bbx"), connect.group(1) + "\nstatus\n");

            Run shell = runElsewhere(env, "scripts/benchbox", "--script", session.toString());

            assertThat(shell.exitCode()).as(shell.all()).isZero();
            assertThat(shell.stdout()).contains("Connected to EMR Serverless application").contains("Platform: EMR Serverless application")
                    .contains("emr-7.13.0");
        } finally {
            aws.destroy();
        }
        assertThat(aws.waitFor(2, TimeUnit.MINUTES)).as("local-aws stops on SIGTERM").isTrue();
        assertThat(read("stdout.txt")).contains("local-aws stopped");
    }

    /** As {@link #run}, with its output in a sub-directory: for a second process while the first still writes its own. */
    private Run runElsewhere(Map<String, String> env, String... command) throws Exception {
        Path dir = Files.createDirectories(work.resolve("elsewhere"));
        List<String> words = new ArrayList<>(Arrays.asList(command));
        words.set(0, ROOT.resolve(command[0]).toString());
        ProcessBuilder builder = new ProcessBuilder(words).directory(dir.toFile());
        builder.environment().putAll(env);
        builder.redirectOutput(dir.resolve("stdout.txt").toFile()).redirectError(dir.resolve("stderr.txt").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process process = builder.start();
        assertThat(process.waitFor(LIMIT.toMinutes(), TimeUnit.MINUTES)).isTrue();
        return new Run(process.exitValue(), Files.readString(dir.resolve("stdout.txt")), Files.readString(dir.resolve("stderr.txt")));
    }

    @Test
    void reportScreenshotWithChromium() throws Exception {
        boolean chromium = Stream.of(System.getenv("PATH").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "chromium")));
        assumeTrue(chromium, "report-screenshot needs chromium, which this machine lacks (its handling of paths is checked with a "
                + "stand-in chromium by ReportScreenshotScriptTest)");
        Files.writeString(work.resolve("report.html"), "<html><body><h1>BenchBox</h1></body></html>");

        Run run = run(environment(), "scripts/report-screenshot", "report.html", "report.png");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(work.resolve("report.png")).isNotEmptyFile();
    }
}
