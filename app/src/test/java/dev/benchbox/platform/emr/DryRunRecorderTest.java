package dev.benchbox.platform.emr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.benchbox.BenchboxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A dry run writes into a new or empty directory; {@code --replace} deletes an earlier dry run and nothing else. */
class DryRunRecorderTest {
    @TempDir
    Path dir;

    /** A working folder: what {@code --dry-run . --replace} once emptied. */
    private Path someonesFolder() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("work"));
        Files.createDirectories(folder.resolve("src"));
        Files.writeString(folder.resolve("src/Main.java"), "class Main {}\n");
        Files.createDirectories(folder.resolve("benchbox-results"));
        Files.writeString(folder.resolve("benchbox-results/tpch_sf1_duckdb.json"), "{}\n");
        Files.writeString(folder.resolve("notes.txt"), "mine\n");
        return folder;
    }

    @Test
    void replaceRefusesAFolderNoDryRunWroteAndDeletesNothing() throws IOException {
        Path folder = someonesFolder();
        List<String> before = listing(folder);

        assertThatThrownBy(() -> DryRunRecorder.open(folder, true))
                .isInstanceOf(BenchboxException.class)
                .hasMessage("dry-run directory " + folder + " holds no earlier dry run (no .benchbox-dry-run), so --replace deletes "
                        + "nothing there: give a new or empty directory");

        assertThat(listing(folder)).isEqualTo(before);
        assertThat(folder.resolve("notes.txt")).hasContent("mine");
    }

    @Test
    void withoutReplaceANonEmptyFolderIsRefusedAndReplaceIsOfferedOnlyForAnEarlierDryRun() throws IOException {
        Path folder = someonesFolder();
        assertThatThrownBy(() -> DryRunRecorder.open(folder, false))
                .hasMessage("dry-run directory " + folder + " is not empty: give a new or empty one");

        Path preview = dir.resolve("preview");
        DryRunRecorder.open(preview, false).write("queries/Q1.sql", "SELECT 1\n");
        assertThatThrownBy(() -> DryRunRecorder.open(preview, false))
                .hasMessage("dry-run directory " + preview + " is not empty: give a new or empty one, "
                        + "or add --replace to replace the earlier dry run in it");
    }

    @Test
    void theManifestListsEveryFileWrittenAndReplaceDeletesExactlyThose() throws IOException {
        Path preview = dir.resolve("preview");
        DryRunRecorder recorder = DryRunRecorder.open(preview, false);
        recorder.write("queries/Q1.sql", "SELECT 1\n");
        recorder.write("tables/region.sql", "CREATE TABLE region\n");
        recorder.upload("s3://bucket/a", new byte[] {1});
        recorder.upload("s3://bucket/b", new byte[] {2});

        assertThat(preview.resolve(DryRunRecorder.MANIFEST)).hasContent(DryRunRecorder.MANIFEST_HEADER
                + "\nqueries/Q1.sql\ntables/region.sql\nuploads.json");
        assertThat(recorder.written()).containsExactly(preview.resolve("queries/Q1.sql"), preview.resolve("tables/region.sql"),
                preview.resolve("uploads.json"));
        assertThat(listing(preview)).containsExactly(".benchbox-dry-run", "queries", "queries/Q1.sql", "tables", "tables/region.sql",
                "uploads.json");

        DryRunRecorder again = DryRunRecorder.open(preview, true);

        assertThat(listing(preview)).isEmpty();
        again.write("queries/Q6.sql", "SELECT 6\n");
        assertThat(listing(preview)).containsExactly(".benchbox-dry-run", "queries", "queries/Q6.sql");
    }

    @Test
    void anythingBesideAnEarlierDryRunMakesReplaceRefuseAndDeleteNothing() throws IOException {
        Path preview = dir.resolve("preview");
        DryRunRecorder.open(preview, false).write("queries/Q1.sql", "SELECT 1\n");
        Files.writeString(preview.resolve("queries/mine.sql"), "SELECT 'mine'\n");
        Files.createDirectories(preview.resolve("empty"));
        List<String> before = listing(preview);

        assertThatThrownBy(() -> DryRunRecorder.open(preview, true))
                .isInstanceOf(BenchboxException.class)
                .hasMessage("dry-run directory " + preview + " holds empty and 1 more that no dry run wrote: nothing was deleted; "
                        + "give a new or empty directory");

        assertThat(listing(preview)).isEqualTo(before);
    }

    @Test
    void aListedFileReplacedByALinkIsDeletedAsALinkAndItsTargetKept() throws IOException {
        Path outside = Files.writeString(dir.resolve("precious.txt"), "keep\n");
        Path preview = dir.resolve("preview");
        DryRunRecorder.open(preview, false).write("queries/Q1.sql", "SELECT 1\n");
        Files.delete(preview.resolve("queries/Q1.sql"));
        Files.createSymbolicLink(preview.resolve("queries/Q1.sql"), outside);

        DryRunRecorder.open(preview, true);

        assertThat(listing(preview)).isEmpty();
        assertThat(outside).hasContent("keep");
    }

    /** Every path under the folder, relative, sorted. */
    private static List<String> listing(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(p -> !p.equals(folder)).map(p -> folder.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }
}
