package dev.benchbox.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void linksPlantedAtTheOldSideFileNameOrAtTheTargetAreNeverFollowed() throws IOException {
        Path victim = Files.writeString(dir.resolve("victim.txt"), "precious\n");
        Files.createSymbolicLink(dir.resolve("out.csv.partial"), victim);
        Path linked = dir.resolve("linked.csv");
        Files.createSymbolicLink(linked, victim);

        AtomicFiles.create(dir.resolve("out.csv"), AtomicFiles.text("a\n"));
        AtomicFiles.replace(linked, AtomicFiles.text("b\n"));

        assertThat(victim).hasContent("precious");
        assertThat(dir.resolve("out.csv")).hasContent("a");
        // the link itself was replaced by the new file
        assertThat(Files.isSymbolicLink(linked)).isFalse();
        assertThat(linked).hasContent("b");
        assertThat(listing()).containsExactly("linked.csv", "out.csv", "out.csv.partial", "victim.txt");
    }

    @Test
    void createKeepsAFileAlreadyThereAndLeavesNoSideFile() throws IOException {
        Path target = Files.writeString(dir.resolve("report.html"), "someone's\n");

        assertThatThrownBy(() -> AtomicFiles.create(target, AtomicFiles.text("ours")))
                .isInstanceOf(FileAlreadyExistsException.class);

        assertThat(target).hasContent("someone's");
        assertThat(listing()).containsExactly("report.html");
    }

    @Test
    void aFailureWhileWritingLeavesTheTargetAsItWasAndNoSideFile() throws IOException {
        Path target = Files.writeString(dir.resolve("out.csv"), "earlier\n");

        assertThatThrownBy(() -> AtomicFiles.replace(target, out -> {
            out.write("half");
            throw new IllegalStateException("query failed");
        })).hasMessage("query failed");

        assertThat(target).hasContent("earlier");
        assertThat(listing()).containsExactly("out.csv");
    }

    @Test
    void createUniqueTakesTheNextFreeNameAndConcurrentWritersNeverLoseAFile() throws Exception {
        Files.writeString(dir.resolve("run.json"), "earlier\n");
        int writers = 8;
        CyclicBarrier start = new CyclicBarrier(writers);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<Path>> written = new ArrayList<>();
        try {
            for (int i = 0; i < writers; i++) {
                String content = "writer " + i;
                written.add(pool.submit(() -> AtomicFiles.createUnique(dir, "run.json", out -> {
                    // every writer has its content ready before any claims a name
                    try {
                        start.await();
                    } catch (Exception e) {
                        throw new IOException(e);
                    }
                    out.write(content);
                })));
            }
            List<String> contents = new ArrayList<>();
            for (Future<Path> file : written) {
                contents.add(Files.readString(file.get()));
            }
            assertThat(contents).containsExactlyInAnyOrder("writer 0", "writer 1", "writer 2", "writer 3", "writer 4", "writer 5",
                    "writer 6", "writer 7");
        } finally {
            pool.shutdownNow();
        }
        assertThat(dir.resolve("run.json")).hasContent("earlier");
        assertThat(listing()).hasSize(writers + 1).contains("run-2.json", "run-9.json").allMatch(name -> !name.endsWith(".partial"));
    }

    private List<String> listing() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
