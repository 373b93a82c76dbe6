package dev.benchbox.cache;

import dev.benchbox.dataset.DataSet;
import dev.benchbox.dataset.Scale;
import dev.benchbox.platform.LoadProgress;
import dev.benchbox.platform.LoadReport;
import dev.benchbox.platform.ParquetGenerator;
import dev.benchbox.platform.ParquetLoads;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
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
        LoadReport report;
        try (DataCache.Lease lease = cache.obtain(dataSet, scale, selected, progress)) {
            report = target.loadParquet(schema, dataSet, scale, lease.tables(), progress);
            notes.addAll(lease.notes());
        }
        notes.addAll(report.notes());
        notes.addAll(cache.trim());
        return new LoadReport(report.rowCounts(), System.nanoTime() - started, notes);
    }
}
