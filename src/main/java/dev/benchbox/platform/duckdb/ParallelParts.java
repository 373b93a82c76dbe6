package dev.benchbox.platform.duckdb;

import dev.benchbox.BenchboxException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a generated load's parts on every core. One place decides what a failed or cancelled load means for
 * both benchmarks: the staging tables go, the tables already there stay as they were.
 */
final class ParallelParts {

    /** One part of a load: generates its rows and appends them to the staging tables. */
    interface Part {
        void append() throws SQLException;
    }

    private ParallelParts() {
    }

    /**
     * Runs {@code parts} on {@code threads} daemon threads named {@code name-N} and waits for all of them.
     * On a failure or an interrupt (Ctrl-C) it stops the rest, calls {@code dropStaging} and throws a user error.
     */
    static void run(String name, String benchmark, int threads, List<? extends Part> parts, Runnable dropStaging) {
        AtomicInteger counter = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, name + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Part part : parts) {
                futures.add(pool.submit(() -> {
                    part.append();
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            dropStaging.run();
            Thread.currentThread().interrupt();
            throw new BenchboxException("load cancelled: existing tables were left as they were");
        } catch (ExecutionException e) {
            pool.shutdownNow();
            dropStaging.run();
            Throwable cause = e.getCause();
            if (cause instanceof BenchboxException user) {
                throw user;
            }
            throw new BenchboxException(benchmark + " load failed: " + cause.getMessage(), cause);
        } finally {
            pool.shutdownNow();
        }
    }
}
