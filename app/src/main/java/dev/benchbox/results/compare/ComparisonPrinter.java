package dev.benchbox.results.compare;

import java.io.IOException;
import java.io.Writer;

/** Prints a comparison in one format to a writer it does not own (flushed, never closed). */
public interface ComparisonPrinter {
    void print(Comparison comparison, Writer out) throws IOException;

    /** The printer for a format: the one place that chooses. */
    static ComparisonPrinter of(CompareFormat format) {
        return switch (format) {
            case TABLE -> new TextComparisonPrinter(false);
            case MARKDOWN -> new TextComparisonPrinter(true);
            case JSON -> new JsonComparisonPrinter();
            case HTML -> new HtmlComparisonPrinter();
        };
    }
}
