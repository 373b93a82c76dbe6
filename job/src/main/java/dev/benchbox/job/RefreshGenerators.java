package dev.benchbox.job;

import dev.benchbox.tpch.TpchRefreshData;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * The benchmarks whose refresh data the job can stage, by the manifest's {@code generator} name: TPC-H's update sets
 * ({@link TpchRefreshData}, equal to {@code dbgen -U}). A generator gives the rows of an update set as text fields, the
 * way its reference tool writes them; {@link RefreshFunctions} types them and registers them as views. What the views
 * are called is the contract with the benchmark's statements in the shell.
 */
final class RefreshGenerators {
    private static final Map<String, Supplier<RefreshGenerator>> GENERATORS = Map.of("tpch", TpchRefresh::new);

    private RefreshGenerators() {
    }

    /** Makes one update set's rows. */
    interface RefreshGenerator {
        /** Update set {@code set} (1, 2, …) at {@code scale}; an {@link IllegalArgumentException} for a scale or set it cannot make. */
        StagedSet stage(double scale, int set);
    }

    /**
     * The rows of one update set.
     *
     * @param views  the views to register, in order
     * @param tables the tables a refresh function over these views changes: their row counts are read before and after it
     */
    record StagedSet(List<StagedView> views, List<String> tables) {
        StagedSet {
            views = List.copyOf(views);
            tables = List.copyOf(tables);
        }
    }

    /**
     * One view: rows of text fields (null for SQL NULL), typed either like a table of the current catalog ({@code likeTable}:
     * its column names and types, in its order) or by {@code columns}.
     */
    record StagedView(String name, String likeTable, List<ViewColumn> columns, List<List<String>> rows) {
        StagedView {
            requireNonNull(name, "name is null");
            columns = List.copyOf(columns);
            if ((likeTable == null) == columns.isEmpty()) {
                throw new IllegalArgumentException("view " + name + " is typed either like a table or by its own columns");
            }
            rows = List.copyOf(rows);
        }

        static StagedView like(String name, String table, List<List<String>> rows) {
            return new StagedView(name, table, List.of(), rows);
        }
    }

    /** A column of a view typed by its own columns; {@code type} as Spark SQL writes it ({@code bigint}). */
    record ViewColumn(String name, String type) {
    }

    static RefreshGenerator forName(String generator) {
        Supplier<RefreshGenerator> supplier = GENERATORS.get(generator);
        if (supplier == null) {
            throw new IllegalArgumentException("no refresh data generator \"" + generator + "\": expected one of "
                    + String.join(", ", GENERATORS.keySet()));
        }
        return supplier.get();
    }

    /**
     * TPC-H: RF1 inserts set N's new orders and line items ({@code benchbox_rf_orders}, {@code benchbox_rf_lineitem}, typed
     * like {@code orders} and {@code lineitem}); RF2 deletes the orders and line items of set N's keys
     * ({@code benchbox_rf_delete}, one column {@code orderkey}).
     */
    static final class TpchRefresh implements RefreshGenerator {
        static final String ORDERS = "benchbox_rf_orders";
        static final String LINEITEM = "benchbox_rf_lineitem";
        static final String DELETE = "benchbox_rf_delete";

        @Override
        public StagedSet stage(double scale, int set) {
            TpchRefreshData.RefreshSet rows = new TpchRefreshData(scale).set(set);
            List<List<String>> keys = new ArrayList<>(rows.deletedKeys().size());
            rows.deletedKeys().forEach(key -> keys.add(List.of(Long.toString(key))));
            return new StagedSet(List.of(StagedView.like(ORDERS, "orders", fields(rows.orders())),
                    StagedView.like(LINEITEM, "lineitem", fields(rows.lineItems())),
                    new StagedView(DELETE, null, List.of(new ViewColumn("orderkey", "bigint")), keys)),
                    List.of("orders", "lineitem"));
        }

        /** dbgen's lines ({@code a|b|c|}: every field ended by '|') as their fields. */
        static List<List<String>> fields(List<String> lines) {
            List<List<String>> out = new ArrayList<>(lines.size());
            for (String line : lines) {
                String body = line.endsWith("|") ? line.substring(0, line.length() - 1) : line;
                out.add(List.of(body.split("\\|", -1)));
            }
            return out;
        }
    }
}
