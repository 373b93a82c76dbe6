package dev.benchbox.platform;

import dev.benchbox.BenchboxException;
import java.util.Locale;

/**
 * How a platform keeps a loaded table where it has a choice (EMR Serverless): plain Parquet files under a Glue table
 * (the default; read-only for a benchmark: its refresh functions cannot run there) or an Apache Iceberg table, which
 * takes the inserts and deletes of a benchmark's refresh functions and keeps snapshots to return to.
 */
public enum TableFormat {
    PARQUET,
    ICEBERG;

    /** Reads {@code --table-format parquet|iceberg}. */
    public static TableFormat parse(String text) {
        for (TableFormat format : values()) {
            if (format.word().equalsIgnoreCase(text.trim())) {
                return format;
            }
        }
        throw new BenchboxException("--table-format must be parquet or iceberg, not '" + text + "'");
    }

    /** As typed and recorded: {@code parquet} or {@code iceberg}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** For sentences: {@code Parquet} or {@code Iceberg}. */
    public String title() {
        return this == PARQUET ? "Parquet" : "Iceberg";
    }
}
