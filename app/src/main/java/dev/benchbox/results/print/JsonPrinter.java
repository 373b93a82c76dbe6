package dev.benchbox.results.print;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.benchbox.dataset.Column;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/**
 * A JSON array of objects keyed by column name, one object per line, streamed through a {@link JsonGenerator}
 * (constant memory). Numbers are JSON numbers ({@link BigDecimal} exact and without exponent, floating point
 * as {@link ValueFormatter} shows it; NaN and infinities, which JSON lacks, become strings), booleans are
 * booleans, null is null, everything else is the {@link ValueFormatter} string (dates ISO-8601).
 */
final class JsonPrinter implements OutputPrinter {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET) // the writer belongs to the caller
            .build();

    private final Writer out;
    private final PrinterState state = new PrinterState();
    private List<Column> columns;
    private JsonGenerator generator;

    JsonPrinter(Writer out) {
        this.out = requireNonNull(out, "out is null");
    }

    @Override
    public void begin(List<Column> columns) throws IOException {
        this.columns = state.begin(columns);
        generator = FACTORY.createGenerator(out);
        generator.setPrettyPrinter(new OneObjectPerLine());
        generator.writeStartArray();
    }

    @Override
    public void row(List<?> values) throws IOException {
        state.checkRow(values);
        generator.writeStartObject();
        for (int i = 0; i < values.size(); i++) {
            generator.writeFieldName(columns.get(i).name());
            writeValue(values.get(i));
        }
        generator.writeEndObject();
    }

    @Override
    public void end() throws IOException {
        state.end();
        generator.writeEndArray();
        generator.writeRaw('\n');
        generator.close();
        out.flush();
    }

    private void writeValue(Object value) throws IOException {
        if (value == null) {
            generator.writeNull();
        } else if (value instanceof Boolean bool) {
            generator.writeBoolean(bool);
        } else if (value instanceof BigDecimal decimal) {
            generator.writeNumber(decimal);
        } else if (value instanceof BigInteger integer) {
            generator.writeNumber(integer);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte) {
            generator.writeNumber(((Number) value).longValue());
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isFinite(d)) {
                // Already a valid JSON number literal; written as-is so JSON and the table agree.
                generator.writeNumber(ValueFormatter.format(value));
            } else {
                generator.writeString(ValueFormatter.format(value));
            }
        } else if (value instanceof Number number) {
            writeOtherNumber(number);
        } else {
            generator.writeString(ValueFormatter.format(value));
        }
    }

    /** Number types we don't know (atomics, driver-specific): a JSON number if their text is one. */
    private void writeOtherNumber(Number number) throws IOException {
        BigDecimal decimal;
        try {
            decimal = new BigDecimal(number.toString());
        } catch (NumberFormatException e) {
            generator.writeString(ValueFormatter.format(number));
            return;
        }
        generator.writeNumber(decimal);
    }

    /**
     * Array elements on their own lines, objects compact: readable, yet a million rows stay a million lines.
     * Stateless because values are scalars, so there is never more than the one array.
     */
    private static final class OneObjectPerLine implements PrettyPrinter {
        @Override
        public void writeRootValueSeparator(JsonGenerator g) {}

        @Override
        public void writeStartObject(JsonGenerator g) throws IOException {
            g.writeRaw('{');
        }

        @Override
        public void beforeObjectEntries(JsonGenerator g) {}

        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(':');
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
            g.writeRaw(',');
        }

        @Override
        public void writeEndObject(JsonGenerator g, int entries) throws IOException {
            g.writeRaw('}');
        }

        @Override
        public void writeStartArray(JsonGenerator g) throws IOException {
            g.writeRaw('[');
        }

        @Override
        public void beforeArrayValues(JsonGenerator g) throws IOException {
            g.writeRaw('\n');
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(",\n");
        }

        @Override
        public void writeEndArray(JsonGenerator g, int values) throws IOException {
            g.writeRaw(values > 0 ? "\n]" : "]");
        }
    }
}
