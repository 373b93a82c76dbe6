package dev.benchbox.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@code script/} parses {@code .bbx} files and knows nothing of the shell that replays them: no package cycle. */
class ScriptLayerTest {
    @Test
    void scriptPackageImportsNothingFromTheShell() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/java/dev/benchbox/script"))) {
            assertThat(files.filter(f -> {
                try {
                    return Files.readString(f).contains("dev.benchbox.shell");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).map(Path::toString)).isEmpty();
        }
    }
}
