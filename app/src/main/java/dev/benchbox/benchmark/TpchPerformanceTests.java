package dev.benchbox.benchmark;

import dev.benchbox.dataset.Column;
import dev.benchbox.platform.BatchQuery;
import dev.benchbox.platform.RefreshFunction;
import dev.benchbox.tpch.Qgen;
import dev.benchbox.tpch.TpchQueries;
import dev.benchbox.tpch.TpchRefreshData;
import dev.benchbox.tpch.TpchSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * TPC-H's power and throughput tests: qgen's streams ({@link Qgen}), dbgen's update sets ({@link TpchRefreshData})
 * as SQL that DuckDB and Spark SQL accept, and the metrics of {@link TpchMetrics}.
 */
final class TpchPerformanceTests implements PerformanceTests {
    /**
     * Rows per INSERT statement. DuckDB's time to parse a VALUES list grows faster than its length: SF 1's set 1
     * (7322 rows) into empty tables took 1.9 s in 2000-row statements, 1.1–1.4 s in 250-row ones and 0.3–0.8 s in
     * 100-row ones (7 Dec 2026, 2 busy cores).
     */
    private static final int ROWS_PER_INSERT = 100;

    /** The refresh generator the job makes update sets with ({@link RefreshFunction.StagedRows#generator()}). */
    static final String GENERATOR = "tpch";
    /**
     * RF1 and RF2 over the views the job stages an update set as (typed like the tables): {@code benchbox_rf_orders},
     * {@code benchbox_rf_lineitem} and {@code benchbox_rf_delete(orderkey BIGINT)}. Line items are deleted first:
     * they refer to their orders.
     */
    static final List<String> STAGED_INSERT = List.of("INSERT INTO orders SELECT * FROM benchbox_rf_orders",
            "INSERT INTO lineitem SELECT * FROM benchbox_rf_lineitem");
    static final List<String> STAGED_DELETE = List.of(
            "DELETE FROM lineitem WHERE l_orderkey IN (SELECT orderkey FROM benchbox_rf_delete)",
            "DELETE FROM orders WHERE o_orderkey IN (SELECT orderkey FROM benchbox_rf_delete)");

    @Override
    public int minimumStreams(double scaleFactor) {
        return TpchMetrics.minimumStreams(scaleFactor);
    }

    @Override
    public boolean publishableScale(double scaleFactor) {
        return TpchMetrics.publishable(scaleFactor);
    }

    @Override
    public void checkScale(double scaleFactor) {
        new TpchRefreshData(scaleFactor);
    }

    @Override
    public List<BatchQuery> queryStream(long seed, int stream, double scaleFactor) {
        return TpchQueries.stream(new Qgen(seed, scaleFactor), stream).stream()
                .map(query -> new BatchQuery(query.name(), query.sql()))
                .toList();
    }

    @Override
    public RefreshPair refreshPair(double scaleFactor, int set) {
        TpchRefreshData.RefreshSet data = new TpchRefreshData(scaleFactor).set(set);
        List<String> insert = new ArrayList<>();
        insert.addAll(inserts("orders", data.orders()));
        insert.addAll(inserts("lineitem", data.lineItems()));
        String keys = data.deletedKeys().stream().map(String::valueOf).collect(Collectors.joining(", "));
        // line items first: they refer to their orders
        List<String> delete = List.of("DELETE FROM lineitem WHERE l_orderkey IN (" + keys + ")",
                "DELETE FROM orders WHERE o_orderkey IN (" + keys + ")");
        RefreshFunction.StagedRows staged = new RefreshFunction.StagedRows(GENERATOR, scaleFactor, set);
        return new RefreshPair(set, insert, delete,
                Map.of("orders", (long) data.orders().size(), "lineitem", (long) data.lineItems().size()), data.deletedKeys(),
                new RefreshFunction(STAGED_INSERT, staged), new RefreshFunction(STAGED_DELETE, staged));
    }

    @Override
    public Restore restore(double scaleFactor, int sets) {
        TpchRefreshData data = new TpchRefreshData(scaleFactor);
        List<String> statements = new ArrayList<>();
        for (int set = 1; set <= sets; set++) {
            String keys = data.set(set).orders().stream().map(line -> line.substring(0, line.indexOf('|')))
                    .collect(Collectors.joining(", "));
            statements.add("DELETE FROM lineitem WHERE l_orderkey IN (" + keys + ")");
            statements.add("DELETE FROM orders WHERE o_orderkey IN (" + keys + ")");
            // the base rows RF2 deletes, deleted first whether or not it ran (a run that failed midway): then inserted
            // once, never twice
            String deletedKeys = data.set(set).deletedKeys().stream().map(String::valueOf).collect(Collectors.joining(", "));
            statements.add("DELETE FROM lineitem WHERE l_orderkey IN (" + deletedKeys + ")");
            statements.add("DELETE FROM orders WHERE o_orderkey IN (" + deletedKeys + ")");
        }
        TpchRefreshData.RefreshSet deleted = data.deletedBaseRows(sets);
        statements.addAll(inserts("orders", deleted.orders()));
        statements.addAll(inserts("lineitem", deleted.lineItems()));
        return new Restore(statements, Map.of("orders", (long) deleted.orders().size(),
                "lineitem", (long) deleted.lineItems().size()));
    }

    @Override
    public Metrics metrics(double scaleFactor, List<Double> powerQuerySeconds, double refresh1Seconds, double refresh2Seconds,
            int streams, double throughputSeconds) {
        double power = TpchMetrics.powerAtSize(scaleFactor, powerQuerySeconds, refresh1Seconds, refresh2Seconds);
        double throughput = TpchMetrics.throughputAtSize(scaleFactor, streams, throughputSeconds);
        return new Metrics(List.of("Power@Size", "Throughput@Size", "QphH@Size"), power, throughput,
                TpchMetrics.qphH(power, throughput));
    }

    /** dbgen's {@code |}-separated lines as multi-row INSERTs, each value a literal of its column's type. */
    private static List<String> inserts(String table, List<String> lines) {
        List<Column> columns = TpchSchema.columns(table);
        String head = "INSERT INTO " + table + " ("
                + columns.stream().map(Column::name).collect(Collectors.joining(", ")) + ") VALUES ";
        List<String> statements = new ArrayList<>();
        StringBuilder sql = new StringBuilder();
        int rows = 0;
        for (String line : lines) {
            sql.append(rows == 0 ? head : ", ").append('(');
            String[] fields = line.split("\\|", -1);
            for (int i = 0; i < columns.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append(literal(columns.get(i).type(), fields[i]));
            }
            sql.append(')');
            if (++rows == ROWS_PER_INSERT) {
                statements.add(sql.toString());
                sql.setLength(0);
                rows = 0;
            }
        }
        if (rows > 0) {
            statements.add(sql.toString());
        }
        return statements;
    }

    private static String literal(String type, String value) {
        if (type.startsWith("DATE")) {
            return "DATE '" + value + "'";
        }
        if (type.startsWith("VARCHAR") || type.startsWith("CHAR")) {
            return "'" + value.replace("'", "''") + "'";
        }
        return value;
    }
}
