package dev.benchbox.results.print;

import static dev.benchbox.results.print.Printing.column;
import static dev.benchbox.results.print.Printing.print;
import static dev.benchbox.results.print.Printing.row;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownPrinterTest {
    @Test
    void printsGitHubTableWithNumericColumnsRightAligned() {
        String markdown = print(OutputFormat.MARKDOWN,
                List.of(column("name", "VARCHAR"), column("qty", "DECIMAL(38,18)"), column("shipdate", "DATE")),
                List.of(
                        row("A", new BigDecimal("380456.00"), Date.valueOf("1998-09-02")),
                        row("N", null, null),
                        row("R", new BigDecimal("12345678901234567890.123456789012345678"),
                                Date.valueOf("1998-12-01"))));

        assertThat(markdown).isEqualTo("""
                | name | qty                                     | shipdate   |
                |------|----------------------------------------:|------------|
                | A    |                               380456.00 | 1998-09-02 |
                | N    |                                    NULL | NULL       |
                | R    | 12345678901234567890.123456789012345678 | 1998-12-01 |
                """);
    }

    @Test
    void escapesPipesAndLineBreaks() {
        String markdown = print(OutputFormat.MARKDOWN, List.of(column("a|b", "VARCHAR"), column("n", "INTEGER")),
                List.of(row("x|y", 1), row("one\ntwo", 22)));

        assertThat(markdown).isEqualTo("""
                | a\\|b       | n   |
                |------------|----:|
                | x\\|y       |   1 |
                | one<br>two |  22 |
                """);
    }

    @Test
    void emptyResultIsAHeaderAlignedByColumnType() {
        String markdown = print(OutputFormat.MARKDOWN, List.of(column("l", "VARCHAR"), column("total", "DOUBLE")),
                List.of());

        assertThat(markdown).isEqualTo("""
                | l   | total |
                |-----|------:|
                """);
    }

    @Test
    void writesTheHeaderOnceAcrossBlocks() {
        List<List<?>> rows = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            rows.add(row(i));
        }

        List<String> lines = print(OutputFormat.MARKDOWN, List.of(column("id", "INTEGER")), rows).lines().toList();

        assertThat(lines).hasSize(2 + 1500);
        assertThat(lines.get(0)).isEqualTo("| id  |");
        assertThat(lines.get(1)).isEqualTo("|----:|");
        assertThat(lines.get(2)).isEqualTo("|   0 |");
        // The second block is padded to its own widths.
        assertThat(lines.get(1002)).isEqualTo("| 1000 |");
        assertThat(lines.stream().filter(line -> line.contains("id")).count()).isEqualTo(1);
    }
}
