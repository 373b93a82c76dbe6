package dev.benchbox.platform;

import java.util.ArrayList;
import java.util.List;

/**
 * A stream's rounds as every engine that runs queries one by one walks them: the warm-ups, then the measured
 * iterations, each running every query in order, each execution handed to the listener as it ends.
 */
public final class BatchRounds {
    /** Runs one query once; iteration is 0 for a warm-up. */
    @FunctionalInterface
    public interface Execution {
        QueryExecution run(BatchQuery query, int iteration, boolean warmup);
    }

    private BatchRounds() {
    }

    /** @param cancelled the one line a Ctrl-C between queries ends the run with ({@link WorkCancelled}: the caller keeps what ran) */
    public static List<QueryExecution> run(List<BatchQuery> queries, int warmups, int iterations, BatchListener listener,
            String cancelled, Execution execution) {
        List<QueryExecution> executions = new ArrayList<>();
        for (int round = 0; round < warmups + iterations; round++) {
            boolean warmup = round < warmups;
            int iteration = warmup ? 0 : round - warmups + 1;
            for (BatchQuery query : queries) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new WorkCancelled(cancelled);
                }
                QueryExecution done = execution.run(query, iteration, warmup);
                executions.add(done);
                listener.executed(done);
            }
        }
        return executions;
    }
}
