package dev.benchbox.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.benchbox.BenchboxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BbxParserTest {
    private final BbxParser parser = new BbxParser(Map.of("SF", "0.01", "QUERIES", "1,6", "EMPTY", "")::get);

    @Test
    void skipsCommentsAndBlankLinesKeepingLineNumbers() {
        List<ScriptLine> lines = parser.parse("""
                # a TPC-H session
                connect duckdb

                   # indented comment
                load tpch --scale 0.01
                \t
                status
                """);

        assertThat(lines).containsExactly(
                new ScriptLine(2, "connect duckdb", null),
                new ScriptLine(5, "load tpch --scale 0.01", null),
                new ScriptLine(7, "status", null));
    }

    @Test
    void stripsSurroundingWhitespaceOfACommand() {
        assertThat(parser.parse("   status   \n")).containsExactly(new ScriptLine(1, "status", null));
    }

    @Test
    void trailingBackslashJoinsLinesUnderTheNumberOfTheFirst() {
        List<ScriptLine> lines = parser.parse("""
                connect duckdb
                run tpch \\
                --scale 0.01 \\
                --queries 1,6
                status
                """);

        assertThat(lines).containsExactly(
                new ScriptLine(1, "connect duckdb", null),
                new ScriptLine(2, "run tpch  --scale 0.01  --queries 1,6", null),
                new ScriptLine(5, "status", null));
    }

    @Test
    void continuationAddsOneSpaceWhereTheBackslashWas() {
        assertThat(parser.parse("run tpch\\\n--scale 0.01\n"))
                .containsExactly(new ScriptLine(1, "run tpch --scale 0.01", null));
    }

    @Test
    void continuationKeepsTheIndentationOfTheNextLine() {
        assertThat(parser.parse("query \"SELECT 1 \\\n  FROM t\"\n"))
                .containsExactly(new ScriptLine(1, "query \"SELECT 1    FROM t\"", null));
    }

    @Test
    void continuationLineStartingWithHashIsNotAComment() {
        assertThat(parser.parse("status \\\n# not a comment here\n"))
                .containsExactly(new ScriptLine(1, "status  # not a comment here", null));
    }

    @Test
    void doubleBackslashAtTheEndIsNotAContinuation() {
        assertThat(parser.parse("query \"SELECT '\\\\\\\\'\"\nstatus\n")).containsExactly(
                new ScriptLine(1, "query \"SELECT '\\\\\\\\'\"", null),
                new ScriptLine(2, "status", null));
        assertThat(parser.parse("echo a\\\\\nstatus")).containsExactly(
                new ScriptLine(1, "echo a\\\\", null),
                new ScriptLine(2, "status", null));
    }

    @Test
    void windowsLineEndingsAreLineBreaks() {
        assertThat(parser.parse("connect duckdb\r\nrun tpch \\\r\n--scale 1\r\n")).containsExactly(
                new ScriptLine(1, "connect duckdb", null),
                new ScriptLine(2, "run tpch  --scale 1", null));
    }

    @Test
    void expandsVariablesFromTheEnvironmentFunction() {
        assertThat(parser.parse("run tpch --scale ${SF} --queries ${QUERIES}\n"))
                .containsExactly(new ScriptLine(1, "run tpch --scale 0.01 --queries 1,6", null));
    }

    @Test
    void expandsVariablesAcrossJoinedLines() {
        assertThat(parser.parse("run tpch \\\n--scale ${SF}\n"))
                .containsExactly(new ScriptLine(1, "run tpch  --scale 0.01", null));
    }

    @Test
    void emptyVariableExpandsToNothing() {
        assertThat(parser.parse("status${EMPTY}\n")).containsExactly(new ScriptLine(1, "status", null));
    }

    @Test
    void valueIsInsertedLiterallyEvenWithDollarsAndBackslashes() {
        BbxParser odd = new BbxParser(Map.of("X", "a$1\\b${SF}")::get);

        assertThat(odd.parse("echo ${X}")).containsExactly(new ScriptLine(1, "echo a$1\\b${SF}", null));
    }

    @Test
    void doubleDollarBraceWritesALiteralDollarBrace() {
        assertThat(parser.parse("query \"SELECT '$${SF}' AS v\" --scale ${SF}\n"))
                .containsExactly(new ScriptLine(1, "query \"SELECT '${SF}' AS v\" --scale 0.01", null));
    }

    @Test
    void loneDollarSignIsKept() {
        assertThat(parser.parse("query \"SELECT 'US$ 5', $1\"\n"))
                .containsExactly(new ScriptLine(1, "query \"SELECT 'US$ 5', $1\"", null));
    }

    @Test
    void undefinedVariableMakesTheLineAnError() {
        List<ScriptLine> lines = parser.parse("connect duckdb\nrun tpch --scale ${SCALE}\nstatus\n");

        assertThat(lines).containsExactly(
                new ScriptLine(1, "connect duckdb", null),
                new ScriptLine(2, "run tpch --scale ${SCALE}", "undefined variable 'SCALE' (set it in the environment)"),
                new ScriptLine(3, "status", null));
        assertThat(lines.get(1).malformed()).isTrue();
        assertThat(lines.get(0).malformed()).isFalse();
    }

    @Test
    void unterminatedVariableMakesTheLineAnError() {
        assertThat(parser.parse("run tpch --scale ${SF --queries 1\n")).containsExactly(new ScriptLine(1,
                "run tpch --scale ${SF --queries 1", "unterminated variable reference '${SF --queries 1'"));
    }

    @Test
    void invalidVariableNamesMakeTheLineAnError() {
        assertThat(parser.parse("echo ${1ST}\necho ${}\necho ${A-B}\n")).containsExactly(
                new ScriptLine(1, "echo ${1ST}", "invalid variable name '${1ST}'"),
                new ScriptLine(2, "echo ${}", "invalid variable name '${}'"),
                new ScriptLine(3, "echo ${A-B}", "invalid variable name '${A-B}'"));
    }

    @Test
    void danglingContinuationAtTheEndIsAnError() {
        assertThat(parser.parse("status\nrun tpch \\"))
                .containsExactly(
                        new ScriptLine(1, "status", null),
                        new ScriptLine(2, "run tpch", "the last line ends with '\\' but no line follows"));
    }

    @Test
    void danglingContinuationBeforeTheFinalNewlineIsAnError() {
        assertThat(parser.parse("status\nrun tpch \\\n"))
                .containsExactly(
                        new ScriptLine(1, "status", null),
                        new ScriptLine(2, "run tpch", "the last line ends with '\\' but no line follows"));
    }

    @Test
    void continuationIntoABlankLineEndsTheCommand() {
        assertThat(parser.parse("status \\\n\nconnect duckdb\n")).containsExactly(
                new ScriptLine(1, "status", null),
                new ScriptLine(3, "connect duckdb", null));
    }

    @Test
    void emptyScriptHasNoCommands() {
        assertThat(parser.parse("")).isEmpty();
        assertThat(parser.parse("# only a comment\n\n")).isEmpty();
    }

    @Test
    void readsAScriptFileAsUtf8(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("session.bbx");
        Files.writeString(file, "# naïve\nquery \"SELECT 'é'\"\n");

        assertThat(parser.parse(file)).containsExactly(new ScriptLine(2, "query \"SELECT 'é'\"", null));
    }

    @Test
    void missingFileIsAOneLineError(@TempDir Path dir) {
        Path file = dir.resolve("nope.bbx");

        assertThatThrownBy(() -> parser.parse(file))
                .isInstanceOf(BenchboxException.class)
                .hasMessage("cannot read script " + file + ": no such file");
    }

    @Test
    void directoryIsAOneLineError(@TempDir Path dir) {
        assertThatThrownBy(() -> parser.parse(dir))
                .isInstanceOf(BenchboxException.class)
                .hasMessage("cannot read script " + dir + ": it is a directory");
    }

    @Test
    void nonUtf8FileIsAOneLineError(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("latin1.bbx");
        Files.write(file, new byte[] {'s', 't', (byte) 0xE9, '\n'});

        assertThatThrownBy(() -> parser.parse(file))
                .isInstanceOf(BenchboxException.class)
                .hasMessage("cannot read script " + file + ": not UTF-8 text");
    }
}
