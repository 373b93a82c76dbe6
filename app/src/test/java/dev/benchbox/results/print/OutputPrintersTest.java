package dev.benchbox.results.print;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.benchbox.dataset.Column;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OutputPrintersTest {
    private static final List<Column> COLUMNS = List.of(new Column("a", "INTEGER"), new Column("b", "VARCHAR"));

    @Test
    void createsOnePrinterPerFormat() {
        StringWriter out = new StringWriter();
        assertThat(OutputPrinters.create(OutputFormat.TABLE, out)).isInstanceOf(TablePrinter.class);
        assertThat(OutputPrinters.create(OutputFormat.CSV, out)).isInstanceOf(CsvPrinter.class);
        assertThat(OutputPrinters.create(OutputFormat.JSON, out)).isInstanceOf(JsonPrinter.class);
        assertThat(OutputPrinters.create(OutputFormat.MARKDOWN, out)).isInstanceOf(MarkdownPrinter.class);
    }

    @Test
    void rejectsNulls() {
        assertThatThrownBy(() -> OutputPrinters.create(null, new StringWriter())).hasMessage("format is null");
        assertThatThrownBy(() -> OutputPrinters.create(OutputFormat.CSV, null)).hasMessage("out is null");
    }

    @ParameterizedTest
    @EnumSource(OutputFormat.class)
    void rejectsRowBeforeBegin(OutputFormat format) {
        OutputPrinter printer = OutputPrinters.create(format, new StringWriter());
        assertThatThrownBy(() -> printer.row(List.of(1, "x")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("begin not called");
    }

    @ParameterizedTest
    @EnumSource(OutputFormat.class)
    void rejectsRowOfWrongWidth(OutputFormat format) throws IOException {
        OutputPrinter printer = OutputPrinters.create(format, new StringWriter());
        printer.begin(COLUMNS);
        assertThatThrownBy(() -> printer.row(List.of(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("row has 1 values but the result has 2 columns");
    }

    @ParameterizedTest
    @EnumSource(OutputFormat.class)
    void rejectsUseAfterEnd(OutputFormat format) throws IOException {
        OutputPrinter printer = OutputPrinters.create(format, new StringWriter());
        printer.begin(COLUMNS);
        printer.end();
        assertThatThrownBy(() -> printer.row(List.of(1, "x"))).hasMessage("end already called");
        assertThatThrownBy(printer::end).hasMessage("end already called");
        assertThatThrownBy(() -> printer.begin(COLUMNS)).hasMessage("begin already called");
    }

    @ParameterizedTest
    @EnumSource(OutputFormat.class)
    void rejectsEmptyColumns(OutputFormat format) {
        OutputPrinter printer = OutputPrinters.create(format, new StringWriter());
        assertThatThrownBy(() -> printer.begin(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("columns is empty");
    }

    @ParameterizedTest
    @EnumSource(OutputFormat.class)
    void leavesTheWriterOpenForTheCaller(OutputFormat format) throws IOException {
        StringWriter target = new StringWriter();
        boolean[] closed = {false};
        java.io.Writer out = new java.io.FilterWriter(target) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        OutputPrinter printer = OutputPrinters.create(format, out);
        printer.begin(COLUMNS);
        printer.row(List.of(1, "x"));
        printer.end();
        assertThat(closed[0]).isFalse();
        assertThat(target.toString()).isNotEmpty();
    }
}
