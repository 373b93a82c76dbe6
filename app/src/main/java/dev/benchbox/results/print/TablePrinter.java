package dev.benchbox.results.print;

import java.io.IOException;
import java.io.Writer;

/**
 * Aligned ASCII table for the terminal: header, separator, rows; numbers right-aligned, text left-aligned,
 * {@code NULL} for null. Rows are laid out in blocks of up to {@value BlockPrinter#BLOCK_ROWS}: each block gets its own
 * widths and repeats the header, so memory stays bounded and the header stays next to the data it fits.
 * No footer: the caller prints the row count.
 */
final class TablePrinter extends BlockPrinter {
    private boolean printedHeader;

    TablePrinter(Writer out) {
        super(out);
    }

    @Override
    boolean headerPrinted() {
        return printedHeader;
    }

    @Override
    String cell(String text) {
        return oneLine(text);
    }

    @Override
    void printBlock() throws IOException {
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

    /**
     * Keeps every row on one line (alignment depends on it) and the terminal as it was: line breaks, tabs and every
     * other control character are shown as escapes.
     */
    private static String oneLine(String text) {
        return ControlCharacters.escape(text);
    }
}
