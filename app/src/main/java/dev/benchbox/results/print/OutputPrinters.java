package dev.benchbox.results.print;

import static java.util.Objects.requireNonNull;

import java.io.Writer;

/** Chooses the printer for an output format: the one place that switches over {@link OutputFormat}. */
public final class OutputPrinters {
    private OutputPrinters() {}

    /** A new printer writing {@code format} to {@code out}; the caller keeps ownership of {@code out}. */
    public static OutputPrinter create(OutputFormat format, Writer out) {
        requireNonNull(format, "format is null");
        requireNonNull(out, "out is null");
        return switch (format) {
            case TABLE -> new TablePrinter(out);
            case CSV -> new CsvPrinter(out);
            case JSON -> new JsonPrinter(out);
            case MARKDOWN -> new MarkdownPrinter(out);
        };
    }
}
