package dev.benchbox.dataset;

import java.util.List;
import java.util.Optional;

/**
 * A benchmark's data set as platforms load it, so that no platform names a benchmark: its typed tables, which
 * generator makes them, and how a platform records the scale it loaded (a DuckDB table comment, a Glue table
 * parameter) so that {@code run} can tell which scale a schema holds.
 */
public interface DataSet {
    /** The benchmark's name ({@code tpch}), also its data's folder ({@code data/<name>/sf<SF>/}) and its scale records' key. */
    String name();

    /** Name for people: {@code TPC-H}. */
    String title();

    /** Every table, in load order. */
    List<String> tables();

    /** A table's columns with SQL types as DuckDB declares them ({@code DECIMAL(15,2)}, {@code VARCHAR}, {@code DATE}). */
    List<Column> columns(String table);

    /** A {@code --tables} list checked against {@link #tables()}: all of them when null or blank. */
    List<String> parseTables(String text);

    /** The generator that makes the tables (the engines and the Spark job each know it by this name). */
    Generator generator();

    /** The tables asked for, or every table when none are. */
    default List<String> selected(List<String> tables) {
        return tables.isEmpty() ? tables() : tables;
    }

    /** The prefix of a DuckDB table comment recording the scale it was loaded at: {@code benchbox:tpch:sf=}. */
    default String scaleComment() {
        return "benchbox:" + name() + ":sf=";
    }

    /** The Glue table parameter recording the scale a table was generated at: {@code benchbox.tpch.scale}. */
    default String scaleParameter() {
        return "benchbox." + name() + ".scale";
    }

    /**
     * What makes a data set's rows. The two TPC generators ({@link #TPCH}, {@link #TPCDS}) have fast paths of their
     * own in each platform and in the Spark job; any other data set brings its rows ({@link Rows}).
     */
    sealed interface Generator permits BuiltIn, Rows {
        /** io.trino.tpch, as {@code load tpch} runs it. */
        BuiltIn TPCH = new BuiltIn("tpch");
        /** io.trino.tpcds, as {@code load tpcds} runs it. */
        BuiltIn TPCDS = new BuiltIn("tpcds");
    }

    /** A generator the platforms and the Spark job carry, known by name. */
    record BuiltIn(String name) implements Generator {
        public BuiltIn {
            java.util.Objects.requireNonNull(name, "name is null");
        }
    }

    /**
     * A generator the data set brings: its rows, each value typed for its column ({@link Long} or {@link Integer},
     * {@link java.math.BigDecimal}, {@link String}, {@link java.time.LocalDate}, {@link Double}). It runs where the
     * data is loaded (never in a cluster).
     */
    non-sealed interface Rows extends Generator {
        /** The rows of a table at the scale, in order. */
        Iterable<List<Object>> rows(String table, Scale scale);

        /**
         * The generator's version: the data cache keeps generated rows under it and never reuses rows of another
         * version, so a data set whose rows change says so here.
         */
        default String version() {
            return "1";
        }
    }

    /**
     * What each table's row count is at a scale, to check data someone else generated ({@code load --from}); every
     * table passes when the data set cannot say.
     */
    default RowCounts rowCounts() {
        return RowCounts.UNKNOWN;
    }

    /** What a table holds at a scale. */
    interface RowCounts {
        /** Any count passes. */
        RowCounts UNKNOWN = new RowCounts() {
            @Override
            public boolean matches(String table, Scale scale, long rows) {
                return rows >= 0;
            }

            @Override
            public String expected(String table, Scale scale) {
                return "any number";
            }

            @Override
            public long example(String table, Scale scale) {
                return 0;
            }
        };

        /** Whether {@code rows} is what {@code table} holds at {@code scale}. */
        boolean matches(String table, Scale scale, long rows);

        /** The expectation in words: {@code 15,000} or {@code about 60,000,000 (within 0.1%)}. */
        String expected(String table, Scale scale);

        /** A count that {@link #matches} (the exact one where there is one): what a dry run's check job reports. */
        long example(String table, Scale scale);
    }

    /** The data set's own row generator, when it brings one. */
    default Optional<Rows> rows() {
        return generator() instanceof Rows rows ? Optional.of(rows) : Optional.empty();
    }
}
