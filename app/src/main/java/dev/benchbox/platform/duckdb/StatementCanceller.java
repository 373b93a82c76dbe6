package dev.benchbox.platform.duckdb;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Cancels a running JDBC statement when the thread that runs it is interrupted (Ctrl-C in the shell
 * interrupts the command thread). JDBC calls do not react to interrupts themselves, so a small
 * watcher polls the registered threads.
 */
final class StatementCanceller implements AutoCloseable {
    private final Map<Thread, Statement> running = new ConcurrentHashMap<>();
    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "duckdb-cancel-watcher");
        thread.setDaemon(true);
        return thread;
    });

    StatementCanceller() {
        watcher.scheduleWithFixedDelay(this::cancelInterrupted, 50, 50, TimeUnit.MILLISECONDS);
    }

    /** Watches the statement while the current thread runs it; close the handle when done. */
    Registration watch(Statement statement) {
        Thread thread = Thread.currentThread();
        running.put(thread, statement);
        return () -> running.remove(thread, statement);
    }

    private void cancelInterrupted() {
        running.forEach((thread, statement) -> {
            if (thread.isInterrupted()) {
                try {
                    statement.cancel();
                } catch (SQLException | RuntimeException ignored) {
                    // the statement may have finished meanwhile
                }
            }
        });
    }

    @Override
    public void close() {
        watcher.shutdownNow();
    }

    interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
