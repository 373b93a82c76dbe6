package dev.benchbox.platform.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.benchbox.BenchboxException;
import dev.benchbox.dataset.Column;
import dev.benchbox.platform.RowSink;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SqlErrorsTest {
    private static DuckDbPlatform duckdb;

    @BeforeAll
    static void open() {
        duckdb = DuckDbPlatform.open(null);
        duckdb.execute("main", "CREATE TABLE region (r_regionkey INTEGER, r_name VARCHAR)", IGNORE);
    }

    @AfterAll
    static void close() {
        duckdb.close();
    }

    @Test
    void syntaxErrorKeepsLineAndColumnOfTheCaret() {
        assertThat(engineError("SELECT * FROMM region"))
                .isEqualTo("Parser Error: syntax error at or near \"region\" (at line 1, column 16)");
    }

    @Test
    void syntaxErrorOnALaterLineKeepsThatLine() {
        assertThat(engineError("SELECT 1,\n  2 FROMM x"))
                .isEqualTo("Parser Error: syntax error at or near \"x\" (at line 2, column 11)");
    }

    @Test
    void unknownColumnDropsTheCandidateListButKeepsThePosition() {
        assertThat(engineError("SELECT nope FROM region"))
                .isEqualTo("Binder Error: Referenced column \"nope\" not found in FROM clause! (at line 1, column 8)");
    }

    @Test
    void unknownTableDropsTheSuggestionButKeepsThePosition() {
        assertThat(engineError("SELECT * FROM missing_table"))
                .isEqualTo("Catalog Error: Table with name missing_table does not exist! (at line 1, column 15)");
    }

    @Test
    void longLineShownElidedStillGetsTheColumnInTheStatement() {
        String sql = "SELECT " + "1 + ".repeat(40) + "1 AS x FROMM region";

        assertThat(engineError(sql))
                .isEqualTo("Parser Error: syntax error at or near \"FROMM\" (at line 1, column " + (sql.indexOf("FROMM") + 1) + ")");
    }

    @Test
    void longLineElidedOnBothSidesStillGetsTheColumnInTheStatement() {
        String sql = "SELECT " + "1 + ".repeat(40) + "1 AS x FROMM region WHERE " + "1 = 1 AND ".repeat(30) + "true";

        assertThat(engineError(sql))
                .isEqualTo("Parser Error: syntax error at or near \"FROMM\" (at line 1, column " + (sql.indexOf("FROMM") + 1) + ")");
    }

    @Test
    void longLaterLineShownElidedStillGetsItsColumn() {
        String second = "  " + "1 + ".repeat(40) + " nope";

        assertThat(engineError("SELECT 1,\n" + second))
                .isEqualTo("Binder Error: Referenced column \"nope\" was not found because the FROM clause is missing"
                        + " (at line 2, column " + (second.indexOf("nope") + 1) + ")");
    }

    @Test
    void elidedLineWithoutTheStatementReportsOnlyTheLine() {
        String message = """
                Parser Error: syntax error at or near "FROMM"

                LINE 1: ... + 1 + 1 + 1 AS x FROMM region
                                             ^""";

        assertThat(SqlErrors.describe(message)).isEqualTo("Parser Error: syntax error at or near \"FROMM\" (at line 1)");
        assertThat(SqlErrors.describe(message, "SELECT 2 + 1 + 1 + 1 AS y FROMM region"))
                .isEqualTo("Parser Error: syntax error at or near \"FROMM\" (at line 1)");
    }

    @Test
    void failedBatchQueryKeepsTheColumnOfALongLine() {
        String sql = "SELECT " + "1 + ".repeat(40) + "1 AS x FROMM region";

        var executions = duckdb.runBatch("main", List.of(new dev.benchbox.platform.BatchQuery("Q1", sql)), 0, 1, 10,
                dev.benchbox.platform.BatchListener.NONE);

        assertThat(executions.get(0).error())
                .isEqualTo("Parser Error: syntax error at or near \"FROMM\" (at line 1, column " + (sql.indexOf("FROMM") + 1) + ")");
    }

    @Test
    void describesARecordedDuckDbMessage() {
        String message = """
                Parser Error: syntax error at or near "region"

                LINE 1: SELECT * FROMM region
                                       ^""";

        assertThat(SqlErrors.describe(message))
                .isEqualTo("Parser Error: syntax error at or near \"region\" (at line 1, column 16)");
    }

    @Test
    void messageWithoutPositionIsItsFirstLine() {
        assertThat(SqlErrors.describe("Conversion Error: Could not convert string 'x' to INT64\nmore detail"))
                .isEqualTo("Conversion Error: Could not convert string 'x' to INT64");
    }

    @Test
    void lineWithoutCaretKeepsTheLineNumber() {
        assertThat(SqlErrors.describe("Parser Error: oops\nLINE 3: SELECT\n"))
                .isEqualTo("Parser Error: oops");
        assertThat(SqlErrors.describe("Parser Error: oops\nLINE 3: SELECT x\nno caret here"))
                .isEqualTo("Parser Error: oops (at line 3)");
    }

    @Test
    void emptyMessageBecomesSqlError() {
        assertThat(SqlErrors.describe(null)).isEqualTo("SQL error");
        assertThat(SqlErrors.describe("  ")).isEqualTo("SQL error");
    }

    private static String engineError(String sql) {
        Throwable thrown = org.junit.jupiter.api.Assertions.assertThrows(BenchboxException.class,
                () -> duckdb.execute("main", sql, IGNORE));
        assertThat(thrown.getMessage()).doesNotContain("\n");
        return thrown.getMessage();
    }

    private static final RowSink IGNORE = new RowSink() {
        @Override
        public void begin(List<Column> columns) {}

        @Override
        public void row(List<?> values) {}

        @Override
        public void end() {}
    };
}
