package dev.benchbox.tpcds;

import dev.benchbox.datagen.TableList;
import io.trino.tpcds.Table;
import io.trino.tpcds.column.Column;
import io.trino.tpcds.column.ColumnType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The 24 TPC-DS tables (specification §2): column names and types in order as io.trino.tpcds generates them,
 * and each table's primary key. Types follow the specification: identifiers as {@code BIGINT} (they must hold
 * every key the generator makes at any scale), {@code INTEGER}, {@code DECIMAL(p,s)}, {@code CHAR(n)},
 * {@code VARCHAR(n)}, {@code DATE}.
 */
public final class TpcdsSchema {
    /** Table names, in the generator's order (dimensions and facts alphabetically, as the kit lists them). */
    public static final List<String> TABLES = Table.getBaseTables().stream()
            .filter(table -> table != Table.DBGEN_VERSION)
            .map(Table::getName)
            .toList();

    /** Primary keys (specification §2.3, §2.4), in key order. */
    private static final Map<String, List<String>> PRIMARY_KEYS = Map.ofEntries(
            Map.entry("call_center", List.of("cc_call_center_sk")),
            Map.entry("catalog_page", List.of("cp_catalog_page_sk")),
            Map.entry("catalog_returns", List.of("cr_item_sk", "cr_order_number")),
            Map.entry("catalog_sales", List.of("cs_item_sk", "cs_order_number")),
            Map.entry("customer", List.of("c_customer_sk")),
            Map.entry("customer_address", List.of("ca_address_sk")),
            Map.entry("customer_demographics", List.of("cd_demo_sk")),
            Map.entry("date_dim", List.of("d_date_sk")),
            Map.entry("household_demographics", List.of("hd_demo_sk")),
            Map.entry("income_band", List.of("ib_income_band_sk")),
            Map.entry("inventory", List.of("inv_date_sk", "inv_item_sk", "inv_warehouse_sk")),
            Map.entry("item", List.of("i_item_sk")),
            Map.entry("promotion", List.of("p_promo_sk")),
            Map.entry("reason", List.of("r_reason_sk")),
            Map.entry("ship_mode", List.of("sm_ship_mode_sk")),
            Map.entry("store", List.of("s_store_sk")),
            Map.entry("store_returns", List.of("sr_item_sk", "sr_ticket_number")),
            Map.entry("store_sales", List.of("ss_item_sk", "ss_ticket_number")),
            Map.entry("time_dim", List.of("t_time_sk")),
            Map.entry("warehouse", List.of("w_warehouse_sk")),
            Map.entry("web_page", List.of("wp_web_page_sk")),
            Map.entry("web_returns", List.of("wr_item_sk", "wr_order_number")),
            Map.entry("web_sales", List.of("ws_item_sk", "ws_order_number")),
            Map.entry("web_site", List.of("web_site_sk")));

    private TpcdsSchema() {
    }

    public static boolean isTpcdsTable(String name) {
        return TABLES.contains(name.toLowerCase(Locale.ROOT));
    }

    /**
     * The generator's table of that name.
     *
     * @throws IllegalArgumentException naming the table in one line when it is not a TPC-DS table
     */
    public static Table table(String name) {
        if (!isTpcdsTable(name)) {
            throw new IllegalArgumentException("unknown TPC-DS table '" + name + "'");
        }
        return Table.getTable(name.toLowerCase(Locale.ROOT));
    }

    /** Column names in order. */
    public static List<String> columns(String table) {
        List<String> names = new ArrayList<>();
        for (Column column : table(table).getColumns()) {
            names.add(column.getName());
        }
        return names;
    }

    /** The primary key's columns, in key order. */
    public static List<String> primaryKey(String table) {
        table(table);
        return PRIMARY_KEYS.get(table.toLowerCase(Locale.ROOT));
    }

    /** The SQL type of a column, as DuckDB and Spark SQL both accept it. */
    public static String sqlType(ColumnType type) {
        return switch (type.getBase()) {
            case IDENTIFIER -> "BIGINT";
            case INTEGER -> "INTEGER";
            case DECIMAL -> "DECIMAL(" + type.getPrecision().orElseThrow() + "," + type.getScale().orElseThrow() + ")";
            case CHAR -> "CHAR(" + type.getPrecision().orElseThrow() + ")";
            case VARCHAR -> "VARCHAR(" + type.getPrecision().orElseThrow() + ")";
            case DATE -> "DATE";
            case TIME -> "TIME";
        };
    }

    /** {@code CREATE TABLE} for a TPC-DS table under the given (already quoted) name. */
    public static String createTableSql(String qualifiedName, String table) {
        StringBuilder sql = new StringBuilder("CREATE TABLE ").append(qualifiedName).append(" (");
        Column[] columns = table(table).getColumns();
        for (int i = 0; i < columns.length; i++) {
            sql.append(i == 0 ? "" : ", ").append(columns[i].getName()).append(' ').append(sqlType(columns[i].getType()));
        }
        return sql.append(')').toString();
    }

    /**
     * Parses {@code --tables}: comma-separated TPC-DS table names, all 24 when absent.
     *
     * @throws dev.benchbox.BenchboxException naming an unknown table in one line
     */
    public static List<String> parseTables(String spec) {
        try {
            return TableList.parse(spec, TABLES, "TPC-DS");
        } catch (IllegalArgumentException e) {
            throw new dev.benchbox.BenchboxException(e.getMessage());
        }
    }
}
