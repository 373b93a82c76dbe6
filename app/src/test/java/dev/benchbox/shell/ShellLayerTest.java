package dev.benchbox.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The shell reaches platforms only through {@link dev.benchbox.platform.Platform} and its capability types, and knows no AWS SDK type. */
class ShellLayerTest {
    @Test
    void shellNamesNoPlatformImplementationClass() throws IOException {
        List<String> offenders;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/dev/benchbox/shell"))) {
            offenders = files.filter(f -> f.toString().endsWith(".java")).filter(f -> {
                try {
                    String text = Files.readString(f);
                    return text.contains("dev.benchbox.platform.emr") || text.contains("dev.benchbox.platform.duckdb")
                            || text.contains("EmrServerlessPlatform") || text.contains("DuckDbPlatform")
                            || text.contains("software.amazon.awssdk");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).map(Path::toString).toList();
        }
        assertThat(offenders).isEmpty();
    }
}
