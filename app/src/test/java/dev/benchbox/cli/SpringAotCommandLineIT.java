package dev.benchbox.cli;

import dev.benchbox.IntegrationTest;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged application started the way scripts/benchbox starts it when the jar holds Spring AOT's generated
 * bean definitions ({@code -Dspring.aot.enabled=true}): the same output and exit status as a plain start, nothing
 * extra on standard error, and the log still in its file. The bean definitions are fixed at build time, so this is
 * where a bean that only a runtime condition would have created goes missing.
 */
@IntegrationTest
class SpringAotCommandLineIT {
    private static final Path JAR = Path.of("target/benchbox-shell.jar").toAbsolutePath();

    @TempDir
    Path work;

    record Run(int exitCode, String stdout, String stderr) {
    }

    private Run benchbox(boolean aot, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m"));
        if (aot) {
            command.add("-Dspring.aot.enabled=true");
        }
        command.addAll(List.of("-jar", JAR.toString()));
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
    void theJarHoldsTheGeneratedBeanDefinitions() throws Exception {
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(JAR.toFile())) {
            assertThat(jar.getEntry("BOOT-INF/classes/dev/benchbox/BenchboxApplication__ApplicationContextInitializer.class"))
                    .as("process-aot output in the jar: without it scripts/benchbox silently starts without AOT").isNotNull();
        }
    }

    @Test
    void oneShotCommandsPrintTheSameWithAndWithoutAot() throws Exception {
        for (List<String> args : List.of(List.of("help"), List.of("status"), List.of("query", "SELECT 6 * 7 AS answer", "--format", "csv"))) {
            Run plain = benchbox(false, args.toArray(String[]::new));
            Run aot = benchbox(true, args.toArray(String[]::new));
            assertThat(aot.exitCode()).as(String.join(" ", args)).isZero().isEqualTo(plain.exitCode());
            assertThat(aot.stdout()).as(String.join(" ", args)).isNotEmpty().isEqualTo(plain.stdout());
            assertThat(aot.stderr().replaceAll("[0-9.]+ ms", "N ms")).as(String.join(" ", args))
                    .isEqualTo(plain.stderr().replaceAll("[0-9.]+ ms", "N ms"));
        }
    }

    @Test
    void badInputIsStillOneLineAndTheLogStillGoesToItsFile() throws Exception {
        Run bad = benchbox(true, "query", "SELEC 1");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.stdout()).isEmpty();
        assertThat(bad.stderr()).isEqualTo("Parser Error: syntax error at or near \"SELEC\" (at line 1, column 1)\n");
        assertThat(work.resolve("home/benchbox.log")).exists();
    }
}
