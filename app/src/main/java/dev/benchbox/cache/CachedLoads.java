package dev.benchbox.cache;

import dev.benchbox.BenchboxException;
import dev.benchbox.dataset.DataSet;
import dev.benchbox.dataset.Scale;
import dev.benchbox.platform.LoadProgress;
import dev.benchbox.platform.LoadReport;
import dev.benchbox.platform.ParquetGenerator;
import dev.benchbox.platform.ParquetLoads;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Generated loads through the data cache: the data set's Parquet files from the cache (generated into it the first
 * time), then loaded by the platform, which reads them in place. The load's report says which it was.
 */
@Component
public class CachedLoads {
    private final DataCache cache;

    @Autowired
    public CachedLoads(@Value("${BENCHBOX_HOME:${user.home}/.benchbox}") String home, ParquetGenerator generator) {
        this(new DataCache(Path.of(home).resolve("data"), generator, Clock.systemUTC()));
    }

    CachedLoads(DataCache cache) {
        this.cache = cache;
    }

    public DataCache cache() {
        return cache;
    }

    /** Loads the tables (all when empty) from the cache, generating what it does not hold, then evicts down to its limit. */
    public LoadReport load(ParquetLoads target, String schema, DataSet dataSet, Scale scale, List<String> tables,
            LoadProgress progress) {
        long started = System.nanoTime();
        List<String> selected = dataSet.selected(tables);
        List<String> notes = new ArrayList<>();
        // what the platform generated into itself while writing the cache's files: not read back from them
        Map<String, Long> loadedWhileWriting = new LinkedHashMap<>();
        ParquetGenerator generator = cache.generator();
        ParquetGenerator writer = new ParquetGenerator() {
            @Override
            public String generatorVersion(DataSet data) {
                return generator.generatorVersion(data);
            }

            @Override
            public String layout() {
                return generator.layout();
            }

            @Override
            public Map<String, Long> write(DataSet data, Scale sf, List<String> missing, Path dir, LoadProgress bar) {
                Optional<LoadReport> loaded = target.loadAndWrite(schema, data, sf, missing, dir, bar);
                if (loaded.isEmpty()) {
                    return generator.write(data, sf, missing, dir, bar);
                }
                loadedWhileWriting.putAll(loaded.get().rowCounts());
                notes.addAll(loaded.get().notes());
                return loaded.get().rowCounts();
            }
        };
        Map<String, Long> rows = new LinkedHashMap<>();
        DataCache.Lease lease;
        try {
            lease = cache.obtain(dataSet, scale, selected, progress, writer);
        } catch (BenchboxException e) {
            if (!loadedWhileWriting.keySet().containsAll(selected)) {
                throw e;
            }
            // the platform holds the new tables already: the load succeeded, only keeping its data did not
            notes.add("Data cache: " + dataSet.title() + " SF" + scale.text() + " loaded but not kept (" + e.getMessage() + ")");
            selected.forEach(table -> rows.put(table, loadedWhileWriting.get(table)));
            return new LoadReport(rows, System.nanoTime() - started, notes);
        }
        try (lease) {
            Map<String, ParquetLoads.Table> toRead = new LinkedHashMap<>(lease.tables());
            toRead.keySet().removeAll(loadedWhileWriting.keySet());
            LoadReport report = toRead.isEmpty() ? new LoadReport(Map.of(), 0)
                    : target.loadParquet(schema, dataSet, scale, toRead, progress);
            notes.addAll(0, lease.notes());
            notes.addAll(report.notes());
            for (String table : selected) {
                rows.put(table, loadedWhileWriting.containsKey(table) ? loadedWhileWriting.get(table) : report.rowCounts().get(table));
            }
        }
        notes.addAll(cache.trim());
        return new LoadReport(rows, System.nanoTime() - started, notes);
    }
}
