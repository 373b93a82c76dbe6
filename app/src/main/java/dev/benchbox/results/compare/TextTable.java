package dev.benchbox.results.compare;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A small table of already formatted cells, printed aligned like {@code query}'s table format or as a Markdown
 * table. Unlike the query printers (which stream rows and print SQL NULL), a comparison is small and shows a
 * missing value as {@code -}.
 */
final class TextTable {
    private final List<String> header;
    private final boolean[] right;
    private final List<List<String>> rows = new ArrayList<>();

    /** Columns whose name is in {@code rightAligned} (by index) hold numbers. */
    TextTable(List<String> header, boolean[] rightAligned) {
        this.header = List.copyOf(header);
        this.right = rightAligned.clone();
    }

    void add(List<String> row) {
        rows.add(row.stream().map(cell -> cell == null ? "-" : cell).toList());
    }

    private int[] widths() {
        return widths(header, rows);
    }

    private static int[] widths(List<String> header, List<List<String>> rows) {
        int[] widths = new int[header.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = header.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        return widths;
    }

    /** psql-like: {@code  a | b}, a dashed rule, then the rows. */
    void printAligned(PrintWriter out) {
        int[] widths = widths();
        out.println(line(header, widths, false, " ", " | ", "").stripTrailing());
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            rule.append(i == 0 ? "" : "+").append("-".repeat(widths[i] + 2));
        }
        out.println(rule);
        for (List<String> row : rows) {
            out.println(line(row, widths, true, " ", " | ", "").stripTrailing());
        }
    }

    /** A GitHub-flavoured Markdown table; numeric columns right-aligned. */
    void printMarkdown(PrintWriter out) {
        // widths of the cells as written, escapes included
        List<String> escapedHeader = header.stream().map(TextTable::escape).toList();
        List<List<String>> escapedRows = rows.stream().map(row -> row.stream().map(TextTable::escape).toList()).toList();
        int[] widths = widths(escapedHeader, escapedRows);
        for (int i = 0; i < widths.length; i++) {
            widths[i] = Math.max(widths[i], 3);
        }
        out.println(line(escapedHeader, widths, false, "| ", " | ", " |"));
        StringBuilder rule = new StringBuilder("|");
        for (int i = 0; i < widths.length; i++) {
            rule.append(right[i] ? "-".repeat(widths[i] + 1) + ":" : "-".repeat(widths[i] + 2)).append('|');
        }
        out.println(rule);
        for (List<String> row : escapedRows) {
            out.println(line(row, widths, true, "| ", " | ", " |"));
        }
    }

    private String line(List<String> cells, int[] widths, boolean align, String start, String separator, String end) {
        StringBuilder line = new StringBuilder(start);
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            String pad = " ".repeat(widths[i] - cell.length());
            line.append(i == 0 ? "" : separator).append(align && right[i] ? pad + cell : cell + pad);
        }
        return line.append(end).toString();
    }

    private static String escape(String cell) {
        return Markdown.inline(cell);
    }
}
