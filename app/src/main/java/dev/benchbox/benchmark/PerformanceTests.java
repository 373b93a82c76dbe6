package dev.benchbox.benchmark;

import dev.benchbox.platform.BatchQuery;
import dev.benchbox.platform.RefreshFunction;
import java.util.List;

/**
 * A benchmark's performance tests as its specification runs them: a power test (refresh function 1, one query stream,
 * refresh function 2) and a throughput test (several query streams side by side with a refresh stream), with query
 * parameters drawn from a seed, and the metrics over their timing intervals. TPC-H offers them
 * ({@link Benchmark#performanceTests()}); a benchmark without data maintenance does not.
 */
public interface PerformanceTests {
    /** The smallest number of query streams the throughput test may run at this scale. */
    int minimumStreams(double scaleFactor);

    /** Whether results at this scale may be published under the specification (its list of scale factors). */
    boolean publishableScale(double scaleFactor);

    /** Refuses, in one line, a scale the refresh data cannot be made for ({@link IllegalArgumentException}). */
    void checkScale(double scaleFactor);

    /** Query stream {@code stream}'s statements (0: the power test's), in its order, with the seed's parameters. */
    List<BatchQuery> queryStream(long seed, int stream, double scaleFactor);

    /**
     * The refresh functions of update set {@code set} (1, 2, …): as literal SQL statements, each function one
     * transaction, and staged (statements over rows the platform makes where the data is).
     */
    RefreshPair refreshPair(double scaleFactor, int set);

    /**
     * What puts the data back as loaded after the refresh functions of sets 1 … {@code sets}: deletes the rows they
     * inserted and inserts again the rows they deleted (one transaction), whichever of them ran (a run that stopped midway).
     */
    Restore restore(double scaleFactor, int sets);

    /** The metrics over a run's timing intervals, in seconds. */
    Metrics metrics(double scaleFactor, List<Double> powerQuerySeconds, double refresh1Seconds, double refresh2Seconds,
            int streams, double throughputSeconds);

    /**
     * One update set's refresh functions.
     *
     * @param insert             refresh function 1: inserts the set's new rows, as literal statements
     * @param delete             refresh function 2: deletes the set's old rows, as literal statements
     * @param rowsInserted       rows RF1 adds, by table
     * @param keysDeleted        the keys RF2 deletes (with their dependent rows)
     * @param stagedInsert       refresh function 1 over the set's rows staged where the data is
     * @param stagedDelete       refresh function 2 over the set's keys staged where the data is
     */
    record RefreshPair(int set, List<String> insert, List<String> delete, java.util.Map<String, Long> rowsInserted,
            List<Long> keysDeleted, RefreshFunction stagedInsert, RefreshFunction stagedDelete) {
        public RefreshPair {
            java.util.Objects.requireNonNull(stagedInsert, "stagedInsert is null");
            java.util.Objects.requireNonNull(stagedDelete, "stagedDelete is null");
            insert = List.copyOf(insert);
            delete = List.copyOf(delete);
            rowsInserted = java.util.Map.copyOf(rowsInserted);
            keysDeleted = List.copyOf(keysDeleted);
        }
    }

    /**
     * Statements putting the data back, and the rows by table the refresh functions had deleted.
     */
    record Restore(List<String> statements, java.util.Map<String, Long> rowsDeleted) {
        public Restore {
            statements = List.copyOf(statements);
            rowsDeleted = java.util.Map.copyOf(rowsDeleted);
        }
    }

    /**
     * The performance metrics: the power, throughput and composite metric by the specification's formulas.
     *
     * @param names the metrics' names, in that order (e.g. Power@Size, Throughput@Size, QphH@Size)
     */
    record Metrics(List<String> names, double power, double throughput, double composite) {
        public Metrics {
            names = List.copyOf(names);
        }
    }
}
