package dev.benchbox.results.print;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.benchbox.dataset.Column;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * RFC 4180 CSV through Jackson's {@link CsvGenerator}: a header row, then one record per row, quoted only when
 * needed (separator, quote, line break) with quotes doubled. Null is an empty field; an empty string is
 * {@code ""}, so the two stay distinguishable. Records end in {@code \n} rather than RFC 4180's CRLF, as
 * Unix tools expect. Each row goes straight to the generator's fixed-size buffer: constant memory.
 */
final class CsvPrinter implements OutputPrinter {
    // Strict checking quotes exactly the values that need it (the default heuristic also quotes any long
    // value), which keeps the output predictable.
    private static final CsvFactory FACTORY = CsvFactory.builder()
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
            .build();
    private static final String QUOTED_EMPTY = "\"\"";

    private final Writer out;
    private final PrinterState state = new PrinterState();
    private CsvGenerator generator;

    CsvPrinter(Writer out) {
        this.out = requireNonNull(out, "out is null");
    }

    @Override
    public void begin(List<Column> columns) throws IOException {
        List<Column> copy = state.begin(columns);
        generator = (CsvGenerator) FACTORY.createGenerator(out);
        // The writer belongs to the caller.
        generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        // Rows are written as arrays, matched to schema columns by position, so duplicate names (legal in SQL)
        // do no harm. The schema must list the columns: without them Jackson silently drops nulls from arrays.
        // The header is written as an ordinary row because Jackson writes its own only before a first row.
        CsvSchema.Builder schema = CsvSchema.builder();
        copy.forEach(column -> schema.addColumn(column.name()));
        generator.setSchema(schema.build());
        generator.writeStartArray();
        for (Column column : copy) {
            generator.writeString(column.name());
        }
        generator.writeEndArray();
    }

    @Override
    public void row(List<?> values) throws IOException {
        state.checkRow(values);
        generator.writeStartArray();
        for (Object value : values) {
            String text = value == null ? null : ValueFormatter.format(value);
            if (text == null) {
                generator.writeNull();
            } else if (text.isEmpty()) {
                // Jackson's ALWAYS_QUOTE_EMPTY_STRINGS is ignored with strict quoting, so quote it here.
                generator.writeRawValue(QUOTED_EMPTY);
            } else {
                generator.writeString(text);
            }
        }
        generator.writeEndArray();
    }

    @Override
    public void end() throws IOException {
        state.end();
        generator.close();
        out.flush();
    }
}
