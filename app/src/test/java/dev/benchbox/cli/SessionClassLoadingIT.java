package dev.benchbox.cli;

import dev.benchbox.IntegrationTest;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sessions cost trivial commands nothing: the packaged application loads no gRPC, Arrow or Spark Connect class for a
 * one-shot query or {@code help} (they load only when a session is used), and its manifest opens java.nio for Arrow.
 */
@IntegrationTest
class SessionClassLoadingIT {
    private static final Path JAR = Path.of("target/benchbox-shell.jar").toAbsolutePath();

    @TempDir
    Path work;

    private List<String> loadedClasses(String... args) throws Exception {
        Path log = work.resolve("classes-" + args[0] + ".log");
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Xlog:class+load=info:file=" + log, "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
        builder.environment().put("BENCHBOX_HOME", work.resolve("home").toString());
        builder.redirectOutput(work.resolve("out.txt").toFile()).redirectError(work.resolve("err.txt").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process process = builder.start();
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(work.resolve("err.txt"))).isZero();
        return Files.readAllLines(log, StandardCharsets.UTF_8);
    }

    @Test
    void aOneShotQueryAndHelpLoadNoGrpcArrowOrSparkConnectClass() throws Exception {
        for (String[] args : List.of(new String[] {"query", "SELECT 42 AS answer"}, new String[] {"help"})) {
            List<String> loaded = loadedClasses(args);
            assertThat(loaded).as("the class-load log of " + args[0]).anyMatch(l -> l.contains("dev.benchbox.shell.SessionCommands"));
            assertThat(loaded).noneMatch(l -> l.contains(" io.grpc.") || l.contains(" org.apache.arrow.")
                    || l.contains(" org.apache.spark.connect.") || l.contains("dev.benchbox.platform.emr.session.SparkConnectClient"));
        }
    }

    @Test
    void theManifestOpensJavaNioForArrow() throws Exception {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Add-Opens")).isEqualTo("java.base/java.nio");
        }
    }
}
