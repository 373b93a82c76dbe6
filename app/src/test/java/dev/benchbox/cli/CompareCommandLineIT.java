package dev.benchbox.cli;

import dev.benchbox.IntegrationTest;
import static dev.benchbox.results.compare.Fixtures.stat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.benchbox.results.ResultStore;
import dev.benchbox.results.RunResult;
import dev.benchbox.results.compare.Fixtures;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code compare} and {@code report} as CI pipelines run them: one-shot, from the packaged jar. */
@IntegrationTest
class CompareCommandLineIT {
    private static final Path JAR = Path.of("target/benchbox-shell.jar").toAbsolutePath();

    @TempDir
    Path work;

    record Run(int exitCode, String stdout, String stderr) {
    }

    private Run benchbox(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
        builder.environment().put("BENCHBOX_HOME", work.resolve("home").toString());
        builder.environment().put("NO_COLOR", "1");
        File out = work.resolve("stdout.txt").toFile();
        File err = work.resolve("stderr.txt").toFile();
        builder.redirectOutput(out).redirectError(err).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process process = builder.start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("benchbox did not exit: " + String.join(" ", args));
        }
        return new Run(process.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
                Files.readString(err.toPath(), StandardCharsets.UTF_8));
    }

    private Path write(String name, RunResult result) throws Exception {
        Path file = new ResultStore(work).write(result);
        return Files.move(file, work.resolve(name + ".json"));
    }

    @Test
    void failOnRegressionExitsNonZeroWhenOneQueryGotFiftyPercentSlower() throws Exception {
        write("before", Fixtures.duckdb(0.01, stat("Q1", 100, 0.01), stat("Q6", 20, 0.02)));
        write("after", Fixtures.duckdb(0.01, stat("Q1", 150, 0.01), stat("Q6", 20, 0.02)));

        Run run = benchbox("compare", "before.json", "after.json", "--fail-on-regression", "10");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stdout()).containsPattern(" Q1 +\\| +100\\.0 \\(1%\\) +\\| +150\\.0 \\(1%\\) +\\| 1\\.50 REGRESSION\n");
        // the geometric mean (+22.5%) rests on two queries, one unchanged: not beyond the noise
        assertThat(run.stderr()).isEqualTo("1 regression beyond 10%: after Q1 +50.0%\n");
    }

    @Test
    void withTooFewIterationsTheGateSaysItCannotJudgeWithAStatusOfItsOwn() throws Exception {
        write("before", Fixtures.duckdb(0.01, stat("Q1", 100, null)));
        write("after", Fixtures.duckdb(0.01, stat("Q1", 150, null)));

        Run run = benchbox("compare", "before.json", "after.json", "--fail-on-regression", "10");

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.stdout()).containsPattern(" Q1 +\\| +100\\.0 +\\| +150\\.0 +\\| 1\\.50 \\?\n");
        assertThat(run.stderr()).isEqualTo("cannot judge regressions: too few iterations to tell a change from noise: Q1 has 1 warm "
                + "sample in before, and judging needs at least 3 a run (iterations beyond the cold first one: run with --iterations 4 "
                + "or more)\n");
    }

    @Test
    void withinTheThresholdItExitsZero() throws Exception {
        write("before", Fixtures.duckdb(0.01, stat("Q1", 100, 0.01)));
        write("after", Fixtures.duckdb(0.01, stat("Q1", 105, 0.01)));

        Run run = benchbox("compare", "before.json", "after.json", "--fail-on-regression", "10", "--format", "markdown");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).containsPattern("\\| Q1 +\\| +100\\.0 \\(1%\\) +\\| +105\\.0 \\(1%\\) +\\| 1\\.05 slower +\\|")
                .endsWith("No regression beyond 10% (and beyond the measured noise).\n");
        assertThat(run.stderr()).isEmpty();
    }

    @Test
    void differentScalesAndForeignFilesAreOneLineErrors() throws Exception {
        write("small", Fixtures.duckdb(0.01, stat("Q1", 100, null)));
        write("large", Fixtures.duckdb(1, stat("Q1", 100, null)));
        Files.writeString(work.resolve("package.json"), "{\"name\": \"x\"}");

        Run scales = benchbox("compare", "small.json", "large.json");
        assertThat(scales.exitCode()).isEqualTo(1);
        assertThat(scales.stderr()).isEqualTo("small is tpch SF0.01, large is tpch SF1: such runs measure different work; "
                + "add --force to compare them anyway\n");

        Run forced = benchbox("compare", "small.json", "large.json", "--force");
        assertThat(forced.exitCode()).as(forced.stderr()).isZero();

        Run foreign = benchbox("compare", "small.json", "package.json");
        assertThat(foreign.exitCode()).isEqualTo(1);
        assertThat(foreign.stderr()).isEqualTo("cannot read results package.json: not a BenchBox results file "
                + "(it needs run, benchmark, platform, summary, queries)\n");
    }

    @Test
    void reportWritesOneSelfContainedHtmlFile() throws Exception {
        write("x86", Fixtures.emr("x86_64", 3, "0.20", 2000, 60000, 30000, stat("Q1", 1000, 0.02)));
        write("arm", Fixtures.emr("arm64", 3, "0.16", 2000, 60000, 30000, stat("Q1", 900, 0.02)));

        Run run = benchbox("report", "x86.json", "arm.json", "--output", "out/report.html");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).isEqualTo("Report of 2 runs written to out/report.html\n");
        String html = Files.readString(work.resolve("out/report.html"));
        assertThat(html).contains("<canvas id=\"chart-cost\"").contains("Chart.js v4.4.1");
    }
}
