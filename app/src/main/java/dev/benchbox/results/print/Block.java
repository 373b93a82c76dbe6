package dev.benchbox.results.print;

import dev.benchbox.dataset.Column;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Up to {@code capacity} rendered rows of an aligned format, with what is needed to lay them out: column
 * widths and which columns hold numbers. Aligned formats buffer one block at a time so widths fit the data
 * while memory stays bounded.
 */
final class Block {
    // Type names (DuckDB, Spark, ANSI), without precision, whose values are numbers; used only when a block
    // has no non-null value in the column to decide from.
    private static final Set<String> NUMERIC_TYPES = Set.of(
            "TINYINT", "SMALLINT", "INTEGER", "INT", "BIGINT", "HUGEINT",
            "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT",
            "INT1", "INT2", "INT4", "INT8", "BYTE", "SHORT", "LONG",
            "DECIMAL", "NUMERIC", "DEC", "REAL", "FLOAT", "FLOAT4", "FLOAT8", "DOUBLE", "DOUBLE PRECISION");

    private final List<Column> columns;
    private final int capacity;
    private final List<String[]> rows = new ArrayList<>();
    private final int[] nonNulls;
    private final int[] numbers;

    Block(List<Column> columns, int capacity) {
        this.columns = List.copyOf(columns);
        this.capacity = capacity;
        this.nonNulls = new int[columns.size()];
        this.numbers = new int[columns.size()];
    }

    /** Adds a row: its raw values decide alignment, its cells are what gets printed. */
    void add(List<?> values, String[] cells) {
        for (int i = 0; i < cells.length; i++) {
            Object value = values.get(i);
            if (value != null) {
                nonNulls[i]++;
                if (value instanceof Number) {
                    numbers[i]++;
                }
            }
        }
        rows.add(cells);
    }

    boolean isFull() {
        return rows.size() >= capacity;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    List<String[]> rows() {
        return rows;
    }

    /** Width of each column: its widest cell in this block or the header, at least {@code minimum}. */
    int[] widths(String[] header, int minimum) {
        int[] widths = new int[header.length];
        for (int i = 0; i < header.length; i++) {
            widths[i] = Math.max(minimum, width(header[i]));
        }
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], width(row[i]));
            }
        }
        return widths;
    }

    /**
     * Which columns are right-aligned: those whose non-null values in this block are all numbers, or, when a
     * column has only nulls here, whose type name is numeric. A whole column aligns one way, NULLs included.
     */
    boolean[] numeric() {
        boolean[] numeric = new boolean[columns.size()];
        for (int i = 0; i < numeric.length; i++) {
            numeric[i] = nonNulls[i] > 0 ? numbers[i] == nonNulls[i] : isNumericType(columns.get(i).type());
        }
        return numeric;
    }

    void clear() {
        rows.clear();
        Arrays.fill(nonNulls, 0);
        Arrays.fill(numbers, 0);
    }

    static boolean isNumericType(String type) {
        String name = type.strip().toUpperCase(Locale.ROOT);
        int parenthesis = name.indexOf('(');
        if (parenthesis >= 0) {
            name = name.substring(0, parenthesis).strip();
        }
        return NUMERIC_TYPES.contains(name);
    }

    /** Display width in code points, so a supplementary character counts once (wide glyphs are not handled). */
    static int width(String text) {
        return text.codePointCount(0, text.length());
    }

    static void pad(StringBuilder line, String text, int width, boolean right) {
        int padding = width - width(text);
        if (right) {
            spaces(line, padding);
            line.append(text);
        } else {
            line.append(text);
            spaces(line, padding);
        }
    }

    static void spaces(StringBuilder line, int count) {
        repeat(line, ' ', count);
    }

    static void repeat(StringBuilder line, char c, int count) {
        for (int i = 0; i < count; i++) {
            line.append(c);
        }
    }
}
