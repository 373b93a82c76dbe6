package dev.benchbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/report-screenshot as a user runs it: from the folder of the sweep, with paths relative to it. Found trying it:
 * the script moved to the repository first, so {@code report-screenshot benchbox-results/.../report.html} failed with
 * "cd: No such file or directory". A stand-in {@code chromium} on the PATH records what it was asked to open (CI has
 * no Chromium, and what matters here is the paths the script hands it).
 */
class ReportScreenshotScriptTest {
    /** Tests run in the app module; the scripts sit at the repository's root. */
    private static final Path SCRIPT = Path.of("..", "scripts", "report-screenshot").toAbsolutePath().normalize();

    @TempDir
    Path work;

    private record Run(int exitCode, String stderr, String chromiumArguments) {
    }

    private Run screenshot(String... args) throws Exception {
        Path bin = Files.createDirectories(work.resolve("bin"));
        Path chromium = bin.resolve("chromium");
        Files.writeString(chromium, "#!/usr/bin/env bash\nprintf '%s\\n' \"$@\" > \"" + work.resolve("chromium-args.txt") + "\"\n");
        assertThat(chromium.toFile().setExecutable(true)).isTrue();
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("bash", SCRIPT.toString()));
        command.addAll(java.util.List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
        builder.environment().put("PATH", bin + File.pathSeparator + System.getenv("PATH"));
        File err = work.resolve("stderr.txt").toFile();
        builder.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err);
        Process process = builder.start();
        assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
        Path recorded = work.resolve("chromium-args.txt");
        return new Run(process.exitValue(), Files.readString(err.toPath(), StandardCharsets.UTF_8),
                Files.exists(recorded) ? Files.readString(recorded, StandardCharsets.UTF_8) : "");
    }

    @Test
    void relativePathsAreTheCallersAndTheWholeSweepReportFitsTheWindow() throws Exception {
        Files.createDirectories(work.resolve("benchbox-results/sweep"));
        Files.writeString(work.resolve("benchbox-results/sweep/report.html"), "<html></html>");

        Run run = screenshot("benchbox-results/sweep/report.html", "shot.png");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.chromiumArguments().lines())
                .contains("file://" + work.resolve("benchbox-results/sweep/report.html"))
                .contains("--screenshot=" + work.resolve("shot.png"))
                // 3000 px cut a 2 x 2 sweep's report off above its job runs
                .contains("--window-size=1280,4000");
    }

    @Test
    void aMissingReportIsOneLineAndNoChromium() throws Exception {
        Run run = screenshot("nothere.html");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).isEqualTo("report-screenshot: no such report: nothere.html\n");
        assertThat(run.chromiumArguments()).isEmpty();
    }
}
