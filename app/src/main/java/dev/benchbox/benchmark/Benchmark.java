package dev.benchbox.benchmark;

import dev.benchbox.dataset.DataSet;
import dev.benchbox.dataset.Scale;
import dev.benchbox.platform.BatchQuery;
import dev.benchbox.platform.DataFootprint;
import dev.benchbox.results.QueryResult;
import dev.benchbox.results.RunResult;
import dev.benchbox.tpch.ValidationMode;
import java.util.List;

/**
 * One benchmark as the shell runs it: its tables, its generator (through the platform's load), its queries as
 * statements, the validation of their answers against the reference answers by scale, and its metric. TPC-H and
 * TPC-DS are the two; the power run ({@code bench/PowerRunService}) knows nothing else about either.
 */
public interface Benchmark {
    /** Name in commands and results: {@code tpch}, {@code tpcds}; its data set's. */
    default String name() {
        return dataSet().name();
    }

    /** Name for people: {@code TPC-H}, {@code TPC-DS}; its data set's. */
    default String title() {
        return dataSet().title();
    }

    /** Its data set as platforms load it: typed tables, generator, how the loaded scale is recorded. */
    DataSet dataSet();

    /** Its tables, in load order. */
    default List<String> tables() {
        return dataSet().tables();
    }

    /** The scale factors its generator honours. */
    ScaleRange scaleRange();

    /** A typed {@code --scale}, checked against {@link #scaleRange}: the one place a scale factor is read. */
    default double parseScale(String text) {
        return scaleRange().parse(text);
    }

    /** The classpath resource of its cost-estimate table (the form of {@code /pricing/tpch-estimates.json}). */
    String costEstimates();

    /** The scales its reference answers cover (exact validation), smallest first: the examples a message gives. */
    List<Scale> answeredScales();

    /** What its data set takes on this machine, as measured. */
    DataFootprint footprint();

    /** Every query number, in run order. */
    List<Integer> queries();

    /** A selection such as {@code 1,3,6} or {@code 1-5}; a one-line {@link IllegalArgumentException} otherwise. */
    List<Integer> parseQueries(String selection);

    /**
     * The statements of the given queries, in order: one per query, two for a query the specification defines in
     * two parts (TPC-DS Q14 as {@code Q14a}, {@code Q14b}).
     */
    List<BatchQuery> statements(List<Integer> queries);

    /** Checks one measured execution of a statement (not failed) and gives its result. */
    QueryResult check(String statementId, int iteration, double ms, long rows, double scaleFactor, ValidationMode mode,
            List<String> columns, List<List<Object>> keptRows);

    /**
     * Checks a statement's answer against another engine's answer on the same data ({@code --validate cross}: DuckDB's
     * over this machine's cached Parquet), with the rules its reference answers are checked with; the validation's
     * method is {@link dev.benchbox.tpch.Validation.Method#CROSS}.
     *
     * @param referenceColumns the other engine's column names
     * @param reference        its rows, values as its JDBC driver returns them
     */
    dev.benchbox.tpch.Validation crossCheck(String statementId, List<String> referenceColumns, List<List<Object>> reference,
            List<String> columns, List<List<Object>> keptRows);

    /**
     * The results as the specification counts queries: for TPC-DS one result per query, the two parts of a two-part
     * query as one (times added, passed only when both passed). The identity for TPC-H.
     */
    default List<QueryResult> perQuery(List<QueryResult> statementResults) {
        return statementResults;
    }

    /** The run's summary with this benchmark's metric, computed over {@link #perQuery} results. */
    RunResult.Summary summarize(double scaleFactor, int iterations, List<QueryResult> queryResults);

    /**
     * Its performance tests as the specification runs them (power and throughput tests with refresh functions,
     * seeded query parameters); empty for a benchmark whose data maintenance BenchBox does not run.
     */
    default java.util.Optional<PerformanceTests> performanceTests() {
        return java.util.Optional.empty();
    }
}
