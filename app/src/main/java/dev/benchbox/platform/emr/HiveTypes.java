package dev.benchbox.platform.emr;

import dev.benchbox.BenchboxException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** DuckDB column types as the Hive types Glue tables declare for the Parquet DuckDB writes. */
final class HiveTypes {
    private static final Pattern DECIMAL = Pattern.compile("DECIMAL\\((\\d+),\\s*(\\d+)\\)");

    private HiveTypes() {
    }

    static String of(String table, String column, String duckDbType) {
        String type = duckDbType.trim().toUpperCase(Locale.ROOT);
        Matcher decimal = DECIMAL.matcher(type);
        if (decimal.matches()) {
            return "decimal(" + decimal.group(1) + "," + decimal.group(2) + ")";
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
