package dev.benchbox.benchmark;

import dev.benchbox.dataset.DataSet;
import dev.benchbox.dataset.Scale;
import dev.benchbox.tpcds.TpcdsSchema;
import io.trino.tpcds.Scaling;
import io.trino.tpcds.Table;
import java.util.Locale;

/**
 * What each TPC-DS table holds at a scale, as io.trino.tpcds scales it. A sales table's rows are its orders' lines and
 * a returns table's some of those lines, a number only generating them tells: for those any non-empty table passes.
 */
final class TpcdsRowCounts implements DataSet.RowCounts {
    @Override
    public boolean matches(String table, Scale scale, long rows) {
        Table t = TpcdsSchema.table(table);
        return byOrder(t) ? rows > 0 : rows == new Scaling(scale.value()).getRowCount(t);
    }

    @Override
    public String expected(String table, Scale scale) {
        Table t = TpcdsSchema.table(table);
        return byOrder(t) ? "some" : String.format(Locale.ROOT, "%,d", new Scaling(scale.value()).getRowCount(t));
    }

    @Override
    public long example(String table, Scale scale) {
        Table t = TpcdsSchema.table(table);
        return byOrder(t) ? 1 : new Scaling(scale.value()).getRowCount(t);
    }

    /** A sales table (with returns) or a returns table: its count is set by the lines of generated orders. */
    private static boolean byOrder(Table table) {
        return table.hasChild() || table.isChild();
    }
}
