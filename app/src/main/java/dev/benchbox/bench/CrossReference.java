package dev.benchbox.bench;

import static java.util.Objects.requireNonNull;

import dev.benchbox.BenchboxException;
import dev.benchbox.benchmark.Benchmark;
import dev.benchbox.cache.DataCache;
import dev.benchbox.dataset.Scale;
import dev.benchbox.platform.BatchQuery;
import dev.benchbox.platform.ParquetLoads;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The answers {@code --validate cross} checks a platform's against: the same statements run on an in-process DuckDB
 * over the Parquet files this machine's data cache holds for the benchmark and scale (what a local generation loaded
 * or uploaded). Computed before the run, so a refusal or a DuckDB error costs nothing on the platform.
 */
public final class CrossReference {
    /** The platform whose answers these are: cross-checking it would compare DuckDB with itself. */
    static final String ENGINE = "duckdb";
    /** NULLs sorted as Spark and the DuckDB platform sort them: answers with NULL rows depend on it. */
    private static final String NULL_ORDER = "nulls_first_on_asc_last_on_desc";

    private CrossReference() {
    }

    /** One statement's answer: DuckDB's column names and its rows, values as its JDBC driver returns them. */
    public record Answer(List<String> columns, List<List<Object>> rows) {
        public Answer {
            columns = List.copyOf(columns);
            rows = List.copyOf(rows);
        }
    }

    /** Why {@code --validate cross} cannot run on this platform, in one line; empty when it can. */
    static Optional<String> refusal(String platformName) {
        return ENGINE.equals(platformName)
                ? Optional.of("--validate cross compares a platform's answers with DuckDB's, so on duckdb it would check "
                        + "nothing: use --validate exact or rowcount")
                : Optional.empty();
    }

    /**
     * DuckDB's answer to each statement, by statement id, over the cached data; a one-line {@link BenchboxException}
     * when the cache does not hold every table at that scale (nothing is generated) or DuckDB cannot run a statement.
     *
     * @param cache null when the shell has none: refused as an empty cache
     */
    static Map<String, Answer> answers(DataCache cache, Benchmark benchmark, double scaleFactor, List<BatchQuery> statements) {
        try (DataCache.Lease lease = cached(cache, benchmark, scaleFactor)) {
            return compute(lease.tables(), statements);
        }
    }

    /** The cache's entry for the benchmark at the scale, checked; the one-line refusal when it has none. */
    static DataCache.Lease cached(DataCache cache, Benchmark benchmark, double scaleFactor) {
        requireNonNull(benchmark, "benchmark is null");
        Scale scale = Scale.of(scaleFactor);
        Optional<DataCache.Lease> found = cache == null ? Optional.empty()
                : cache.existing(benchmark.dataSet(), scale, benchmark.tables());
        return found.orElseThrow(() -> new BenchboxException("--validate cross needs the " + benchmark.title() + " SF "
                + scale.text() + " data on this machine, and the data cache does not hold it: run 'load " + benchmark.name()
                + " --scale " + scale.text() + " --generate local' first, or drop --validate cross"));
    }

    /** The statements' answers on an in-memory DuckDB whose tables are views over the given Parquet files. */
    static Map<String, Answer> compute(Map<String, ParquetLoads.Table> tables, List<BatchQuery> statements) {
        Properties properties = new Properties();
        properties.setProperty("default_null_order", NULL_ORDER);
        Map<String, Answer> answers = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:", properties);
                Statement statement = connection.createStatement()) {
            for (Map.Entry<String, ParquetLoads.Table> table : tables.entrySet()) {
                StringBuilder files = new StringBuilder();
                for (java.nio.file.Path file : table.getValue().files()) {
                    files.append(files.isEmpty() ? "" : ", ").append('\'').append(file.toString().replace("'", "''")).append('\'');
                }
                statement.execute("CREATE VIEW \"" + table.getKey() + "\" AS SELECT * FROM read_parquet([" + files + "])");
            }
            for (BatchQuery query : statements) {
                answers.put(query.id(), run(statement, query));
            }
        } catch (SQLException e) {
            throw new BenchboxException("DuckDB could not read the cached data for --validate cross: " + oneLine(e));
        }
        return answers;
    }

    private static Answer run(Statement statement, BatchQuery query) {
        try (ResultSet rs = statement.executeQuery(query.sql())) {
            ResultSetMetaData meta = rs.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int c = 1; c <= meta.getColumnCount(); c++) {
                columns.add(meta.getColumnLabel(c));
            }
            List<List<Object>> rows = new ArrayList<>();
            while (rs.next()) {
                List<Object> row = new ArrayList<>(columns.size());
                for (int c = 1; c <= columns.size(); c++) {
                    row.add(rs.getObject(c));
                }
                rows.add(java.util.Collections.unmodifiableList(row));
            }
            return new Answer(columns, rows);
        } catch (SQLException e) {
            throw new BenchboxException("DuckDB could not compute " + query.id() + " for --validate cross: " + oneLine(e));
        }
    }

    private static String oneLine(SQLException e) {
        String message = String.valueOf(e.getMessage()).strip();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline).strip();
    }
}
