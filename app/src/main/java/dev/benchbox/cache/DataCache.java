package dev.benchbox.cache;

import static java.util.Objects.requireNonNull;

import dev.benchbox.BenchboxException;
import dev.benchbox.dataset.DataSet;
import dev.benchbox.dataset.Scale;
import dev.benchbox.files.AtomicFiles;
import dev.benchbox.platform.LoadProgress;
import dev.benchbox.platform.ParquetGenerator;
import dev.benchbox.platform.ParquetLoads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.FileLockInterruptionException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * Generated data kept as Parquet under {@code <root>/<data set>/sf<SF>/<table>/part-N.parquet}, so a later load of the
 * same data set and scale (any platform that reads Parquet, any process) reads files instead of generating again.
 *
 * <ul>
 *   <li>An entry is keyed by the data set, scale, generator and its version, and the file layout ({@link CacheKey}); its
 *       manifest is written last and records each file's size and CRC32C, checked before every use: a damaged, partial
 *       or foreign-version table is generated again, never loaded.</li>
 *   <li>An entry is built in a folder beside it with an unpredictable name and moved into place atomically; a failed
 *       or interrupted build leaves the entry as it was.</li>
 *   <li>Each entry has a lock file beside it ({@code sf<SF>.lock}): one shell at a time builds or reads an entry, so two
 *       shells loading the same data generate it once, and a {@code clear} or eviction never removes what another
 *       shell reads. (Exclusive only: shared locks are per process in Java, and a reader holds an entry for seconds.)</li>
 *   <li>Only what the cache wrote is removed: entries with its manifest, and its own temporary folders.</li>
 * </ul>
 */
public final class DataCache {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DataCache.class);

    /** The size limit when none was set: room for TPC-H SF 100 (about 30 GB) and smaller ones beside it. */
    public static final long DEFAULT_LIMIT_BYTES = 50_000_000_000L;
    private static final String LIMIT_FILE = "limit";
    private static final String ENTRY_PREFIX = "sf";
    private static final String LOCK_SUFFIX = ".lock";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    /** Our temporary folders: {@code .sf1.<random>.tmp} (a build) and {@code .sf1.<random>.old} (a replaced entry). */
    private static final Pattern LEFTOVER = Pattern.compile("\\.(sf[^/]+)\\.[0-9a-f]{16}\\.(tmp|old)");
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * In-process side of the entry locks: a file lock is per process, so threads of one shell queue here first (not
     * reentrant: a second use of an entry in the same thread waits like any other).
     */
    private static final Map<Path, Semaphore> PROCESS_LOCKS = new ConcurrentHashMap<>();

    private final Path root;
    private final ParquetGenerator generator;
    private final Clock clock;

    public DataCache(Path root, ParquetGenerator generator, Clock clock) {
        this.root = requireNonNull(root, "root is null").toAbsolutePath().normalize();
        this.generator = requireNonNull(generator, "generator is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** What generates data into the cache, and whose version and layout key its entries. */
    public ParquetGenerator generator() {
        return generator;
    }

    /** The cache's folder ({@code $BENCHBOX_HOME/data}). */
    public Path root() {
        return root;
    }

    // ---- using an entry ----

    /**
     * The data set's tables at the scale as Parquet files: from the cache when an entry holds them and passes its
     * check, else generated now (only the tables missing or damaged) and kept. The entry stays locked until the lease
     * is closed, so read it before that.
     */
    public Lease obtain(DataSet dataSet, Scale scale, List<String> tables, LoadProgress progress) {
        return obtain(dataSet, scale, tables, progress, generator);
    }

    /**
     * {@link #obtain(DataSet, Scale, List, LoadProgress)}, writing what is missing with {@code writer} (which must write
     * what the cache's own generator would: the entry is keyed by that one's version and layout).
     */
    public Lease obtain(DataSet dataSet, Scale scale, List<String> tables, LoadProgress progress, ParquetGenerator writer) {
        Slot slot = slot(dataSet, scale);
        String what = slot.what();
        CacheKey key = slot.key();
        Path folder = slot.folder();
        String entryName = slot.entryName();
        Path entry = slot.entry();
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new BenchboxException("cannot create the data cache folder " + folder + ": " + e.getMessage(), e);
        }
        EntryLock lock = EntryLock.acquire(folder.resolve(entryName + LOCK_SUFFIX), progress,
                "Waiting for another shell using the cached " + what);
        try {
            List<String> notes = new ArrayList<>();
            Optional<CacheManifest> found = manifestOf(entry, what, notes);
            Optional<CacheManifest> sameKey = found.filter(m -> m.key().equals(key));
            if (found.isPresent() && sameKey.isEmpty()) {
                notes.add("Data cache: the cached " + what + " came from " + found.get().key().generator() + " ("
                        + found.get().key().layout() + "), not " + key.generator() + " (" + key.layout() + "): generating it again");
            }
            Map<String, CacheManifest.Table> good = new LinkedHashMap<>();
            long checking = System.nanoTime();
            for (String table : tables) {
                CacheManifest.Table cached = sameKey.map(m -> m.tables().get(table)).orElse(null);
                if (cached == null) {
                    continue;
                }
                Optional<String> problem = check(entry.resolve(table), cached);
                if (problem.isPresent()) {
                    notes.add("Data cache: " + table + " of " + what + " failed its check (" + problem.get() + "): generating it again");
                } else {
                    good.put(table, cached);
                }
            }
            List<String> missing = tables.stream().filter(t -> !good.containsKey(t)).toList();
            if (!good.isEmpty()) {
                log.info("data cache: checked {} table(s) of {} in {} ms", good.size(), entryName, (System.nanoTime() - checking) / 1_000_000);
            }
            CacheManifest manifest;
            if (missing.isEmpty()) {
                manifest = sameKey.orElseThrow();
                touch(entry);
            } else {
                manifest = rebuild(folder, entryName, key, sameKey, missing, dataSet, scale, progress, writer);
                touch(entry);
            }
            Map<String, ParquetLoads.Table> files = new LinkedHashMap<>();
            long bytes = 0;
            for (String table : tables) {
                CacheManifest.Table cached = manifest.tables().get(table);
                files.put(table, files(entry, table, cached));
                bytes += cached.bytes();
            }
            notes.add(missing.isEmpty()
                    ? String.format(Locale.ROOT, "Data cache: reused %s (%s, %s) from %s", what, tableCount(tables.size()), Sizes.text(bytes), entry)
                    : good.isEmpty()
                            ? String.format(Locale.ROOT, "Data cache: generated %s and kept it (%s, %s) in %s", what,
                                    tableCount(tables.size()), Sizes.text(bytes), entry)
                            : String.format(Locale.ROOT, "Data cache: reused %s and generated %s of %s (%s) in %s",
                                    tableCount(good.size()), tableCount(missing.size()), what, Sizes.text(bytes), entry));
            return new Lease(lock, files, !missing.isEmpty(), notes);
        } catch (RuntimeException | Error e) {
            lock.close();
            throw e;
        }
    }

    /**
     * The data set's tables at the scale as the cache holds them now, never generating: empty unless an entry of the
     * cache's current key holds every table and each passes its check. Locked like {@link #obtain} until closed.
     */
    public Optional<Lease> existing(DataSet dataSet, Scale scale, List<String> tables) {
        Slot slot = slot(dataSet, scale);
        String what = slot.what();
        CacheKey key = slot.key();
        Path folder = slot.folder();
        String entryName = slot.entryName();
        Path entry = slot.entry();
        if (!Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        EntryLock lock = EntryLock.acquire(folder.resolve(entryName + LOCK_SUFFIX), LoadProgress.NONE,
                "Waiting for another shell using the cached " + what);
        try {
            Optional<CacheManifest> manifest = manifestOf(entry, what, new ArrayList<>()).filter(m -> m.key().equals(key));
            Map<String, ParquetLoads.Table> files = new LinkedHashMap<>();
            for (String table : tables) {
                CacheManifest.Table cached = manifest.map(m -> m.tables().get(table)).orElse(null);
                if (cached == null || check(entry.resolve(table), cached).isPresent()) {
                    lock.close();
                    return Optional.empty();
                }
                files.put(table, files(entry, table, cached));
            }
            touch(entry);
            return Optional.of(new Lease(lock, files, false, List.of("Data cache: read " + what + " from " + entry)));
        } catch (RuntimeException | Error e) {
            lock.close();
            throw e;
        }
    }

    /** A use of a cache entry: its tables' files, locked against other shells' builds and removals until closed. */
    public static final class Lease implements AutoCloseable {
        private final EntryLock lock;
        private final Map<String, ParquetLoads.Table> tables;
        private final boolean generated;
        private final List<String> notes;

        private Lease(EntryLock lock, Map<String, ParquetLoads.Table> tables, boolean generated, List<String> notes) {
            this.lock = lock;
            this.tables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tables));
            this.generated = generated;
            this.notes = List.copyOf(notes);
        }

        /** Each table's files and rows, in the order asked for. */
        public Map<String, ParquetLoads.Table> tables() {
            return tables;
        }

        /** Whether any table was generated now (else every one was reused). */
        public boolean generated() {
            return generated;
        }

        /** What the cache did, one line each: reused or generated, and any damaged table it replaced. */
        public List<String> notes() {
            return notes;
        }

        @Override
        public void close() {
            lock.close();
        }
    }

    /**
     * A new entry: the tables kept from the old one (same key, passed their check or not asked for) linked, the missing
     * ones generated, the manifest last, then moved into place in one rename.
     */
    private CacheManifest rebuild(Path folder, String entryName, CacheKey key, Optional<CacheManifest> old, List<String> missing,
            DataSet dataSet, Scale scale, LoadProgress progress, ParquetGenerator writer) {
        Path entry = folder.resolve(entryName);
        removeLeftovers(folder, entryName);
        Path building = folder.resolve("." + entryName + "." + randomHex() + ".tmp");
        try {
            Files.createDirectory(building);
            Map<String, CacheManifest.Table> tables = new LinkedHashMap<>();
            if (old.isPresent()) {
                for (Map.Entry<String, CacheManifest.Table> table : old.get().tables().entrySet()) {
                    // the tables asked for passed their check; the others are checked when a load asks for them
                    if (!missing.contains(table.getKey())) {
                        linkTable(entry.resolve(table.getKey()), building.resolve(table.getKey()), table.getValue());
                        tables.put(table.getKey(), table.getValue());
                    }
                }
            }
            Map<String, Long> rows = writer.write(dataSet, scale, missing, building, progress);
            long summing = System.nanoTime();
            for (String table : missing) {
                Long count = rows.get(table);
                if (count == null) {
                    throw new BenchboxException("generating " + dataSet.title() + " wrote no table '" + table + "'");
                }
                tables.put(table, new CacheManifest.Table(count, sums(building.resolve(table))));
            }
            log.info("data cache: checksummed {} table(s) of {} in {} ms", missing.size(), entryName, (System.nanoTime() - summing) / 1_000_000);
            Map<String, CacheManifest.Table> ordered = new LinkedHashMap<>();
            dataSet.tables().stream().filter(tables::containsKey).forEach(t -> ordered.put(t, tables.get(t)));
            tables.keySet().stream().filter(t -> !ordered.containsKey(t)).forEach(t -> ordered.put(t, tables.get(t)));
            CacheManifest manifest = new CacheManifest(key, ordered);
            try (Writer out = Files.newBufferedWriter(building.resolve(CacheManifest.FILE_NAME), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                manifest.write(out);
            }
            if (Files.exists(entry, LinkOption.NOFOLLOW_LINKS)) {
                Path replaced = folder.resolve("." + entryName + "." + randomHex() + ".old");
                Files.move(entry, replaced, StandardCopyOption.ATOMIC_MOVE);
                Files.move(building, entry, StandardCopyOption.ATOMIC_MOVE);
                deleteTree(replaced);
            } else {
                Files.move(building, entry, StandardCopyOption.ATOMIC_MOVE);
            }
            return manifest;
        } catch (IOException e) {
            deleteQuietly(building);
            throw new BenchboxException("cannot write the data cache entry " + entry + ": " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            deleteQuietly(building);
            throw e;
        }
    }

    /** The old entry's table in the new one without copying: hard links (a copy where the file system has none). */
    private static void linkTable(Path from, Path to, CacheManifest.Table table) throws IOException {
        Files.createDirectory(to);
        for (CacheManifest.FileSum file : table.files()) {
            try {
                Files.createLink(to.resolve(file.name()), from.resolve(file.name()));
            } catch (UnsupportedOperationException | IOException e) {
                Files.copy(from.resolve(file.name()), to.resolve(file.name()), LinkOption.NOFOLLOW_LINKS);
            }
        }
    }

    /** The Parquet files the generator wrote for a table, in part order, with their sizes and checksums. */
    private static List<CacheManifest.FileSum> sums(Path tableFolder) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(tableFolder)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".parquet"))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString().length())
                            .thenComparing(p -> p.getFileName().toString()))
                    .toList();
        } catch (NoSuchFileException e) {
            files = List.of();
        }
        if (files.isEmpty()) {
            throw new IOException("the generator wrote no Parquet file in " + tableFolder);
        }
        List<CacheManifest.FileSum> sums = new ArrayList<>();
        for (Path file : files) {
            sums.add(new CacheManifest.FileSum(file.getFileName().toString(), Files.size(file), crc32c(file)));
        }
        return sums;
    }

    /** What is wrong with a cached table's files, if anything: missing, another size, another checksum. */
    static Optional<String> check(Path tableFolder, CacheManifest.Table table) {
        for (CacheManifest.FileSum file : table.files()) {
            Path path = tableFolder.resolve(file.name());
            try {
                if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                    return Optional.of(file.name() + " is missing");
                }
                long size = Files.size(path);
                if (size != file.bytes()) {
                    return Optional.of(file.name() + " holds " + size + " bytes, not " + file.bytes());
                }
                if (crc32c(path) != file.crc32c()) {
                    return Optional.of(file.name() + " differs from its checksum");
                }
            } catch (IOException e) {
                return Optional.of(file.name() + " cannot be read: " + e.getMessage());
            }
        }
        return Optional.empty();
    }

    static long crc32c(Path file) throws IOException {
        CRC32C crc = new CRC32C();
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                crc.update(buffer);
                buffer.clear();
            }
        }
        return crc.getValue();
    }

    /** The entry's manifest; empty when there is no entry; a one-line error when the folder is not the cache's. */
    private static Optional<CacheManifest> manifestOf(Path entry, String what, List<String> notes) {
        if (!Files.exists(entry, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        if (!Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS) || !Files.exists(entry.resolve(CacheManifest.FILE_NAME))) {
            throw new BenchboxException(entry + " holds something the data cache did not write: move it away, or load with --no-cache");
        }
        try {
            return CacheManifest.read(entry);
        } catch (IOException e) {
            notes.add("Data cache: the cached " + what + " cannot be used (" + e.getMessage() + "): generating it again");
            return Optional.empty();
        }
    }

    /** Marks the entry used now (its manifest's time), for least-recently-used eviction. */
    private void touch(Path entry) {
        try {
            Files.setLastModifiedTime(entry.resolve(CacheManifest.FILE_NAME), FileTime.from(clock.instant()));
        } catch (IOException e) {
            // eviction order only
        }
    }

    // ---- listing, limit, eviction, clearing ----

    /**
     * One entry as {@code cache} lists it.
     *
     * @param dataSet  the data set's name
     * @param scale    the scale as written
     * @param tables   the tables it holds
     * @param bytes    its files' size
     * @param lastUsed when a load last used (or built) it
     * @param folder   where it is
     */
    public record Entry(String dataSet, String scale, List<String> tables, long bytes, Instant lastUsed, Path folder) {
        public Entry {
            tables = List.copyOf(tables);
        }
    }

    /** Every entry the cache wrote, most recently used first. */
    public List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        for (Path folder : children(root)) {
            if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS) || !NAME.matcher(folder.getFileName().toString()).matches()) {
                continue;
            }
            for (Path entry : children(folder)) {
                String name = entry.getFileName().toString();
                if (!name.startsWith(ENTRY_PREFIX) || name.endsWith(LOCK_SUFFIX) || !Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                try {
                    Optional<CacheManifest> manifest = CacheManifest.read(entry);
                    if (manifest.isPresent()) {
                        Instant used = Files.getLastModifiedTime(entry.resolve(CacheManifest.FILE_NAME)).toInstant();
                        entries.add(new Entry(folder.getFileName().toString(), name.substring(ENTRY_PREFIX.length()),
                                List.copyOf(manifest.get().tables().keySet()), manifest.get().bytes(), used, entry));
                    }
                } catch (IOException e) {
                    // a damaged entry: the next load of it replaces it, clear removes it
                    entries.add(new Entry(folder.getFileName().toString(), name.substring(ENTRY_PREFIX.length()), List.of(),
                            treeBytes(entry), Instant.EPOCH, entry));
                }
            }
        }
        entries.sort(Comparator.comparing(Entry::lastUsed).reversed().thenComparing(Entry::dataSet).thenComparing(Entry::scale));
        return entries;
    }

    /** The size limit: evictions keep the cache at or under it. */
    public long limitBytes() {
        Path file = root.resolve(LIMIT_FILE);
        try {
            if (Files.isRegularFile(file)) {
                return Long.parseLong(Files.readString(file).trim());
            }
        } catch (IOException | NumberFormatException e) {
            // an unreadable setting: the default
        }
        return DEFAULT_LIMIT_BYTES;
    }

    /** Sets the size limit (kept in the cache's folder, for every later shell) and evicts down to it; returns what went. */
    public List<String> limitBytes(long bytes) {
        if (bytes < 0) {
            throw new BenchboxException("a cache limit cannot be negative");
        }
        try {
            Files.createDirectories(root);
            AtomicFiles.replace(root.resolve(LIMIT_FILE), AtomicFiles.text(bytes + "\n"));
        } catch (IOException e) {
            throw new BenchboxException("cannot write the cache limit to " + root.resolve(LIMIT_FILE) + ": " + e.getMessage(), e);
        }
        return trim();
    }

    /**
     * Evicts least recently used entries until the cache is within its limit; an entry another shell is using stays.
     *
     * @return one line per entry evicted (and per entry that had to stay)
     */
    public List<String> trim() {
        long limit = limitBytes();
        List<Entry> entries = new ArrayList<>(entries());
        long total = entries.stream().mapToLong(Entry::bytes).sum();
        List<String> notes = new ArrayList<>();
        entries.sort(Comparator.comparing(Entry::lastUsed));
        for (Entry entry : entries) {
            if (total <= limit) {
                break;
            }
            if (remove(entry)) {
                total -= entry.bytes();
                notes.add(String.format(Locale.ROOT, "Data cache: evicted %s sf%s (%s, least recently used) to stay within the limit of %s",
                        entry.dataSet(), entry.scale(), Sizes.text(entry.bytes()), Sizes.text(limit)));
            }
        }
        if (total > limit) {
            notes.add(String.format(Locale.ROOT, "Data cache: holds %s, over its limit of %s: the rest is in use by another shell",
                    Sizes.text(total), Sizes.text(limit)));
        }
        return notes;
    }

    /**
     * What {@link #clear()} did.
     *
     * @param removed entries removed
     * @param bytes   their size
     * @param inUse   entries another shell holds, left as they were
     */
    public record Cleared(int removed, long bytes, List<String> inUse) {
        public Cleared {
            inUse = List.copyOf(inUse);
        }
    }

    /** Removes every entry the cache wrote and its own leftover temporary folders; nothing else in its folder. */
    public Cleared clear() {
        int removed = 0;
        long bytes = 0;
        List<String> inUse = new ArrayList<>();
        for (Entry entry : entries()) {
            if (remove(entry)) {
                removed++;
                bytes += entry.bytes();
            } else {
                inUse.add(entry.dataSet() + " sf" + entry.scale());
            }
        }
        for (Path folder : children(root)) {
            if (Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS) && NAME.matcher(folder.getFileName().toString()).matches()) {
                for (Path leftover : children(folder)) {
                    var m = LEFTOVER.matcher(leftover.getFileName().toString());
                    if (m.matches()) {
                        try (EntryLock lock = EntryLock.tryAcquire(folder.resolve(m.group(1) + LOCK_SUFFIX))) {
                            if (lock != null) {
                                deleteQuietly(leftover);
                            }
                        }
                    }
                }
            }
        }
        return new Cleared(removed, bytes, inUse);
    }

    /** Removes an entry if no one holds it: renamed away first (gone at once for every reader), then deleted. */
    private boolean remove(Entry entry) {
        Path folder = entry.folder().getParent();
        String entryName = entry.folder().getFileName().toString();
        try (EntryLock lock = EntryLock.tryAcquire(folder.resolve(entryName + LOCK_SUFFIX))) {
            if (lock == null) {
                return false;
            }
            if (!Files.exists(entry.folder().resolve(CacheManifest.FILE_NAME))) {
                return false;
            }
            Path gone = folder.resolve("." + entryName + "." + randomHex() + ".old");
            Files.move(entry.folder(), gone, StandardCopyOption.ATOMIC_MOVE);
            deleteTree(gone);
            return true;
        } catch (IOException e) {
            throw new BenchboxException("cannot remove " + entry.folder() + " from the data cache: " + e.getMessage(), e);
        }
    }

    /** Temporary folders of builds that died (the caller holds the entry's lock, so no build of it is running). */
    private static void removeLeftovers(Path folder, String entryName) {
        for (Path leftover : children(folder)) {
            var m = LEFTOVER.matcher(leftover.getFileName().toString());
            if (m.matches() && m.group(1).equals(entryName)) {
                deleteQuietly(leftover);
            }
        }
    }

    // ---- helpers ----

    /** Where a data set's entry at a scale lives and what it must hold: one place for obtain and existing. */
    private record Slot(String what, CacheKey key, Path folder, String entryName, Path entry) {
    }

    private Slot slot(DataSet dataSet, Scale scale) {
        String name = dataSetFolder(dataSet);
        Path folder = root.resolve(name);
        String entryName = ENTRY_PREFIX + scale.text();
        return new Slot(dataSet.title() + " SF" + scale.text(),
                new CacheKey(name, scale.text(), generator.generatorVersion(dataSet), generator.layout()), folder, entryName,
                folder.resolve(entryName));
    }

    /** A cached table's Parquet files, by the names its manifest lists. */
    private static ParquetLoads.Table files(Path entry, String table, CacheManifest.Table cached) {
        return new ParquetLoads.Table(cached.files().stream().map(f -> entry.resolve(table).resolve(f.name())).toList(), cached.rows());
    }

    private static String dataSetFolder(DataSet dataSet) {
        if (!NAME.matcher(dataSet.name()).matches()) {
            throw new BenchboxException("the data cache keeps data sets named in lower-case letters, digits, '-' and '_', not '"
                    + dataSet.name() + "': load with --no-cache");
        }
        return dataSet.name();
    }

    private static String tableCount(int n) {
        return n + (n == 1 ? " table" : " tables");
    }

    private static String randomHex() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static List<Path> children(Path folder) {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
            stream.forEach(children::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        children.sort(Comparator.naturalOrder());
        return children;
    }

    private static long treeBytes(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            return paths.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Deletes a folder of ours and everything in it, never following a link out of it. */
    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static void deleteQuietly(Path folder) {
        try {
            if (Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
                deleteTree(folder);
            }
        } catch (IOException e) {
            // a leftover the next build or clear removes
        }
    }

    /**
     * An entry's lock: first the process's own (threads of one shell), then the lock file's (other shells).
     */
    private static final class EntryLock implements AutoCloseable {
        private final Semaphore processLock;
        private final FileChannel channel;
        private final FileLock fileLock;

        private EntryLock(Semaphore processLock, FileChannel channel, FileLock fileLock) {
            this.processLock = processLock;
            this.channel = channel;
            this.fileLock = fileLock;
        }

        /** Waits for the lock, showing {@code waiting} while another shell holds it; Ctrl-C stops the wait. */
        static EntryLock acquire(Path file, LoadProgress progress, String waiting) {
            EntryLock lock = tryAcquire(file);
            if (lock != null) {
                return lock;
            }
            progress.start(waiting, 0);
            Semaphore processLock = PROCESS_LOCKS.computeIfAbsent(file, f -> new Semaphore(1));
            try {
                processLock.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchboxException("load cancelled while waiting for another shell using the data cache");
            }
            FileChannel channel = null;
            try {
                channel = open(file);
                return new EntryLock(processLock, channel, channel.lock());
            } catch (ClosedByInterruptException | FileLockInterruptionException e) {
                close(channel);
                processLock.release();
                Thread.interrupted();
                Thread.currentThread().interrupt();
                throw new BenchboxException("load cancelled while waiting for another shell using the data cache");
            } catch (IOException e) {
                close(channel);
                processLock.release();
                throw new BenchboxException("cannot lock " + file + ": " + e.getMessage(), e);
            }
        }

        /** The lock if no one holds it, else null. */
        static EntryLock tryAcquire(Path file) {
            Semaphore processLock = PROCESS_LOCKS.computeIfAbsent(file, f -> new Semaphore(1));
            if (!processLock.tryAcquire()) {
                return null;
            }
            FileChannel channel = null;
            try {
                channel = open(file);
                FileLock fileLock = channel.tryLock();
                if (fileLock == null) {
                    close(channel);
                    processLock.release();
                    return null;
                }
                return new EntryLock(processLock, channel, fileLock);
            } catch (IOException | RuntimeException e) {
                close(channel);
                processLock.release();
                throw new BenchboxException("cannot lock " + file + ": " + e.getMessage(), e);
            }
        }

        private static FileChannel open(Path file) throws IOException {
            return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
        }

        private static void close(FileChannel channel) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // releasing
                }
            }
        }

        @Override
        public void close() {
            try {
                fileLock.release();
            } catch (IOException ignored) {
                // closing the channel releases it too
            }
            close(channel);
            processLock.release();
        }
    }
}
