package dev.benchbox.results.print;

import static dev.benchbox.results.print.Printing.column;
import static dev.benchbox.results.print.Printing.print;
import static dev.benchbox.results.print.Printing.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.benchbox.dataset.Column;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.sql.Date;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvPrinterTest {
    private static final List<Column> COLUMNS = List.of(
            column("name", "VARCHAR"), column("qty", "DECIMAL(38,18)"),
            column("shipdate", "DATE"), column("note", "VARCHAR"));

    @Test
    void printsHeaderAndQuotesOnlyWhatNeedsIt() {
        String csv = print(OutputFormat.CSV, COLUMNS, List.of(
                row("A", new BigDecimal("380456.00"), Date.valueOf("1998-09-02"), "plain text"),
                row("N,O", null, null, "she said \"hi\""),
                row("", new BigDecimal("12345678901234567890.123456789012345678"), Date.valueOf("1998-12-01"),
                        "line1\nline2")));

        assertThat(csv).isEqualTo("""
                name,qty,shipdate,note
                A,380456.00,1998-09-02,plain text
                "N,O",,,"she said ""hi\"""
                "",12345678901234567890.123456789012345678,1998-12-01,"line1
                line2"
                """);
    }

    @Test
    void quotesHeaderNamesToo() {
        String csv = print(OutputFormat.CSV, List.of(column("a,b", "INTEGER"), column("c\"d", "INTEGER")),
                List.of(row(1, 2.5)));

        assertThat(csv).isEqualTo("\"a,b\",\"c\"\"d\"\n1,2.5\n");
    }

    @Test
    void emptyResultStillHasItsHeader() {
        assertThat(print(OutputFormat.CSV, COLUMNS, List.of())).isEqualTo("name,qty,shipdate,note\n");
    }

    @Test
    void duplicateColumnNamesAreFine() {
        String csv = print(OutputFormat.CSV, List.of(column("x", "INTEGER"), column("x", "INTEGER")),
                List.of(row(1, 2)));

        assertThat(csv).isEqualTo("x,x\n1,2\n");
    }

    @Test
    void streamsTwoMillionRowsInConstantMemory() throws IOException {
        int rows = 2_000_000;
        CountingWriter out = new CountingWriter();
        OutputPrinter printer = OutputPrinters.create(OutputFormat.CSV, out);
        printer.begin(List.of(column("id", "BIGINT"), column("name", "VARCHAR"), column("price", "DECIMAL(15,2)"),
                column("comment", "VARCHAR")));
        Object[] values = new Object[4];
        List<Object> row = Arrays.asList(values); // reused: the printer must not hold on to rows
        for (long i = 0; i < rows; i++) {
            values[0] = i;
            values[1] = "Customer#" + i;
            values[2] = BigDecimal.valueOf(i, 2);
            values[3] = i % 10 == 0 ? null : "a, \"quoted\" comment";
            printer.row(row);
            if (i == rows / 2) {
                // Output already reached the writer half-way: rows are streamed, not collected until end().
                assertThat(out.lines).isGreaterThan(rows / 4);
            }
        }
        printer.end();

        assertThat(out.lines).isEqualTo(rows + 1L); // header + one line per row (no value holds a line break)
        assertThat(out.flushed).isTrue();
    }

    /** Discards what it is given, counting line breaks. */
    private static final class CountingWriter extends Writer {
        long lines;
        boolean flushed;

        @Override
        public void write(char[] buffer, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                if (buffer[i] == '\n') {
                    lines++;
                }
            }
        }

        @Override
        public void flush() {
            flushed = true;
        }

        @Override
        public void close() {}
    }
}
