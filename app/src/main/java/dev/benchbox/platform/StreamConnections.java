package dev.benchbox.platform;

import java.util.List;

/**
 * Independent connections to the platform's data, each able to run a query stream or a refresh function while the
 * others run: what a TPC-H power and throughput test with refresh functions needs. Present only on platforms whose
 * tables take inserts and deletes in a transaction ({@link Platform#streamConnections()}).
 */
public interface StreamConnections {
    /** A new connection whose statements run in {@code schema}. */
    StreamConnection open(String schema);

    /** One connection: runs one stream at a time; closing it releases it and never fails. */
    interface StreamConnection extends AutoCloseable {
        /** Runs the queries once each, in order, timing each where it runs; query errors are recorded, not thrown. */
        List<QueryExecution> runStream(List<BatchQuery> queries, int maxRowsKept, BatchListener listener);

        /**
         * Runs the statements as one transaction: all of them take effect or none does (a failure rolls back and is
         * thrown as a one-line error). Interrupting the calling thread cancels it.
         */
        void runTransaction(List<String> statements);

        @Override
        void close();
    }
}
