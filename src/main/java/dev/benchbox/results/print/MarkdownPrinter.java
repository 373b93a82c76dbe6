package dev.benchbox.results.print;

import static java.util.Objects.requireNonNull;

import dev.benchbox.platform.Column;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * GitHub-flavoured Markdown table: numeric columns right-aligned ({@code ---:}), pipes escaped as {@code \|},
 * line breaks as {@code <br>}, null as {@code NULL}. Cells are padded to the widths of their block of up to
 * {@value #BLOCK_ROWS} rows, so memory stays bounded; the header and alignment row are written once, from
 * the first block, because a second header would start a second table.
 */
final class MarkdownPrinter implements OutputPrinter {
    static final int BLOCK_ROWS = 1000;
    private static final String NULL = "NULL";
    // GitHub needs at least one dash per delimiter cell; three reads as a rule even for one-letter columns.
    private static final int MIN_WIDTH = 3;

    private final Writer out;
    private final PrinterState state = new PrinterState();
    private String[] header;
    private Block block;
    private boolean[] numeric;

    MarkdownPrinter(Writer out) {
        this.out = requireNonNull(out, "out is null");
    }

    @Override
    public void begin(List<Column> columns) {
        List<Column> copy = state.begin(columns);
        header = copy.stream().map(Column::name).map(MarkdownPrinter::escape).toArray(String[]::new);
        block = new Block(copy, BLOCK_ROWS);
    }

    @Override
    public void row(List<?> values) throws IOException {
        state.checkRow(values);
        String[] cells = new String[values.size()];
        for (int i = 0; i < cells.length; i++) {
            Object value = values.get(i);
            cells[i] = value == null ? NULL : escape(ValueFormatter.format(value));
        }
        block.add(values, cells);
        if (block.isFull()) {
            printBlock();
        }
    }

    @Override
    public void end() throws IOException {
        state.end();
        if (!block.isEmpty() || numeric == null) {
            printBlock();
        }
        out.flush();
    }

    private void printBlock() throws IOException {
        int[] widths = block.widths(header, MIN_WIDTH);
        if (numeric == null) {
            numeric = block.numeric();
            out.write(line(header, widths, new boolean[header.length]));
            out.write(delimiter(widths, numeric));
        }
        for (String[] row : block.rows()) {
            out.write(line(row, widths, numeric));
        }
        block.clear();
    }

    private static String line(String[] cells, int[] widths, boolean[] right) {
        StringBuilder line = new StringBuilder("|");
        for (int i = 0; i < cells.length; i++) {
            line.append(' ');
            Block.pad(line, cells[i], widths[i], right[i]);
            line.append(" |");
        }
        return line.append('\n').toString();
    }

    private static String delimiter(int[] widths, boolean[] numeric) {
        StringBuilder line = new StringBuilder("|");
        for (int i = 0; i < widths.length; i++) {
            if (numeric[i]) {
                Block.repeat(line, '-', widths[i] + 1);
                line.append(':');
            } else {
                Block.repeat(line, '-', widths[i] + 2);
            }
            line.append('|');
        }
        return line.append('\n').toString();
    }

    /** A cell must stay on one line and must not end early at a pipe. */
    private static String escape(String text) {
        return text.replace("|", "\\|").replace("\r\n", "<br>").replace("\n", "<br>").replace("\r", "<br>");
    }
}
