package dev.benchbox.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shell's own logback configuration, on a context of its own: the log is 0600 and holds no secret. */
class LogFileTest {
    private static final String SECRET = "wJalrXUtnFEMI-K7MDENG";
    private static final String PASSWORD = "s3cr3t-pass";

    @TempDir
    Path dir;

    private LoggerContext configured(Path log) throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        // what Spring Boot sets from logging.file.name before logback reads the file
        context.putProperty("LOG_FILE", log.toString());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(getClass().getResource("/logback-spring.xml"));
        return context;
    }

    @Test
    void aNewLogIsTheOwnersOnly() throws Exception {
        Path log = dir.resolve("home/benchbox.log");
        LoggerContext context = configured(log);
        try {
            context.getLogger("dev.benchbox.Test").warn("something");
        } finally {
            context.stop();
        }
        assertThat(log).content().contains("something");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log))).isEqualTo("rw-------");
    }

    @Test
    void anOlderLogAndItsRolledOverFilesReadableByOthersAreTightened() throws Exception {
        Path log = dir.resolve("benchbox.log");
        Path rolled = dir.resolve("benchbox.log.2026-01-01.0.gz");
        Path other = dir.resolve("notes.txt");
        for (Path file : new Path[] {log, rolled, other}) {
            Files.writeString(file, "older\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
        configured(log).stop();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(rolled))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(other))).as("not the log's").isEqualTo("rw-r--r--");
        assertThat(log).content().startsWith("older\n");
    }

    @Test
    void messagesAndStackTracesAreRedacted() throws Exception {
        Path log = dir.resolve("benchbox.log");
        LoggerContext context = configured(log);
        try {
            context.getLogger("dev.benchbox.Test").warn("submitting --conf spark.hadoop.fs.s3a.secret.key={} to {}", SECRET,
                    "http://user:" + PASSWORD + "@localhost:4566");
            context.getLogger("dev.benchbox.Test").warn("failed", new IllegalStateException(
                    "cannot reach http://user:" + PASSWORD + "@localhost:4566 with spark.authenticate.secret=" + SECRET));
        } finally {
            context.stop();
        }
        assertThat(log).content().doesNotContain(SECRET).doesNotContain(PASSWORD)
                .contains("spark.hadoop.fs.s3a.secret.key=*********(redacted) to http://user:***@localhost:4566")
                .contains("java.lang.IllegalStateException: cannot reach http://user:***@localhost:4566")
                .contains("at dev.benchbox.log.LogFileTest");
    }
}
