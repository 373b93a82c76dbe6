package dev.benchbox.platform.emr;

import dev.benchbox.BenchboxException;
import dev.benchbox.dataset.Column;
import dev.benchbox.dataset.DataSet;
import dev.benchbox.dataset.Scale;
import dev.benchbox.platform.LoadProgress;
import dev.benchbox.platform.RowSink;
import dev.benchbox.platform.duckdb.DuckDbPlatform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Turns tables into Parquet files with DuckDB: TPC-H is generated into an in-memory DuckDB by the local
 * platform's loader (or files are read by it), then each table is written with {@code COPY ... (FORMAT parquet)},
 * split into files of about 128 MB. Rows are written in primary-key order, so the same data gives the same
 * bytes every time: that is what lets an interrupted load skip what it uploaded already.
 */
final class ParquetExporter implements AutoCloseable {
    static final String TARGET_FILE_SIZE = "128MB";
    private static final String SCHEMA = "export";
    private static final Map<String, String> TPCH_ORDER = Map.of(
            "region", "r_regionkey",
            "nation", "n_nationkey",
            "supplier", "s_suppkey",
            "customer", "c_custkey",
            "part", "p_partkey",
            "partsupp", "ps_partkey, ps_suppkey",
            "orders", "o_orderkey",
            "lineitem", "l_orderkey, l_linenumber");

    private final DuckDbPlatform duckdb;

    private ParquetExporter(DuckDbPlatform duckdb) {
        this.duckdb = duckdb;
    }

    static ParquetExporter open() {
        DuckDbPlatform duckdb = DuckDbPlatform.open(null);
        duckdb.createSchema(SCHEMA);
        return new ParquetExporter(duckdb);
    }

    /** Generates a data set's tables; returns rows per table. */
    Map<String, Long> generate(DataSet dataSet, Scale scale, List<String> tables, LoadProgress progress) {
        return duckdb.load(SCHEMA, dataSet, scale, tables, progress).rowCounts();
    }

    /** Reads tables from TABLE.tbl/.csv/.parquet files; returns rows per table. */
    Map<String, Long> readFiles(List<String> tables, Path sourceDir, LoadProgress progress) {
        return duckdb.loadFiles(SCHEMA, tables, sourceDir, progress).rowCounts();
    }

    /** A table written as Parquet: its files (sorted by name), Hive-typed columns and row count. */
    record Exported(String table, List<Path> files, List<Column> columns, long rows) {
        Exported {
            files = List.copyOf(files);
            columns = List.copyOf(columns);
        }
    }

    /** Writes one loaded table as Parquet files into an empty directory, and checks the files hold every row. */
    Exported export(String table, Path directory, long expectedRows) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new BenchboxException("cannot create " + directory + ": " + e.getMessage(), e);
        }
        List<Column> columns = new ArrayList<>();
        for (Column column : duckdb.describeTable(SCHEMA, table)) {
            columns.add(new Column(column.name(), HiveTypes.of(table, column.name(), column.type())));
        }
        String order = TPCH_ORDER.get(table);
        String select = "SELECT * FROM " + SCHEMA + "." + table + (order == null ? "" : " ORDER BY " + order);
        String target = directory.toAbsolutePath().toString().replace("'", "''");
        run("COPY (" + select + ") TO '" + target + "' (FORMAT parquet, COMPRESSION snappy, FILE_SIZE_BYTES '" + TARGET_FILE_SIZE
                + "', FILENAME_PATTERN 'part-{i}', OVERWRITE_OR_IGNORE true)");
        List<Path> files;
        try (Stream<Path> list = Files.list(directory)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
        } catch (IOException e) {
            throw new BenchboxException("cannot list " + directory + ": " + e.getMessage(), e);
        }
        long written = count("SELECT count(*) FROM read_parquet('" + target.replace("'", "''") + "/*.parquet')");
        if (written != expectedRows) {
            throw new BenchboxException("Parquet files of table '" + table + "' hold " + written + " rows, expected " + expectedRows);
        }
        return new Exported(table, files, columns, written);
    }

    private void run(String sql) {
        duckdb.execute(SCHEMA, sql, new CollectingSink());
    }

    private long count(String sql) {
        CollectingSink sink = new CollectingSink();
        duckdb.execute(SCHEMA, sql, sink);
        return ((Number) sink.first).longValue();
    }

    @Override
    public void close() {
        duckdb.close();
    }

    private static final class CollectingSink implements RowSink {
        Object first;

        @Override
        public void begin(List<Column> columns) {
        }

        @Override
        public void row(List<?> values) throws IOException {
            if (first == null && !values.isEmpty()) {
                first = values.get(0);
            }
        }

        @Override
        public void end() {
        }
    }
}
