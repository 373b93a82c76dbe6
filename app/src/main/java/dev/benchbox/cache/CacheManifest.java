package dev.benchbox.cache;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a cache entry holds, written last into the entry (so an entry without one was never completed) and read before
 * anything in it is used: the key it was generated under, and per table its row count and each file's size and CRC32C.
 * Plain tab-separated lines: read on every cached load, it should cost nothing to parse.
 *
 * @param key    what generated the data
 * @param tables per table, in load order
 */
record CacheManifest(CacheKey key, Map<String, Table> tables) {
    static final String FILE_NAME = "benchbox-cache.tsv";
    private static final String MAGIC = "benchbox-data-cache\t1";

    CacheManifest {
        requireNonNull(key, "key is null");
        tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
    }

    /**
     * One table's data.
     *
     * @param rows  rows in its files
     * @param files its files, sorted by name
     */
    record Table(long rows, List<FileSum> files) {
        Table {
            files = List.copyOf(files);
        }

        long bytes() {
            return files.stream().mapToLong(FileSum::bytes).sum();
        }
    }

    /**
     * A file of a table: its name in the table's folder, size and CRC32C.
     */
    record FileSum(String name, long bytes, long crc32c) {
        FileSum {
            if (name.contains("/") || name.contains("\\") || name.startsWith(".")) {
                throw new IllegalArgumentException("not a file name: " + name);
            }
        }
    }

    long bytes() {
        return tables.values().stream().mapToLong(Table::bytes).sum();
    }

    void write(Writer out) throws IOException {
        out.write(MAGIC + "\n");
        out.write("key\t" + key.dataSet() + "\t" + key.scale() + "\t" + key.generator() + "\t" + key.layout() + "\n");
        for (Map.Entry<String, Table> table : tables.entrySet()) {
            out.write("table\t" + table.getKey() + "\t" + table.getValue().rows() + "\n");
            for (FileSum file : table.getValue().files()) {
                out.write("file\t" + table.getKey() + "\t" + file.name() + "\t" + file.bytes() + "\t"
                        + Long.toHexString(file.crc32c()) + "\n");
            }
        }
        out.write("end\n");
    }

    /** The entry's manifest; empty when it has none; an {@link IOException} when it is not one we can read. */
    static Optional<CacheManifest> read(Path entry) throws IOException {
        Path file = entry.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals(MAGIC) || !lines.get(lines.size() - 1).equals("end")) {
            throw new IOException("its manifest is incomplete");
        }
        CacheKey key = null;
        Map<String, Long> rows = new LinkedHashMap<>();
        Map<String, List<FileSum>> files = new LinkedHashMap<>();
        try {
            for (String line : lines.subList(1, lines.size() - 1)) {
                String[] f = line.split("\t", -1);
                switch (f[0]) {
                    case "key" -> key = new CacheKey(f[1], f[2], f[3], f[4]);
                    case "table" -> {
                        rows.put(f[1], Long.parseLong(f[2]));
                        files.put(f[1], new ArrayList<>());
                    }
                    case "file" -> files.get(f[1]).add(new FileSum(f[2], Long.parseLong(f[3]), Long.parseUnsignedLong(f[4], 16)));
                    default -> throw new IOException("its manifest has an unknown line");
                }
            }
        } catch (RuntimeException e) {
            throw new IOException("its manifest is damaged", e);
        }
        if (key == null) {
            throw new IOException("its manifest names no key");
        }
        Map<String, Table> tables = new LinkedHashMap<>();
        rows.forEach((table, count) -> tables.put(table, new Table(count, files.get(table))));
        return Optional.of(new CacheManifest(key, tables));
    }
}
