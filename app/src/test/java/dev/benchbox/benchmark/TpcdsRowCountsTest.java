package dev.benchbox.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.benchbox.dataset.DataSet;
import dev.benchbox.dataset.Scale;
import dev.benchbox.tpcds.TpcdsSchema;
import io.trino.tpcds.Results;
import io.trino.tpcds.Session;
import io.trino.tpcds.Table;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The counts {@code load tpcds --from} checks are the generator's own, table by table. */
class TpcdsRowCountsTest {
    private static final DataSet.RowCounts COUNTS = new TpcdsBenchmark().dataSet().rowCounts();

    @Test
    void everyTableNotMadeByOrdersHoldsExactlyWhatTheGeneratorMakes() {
        Scale scale = Scale.of(0.01);
        for (String name : TpcdsSchema.TABLES) {
            Table table = TpcdsSchema.table(name);
            if (table.hasChild() || table.isChild()) {
                continue;
            }
            long generated = 0;
            for (List<List<String>> ignored : Results.constructResults(table, Session.getDefaultSession().withScale(0.01))) {
                generated++;
            }
            assertThat(COUNTS.matches(name, scale, generated)).as(name + ": " + generated + " generated").isTrue();
            assertThat(COUNTS.matches(name, scale, generated + 1)).as(name).isFalse();
        }
    }

    @Test
    void salesAndReturnsNeedRowsButNoExactCount() {
        assertThat(COUNTS.matches("store_sales", Scale.of(1), 1)).isTrue();
        assertThat(COUNTS.matches("store_returns", Scale.of(1), 0)).isFalse();
        assertThat(COUNTS.expected("web_returns", Scale.of(1))).isEqualTo("some");
        assertThat(COUNTS.expected("date_dim", Scale.of(1))).isEqualTo("73,049");
    }
}
