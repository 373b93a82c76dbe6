package dev.benchbox.results.print;

import dev.benchbox.dataset.Column;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

/** Test helper: prints a whole result to a string. */
final class Printing {
    private Printing() {}

    static String print(OutputFormat format, List<Column> columns, List<List<?>> rows) {
        StringWriter out = new StringWriter();
        try {
            OutputPrinter printer = OutputPrinters.create(format, out);
            printer.begin(columns);
            for (List<?> row : rows) {
                printer.row(row);
            }
            printer.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** A row that may hold nulls (List.of does not allow them). */
    static List<?> row(Object... values) {
        return Arrays.asList(values);
    }

    static Column column(String name, String type) {
        return new Column(name, type);
    }
}
