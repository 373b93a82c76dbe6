package dev.benchbox.platform.duckdb;

import dev.benchbox.BenchboxException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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

    /** {@link #run(String, String, int, List, Runnable, Runnable)} for parts that stop when their thread is interrupted. */
    static void run(String name, String benchmark, int threads, List<? extends Part> parts, Runnable dropStaging) {
        run(name, benchmark, threads, parts, () -> { }, dropStaging);
    }

    /**
     * Runs {@code parts} on {@code threads} daemon threads named {@code name-N} and waits for all of them.
     * On a failure or an interrupt (Ctrl-C) it calls {@code cancel} (for parts working where an interrupt does not
     * reach, e.g. inside DuckDB), stops the rest and waits for them, then calls {@code dropStaging} and throws a
     * user error.
     */
    static void run(String name, String benchmark, int threads, List<? extends Part> parts, Runnable cancel,
            Runnable dropStaging) {
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
            stop(pool, cancel);
            dropStaging.run();
            Thread.currentThread().interrupt();
            throw new BenchboxException("load cancelled: existing tables were left as they were");
        } catch (ExecutionException e) {
            stop(pool, cancel);
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

    /** Cancels the parts still running and waits (bounded) for them, so the staging tables are dropped after them. */
    private static void stop(ExecutorService pool, Runnable cancel) {
        cancel.run();
        pool.shutdownNow();
        try {
            pool.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException again) {
            Thread.currentThread().interrupt();
        }
    }
}
