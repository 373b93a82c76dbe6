package dev.benchbox.shell;

import dev.benchbox.platform.Platform;
import dev.benchbox.platform.SessionControl;
import dev.benchbox.session.Session;
import jakarta.annotation.PreDestroy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Table names of the connected platform's current schema, and its schema names, for completion. TAB reads the cache and
 * never waits: a missing or stale entry is refreshed in the background and shows on the next TAB. While an interactive
 * session is open, table names come from it and TAB only reads: the cache is refreshed after {@code session start},
 * loads and schema changes ({@link #invalidate}) and filled by {@code tables} ({@link #store}), so pressing TAB never
 * runs an operation in a session that bills while busy.
 */
@Component
public class TableNameCache {
    private static final Logger log = LoggerFactory.getLogger(TableNameCache.class);
    static final long MAX_AGE_NANOS = 30_000_000_000L;

    private final Session session;
    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    /** Look-ups scheduled or running per key: a forced one can queue behind another, which must not clear it when done. */
    private final Map<Key, Integer> refreshing = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final ExecutorService refresher = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "table-name-refresh");
        thread.setDaemon(true);
        return thread;
    });

    public TableNameCache(Session session) {
        this.session = session;
    }

    /** Cached names right now (possibly empty); schedules a refresh when they are missing or old. */
    public List<String> tables() {
        if (!session.isConnected()) {
            return List.of();
        }
        Platform platform = session.platform();
        return cached(platform, Key.tables(platform, session.schema()), !sessionOpen(platform));
    }

    /** Keeps the table names a command just listed for the current schema ({@code tables}), as fresh. */
    public void store(List<String> tables) {
        if (session.isConnected()) {
            generation.incrementAndGet(); // a background fetch under way started earlier: it would overwrite newer names
            entries.put(Key.tables(session.platform(), session.schema()), new Entry(List.copyOf(tables), System.nanoTime()));
        }
    }

    /** Cached schema names right now (possibly empty); schedules a refresh when they are missing or old. */
    public List<String> schemas() {
        if (!session.isConnected()) {
            return List.of();
        }
        Platform platform = session.platform();
        return cached(platform, Key.schemas(platform), true);
    }

    /** The cached names of {@code key}, refreshed in the background when missing or old and {@code mayRefresh}. */
    private List<String> cached(Platform platform, Key key, boolean mayRefresh) {
        Entry entry = entries.get(key);
        if (stale(entry) && mayRefresh) {
            refresh(platform, key);
        }
        return entry == null ? List.of() : entry.tables;
    }

    /**
     * Forgets everything, after connecting, a load or a schema change, and refetches the current schema's tables and
     * the schema names, so the first {@code use <TAB>} after {@code create-schema} already offers the new one.
     */
    public void invalidate() {
        generation.incrementAndGet(); // a look-up still running answers for the old state: its names are dropped
        entries.clear();
        if (session.isConnected()) {
            Platform platform = session.platform();
            refresh(platform, Key.tables(platform, session.schema()), true);
            refresh(platform, Key.schemas(platform), true);
        }
    }

    /** Whether a background look-up is scheduled or running (tests wait for it instead of pressing TAB). */
    boolean refreshing() {
        return !refreshing.isEmpty();
    }

    private static boolean sessionOpen(Platform platform) {
        return platform.sessions().map(SessionControl::isOpen).orElse(false);
    }

    private void refresh(Platform platform, Key key) {
        refresh(platform, key, false);
    }

    /** Fetches the names in the background; {@code force} even when a fetch of the same key is under way (it may be stale). */
    private void refresh(Platform platform, Key key, boolean force) {
        boolean[] scheduled = {false};
        refreshing.compute(key, (k, pending) -> {
            // looked at again: a fetch that ended since the caller looked has put its names before it left this map
            if (!force && (pending != null || !stale(entries.get(key)))) {
                return pending;
            }
            scheduled[0] = true;
            return pending == null ? 1 : pending + 1;
        });
        if (!scheduled[0]) {
            return;
        }
        long asked = generation.get();
        refresher.execute(() -> {
            try {
                List<String> names = key.schema() == null ? platform.listSchemas() : platform.listTables(key.schema());
                if (generation.get() == asked) {
                    entries.put(key, new Entry(names, System.nanoTime()));
                }
            } catch (RuntimeException e) {
                log.info("table name refresh failed: {}", e.getMessage());
            } finally {
                refreshing.computeIfPresent(key, (k, pending) -> pending == 1 ? null : pending - 1);
            }
        });
    }

    private static boolean stale(Entry entry) {
        return entry == null || System.nanoTime() - entry.fetchedAt > MAX_AGE_NANOS;
    }

    @PreDestroy
    void close() {
        refresher.shutdownNow();
    }

    /** A schema's tables, or with a null schema the schema names. */
    /** One platform's table names of a schema, or (schema null) its schema names. */
    private record Key(int platform, String schema) {
        static Key tables(Platform platform, String schema) {
            return new Key(System.identityHashCode(platform), schema);
        }

        static Key schemas(Platform platform) {
            return new Key(System.identityHashCode(platform), null);
        }
    }

    private record Entry(List<String> tables, long fetchedAt) {
    }
}
