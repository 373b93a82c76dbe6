package dev.benchbox.platform.emr;

import dev.benchbox.BenchboxException;
import dev.benchbox.datagen.DecimalType;
import java.util.Locale;
import java.util.Optional;

/** DuckDB column types as the Hive types Glue tables declare for the Parquet DuckDB writes. */
final class HiveTypes {
    private HiveTypes() {
    }

    static String of(String table, String column, String duckDbType) {
        String type = duckDbType.trim().toUpperCase(Locale.ROOT);
        Optional<DecimalType> decimal = DecimalType.parse(type);
        if (decimal.isPresent()) {
            return decimal.get().toString();
        }
        if (type.startsWith("VARCHAR") || type.startsWith("CHAR") || type.equals("TEXT") || type.equals("STRING")) {
            // DuckDB keeps no length; Parquet holds UTF-8 strings either way
            return "string";
        }
        return switch (type) {
            case "BIGINT", "INT8", "LONG" -> "bigint";
            case "INTEGER", "INT4", "INT", "SIGNED" -> "int";
            case "SMALLINT", "INT2", "SHORT" -> "smallint";
            case "TINYINT", "INT1" -> "tinyint";
            case "BOOLEAN", "BOOL" -> "boolean";
            case "DOUBLE", "FLOAT8" -> "double";
            case "FLOAT", "REAL", "FLOAT4" -> "float";
            case "DATE" -> "date";
            case "TIMESTAMP", "DATETIME", "TIMESTAMP WITH TIME ZONE", "TIMESTAMPTZ" -> "timestamp";
            case "BLOB", "BYTEA", "VARBINARY" -> "binary";
            default -> throw new BenchboxException("cannot register column '" + column + "' of table '" + table + "' in Glue: "
                    + "type " + duckDbType + " has no Hive equivalent Spark reads from Parquet (convert it to a standard type first)");
        };
    }
}
