package dev.benchbox.platform;

import static java.util.Objects.requireNonNull;

import dev.benchbox.BenchboxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Independent connections to the platform's data, each able to run a query stream or a refresh function while the
 * others run: what a TPC-H power and throughput test with refresh functions needs. Present only on platforms whose
 * tables take inserts and deletes ({@link Platform#streamConnections()}).
 */
public interface StreamConnections {
    /** A new connection whose statements run in {@code schema}. */
    StreamConnection open(String schema);

    /**
     * Why a refresh function here does not take effect as one transaction (all its statements or none), for the run's
     * compliance; empty where each function is one transaction.
     */
    default Optional<String> refreshNotAtomic() {
        return Optional.empty();
    }

    /** How the platform runs streams when they are separate runs with a limit on how many run at once; empty otherwise. */
    default Optional<StreamRuns> streamRuns() {
        return Optional.empty();
    }

    /** The rows each table holds now, counted ({@code count(*)}) in one stream on one connection. */
    default Map<String, Long> rowCounts(String schema, List<String> tables) {
        try (StreamConnection connection = open(schema)) {
            return counted(tables, connection.runStream(countQueries(tables), 1, BatchListener.NONE));
        }
    }

    /**
     * Records the tables as they are now, to put them back after the refresh functions. By default they are put back
     * by {@code restoreStatements} (the benchmark's, deleting what the functions inserted and inserting what they
     * deleted) as one transaction.
     */
    default Checkpoint checkpoint(String schema, List<String> tables, List<String> restoreStatements) {
        Map<String, Long> rows = rowCounts(schema, tables);
        return new Checkpoint() {
            @Override
            public Map<String, Long> rows() {
                return rows;
            }

            @Override
            public Map<String, Long> restore() {
                try (StreamConnection connection = open(schema)) {
                    connection.runTransaction(restoreStatements);
                }
                return rowCounts(schema, tables);
            }
        };
    }

    /** {@code SELECT count(*)} of each table, ids {@code count_<table>}. */
    static List<BatchQuery> countQueries(List<String> tables) {
        return tables.stream().map(table -> new BatchQuery("count_" + table, "SELECT count(*) FROM " + table)).toList();
    }

    /** The counts {@link #countQueries} returned, by table; a failed count is a one-line error. */
    static Map<String, Long> counted(List<String> tables, List<QueryExecution> executions) {
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String table : tables) {
            QueryExecution execution = executions.stream().filter(e -> e.queryId().equals("count_" + table) && !e.warmup())
                    .findFirst().orElseThrow(() -> new BenchboxException("counting the rows of " + table + " returned nothing"));
            if (execution.failed() || execution.rows().isEmpty() || !(execution.rows().get(0).get(0) instanceof Number)) {
                throw new BenchboxException("could not count the rows of " + table + ": "
                        + (execution.failed() ? firstLine(execution.error()) : "no count came back"));
            }
            rows.put(table, ((Number) execution.rows().get(0).get(0)).longValue());
        }
        return rows;
    }

    private static String firstLine(String text) {
        return text == null ? "failed" : text.strip().split("\\R", 2)[0];
    }

    /** The tables as recorded before the refresh functions, and the way back to them. */
    interface Checkpoint {
        /** The rows each table held when recorded. */
        Map<String, Long> rows();

        /**
         * Puts the tables back as recorded and returns the rows each holds afterwards; a failure is a one-line
         * {@link BenchboxException} saying what could not be put back.
         */
        Map<String, Long> restore();
    }

    /**
     * Streams run as separate runs of the platform (EMR Serverless: job runs), at most {@code maxConcurrent} at once.
     *
     * @param unit          what one stream runs as, e.g. {@code job run}
     * @param maxConcurrent how many run at once before the rest wait; null when the platform reports no limit
     * @param limit         where that figure comes from, in words (or why there is none)
     */
    record StreamRuns(String unit, Integer maxConcurrent, String limit) {
        public StreamRuns {
            requireNonNull(unit, "unit is null");
            requireNonNull(limit, "limit is null");
        }
    }

    /**
     * One step of a stream: a query, or a refresh function in both forms platforms run it in.
     *
     * @param entry       the query, or {@link BatchQuery#refresh} with the function staged where the data is
     * @param transaction the refresh function as literal statements run as one transaction; empty for a query
     */
    record Step(BatchQuery entry, List<String> transaction) {
        public Step {
            requireNonNull(entry, "entry is null");
            transaction = List.copyOf(transaction);
            if (entry.isRefresh() == transaction.isEmpty()) {
                throw new IllegalArgumentException("a refresh step needs its statements, a query none");
            }
        }

        public static Step query(BatchQuery query) {
            return new Step(query, List.of());
        }

        public static Step refresh(String id, List<String> transaction, RefreshFunction staged) {
            return new Step(BatchQuery.refresh(id, staged), transaction);
        }

        public String id() {
            return entry.id();
        }

        public boolean isRefresh() {
            return entry.isRefresh();
        }
    }

    /** Told about each step as it finished (or, where a stream runs remotely, once its run reported). */
    @FunctionalInterface
    interface StepListener {
        /** @param startedNanos when the step started, from the start of {@link StreamConnection#runSteps} */
        void executed(QueryExecution execution, long startedNanos);
    }

    /**
     * What running a stream's steps gave.
     *
     * @param executions one per step, in order (a refresh function's with no rows)
     * @param runId      the platform's id of the run the stream was (a job run id); null where it was no run of its own
     * @param queued     how long that run waited for a free slot; null where not reported
     */
    record StepsRun(List<QueryExecution> executions, String runId, Duration queued) {
        public StepsRun {
            executions = List.copyOf(executions);
        }
    }

    /** One connection: runs one stream at a time; closing it releases it and never fails. */
    interface StreamConnection extends AutoCloseable {
        /** Runs the queries once each, in order, timing each where it runs; query errors are recorded, not thrown. */
        List<QueryExecution> runStream(List<BatchQuery> queries, int maxRowsKept, BatchListener listener);

        /**
         * Runs the statements as one transaction: all of them take effect or none does (a failure rolls back and is
         * thrown as a one-line error). Interrupting the calling thread cancels it.
         */
        void runTransaction(List<String> statements);

        /**
         * Runs a whole stream's steps (queries and refresh functions) in order, each timed where it runs; errors are
         * recorded in the executions, not thrown (a cancelled run is). By default each query runs as in
         * {@link #runStream} and each refresh function as its literal statements in one transaction.
         */
        default StepsRun runSteps(List<Step> steps, int maxRowsKept, StepListener listener) {
            long start = System.nanoTime();
            List<QueryExecution> executions = new ArrayList<>();
            for (Step step : steps) {
                long begin = System.nanoTime();
                QueryExecution execution;
                if (step.isRefresh()) {
                    String error = null;
                    try {
                        runTransaction(step.transaction());
                    } catch (BenchboxException e) {
                        if (Thread.currentThread().isInterrupted()) {
                            throw e;
                        }
                        error = e.getMessage();
                    }
                    execution = new QueryExecution(step.id(), 1, false, System.nanoTime() - begin, 0, List.of(), List.of(), error);
                } else {
                    List<QueryExecution> ran = runStream(List.of(step.entry()), maxRowsKept, BatchListener.NONE);
                    if (ran.isEmpty()) {
                        throw new BenchboxException("run cancelled");
                    }
                    execution = ran.get(0);
                }
                executions.add(execution);
                listener.executed(execution, begin - start);
            }
            return new StepsRun(executions, null, null);
        }

        @Override
        void close();
    }
}
