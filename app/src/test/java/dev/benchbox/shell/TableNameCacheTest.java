package dev.benchbox.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.benchbox.platform.Platform;
import dev.benchbox.platform.SessionControl;
import dev.benchbox.session.Session;
import dev.benchbox.standin.Await;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Completion's table names: TAB never waits; without a session a missing entry is fetched in the background, while a
 * session is open TAB only reads (no operation in a session that bills while busy): the cache is refreshed on
 * {@link TableNameCache#invalidate} and filled by {@link TableNameCache#store}.
 */
class TableNameCacheTest {
    private final AtomicInteger listings = new AtomicInteger();
    private final AtomicReference<List<String>> tables = new AtomicReference<>(List.of("orders"));
    private final AtomicBoolean sessionOpen = new AtomicBoolean();
    private final Session session = new Session();
    private final TableNameCache cache = new TableNameCache(session);

    @AfterEach
    void close() {
        cache.close();
    }

    /** A platform whose only behaviour is its table list, counted, and whether a session is open. */
    private Platform platform() {
        SessionControl sessions = (SessionControl) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {SessionControl.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "isOpen" -> sessionOpen.get();
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (Platform) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Platform.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "defaultSchema" -> "main";
                    case "schemaExists" -> true;
                    case "listTables" -> {
                        listings.incrementAndGet();
                        yield tables.get();
                    }
                    case "listSchemas" -> List.of("main");
                    case "sessions" -> Optional.of(sessions);
                    case "close" -> null;
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** Waits until every fetch scheduled so far ran: the refresher is one thread, first in, first out. */
    private void refreshedAfter(int listingsBefore, int expectedFetches) {
        Await.until("the background fetch", () -> listings.get() >= listingsBefore + expectedFetches);
    }

    @Test
    void withoutASessionTabFetchesAMissingEntryInTheBackground() {
        session.connect(platform());

        assertThat(cache.tables()).isEmpty(); // never waits: the names come on a later TAB
        Await.until("orders cached", () -> cache.tables().equals(List.of("orders")));
        assertThat(listings).hasValue(1);
    }

    @Test
    void whileASessionIsOpenTabOnlyReadsAndInvalidateAndStoreRefreshIt() {
        session.connect(platform());
        sessionOpen.set(true);

        assertThat(cache.tables()).isEmpty();
        // the only fetch is the one invalidate asks for: had TAB scheduled one, it would have run first (one thread)
        tables.set(List.of("lineitem", "orders"));
        cache.invalidate();
        refreshedAfter(0, 1);
        Await.until("the session's names cached", () -> cache.tables().equals(List.of("lineitem", "orders")));
        assertThat(listings).hasValue(1);

        cache.store(List.of("lineitem", "orders", "session_view"));
        assertThat(cache.tables()).containsExactly("lineitem", "orders", "session_view");

        session.use("other"); // a schema with nothing cached: TAB still fetches nothing while the session is open
        assertThat(cache.tables()).isEmpty();
        cache.invalidate();
        refreshedAfter(1, 1);
        Await.until("other's names cached", () -> !cache.tables().isEmpty());
        assertThat(listings).hasValue(2);
    }
}
