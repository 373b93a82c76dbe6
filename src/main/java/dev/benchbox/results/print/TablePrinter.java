package dev.benchbox.results.print;

import static java.util.Objects.requireNonNull;

import dev.benchbox.platform.Column;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Aligned ASCII table for the terminal: header, separator, rows; numbers right-aligned, text left-aligned,
 * {@code NULL} for null. Rows are laid out in blocks of up to {@value #BLOCK_ROWS}: each block gets its own
 * widths and repeats the header, so memory stays bounded and the header stays next to the data it fits.
 * No footer: the caller prints the row count.
 */
final class TablePrinter implements OutputPrinter {
    static final int BLOCK_ROWS = 1000;
    private static final String NULL = "NULL";

    private final Writer out;
    private final PrinterState state = new PrinterState();
    private String[] header;
    private Block block;
    private boolean printedHeader;

    TablePrinter(Writer out) {
        this.out = requireNonNull(out, "out is null");
    }

    @Override
    public void begin(List<Column> columns) {
        List<Column> copy = state.begin(columns);
        header = copy.stream().map(Column::name).map(TablePrinter::oneLine).toArray(String[]::new);
        block = new Block(copy, BLOCK_ROWS);
    }

    @Override
    public void row(List<?> values) throws IOException {
        state.checkRow(values);
        String[] cells = new String[values.size()];
        for (int i = 0; i < cells.length; i++) {
            Object value = values.get(i);
            cells[i] = value == null ? NULL : oneLine(ValueFormatter.format(value));
        }
        block.add(values, cells);
        if (block.isFull()) {
            printBlock();
        }
    }

    @Override
    public void end() throws IOException {
        state.end();
        // An empty result still shows its header, as psql does.
        if (!block.isEmpty() || !printedHeader) {
            printBlock();
        }
        out.flush();
    }

    private void printBlock() throws IOException {
        int[] widths = block.widths(header, 0);
        boolean[] numeric = block.numeric();
        boolean[] left = new boolean[header.length]; // headers are always left-aligned
        out.write(line(header, widths, left));
        out.write(separator(widths));
        for (String[] row : block.rows()) {
            out.write(line(row, widths, numeric));
        }
        printedHeader = true;
        block.clear();
    }

    private static String line(String[] cells, int[] widths, boolean[] right) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                line.append('|');
            }
            line.append(' ');
            boolean last = i == cells.length - 1;
            if (last && !right[i]) {
                // No trailing blanks: they survive copy-paste and trip up diffs.
                line.append(cells[i]);
            } else {
                Block.pad(line, cells[i], widths[i], right[i]);
                if (!last) {
                    line.append(' ');
                }
            }
        }
        return line.append('\n').toString();
    }

    private static String separator(int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            if (i > 0) {
                line.append('+');
            }
            Block.repeat(line, '-', widths[i] + 2);
        }
        return line.append('\n').toString();
    }

    /** Keeps every row on one line (alignment depends on it) by showing line breaks and tabs as escapes. */
    private static String oneLine(String text) {
        if (text.indexOf('\n') < 0 && text.indexOf('\r') < 0 && text.indexOf('\t') < 0) {
            return text;
        }
        return text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
    }
}
