package dev.benchbox.results.print;

import java.io.IOException;
import java.io.Writer;

/**
 * GitHub-flavoured Markdown table: numeric columns right-aligned ({@code ---:}), pipes escaped as {@code \|},
 * line breaks as {@code <br>}, null as {@code NULL}. Cells are padded to the widths of their block of up to
 * {@value BlockPrinter#BLOCK_ROWS} rows, so memory stays bounded; the header and alignment row are written once, from
 * the first block, because a second header would start a second table.
 */
final class MarkdownPrinter extends BlockPrinter {
    // GitHub needs at least one dash per delimiter cell; three reads as a rule even for one-letter columns.
    private static final int MIN_WIDTH = 3;

    private boolean[] numeric;

    MarkdownPrinter(Writer out) {
        super(out);
    }

    @Override
    boolean headerPrinted() {
        return numeric != null;
    }

    @Override
    String cell(String text) {
        return escape(text);
    }

    @Override
    void printBlock() throws IOException {
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
        String cell = text.replace("|", "\\|").replace("\r\n", "<br>").replace("\n", "<br>").replace("\r", "<br>");
        // the table is often read on the terminal before it is pasted anywhere
        return ControlCharacters.escape(cell);
    }
}
