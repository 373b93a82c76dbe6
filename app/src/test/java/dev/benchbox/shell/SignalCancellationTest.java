package dev.benchbox.shell;

import dev.benchbox.IntegrationTest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.benchbox.standin.Await;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGINT and SIGTERM sent to a one-shot load whose standard output and error go to files (no terminal): the load is
 * cancelled as Ctrl-C cancels it, with one line and the signal's exit status. The shell runs in a child JVM on the
 * test class path, as the launcher runs it.
 */
@IntegrationTest // an SF 1 load in a child JVM per test, signalled: half a minute
class SignalCancellationTest {
    @TempDir
    Path work;

    private Process process;

    @AfterEach
    void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    /** Starts a TPC-H SF1 load (tens of seconds on a laptop) into a database file and returns once it is under way. */
    private void startLoad() throws Exception {
        Path database = work.resolve("db.duckdb");
        List<String> command = new ArrayList<>();
        // a test run started in the background (nohup, &) hands its children SIGINT ignored, which a JVM cannot take
        // back; the launcher restores the default the same way
        if (new ProcessBuilder("env", "--default-signal=INT", "true").start().waitFor() == 0) {
            command.addAll(List.of("env", "--default-signal=INT"));
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx768m",
                "-XX:+UseSerialGC", "--add-opens=java.base/java.nio=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "dev.benchbox.BenchboxApplication", "--path", database.toString(), "load", "tpch", "--scale", "1"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
        builder.environment().put("BENCHBOX_HOME", work.resolve("home").toString());
        builder.environment().put("NO_COLOR", "1");
        builder.redirectOutput(work.resolve("stdout.txt").toFile()).redirectError(work.resolve("stderr.txt").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        process = builder.start();
        // the database file is opened right before the load starts, with the signal handlers in place
        Await.until("the load started", Duration.ofMinutes(2), () -> Files.exists(database) || !process.isAlive());
        assertThat(process.isAlive()).as("the shell exited before the load started: %s", stderr()).isTrue();
    }

    private String stderr() {
        try {
            return Files.readString(work.resolve("stderr.txt"), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void assertCancelled(int status, String line) throws Exception {
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("the shell went on after the signal").isTrue();
        assertThat(process.exitValue()).as(stderr()).isEqualTo(status);
        assertThat(stderr().lines().filter(l -> !l.isBlank()).toList()).singleElement().asString().startsWith(line);
        assertThat(Files.readString(work.resolve("stdout.txt"), StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void sigintCancelsARedirectedOneShotLoad() throws Exception {
        startLoad();

        assertThat(new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor()).isZero();

        assertCancelled(130, "interrupted (SIGINT): load cancelled");
    }

    @Test
    void sigtermCancelsARedirectedOneShotLoadInsteadOfExitingInSilence() throws Exception {
        startLoad();

        process.destroy(); // SIGTERM

        assertCancelled(143, "terminated (SIGTERM): load cancelled");
    }
}
