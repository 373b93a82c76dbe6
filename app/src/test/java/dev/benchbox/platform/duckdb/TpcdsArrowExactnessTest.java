package dev.benchbox.platform.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.benchbox.IntegrationTest;
import dev.benchbox.benchmark.Benchmarks;
import dev.benchbox.dataset.Column;
import dev.benchbox.dataset.Scale;
import dev.benchbox.platform.LoadProgress;
import dev.benchbox.platform.LoadReport;
import dev.benchbox.platform.RowSink;
import dev.benchbox.tpcds.TpcdsSchema;
import io.trino.tpcds.Results;
import io.trino.tpcds.Session;
import io.trino.tpcds.Table;
import io.trino.tpcds.column.ColumnType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The columnar load holds exactly the generator's rows, for every TPC-DS table: each row of one single-threaded pass
 * of io.trino.tpcds (unchunked, its text as dsdgen writes it) against each row DuckDB holds after the parallel,
 * chunked Arrow load, compared as multisets (order is not kept across parts). Every value is compared as text in one
 * canonical form (decimals at the column's scale, NULL apart from every value), so a wrong type, a shifted column, a
 * lost or doubled chunk, a sale's returns sent to the wrong stream or a NULL read as empty all fail it. The load reads
 * the fact tables typed, from the generator's row objects ({@code TpcdsTypedRows}), and the others from that text:
 * for the fact tables this compares the typed path with the text path, NULLs included.
 */
class TpcdsArrowExactnessTest {
    private static final double SCALE = 0.01;

    @Test
    @IntegrationTest // generates the whole of TPC-DS SF 0.01 twice (1.9 million customer_demographics rows each): a minute
    void everyTableHoldsExactlyTheGeneratorsRows() {
        Map<String, Digest> expected = new TreeMap<>();
        Session session = Session.getDefaultSession().withScale(SCALE);
        for (String name : TpcdsSchema.TABLES) {
            Table table = TpcdsSchema.table(name);
            if (table.isChild()) {
                continue; // made by its sales table's generator, below
            }
            Digest parent = expected.computeIfAbsent(name, n -> new Digest());
            Digest child = table.hasChild() ? expected.computeIfAbsent(table.getChild().getName(), n -> new Digest()) : null;
            for (List<List<String>> rows : Results.constructResults(table, session)) {
                parent.add(generated(table, rows.get(0)));
                for (int i = 1; i < rows.size(); i++) {
                    child.add(generated(table.getChild(), rows.get(i)));
                }
            }
        }

        Map<String, Digest> loaded = new TreeMap<>();
        try (DuckDbPlatform duckdb = DuckDbPlatform.open(null)) {
            LoadReport report = duckdb.load("main", Benchmarks.get("tpcds").dataSet(), Scale.of(SCALE), List.of(), LoadProgress.NONE);
            for (String name : TpcdsSchema.TABLES) {
                Digest digest = new Digest();
                duckdb.execute("main", "SELECT * FROM " + DuckDbPlatform.quote(name), new RowSink() {
                    @Override
                    public void begin(List<Column> columns) {
                    }

                    @Override
                    public void row(List<?> values) {
                        digest.add(stored(values));
                    }

                    @Override
                    public void end() {
                    }
                });
                loaded.put(name, digest);
                assertThat(report.rowCounts().get(name)).as(name).isEqualTo(digest.rows);
            }
        }
        assertThat(expected.keySet()).hasSize(24);
        assertThat(expected.get("store_returns").rows).isPositive();
        for (String fact : List.of("store_sales", "store_returns", "catalog_sales", "catalog_returns", "web_sales",
                "web_returns", "inventory")) {
            assertThat(expected.get(fact).nulls).as(fact + "'s NULLs, read typed").isPositive();
        }
        assertThat(loaded.keySet()).isEqualTo(expected.keySet());
        Map<String, String> differing = new TreeMap<>();
        expected.forEach((name, digest) -> {
            if (!digest.equals(loaded.get(name))) {
                differing.put(name, "generated " + digest + ", loaded " + loaded.get(name));
            }
        });
        assertThat(differing).as("tables whose rows differ from the generator's").isEmpty();
    }

    /** A generated row in canonical form: the generator writes NULL as empty text, decimals with up to their scale's digits. */
    private static String generated(Table table, List<String> values) {
        StringBuilder row = new StringBuilder();
        io.trino.tpcds.column.Column[] columns = table.getColumns();
        for (int i = 0; i < columns.length; i++) {
            String text = values.get(i);
            ColumnType type = columns[i].getType();
            if (text == null || text.isEmpty()) {
                row.append("\u0000NULL");
            } else if (type.getBase() == ColumnType.Base.DECIMAL) {
                row.append(new BigDecimal(text).setScale(type.getScale().orElseThrow()).toPlainString());
            } else {
                row.append(text);
            }
            row.append('\u0001');
        }
        return row.toString();
    }

    /** A row as DuckDB returns it, in the same form (its decimals carry the column's scale already). */
    private static String stored(List<?> values) {
        StringBuilder row = new StringBuilder();
        for (Object value : values) {
            if (value == null) {
                row.append("\u0000NULL");
            } else if (value instanceof BigDecimal decimal) {
                row.append(decimal.toPlainString());
            } else {
                row.append(value);
            }
            row.append('\u0001');
        }
        return row.toString();
    }

    /**
     * An order-free digest of a multiset of rows: their count and the sum and xor of a 64-bit hash of each, (a failure names
     * the tables that differ).
     */
    private static final class Digest {
        long rows;
        long sum;
        long xor;
        /** NULL values seen: part of the rows' hashes already, counted to show the NULL rules were exercised. */
        long nulls;

        void add(String row) {
            for (int at = row.indexOf("\u0000NULL"); at >= 0; at = row.indexOf("\u0000NULL", at + 1)) {
                nulls++;
            }
            long hash = 0xcbf29ce484222325L;
            for (int i = 0; i < row.length(); i++) {
                hash = (hash ^ row.charAt(i)) * 0x100000001b3L;
            }
            hash ^= hash >>> 33;
            hash *= 0xff51afd7ed558ccdL;
            hash ^= hash >>> 33;
            rows++;
            sum += hash;
            xor ^= hash;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Digest d && d.rows == rows && d.sum == sum && d.xor == xor;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(sum);
        }

        @Override
        public String toString() {
            return rows + " rows, digest " + Long.toHexString(sum) + "/" + Long.toHexString(xor);
        }
    }
}
