package dev.benchbox.results.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.benchbox.BenchboxException;
import dev.benchbox.results.ResultStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultFilesTest {
    @TempDir
    Path dir;

    private final ResultFiles files = new ResultFiles();

    @Test
    void aMissingFileIsOneLineNamingIt() {
        Path file = dir.resolve("gone.json");
        assertThatThrownBy(() -> files.read(file)).isInstanceOf(BenchboxException.class)
                .hasMessage("cannot read results " + file + ": no such file");
    }

    @Test
    void textThatIsNotJsonIsOneLineWithWhereItBroke() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.json"), "{\"run\": {\n  oops");
        assertThatThrownBy(() -> files.read(file)).hasMessage("cannot read results " + file + ": not JSON (line 2, column 3)");
    }

    @Test
    void foreignJsonIsOneLineNamingTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve("package.json"), "{\"name\": \"left-pad\", \"version\": \"1.3.0\"}");
        assertThatThrownBy(() -> files.read(file)).hasMessage("cannot read results " + file
                + ": not a BenchBox results file (it needs run, benchmark, platform, summary, queries)");

        Path array = Files.writeString(dir.resolve("array.json"), "[1, 2]");
        assertThatThrownBy(() -> files.read(array)).hasMessageStartingWith("cannot read results " + array + ": not a BenchBox");
    }

    @Test
    void resultsWithTheRightSectionsButWrongTypesAreOneLineToo() throws Exception {
        Path file = Files.writeString(dir.resolve("odd.json"),
                "{\"run\": 1, \"benchmark\": {}, \"platform\": {}, \"summary\": {}, \"queries\": []}");
        assertThatThrownBy(() -> files.read(file)).isInstanceOf(BenchboxException.class)
                .hasMessageStartingWith("cannot read results " + file + ": not a BenchBox results file (")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void labelsAreFileNamesMadeUnique() throws Exception {
        ResultStore store = new ResultStore(dir);
        Path one = store.write(Fixtures.duckdb(1, Fixtures.stat("Q1", 1, null)));
        Path copy = Files.createDirectories(dir.resolve("other")).resolve(one.getFileName());
        Files.copy(one, copy);

        assertThat(files.readAll(List.of(one, copy))).extracting(NamedResult::label)
                .containsExactly("tpch_sf1_duckdb_20250101T000000Z", "tpch_sf1_duckdb_20250101T000000Z#2");
    }
}
