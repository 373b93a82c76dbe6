package dev.benchbox.results.print;

import static dev.benchbox.results.print.Printing.column;
import static dev.benchbox.results.print.Printing.print;
import static dev.benchbox.results.print.Printing.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.benchbox.dataset.Column;
import java.math.BigDecimal;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TablePrinterTest {
    @Test
    void printsAlignedHeaderSeparatorAndRows() {
        String table = print(OutputFormat.TABLE,
                List.of(column("l_returnflag", "VARCHAR"), column("l_linestatus", "VARCHAR"),
                        column("sum_qty", "DECIMAL(15,2)")),
                List.of(row("A", "F", new BigDecimal("380456.00"))));

        assertThat(table).isEqualTo("""
                 l_returnflag | l_linestatus | sum_qty
                --------------+--------------+-----------
                 A            | F            | 380456.00
                """);
    }

    @Test
    void rightAlignsNumericColumnsIncludingTheirNulls() {
        String table = print(OutputFormat.TABLE,
                List.of(column("l_returnflag", "VARCHAR"), column("l_linestatus", "VARCHAR"),
                        column("sum_qty", "DECIMAL(15,2)"), column("l_shipdate", "DATE")),
                List.of(
                        row("A", "F", new BigDecimal("380456.00"), Date.valueOf("1998-09-02")),
                        row("N", null, new BigDecimal("8971.00"), Date.valueOf("1998-12-01")),
                        row("R", "F", null, null)));

        assertThat(table).isEqualTo("""
                 l_returnflag | l_linestatus | sum_qty   | l_shipdate
                --------------+--------------+-----------+------------
                 A            | F            | 380456.00 | 1998-09-02
                 N            | NULL         |   8971.00 | 1998-12-01
                 R            | F            |      NULL | NULL
                """);
    }

    @Test
    void widensColumnsForLongDecimalsAndKeepsThemExact() {
        String table = print(OutputFormat.TABLE,
                List.of(column("x", "DECIMAL(38,18)"), column("ratio", "DOUBLE")),
                List.of(row(new BigDecimal("12345678901234567890.123456789012345678"), 0.25),
                        row(new BigDecimal("1.5"), 1.0e10)));

        assertThat(table).isEqualTo("""
                 x                                       | ratio
                -----------------------------------------+---------------
                 12345678901234567890.123456789012345678 |          0.25
                                                     1.5 | 10000000000.0
                """);
    }

    @Test
    void columnWithTextAndNumbersIsLeftAligned() {
        String table = print(OutputFormat.TABLE, List.of(column("v", "VARCHAR"), column("n", "INTEGER")),
                List.of(row(10, 1), row("abc", 1000)));

        assertThat(table).isEqualTo("""
                 v   | n
                -----+------
                 10  |    1
                 abc | 1000
                """);
    }

    @Test
    void allNullColumnIsAlignedByItsType() {
        String table = print(OutputFormat.TABLE, List.of(column("total", "DOUBLE"), column("name", "VARCHAR")),
                List.of(row(null, null)));

        assertThat(table).isEqualTo("""
                 total | name
                -------+------
                  NULL | NULL
                """);
    }

    @Test
    void keepsEachRowOnOneLine() {
        String table = print(OutputFormat.TABLE, List.of(column("note", "VARCHAR")),
                List.of(row("line1\nline2\tend")));

        assertThat(table).isEqualTo("""
                 note
                -------------------
                 line1\\nline2\\tend
                """);
    }

    @Test
    void controlCharactersInValuesAndNamesAreShownEscapedAndNeverReachTheTerminal() {
        // a value that would retitle the terminal window and turn what follows red
        String table = print(OutputFormat.TABLE, List.of(column("x\u001b[2J", "VARCHAR")),
                List.of(row("\u001b]0;PWNED\u0007\u001b[31mred\u009b\u202eevil")));

        assertThat(table).isEqualTo("""
                 x\\x1b[2J
                -------------------------------------------
                 \\x1b]0;PWNED\\x07\\x1b[31mred\\x9b\\u202eevil
                """);
        assertThat(table.chars().filter(c -> c < 0x20 && c != '\n')).isEmpty();
        String markdown = print(OutputFormat.MARKDOWN, List.of(column("x", "VARCHAR")), List.of(row("\u001b[31mred")));
        assertThat(markdown).contains("| \\x1b[31mred |").doesNotContain("\u001b");
    }

    @Test
    void emptyResultShowsHeader() {
        String table = print(OutputFormat.TABLE, List.of(column("a", "INTEGER"), column("b", "VARCHAR")), List.of());

        assertThat(table).isEqualTo("""
                 a | b
                ---+---
                """);
    }

    @Test
    void startsANewBlockWithItsOwnWidthsEveryThousandRows() {
        List<List<?>> rows = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            rows.add(row(i, "n" + i));
        }

        List<String> lines = print(OutputFormat.TABLE, List.of(column("id", "INTEGER"), column("name", "VARCHAR")),
                rows).lines().toList();

        assertThat(lines).hasSize(3 * 2 + 2500);
        // Block 1: rows 0..999, ids at most 3 wide.
        assertThat(lines.get(0)).isEqualTo(" id  | name");
        assertThat(lines.get(1)).isEqualTo("-----+------");
        assertThat(lines.get(2)).isEqualTo("   0 | n0");
        assertThat(lines.get(1001)).isEqualTo(" 999 | n999");
        // Block 2: rows 1000..1999, wider.
        assertThat(lines.get(1002)).isEqualTo(" id   | name");
        assertThat(lines.get(1003)).isEqualTo("------+-------");
        assertThat(lines.get(1004)).isEqualTo(" 1000 | n1000");
        assertThat(lines.get(2003)).isEqualTo(" 1999 | n1999");
        // Block 3: the remaining 500 rows, flushed by end().
        assertThat(lines.get(2004)).isEqualTo(" id   | name");
        assertThat(lines.get(2005)).isEqualTo("------+-------");
        assertThat(lines.get(2006)).isEqualTo(" 2000 | n2000");
        assertThat(lines.get(2505)).isEqualTo(" 2499 | n2499");
        assertThat(lines.stream().filter(line -> line.startsWith(" id ")).count()).isEqualTo(3);
    }

    @Test
    void fullLastBlockIsNotFollowedByAnEmptyOne() {
        List<List<?>> rows = new ArrayList<>();
        for (int i = 0; i < TablePrinter.BLOCK_ROWS; i++) {
            rows.add(row(i));
        }

        List<String> lines = print(OutputFormat.TABLE, List.of(column("id", "INTEGER")), rows).lines().toList();

        assertThat(lines).hasSize(2 + TablePrinter.BLOCK_ROWS);
        assertThat(lines.get(0)).isEqualTo(" id");
    }

    @Test
    void headerNamesArePrintedAsGiven() {
        List<Column> columns = List.of(column("count_star()", "BIGINT"));

        assertThat(print(OutputFormat.TABLE, columns, List.of(row(6001215L)))).isEqualTo("""
                 count_star()
                --------------
                      6001215
                """);
    }
}
