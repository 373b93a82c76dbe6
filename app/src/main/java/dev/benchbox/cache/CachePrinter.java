package dev.benchbox.cache;

import java.io.PrintWriter;
import java.io.Writer;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** {@code cache}'s listing: where the cache is, its limit and size, then an entry a line, most recently used first. */
public final class CachePrinter {
    private static final DateTimeFormatter USED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private final PrintWriter out;

    public CachePrinter(Writer out) {
        this.out = new PrintWriter(out);
    }

    public void print(DataCache cache, List<DataCache.Entry> entries) {
        long total = entries.stream().mapToLong(DataCache.Entry::bytes).sum();
        out.printf(Locale.ROOT, "Data cache: %s (limit %s)%n", cache.root(), Sizes.text(cache.limitBytes()));
        if (entries.isEmpty()) {
            out.println("  empty: a load of tpch or tpcds keeps its generated data here");
            out.flush();
            return;
        }
        int name = entries.stream().mapToInt(e -> e.dataSet().length()).max().orElse(0);
        int scale = entries.stream().mapToInt(e -> e.scale().length()).max().orElse(0) + 2;
        for (DataCache.Entry entry : entries) {
            String tables = entry.tables().isEmpty() ? "damaged" : entry.tables().size() + (entry.tables().size() == 1 ? " table" : " tables");
            String used = entry.tables().isEmpty() ? "replaced by its next load" : "last used " + USED.format(entry.lastUsed());
            out.printf(Locale.ROOT, "  %-" + name + "s  %-" + scale + "s  %9s  %10s  %s%n", entry.dataSet(), "sf" + entry.scale(), tables,
                    Sizes.text(entry.bytes()), used);
        }
        out.printf(Locale.ROOT, "%d %s, %s%n", entries.size(), entries.size() == 1 ? "entry" : "entries", Sizes.text(total));
        out.flush();
    }
}
