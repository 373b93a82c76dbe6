package dev.benchbox.platform;

import java.util.Map;

/**
 * A platform whose resources carry tags that reach the cloud bill (AWS cost allocation tags): what it creates is
 * tagged with the connection's tags and, during a benchmark run, the run's own, so the bill can be grouped by run.
 */
public interface CostAllocation {
    /** The tags on everything this connection creates, outside any run. */
    Map<String, String> tags();

    /**
     * One benchmark run: until the scope closes, what is created carries the run's id, benchmark and scale too, and an
     * application this connection created is tagged with them.
     */
    Scope forRun(String runId, String benchmark, String scale);

    /** The tags a run adds, until closed. */
    interface Scope extends AutoCloseable {
        Scope NONE = () -> { };

        @Override
        void close();
    }
}
