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
        assertThatThrownBy(() -> files.read(file)).hasMessage("cannot read results " + file
                + ": not JSON (line 2, column 3): unexpected character ('o'): was expecting double-quote to start field name");
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

    /** What compare, report and a sweep's resume read: each broken file is one line naming it and what is wrong. */
    @Test
    void brokenFilesAreOneLineNamingTheFileAndTheProblem() throws Exception {
        String valid = new String(new ResultStore(dir).mapper().writeValueAsBytes(Fixtures.duckdb(1, Fixtures.stat("Q1", 1, null))),
                java.nio.charset.StandardCharsets.UTF_8);
        Path infinite = Files.writeString(dir.resolve("inf.json"), valid.replaceFirst("\"ms\" : [0-9.]+", "\"ms\" : 1e999"));
        assertThatThrownBy(() -> files.read(infinite)).hasMessage("cannot read results " + infinite + ": queries[0].ms is not a finite number");

        Path latin1 = Files.write(dir.resolve("latin1.json"), valid.replace("note", "caf\u00e9").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> files.read(latin1)).hasMessageMatching("cannot read results \\Q" + latin1
                + "\\E: not UTF-8 text \\(an invalid byte on line \\d+\\)");

        Path huge = Files.writeString(dir.resolve("huge.json"), "{\"run\": {\"id\": \"" + "x".repeat(50 << 20) + "\"}}");
        assertThatThrownBy(() -> files.read(huge)).hasMessage("cannot read results " + huge
                + ": a string longer than 1,048,576 characters, the limit for a results file (line 1, column 16)");

        Path endless = dir.resolve("endless.json");
        try (java.io.RandomAccessFile sparse = new java.io.RandomAccessFile(endless.toFile(), "rw")) {
            sparse.setLength(1L << 36);
        }
        assertThatThrownBy(() -> files.read(endless)).hasMessage("cannot read results " + endless
                + ": 65,536 MB, larger than 64 MB, the limit for a results file");
    }
}
