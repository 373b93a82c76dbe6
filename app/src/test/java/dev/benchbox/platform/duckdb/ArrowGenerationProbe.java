package dev.benchbox.platform.duckdb;

import dev.benchbox.platform.LoadProgress;
import dev.benchbox.tpcds.TpcdsSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * For scripts/bench-tpcds's profile (not a test): the TPC-DS load's parts on THREADS threads, generated and converted
 * to Arrow batches exactly as a load does, but the batches dropped instead of handed to DuckDB. Beside the generator
 * alone and the load itself, it splits a load's time into generating, converting and inserting.
 */
public final class ArrowGenerationProbe {
    private ArrowGenerationProbe() {
    }

    /** @return the rows the streams carried */
    public static long tpcdsToArrow(double scale, int threads) throws Exception {
        List<ArrowGenerator.Part> parts = TpcdsArrowGenerator.INSTANCE.parts(TpcdsSchema.TABLES, scale, threads);
        AtomicLong rows = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        ExecutorService helpers = Executors.newCachedThreadPool();
        try (BufferAllocator allocator = new RootAllocator()) {
            List<Future<?>> futures = new ArrayList<>();
            for (ArrowGenerator.Part part : parts) {
                futures.add(pool.submit(() -> {
                    // the streams side by side, as the loader reads them: a part's second stream on a thread of its own
                    List<ArrowReader> streams = part.streams().open(allocator, LoadProgress.NONE, () -> false);
                    List<Future<?>> others = new ArrayList<>();
                    for (ArrowReader stream : streams.subList(1, streams.size())) {
                        others.add(helpers.submit(() -> {
                            drain(stream, rows);
                            return null;
                        }));
                    }
                    drain(streams.get(0), rows);
                    for (Future<?> other : others) {
                        other.get();
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
            helpers.shutdownNow();
        }
        return rows.get();
    }

    private static void drain(ArrowReader stream, AtomicLong rows) throws java.io.IOException {
        try (stream) {
            while (stream.loadNextBatch()) {
                rows.addAndGet(stream.getVectorSchemaRoot().getRowCount());
            }
        }
    }

}
