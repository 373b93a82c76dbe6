package dev.benchbox.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.History;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The history keeps no secret, in memory, in {@code history} or in its file, and the file is its owner's only. */
class RedactingHistoryTest {
    private static final String SECRET = "wJalrXUtnFEMI-K7MDENG";
    private static final String PASSWORD = "s3cr3t-pass";

    @TempDir
    Path dir;

    /** A line reader as Spring Shell builds it: the history attached once the file is set. */
    private static LineReader reader(Terminal terminal, Path file, History history) {
        LineReader reader = LineReaderBuilder.builder().terminal(terminal).history(history).build();
        reader.setVariable(LineReader.HISTORY_FILE, file);
        history.attach(reader);
        return reader;
    }

    private static Terminal terminal() throws Exception {
        return TerminalBuilder.builder().system(false).provider("exec").type(Terminal.TYPE_DUMB)
                .streams(new java.io.ByteArrayInputStream(new byte[0]), new java.io.ByteArrayOutputStream()).build();
    }

    @Test
    void aTypedSecretIsKeptRedactedInMemoryAndInTheFileWhichIsTheOwnersOnly() throws Exception {
        Path file = dir.resolve("home/history");
        try (Terminal terminal = terminal()) {
            History history = new RedactingHistory();
            reader(terminal, file, history);
            history.add("connect emr-serverless --endpoint-url http://user:" + PASSWORD + "@localhost:4566 --s3-staging-dir s3://b/p/");
            history.add("run tpch --scale 1 --spark-conf spark.hadoop.fs.s3a.secret.key=" + SECRET);
            history.save();

            List<String> lines = new ArrayList<>();
            history.forEach(entry -> lines.add(entry.line()));
            assertThat(lines).containsExactly("connect emr-serverless --endpoint-url http://user:***@localhost:4566 --s3-staging-dir s3://b/p/",
                    "run tpch --scale 1 --spark-conf spark.hadoop.fs.s3a.secret.key=*********(redacted)");
        }
        String stored = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(stored).doesNotContain(SECRET).doesNotContain(PASSWORD).contains("spark.hadoop.fs.s3a.secret.key=*********(redacted)");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
    }

    @Test
    void anOlderHistoryFileReadableByOthersIsTightenedAndItsSecretsRedacted() throws Exception {
        Path file = dir.resolve("history");
        Files.writeString(file, "1700000000000:connect duckdb\n1700000000001:run tpch --spark-conf spark.authenticate.secret=" + SECRET + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        try (Terminal terminal = terminal()) {
            History history = new RedactingHistory();
            reader(terminal, file, history);
            assertThat(history.get(1)).isEqualTo("run tpch --spark-conf spark.authenticate.secret=*********(redacted)");
        }
        assertThat(Files.readString(file)).isEqualTo("1700000000000:connect duckdb\n"
                + "1700000000001:run tpch --spark-conf spark.authenticate.secret=*********(redacted)\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var files = Files.list(dir)) {
            assertThat(files).as("no temporary file left").containsExactly(file);
        }
    }
}
