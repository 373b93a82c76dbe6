package dev.benchbox.platform.duckdb;

import dev.benchbox.BenchboxException;
import dev.benchbox.dataset.Column;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** A data file to load a table from, found by the table's name in a directory. */
record DataFile(Path path, Format format) {
    enum Format { TBL, CSV, PARQUET }

    static DataFile find(Path dir, String table) {
        String name = table.toLowerCase(Locale.ROOT);
        for (Format format : Format.values()) {
            Path candidate = dir.resolve(name + "." + format.name().toLowerCase(Locale.ROOT));
            if (Files.isRegularFile(candidate)) {
                if (!Files.isReadable(candidate)) {
                    throw new BenchboxException("cannot read " + candidate + ": permission denied");
                }
                return new DataFile(candidate, format);
            }
        }
        throw new BenchboxException("no data file for table '" + table + "' in " + dir
                + ": expected " + name + ".tbl, " + name + ".csv or " + name + ".parquet");
    }

    /**
     * A SELECT reading the file. {@code .tbl} files (dbgen's output) are pipe-delimited with a trailing
     * pipe, read with the given columns plus one empty trailing column that is dropped.
     */
    String selectSql(List<Column> tpchColumns) {
        String file = "'" + path.toAbsolutePath().toString().replace("'", "''") + "'";
        return switch (format) {
            case PARQUET -> "SELECT * FROM read_parquet(" + file + ")";
            case CSV -> "SELECT * FROM read_csv(" + file + ", header = true)";
            case TBL -> {
                StringBuilder columns = new StringBuilder();
                StringBuilder names = new StringBuilder();
                for (Column column : tpchColumns) {
                    columns.append('\'').append(column.name()).append("': '").append(column.type()).append("', ");
                    names.append(names.length() == 0 ? "" : ", ").append(column.name());
                }
                columns.append("'benchbox_trailing': 'VARCHAR'");
                yield "SELECT " + names + " FROM read_csv(" + file + ", delim = '|', header = false, quote = '', "
                        + "escape = '', columns = {" + columns + "})";
            }
        };
    }
}
