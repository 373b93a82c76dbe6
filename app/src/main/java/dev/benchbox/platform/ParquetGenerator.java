package dev.benchbox.platform;

import dev.benchbox.dataset.DataSet;
import dev.benchbox.dataset.Scale;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Generates a data set's tables on this machine as Parquet files, one folder per table ({@code dir/<table>/*.parquet}),
 * for the data cache to keep. Whatever makes the rows (a TPC generator, a data set's own rows), the files are the same
 * kind, so every platform that reads Parquet loads them.
 */
public interface ParquetGenerator {
    /** The generator's name and version as a cache key part: data from another version is never reused. */
    String generatorVersion(DataSet dataSet);

    /** How the files are written (format, compression, file size, names), as a cache key part. */
    String layout();

    /**
     * Writes the tables into {@code dir}, which exists and is empty of them.
     *
     * @return rows written per table, in the order given
     */
    Map<String, Long> write(DataSet dataSet, Scale scale, List<String> tables, Path dir, LoadProgress progress);
}
