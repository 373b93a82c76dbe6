package dev.benchbox.platform;

import dev.benchbox.dataset.DataSet;
import dev.benchbox.dataset.Scale;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Loading a data set from Parquet files on this machine that were generated earlier (the data cache): DuckDB reads
 * them with its own Parquet reader, EMR Serverless uploads them. Each table is swapped in only when complete, recording
 * the scale as a generated load does.
 */
@FunctionalInterface
public interface ParquetLoads {
    /**
     * Loads each table from its files.
     *
     * @param tables the tables in load order, each with its files and the rows they hold
     */
    LoadReport loadParquet(String schema, DataSet dataSet, Scale scale, Map<String, Table> tables, LoadProgress progress);

    /**
     * Generates the tables straight into the platform, as a load without the cache does, and then writes each loaded
     * table as Parquet into {@code dir/<table>/} in the layout {@link ParquetGenerator} writes: one pass where the
     * platform can (an embedded engine), instead of generating the files and reading them back. Empty when it cannot.
     */
    default java.util.Optional<LoadReport> loadAndWrite(String schema, DataSet dataSet, Scale scale, List<String> tables,
            java.nio.file.Path dir, LoadProgress progress) {
        return java.util.Optional.empty();
    }

    /**
     * One table's Parquet files (read in this order) and the rows they hold.
     *
     * @param files the files, sorted by name
     * @param rows  the rows they hold together
     */
    record Table(List<Path> files, long rows) {
        public Table {
            files = List.copyOf(files);
            if (files.isEmpty()) {
                throw new IllegalArgumentException("a table needs at least one file");
            }
        }
    }
}
