package dev.benchbox.tpcds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.benchbox.IntegrationTest;
import io.trino.tpcds.Results;
import io.trino.tpcds.Session;
import io.trino.tpcds.Table;
import io.trino.tpcds.column.Column;
import io.trino.tpcds.column.ColumnType;
import io.trino.tpcds.row.TableRow;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The fact tables' typed values are exactly their text: every value of every row of the sales and returns tables at
 * SF 0.01, and of a part of each fact table at SF 1, read from the row objects ({@link TpcdsTypedRows}) and compared
 * with the same row's {@code getValues()} text (NULL included, in canonical form: a wrong column, rule or scale fails);
 * and the rows come in the same steps as from the library's own {@code Results}.
 */
class TpcdsTypedRowsTest {
    /** The tables read typed: the sales and returns tables and inventory. */
    private static final List<Table> TYPED = List.of(Table.STORE_SALES, Table.STORE_RETURNS, Table.CATALOG_SALES,
            Table.CATALOG_RETURNS, Table.WEB_SALES, Table.WEB_RETURNS, Table.INVENTORY);

    @Test
    void theFactTablesAreReadTypedAndTheOthersAsText() {
        for (String name : TpcdsSchema.TABLES) {
            Table table = TpcdsSchema.table(name);
            assertThat(TpcdsTypedRows.reader(table)).as(name).matches(reader -> reader.isPresent() == TYPED.contains(table));
        }
    }

    @Test
    @IntegrationTest // 240,000 rows read twice: most of ten seconds (the parts of SF 1 below stay in the unit tier)
    void typedValuesEqualTheTextAtSf001() {
        Map<String, Counts> counts = new TreeMap<>();
        Session session = Session.getDefaultSession().withScale(0.01);
        // inventory's 261,261 rows at this scale: read in a part of SF 1 below
        for (Table table : List.of(Table.STORE_SALES, Table.CATALOG_SALES, Table.WEB_SALES)) {
            compare(table, TpcdsTypedRows.rows(table, session), null, counts);
        }
        // the NULL rules were exercised: every sales and returns table has NULLs, in most of its columns
        assertThat(counts.keySet()).hasSize(6);
        counts.forEach((table, c) -> {
            assertThat(c.nulls).as(table + "'s NULLs").isGreaterThan(50);
            assertThat(c.nullColumns).as(table + "'s columns with NULLs").isGreaterThan(c.hadNull.length / 2);
        });
    }

    @Test
    void typedValuesEqualTheTextInPartsOfSf1AndTheStepsAreTheLibrarys() {
        Map<String, Counts> counts = new TreeMap<>();
        Session sf1 = Session.getDefaultSession().withScale(1);
        for (Table table : List.of(Table.STORE_SALES, Table.CATALOG_SALES, Table.WEB_SALES)) {
            // a range of orders in the middle: the generators skip to its first row (SF 1's sales tables are one chunk)
            long first = sf1.getScaling().getRowCount(table) / 2 + 17;
            compare(table, TpcdsTypedRows.rows(table, first, first + 1_999, sf1),
                    Results.constructResults(table, first, first + 1_999, sf1).iterator(), counts);
        }
        // a chunk of the one table SF 1 splits (Parallel.splitWork: a million rows and more)
        Session chunk = sf1.withParallelism(400).withChunkNumber(207);
        compare(Table.INVENTORY, TpcdsTypedRows.rows(Table.INVENTORY, chunk),
                Results.constructResults(Table.INVENTORY, chunk).iterator(), counts);
        assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(TYPED.stream().map(Table::getName).toList());
        counts.forEach((table, c) -> {
            assertThat(c.rows).as(table).isGreaterThan(500);
            assertThat(c.nulls).as(table + "'s NULLs").isPositive();
            assertThat(c.nullColumns).as(table + "'s columns with NULLs").isGreaterThan(table.equals("inventory") ? 0 : 5);
        });
    }

    /**
     * Compares each row's typed values with its text ({@code getValues()}), and when {@code library} is given, each
     * step's rows with the library's own iterator's.
     */
    private static void compare(Table table, Iterator<List<TableRow>> steps, Iterator<List<List<String>>> library,
            Map<String, Counts> counts) {
        TpcdsTypedRows.Reader parent = TpcdsTypedRows.reader(table).orElseThrow();
        TpcdsTypedRows.Reader child = table.hasChild() ? TpcdsTypedRows.reader(table.getChild()).orElseThrow() : null;
        Counts parentCounts = counts.computeIfAbsent(table.getName(), n -> new Counts(table));
        Counts childCounts = table.hasChild() ? counts.computeIfAbsent(table.getChild().getName(), n -> new Counts(table.getChild())) : null;
        long step = 0;
        while (steps.hasNext()) {
            List<TableRow> rows = steps.next();
            List<List<String>> text = new ArrayList<>();
            for (TableRow row : rows) {
                text.add(row.getValues());
            }
            if (library != null) {
                assertThat(library.hasNext()).as(table.getName() + " step " + step + ": the library's steps ended").isTrue();
                List<List<String>> expected = library.next();
                // AssertJ only on a difference: its assertions per row would take most of the test's time
                if (!text.equals(expected)) {
                    assertThat(text).as(table.getName() + " step " + step + ", the same rows as Results").isEqualTo(expected);
                }
            }
            for (int i = 0; i < rows.size(); i++) {
                boolean isParent = i == 0;
                Table of = isParent ? table : table.getChild();
                List<String> typed = typed(isParent ? parent : child, of, rows.get(i));
                List<String> expected = canonical(of, text.get(i));
                if (!typed.equals(expected)) {
                    assertThat(typed).as(of.getName() + " step " + step + " row " + i).isEqualTo(expected);
                }
                (isParent ? parentCounts : childCounts).add(typed);
            }
            step++;
        }
        if (library != null) {
            assertThat(library.hasNext()).as(table.getName() + ": the library has more steps").isFalse();
        }
    }

    /** A row's typed values as text in one canonical form (decimals at their column's scale; NULL as null). */
    private static List<String> typed(TpcdsTypedRows.Reader reader, Table table, TableRow row) {
        Column[] columns = table.getColumns();
        String[] values = new String[columns.length];
        boolean[] set = new boolean[columns.length];
        reader.read(row, new TpcdsTypedRows.Sink() {
            @Override
            public void setNull(int column) {
                put(column, null, null);
            }

            @Override
            public void setLong(int column, long value) {
                put(column, ColumnType.Base.IDENTIFIER, Long.toString(value));
            }

            @Override
            public void setInt(int column, int value) {
                put(column, ColumnType.Base.INTEGER, Integer.toString(value));
            }

            @Override
            public void setDecimal(int column, long unscaled) {
                put(column, ColumnType.Base.DECIMAL,
                        BigDecimal.valueOf(unscaled, columns[column].getType().getScale().orElseThrow()).toPlainString());
            }

            private void put(int column, ColumnType.Base kind, String value) {
                if (set[column]) {
                    throw new AssertionError(table.getName() + "." + columns[column].getName() + " set twice");
                }
                if (kind != null && columns[column].getType().getBase() != kind) {
                    throw new AssertionError(table.getName() + "." + columns[column].getName() + " is a "
                            + columns[column].getType().getBase() + ", set as " + kind);
                }
                set[column] = true;
                values[column] = value;
            }
        });
        for (int i = 0; i < set.length; i++) {
            if (!set[i]) {
                throw new AssertionError(table.getName() + "." + columns[i].getName() + " not set");
            }
        }
        return Arrays.asList(values);
    }

    /** The generator's text in the same form: NULL (empty text) as null, decimals at the column's scale. */
    private static List<String> canonical(Table table, List<String> text) {
        Column[] columns = table.getColumns();
        List<String> values = new ArrayList<>();
        for (int i = 0; i < columns.length; i++) {
            String value = text.get(i);
            ColumnType type = columns[i].getType();
            if (value == null || value.isEmpty()) {
                values.add(null);
            } else if (type.getBase() == ColumnType.Base.DECIMAL) {
                values.add(new BigDecimal(value).setScale(type.getScale().orElseThrow()).toPlainString());
            } else {
                values.add(value);
            }
        }
        return values;
    }

    private static final class Counts {
        final boolean[] hadNull;
        long rows;
        long nulls;
        int nullColumns;

        Counts(Table table) {
            this.hadNull = new boolean[table.getColumns().length];
        }

        void add(List<String> values) {
            rows++;
            for (int i = 0; i < values.size(); i++) {
                if (values.get(i) == null) {
                    nulls++;
                    if (!hadNull[i]) {
                        hadNull[i] = true;
                        nullColumns++;
                    }
                }
            }
        }
    }
}
