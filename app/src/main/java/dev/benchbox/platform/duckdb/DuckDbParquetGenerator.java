package dev.benchbox.platform.duckdb;

import dev.benchbox.BenchboxException;
import dev.benchbox.dataset.DataSet;
import dev.benchbox.dataset.Scale;
import dev.benchbox.platform.LoadProgress;
import dev.benchbox.platform.ParquetGenerator;
import dev.benchbox.platform.RowSink;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.springframework.stereotype.Component;

/**
 * Generates a data set into a throwaway in-memory DuckDB, one table at a time (so it holds at most the largest table),
 * with the same loaders a DuckDB load uses, and writes each table with {@code COPY ... (FORMAT parquet)} in files of
 * about 128 MB: what the EMR Serverless local path uploads and Spark reads.
 */
@Component
public final class DuckDbParquetGenerator implements ParquetGenerator {
    static final String TARGET_FILE_SIZE = "128MB";
    private static final String SCHEMA = "generate";

    /**
     * The TPC generators by their library's version (read from the jar, so a new library never reuses old data); a
     * data set's own rows by the version it states.
     */
    @Override
    public String generatorVersion(DataSet dataSet) {
        DataSet.Generator generator = dataSet.generator();
        if (generator.equals(DataSet.Generator.TPCH)) {
            return "io.trino.tpch " + libraryVersion("/META-INF/maven/io.trino.tpch/tpch/pom.properties");
        }
        if (generator.equals(DataSet.Generator.TPCDS)) {
            return "io.trino.tpcds " + libraryVersion("/META-INF/maven/io.trino.tpcds/tpcds/pom.properties");
        }
        if (generator instanceof DataSet.Rows rows) {
            return dataSet.name() + " rows " + rows.version();
        }
        return generator.toString();
    }

    @Override
    public String layout() {
        return "parquet snappy, files of " + TARGET_FILE_SIZE + " named part-N, one folder per table";
    }

    @Override
    public Map<String, Long> write(DataSet dataSet, Scale scale, List<String> tables, Path dir, LoadProgress progress) {
        Map<String, Long> rows = new LinkedHashMap<>();
        long total = 0;
        for (String table : tables) {
            total += Math.max(0, dataSet.rowCounts().example(table, scale));
        }
        // one bar for the whole data set: the loaders' own start and done (a table each) would make a bar per table
        progress.start("Generating " + dataSet.title() + " SF" + scale.text(), total);
        LoadProgress rowsOnly = new LoadProgress() {
            @Override
            public void start(String task, long ignored) {
            }

            @Override
            public void advance(long amount) {
                progress.advance(amount);
            }

            @Override
            public void close() {
            }
        };
        try (DuckDbPlatform duckdb = DuckDbPlatform.open(null)) {
            duckdb.createSchema(SCHEMA);
            for (String table : tables) {
                duckdb.load(SCHEMA, dataSet, scale, List.of(table), rowsOnly);
                run(duckdb, copySql(SCHEMA, table, dir));
                rows.put(table, duckdb.rowCount(SCHEMA, table));
                run(duckdb, "DROP TABLE " + DuckDbPlatform.qualified(SCHEMA, table));
            }
        }
        progress.done();
        return rows;
    }

    /** The one way a loaded table becomes cache files ({@link #layout()}), here and from a DuckDB load. */
    static String copySql(String schema, String table, Path dir) {
        String target = dir.resolve(table).toAbsolutePath().toString().replace("'", "''");
        return "COPY " + DuckDbPlatform.qualified(schema, table) + " TO '" + target + "' (FORMAT parquet, "
                + "COMPRESSION snappy, FILE_SIZE_BYTES '" + TARGET_FILE_SIZE + "', FILENAME_PATTERN 'part-{i}')";
    }

    private static void run(DuckDbPlatform duckdb, String sql) {
        duckdb.execute(SCHEMA, sql, RowSink.DISCARD);
    }

    private static String libraryVersion(String pomProperties) {
        try (InputStream in = DuckDbParquetGenerator.class.getResourceAsStream(pomProperties)) {
            if (in == null) {
                throw new BenchboxException("cannot tell the generator's version: " + pomProperties + " is missing");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new BenchboxException("cannot tell the generator's version: " + e.getMessage(), e);
        }
    }
}
