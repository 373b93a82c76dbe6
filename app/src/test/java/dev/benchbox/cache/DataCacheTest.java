package dev.benchbox.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.benchbox.BenchboxException;
import dev.benchbox.dataset.Column;
import dev.benchbox.dataset.DataSet;
import dev.benchbox.dataset.DataSetDefinition;
import dev.benchbox.dataset.Scale;
import dev.benchbox.platform.LoadProgress;
import dev.benchbox.platform.ParquetGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cache's own rules, with a generator that writes small files (the cache never looks inside them): reuse across
 * instances (as across shells), checks that catch damaged and partial entries, atomic builds, eviction and clearing.
 * {@code CachedLoadsTest} loads real generated Parquet into DuckDB.
 */
class DataCacheTest {
    private static final DataSet DATA = new DataSetDefinition("demo", "Demo", List.of("small", "big"),
            table -> List.of(new Column("id", "BIGINT")), text -> List.of("small", "big"), (DataSet.Rows) (table, scale) -> List.of(),
            DataSet.RowCounts.UNKNOWN);
    private static final Scale SF = Scale.of(0.01);

    @TempDir
    Path home;

    private final FakeGenerator generator = new FakeGenerator();
    private Instant now = Instant.parse("2026-12-01T10:00:00Z");

    private DataCache cache() {
        return new DataCache(home.resolve("data"), generator, new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        });
    }

    private List<String> obtain(DataCache cache, Scale scale, List<String> tables) {
        try (DataCache.Lease lease = cache.obtain(DATA, scale, tables, LoadProgress.NONE)) {
            lease.tables().forEach((table, files) -> files.files().forEach(f -> assertThat(f).exists()));
            return lease.notes();
        }
    }

    private Path entry() {
        return home.resolve("data/demo/sf0.01");
    }

    @Test
    void generatesOnceAndReusesInALaterShell() throws IOException {
        List<String> first = obtain(cache(), SF, List.of("small", "big"));
        assertThat(generator.written).containsExactly(List.of("small", "big"));
        assertThat(first).singleElement().asString().startsWith("Data cache: generated Demo SF0.01 and kept it (2 tables, ");

        DataCache later = cache();
        try (DataCache.Lease lease = later.obtain(DATA, SF, List.of("small", "big"), LoadProgress.NONE)) {
            assertThat(lease.generated()).isFalse();
            assertThat(lease.notes()).singleElement().asString().startsWith("Data cache: reused Demo SF0.01 (2 tables, ")
                    .endsWith(entry().toString());
            assertThat(lease.tables().get("big").files()).containsExactly(entry().resolve("big/part-0.parquet"),
                    entry().resolve("big/part-1.parquet"), entry().resolve("big/part-2.parquet"),
                    entry().resolve("big/part-10.parquet"));
            assertThat(lease.tables().get("big").rows()).isEqualTo(FakeGenerator.ROWS);
        }
        assertThat(generator.written).hasSize(1);
        assertThat(Files.readString(entry().resolve("big/part-1.parquet")).trim()).isEqualTo("big 1 v1");
    }

    @Test
    void generatesOnlyTheTablesItDoesNotHold() {
        obtain(cache(), SF, List.of("small"));
        List<String> notes = obtain(cache(), SF, List.of("small", "big"));
        assertThat(generator.written).containsExactly(List.of("small"), List.of("big"));
        assertThat(notes).singleElement().asString().startsWith("Data cache: reused 1 table and generated 1 table of Demo SF0.01");
        obtain(cache(), SF, List.of("big", "small"));
        assertThat(generator.written).hasSize(2);
    }

    @Nested
    class NeverLoadsDamagedData {
        @Test
        void aFileChangedInPlaceIsGeneratedAgain() throws IOException {
            obtain(cache(), SF, List.of("small", "big"));
            Path file = entry().resolve("big/part-2.parquet");
            byte[] bytes = Files.readAllBytes(file);
            bytes[0] ^= 1; // same size, other content
            Files.write(file, bytes);

            List<String> notes = obtain(cache(), SF, List.of("small", "big"));
            assertThat(notes.get(0)).isEqualTo("Data cache: big of Demo SF0.01 failed its check (part-2.parquet differs from its "
                    + "checksum): generating it again");
            assertThat(generator.written).containsExactly(List.of("small", "big"), List.of("big"));
            assertThat(Files.readString(file).trim()).isEqualTo("big 2 v1");
        }

        @Test
        void aTruncatedOrMissingFileIsGeneratedAgain() throws IOException {
            obtain(cache(), SF, List.of("small", "big"));
            Files.write(entry().resolve("small/part-0.parquet"), "sm".getBytes(StandardCharsets.UTF_8));
            Files.delete(entry().resolve("big/part-10.parquet"));

            List<String> notes = obtain(cache(), SF, List.of("small", "big"));
            assertThat(notes).contains("Data cache: small of Demo SF0.01 failed its check (part-0.parquet holds 2 bytes, not 10): generating it again",
                    "Data cache: big of Demo SF0.01 failed its check (part-10.parquet is missing): generating it again");
            assertThat(generator.written).containsExactly(List.of("small", "big"), List.of("small", "big"));
        }

        @Test
        void aDamagedManifestMeansTheWholeEntryIsGeneratedAgain() throws IOException {
            obtain(cache(), SF, List.of("small", "big"));
            Path manifest = entry().resolve(CacheManifest.FILE_NAME);
            String text = Files.readString(manifest);
            Files.writeString(manifest, text.substring(0, text.length() / 2)); // cut short, as a crash mid-write would

            List<String> notes = obtain(cache(), SF, List.of("small", "big"));
            assertThat(notes.get(0)).isEqualTo("Data cache: the cached Demo SF0.01 cannot be used (its manifest is incomplete): generating it again");
            assertThat(generator.written).hasSize(2);
            assertThat(cache().entries()).singleElement().satisfies(e -> assertThat(e.tables()).containsExactly("small", "big"));
        }

        @Test
        void dataFromAnotherGeneratorVersionIsGeneratedAgain() {
            obtain(cache(), SF, List.of("small"));
            generator.version = "v2";
            List<String> notes = obtain(cache(), SF, List.of("small"));
            assertThat(notes.get(0)).isEqualTo("Data cache: the cached Demo SF0.01 came from demo v1 (fake layout), not demo v2 "
                    + "(fake layout): generating it again");
            assertThat(generator.written).hasSize(2);
        }
    }

    @Nested
    class BuildsAtomically {
        @Test
        void aFailedGenerationLeavesTheEntryAsItWasAndNothingBeside() throws IOException {
            obtain(cache(), SF, List.of("small"));
            generator.failOn = "big";
            assertThatThrownBy(() -> obtain(cache(), SF, List.of("small", "big"))).hasMessage("generator failed on big");
            try (Stream<Path> files = Files.list(home.resolve("data/demo"))) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("sf0.01", "sf0.01.lock");
            }
            generator.failOn = null;
            assertThat(obtain(cache(), SF, List.of("small")).get(0)).startsWith("Data cache: reused");
        }

        @Test
        void aBuildThatDiedIsNeverReadAndIsCleanedUp() throws IOException {
            // what a killed shell leaves: a half-written build folder beside the entry, no manifest in it
            Path leftover = Files.createDirectories(home.resolve("data/demo/.sf0.01.0123456789abcdef.tmp/big"));
            Files.writeString(leftover.resolve("part-0.parquet"), "half");

            List<String> notes = obtain(cache(), SF, List.of("big"));
            assertThat(notes.get(0)).startsWith("Data cache: generated");
            assertThat(leftover.getParent()).doesNotExist();
        }

        @Test
        void aFolderTheCacheDidNotWriteIsRefusedAndLeftAlone() throws IOException {
            Files.createDirectories(entry());
            Files.writeString(entry().resolve("mine.txt"), "keep");
            assertThatThrownBy(() -> obtain(cache(), SF, List.of("small")))
                    .isInstanceOf(BenchboxException.class)
                    .hasMessage(entry() + " holds something the data cache did not write: move it away, or load with --no-cache");
            assertThat(entry().resolve("mine.txt")).hasContent("keep");
            assertThat(cache().clear().removed()).isZero();
            assertThat(entry().resolve("mine.txt")).hasContent("keep");
        }

        @Test
        void twoShellsAtOnceGenerateOnce() throws Exception {
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            generator.onWrite = () -> {
                started.countDown();
                await(release);
            };
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<List<String>> first = pool.submit(() -> obtain(cache(), SF, List.of("small")));
                assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
                List<String> waiting = new CopyOnWriteArrayList<>();
                Future<List<String>> second = pool.submit(() -> {
                    try (DataCache.Lease lease = cache().obtain(DATA, SF, List.of("small"), new RecordingProgress(waiting))) {
                        return lease.notes();
                    }
                });
                dev.benchbox.standin.Await.until("the second shell waits", java.time.Duration.ofSeconds(10), () -> !waiting.isEmpty());
                assertThat(waiting).containsExactly("Waiting for another shell using the cached Demo SF0.01");
                release.countDown();
                assertThat(first.get(10, TimeUnit.SECONDS).get(0)).startsWith("Data cache: generated");
                assertThat(second.get(10, TimeUnit.SECONDS).get(0)).startsWith("Data cache: reused");
                assertThat(generator.written).hasSize(1);
            } finally {
                release.countDown();
                pool.shutdownNow();
            }
        }
    }

    @Nested
    class EvictsAndClears {
        @Test
        void evictsTheLeastRecentlyUsedEntriesBeyondItsLimit() {
            DataCache cache = cache();
            obtain(cache, Scale.of(1), List.of("small"));
            now = now.plusSeconds(60);
            obtain(cache, Scale.of(2), List.of("small"));
            now = now.plusSeconds(60);
            obtain(cache, Scale.of(3), List.of("small"));
            now = now.plusSeconds(60);
            obtain(cache, Scale.of(1), List.of("small")); // used again: now the most recent

            assertThat(cache.entries()).extracting(DataCache.Entry::scale).containsExactly("1", "3", "2");
            List<String> evicted = cache.limitBytes(25); // 10 bytes an entry
            assertThat(evicted).containsExactly(
                    "Data cache: evicted demo sf2 (10 bytes, least recently used) to stay within the limit of 25 bytes");
            assertThat(cache.entries()).extracting(DataCache.Entry::scale).containsExactly("1", "3");
            assertThat(cache().limitBytes()).isEqualTo(25);
            assertThat(cache.trim()).isEmpty();
        }

        @Test
        void clearRemovesOnlyWhatTheCacheWrote() throws IOException {
            obtain(cache(), SF, List.of("small", "big"));
            obtain(cache(), Scale.of(1), List.of("small"));
            Path mine = Files.writeString(home.resolve("data/demo/notes.txt"), "mine");
            Path leftover = Files.createDirectories(home.resolve("data/demo/.sf1.0123456789abcdef.old"));

            DataCache.Cleared cleared = cache().clear();
            assertThat(cleared.removed()).isEqualTo(2);
            assertThat(cleared.bytes()).isEqualTo(10 + 4 * 10 + 10);
            assertThat(cleared.inUse()).isEmpty();
            assertThat(cache().entries()).isEmpty();
            assertThat(mine).hasContent("mine");
            assertThat(leftover).doesNotExist();
            assertThat(entry()).doesNotExist();
        }

        @Test
        void clearLeavesAnEntryAnotherShellIsUsing() {
            obtain(cache(), SF, List.of("small"));
            try (DataCache.Lease held = cache().obtain(DATA, SF, List.of("small"), LoadProgress.NONE)) {
                DataCache.Cleared cleared = cache().clear();
                assertThat(cleared.removed()).isZero();
                assertThat(cleared.inUse()).containsExactly("demo sf0.01");
                assertThat(held.tables().get("small").files().get(0)).exists();
            }
        }

        @Test
        void listsEntriesWithSizeAndLastUse() {
            obtain(cache(), SF, List.of("small", "big"));
            StringWriter out = new StringWriter();
            DataCache cache = cache();
            new CachePrinter(out).print(cache, cache.entries());
            assertThat(out.toString()).isEqualTo("Data cache: " + home.resolve("data") + " (limit 50.0 GB)\n"
                    + "  demo  sf0.01   2 tables    50 bytes  last used 2026-12-01 10:00 UTC\n"
                    + "1 entry, 50 bytes\n");
        }
    }

    @Test
    void readsAndShowsSizes() {
        assertThat(Sizes.parse("20GB")).isEqualTo(20_000_000_000L);
        assertThat(Sizes.parse("1.5 tb")).isEqualTo(1_500_000_000_000L);
        assertThat(Sizes.parse("500")).isEqualTo(500);
        assertThatThrownBy(() -> Sizes.parse("lots")).hasMessage("a size is a number with KB, MB, GB or TB (e.g. 20GB), not 'lots'");
        assertThat(Sizes.text(362_100_000)).isEqualTo("362.1 MB");
        assertThat(Sizes.text(999)).isEqualTo("999 bytes");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes {@code small} as one 10-byte file and {@code big} as four (part 10 among them: sorted as numbers). */
    private static final class FakeGenerator implements ParquetGenerator {
        static final long ROWS = 42;
        final List<List<String>> written = new CopyOnWriteArrayList<>();
        volatile String version = "v1";
        volatile String failOn;
        volatile Runnable onWrite = () -> { };

        @Override
        public String generatorVersion(DataSet dataSet) {
            return dataSet.name() + " " + version;
        }

        @Override
        public String layout() {
            return "fake layout";
        }

        @Override
        public Map<String, Long> write(DataSet dataSet, Scale scale, List<String> tables, Path dir, LoadProgress progress) {
            onWrite.run();
            written.add(List.copyOf(tables));
            Map<String, Long> rows = new LinkedHashMap<>();
            try {
                for (String table : tables) {
                    Path folder = Files.createDirectories(dir.resolve(table));
                    if (table.equals(failOn)) {
                        throw new IllegalStateException("generator failed on " + table);
                    }
                    List<Integer> parts = table.equals("big") ? List.of(0, 1, 2, 10) : List.of(0);
                    for (int part : parts) {
                        // 10 bytes each, whatever the names
                        Files.writeString(folder.resolve("part-" + part + ".parquet"), String.format("%-10s", table + " " + part + " " + version));
                    }
                    rows.put(table, ROWS);
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return rows;
        }
    }

    private record RecordingProgress(List<String> tasks) implements LoadProgress {
        @Override
        public void start(String task, long total) {
            tasks.add(task);
        }

        @Override
        public void advance(long amount) {
        }

        @Override
        public void close() {
        }
    }
}
