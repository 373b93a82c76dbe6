package dev.benchbox.results.print;

import static java.util.Objects.requireNonNull;

import dev.benchbox.dataset.Column;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * The aligned formats (table, Markdown): cells are rendered as they arrive and buffered in blocks of up
 * to {@value #BLOCK_ROWS} rows, whose widths decide the padding; a full block is printed and dropped, so
 * memory stays bounded. Subclasses say how a cell is escaped and how a block is laid out.
 */
abstract class BlockPrinter implements OutputPrinter {
    static final int BLOCK_ROWS = 1000;
    static final String NULL = "NULL";

    protected final Writer out;
    private final PrinterState state = new PrinterState();
    protected String[] header;
    protected Block block;

    BlockPrinter(Writer out) {
        this.out = requireNonNull(out, "out is null");
    }

    /** The cell as shown: one line, escaped as the format needs. */
    abstract String cell(String text);

    /** Prints the buffered block (and the header where the format needs one). */
    abstract void printBlock() throws IOException;

    /** Whether the header has been printed: an empty result still shows it. */
    abstract boolean headerPrinted();

    @Override
    public final void begin(List<Column> columns) {
        List<Column> copy = state.begin(columns);
        header = copy.stream().map(Column::name).map(this::cell).toArray(String[]::new);
        block = new Block(copy, BLOCK_ROWS);
    }

    @Override
    public final void row(List<?> values) throws IOException {
        state.checkRow(values);
        String[] cells = new String[values.size()];
        for (int i = 0; i < cells.length; i++) {
            Object value = values.get(i);
            cells[i] = value == null ? NULL : cell(ValueFormatter.format(value));
        }
        block.add(values, cells);
        if (block.isFull()) {
            printBlock();
        }
    }

    @Override
    public final void end() throws IOException {
        state.end();
        if (!block.isEmpty() || !headerPrinted()) {
            printBlock();
        }
        out.flush();
    }
}
