package dev.benchbox.tpcds;

import io.trino.tpcds.Table;
import java.time.LocalDate;
import java.util.Locale;

/**
 * What the shell's DuckDB loader and the Spark job both rely on about io.trino.tpcds's output: which generator makes
 * each table, and how its text values become typed ones (an empty value is NULL; callers check that first).
 */
public final class TpcdsGeneration {
    private TpcdsGeneration() {
    }

    /**
     * The generator's table of that name.
     *
     * @throws IllegalArgumentException in one line when it is not a TPC-DS table
     */
    public static Table table(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        // base tables only: the kit's source tables (s_*) and its version table are no part of the data set
        for (Table table : Table.getBaseTables()) {
            if (table != Table.DBGEN_VERSION && table.getName().equals(lower)) {
                return table;
            }
        }
        throw new IllegalArgumentException("unknown TPC-DS table '" + name + "'");
    }

    /** The table whose generator makes {@code table}'s rows: a returns table comes out of its sales table's. */
    public static Table generator(Table table) {
        return table.isChild() ? table.getParent() : table;
    }

    /** The name of the table whose generator makes {@code table}'s rows (see {@link #generator(Table)}). */
    public static String source(String table) {
        return generator(table(table)).getName();
    }

    /** The unscaled value of a decimal the generator wrote with at most {@code scale} decimals (e.g. -779.73). */
    public static long unscaled(String text, int scale) {
        long value = 0;
        int decimals = -1;
        boolean negative = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '-' && i == 0) {
                negative = true;
            } else if (c == '.' && decimals < 0) {
                decimals = 0;
            } else if (c >= '0' && c <= '9') {
                value = value * 10 + (c - '0');
                if (decimals >= 0) {
                    decimals++;
                }
            } else {
                throw new NumberFormatException("not a decimal: '" + text + "'");
            }
        }
        if (decimals > scale) {
            throw new NumberFormatException("'" + text + "' has more than " + scale + " decimals");
        }
        for (int d = Math.max(decimals, 0); d < scale; d++) {
            value *= 10;
        }
        return negative ? -value : value;
    }

    /** Days since 1970-01-01 of a {@code yyyy-mm-dd} date (read by hand: it runs once per date value generated). */
    public static int epochDays(String text) {
        if (text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
            throw new NumberFormatException("not a date: '" + text + "'");
        }
        int year = Integer.parseInt(text, 0, 4, 10);
        int month = Integer.parseInt(text, 5, 7, 10);
        int day = Integer.parseInt(text, 8, 10, 10);
        return (int) LocalDate.of(year, month, day).toEpochDay();
    }
}
