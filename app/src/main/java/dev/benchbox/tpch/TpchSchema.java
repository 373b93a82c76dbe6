package dev.benchbox.tpch;

import dev.benchbox.BenchboxException;
import dev.benchbox.datagen.TableList;
import dev.benchbox.dataset.Column;
import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchColumnType;
import io.trino.tpch.TpchTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The TPC-H tables and their column types, in SQL both DuckDB and Spark accept.
 * Money columns are DECIMAL(15,2) as the specification says (the generator yields doubles).
 */
public final class TpchSchema {
    /** Table names in load order: small tables first so progress moves early. */
    public static final List<String> TABLES =
            List.of("region", "nation", "supplier", "customer", "part", "partsupp", "orders", "lineitem");

    private TpchSchema() {
    }

    public static boolean isTpchTable(String name) {
        return TABLES.contains(name.toLowerCase(Locale.ROOT));
    }

    /** The generator's table definition; fails with a one-line error for unknown names. */
    public static TpchTable<?> table(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (!TABLES.contains(lower)) {
            throw new BenchboxException("unknown TPC-H table '" + name + "': expected one of " + String.join(", ", TABLES));
        }
        return TpchTable.getTable(lower);
    }

    /** Parses a comma-separated table list; empty or null means all tables. */
    public static List<String> parseTables(String spec) {
        try {
            return TableList.parse(spec, TABLES, "TPC-H");
        } catch (IllegalArgumentException e) {
            throw new BenchboxException(e.getMessage());
        }
    }

    public static List<Column> columns(String tableName) {
        List<Column> columns = new ArrayList<>();
        for (TpchColumn<?> column : table(tableName).getColumns()) {
            columns.add(new Column(column.getColumnName(), sqlType(column.getType())));
        }
        return List.copyOf(columns);
    }

    /** SQL type of a generator column. */
    public static String sqlType(TpchColumnType type) {
        return switch (type.getBase()) {
            case IDENTIFIER -> "BIGINT";
            case INTEGER -> "INTEGER";
            case DATE -> "DATE";
            case DOUBLE -> "DECIMAL(15,2)";
            case VARCHAR -> "VARCHAR(" + type.getPrecision().orElseThrow() + ")";
        };
    }

    /** {@code CREATE TABLE} statement for a TPC-H table in the given (already quoted) schema. */
    public static String createTableSql(String qualifiedName, String tableName) {
        StringBuilder sql = new StringBuilder("CREATE TABLE ").append(qualifiedName).append(" (");
        List<Column> columns = columns(tableName);
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(columns.get(i).name()).append(' ').append(columns.get(i).type());
        }
        return sql.append(')').toString();
    }
}
