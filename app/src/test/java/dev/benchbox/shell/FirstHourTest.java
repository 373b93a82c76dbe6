package dev.benchbox.shell;

import dev.benchbox.shell.ShellTestSupport.Result;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.jline.reader.Parser;
import org.jline.terminal.Terminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What a new user meets in the first hour, typed as they type it: SQL given without quotes, values that do not convert,
 * an option given twice, control characters in results, where files go and what a killed load leaves behind.
 */
@SpringBootTest(properties = {"spring.shell.interactive.enabled=false", "benchbox.errors-on-terminal=true"})
@Import(ShellTestSupport.class)
class FirstHourTest {
    @TempDir
    static Path dir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("benchbox.results-dir", () -> dir.resolve("results").toString());
        registry.add("BENCHBOX_HOME", () -> dir.resolve("home").toString());
    }

    @Autowired
    BenchboxShell shell;
    @Autowired
    Parser parser;
    @Autowired
    Terminal terminal;
    @Autowired
    dev.benchbox.session.Session session;
    @Autowired
    org.springframework.shell.command.CommandCatalog commands;

    @BeforeEach
    void clear() {
        ShellTestSupport.takeOutput(terminal);
    }

    @AfterEach
    void disconnect() {
        session.disconnect();
    }

    private Result type(String line) {
        return ShellTestSupport.type(shell, parser, terminal, line);
    }

    @Test
    void unquotedSqlIsTheRestOfTheLineAndWithOptionsAfterItTheUserIsAskedToQuoteIt() {
        type("connect duckdb");
        Result unquoted = type("query SELECT 42 AS answer, 'a  b' AS label");
        assertThat(unquoted.error()).isNull();
        assertThat(unquoted.output()).contains(" answer | label").contains("     42 | a  b");
        assertThat(type("query SELECT 1 AS n --format csv").error())
                .isEqualTo("the SQL is several words: quote it, e.g. query \"SELECT 1 AS n\" --format csv");
        // one word is a whole statement as before, and an option right after it keeps its meaning
        assertThat(type("query \"SELECT 7 AS n\" --format csv").output()).startsWith("n\n7\n");
    }

    @Test
    void valuesThatDoNotConvertNameTheOptionAndWhatItTakesWithoutJavaTypes() {
        type("connect duckdb");
        assertThat(type("run tpch --scale 0.01 --iterations 99999999999").error())
                .isEqualTo("invalid --iterations '99999999999': expected a whole number from -2147483648 to 2147483647");
        assertThat(type("run tpch --scale 0.01 --iterations three").error())
                .isEqualTo("invalid --iterations 'three': expected a whole number");
        assertThat(type("query \"SELECT 1\" --max-rows lots").error()).isEqualTo("invalid --max-rows 'lots': expected a whole number");
    }

    @Test
    void everyTypedOptionOfEveryCommandSaysWhatItTakesInTheUsersWords() {
        type("connect duckdb");
        int checked = 0;
        for (var entry : commands.getRegistrations().entrySet()) {
            for (var option : entry.getValue().getOptions()) {
                Class<?> type = option.getType() == null ? null : option.getType().resolve();
                if (type == null || type == String.class || type == String[].class || option.getLongNames().length == 0
                        || option.getLongNames()[0].equals("help")) {
                    // --help shows the command's help whatever follows it
                    continue;
                }
                String name = "--" + option.getLongNames()[0];
                String line = entry.getKey() + " " + name + " 9x9";
                String error = type(line).error();
                assertThat(error).as(line).isNotNull().startsWith("invalid " + name + " '9x9': expected ")
                        .doesNotContain("java.").doesNotContain("type [").doesNotContain("convert");
                checked++;
            }
        }
        assertThat(checked).as("options with a type other than text").isGreaterThan(10);
        assertThat(type("query \"SELECT 1\" --force yes").error()).isEqualTo("invalid --force 'yes': expected true or false (or --force alone for true)");
        assertThat(OptionValues.withoutTypeNames("Illegal option value '7', reason 'Failed to convert from type [java.lang.String] to type [int] for value [7]'"))
                .isEqualTo("invalid value '7'");
    }

    @Test
    void anOptionGivenTwiceIsRefusedInOneLine() {
        type("connect duckdb");
        assertThat(type("run tpch --scale 0.01 --iterations 3 --iterations 5").error())
                .isEqualTo("--iterations is given twice ('3' and '5'): give it once");
        assertThat(type("query \"SELECT 1\" --format csv --format json").error())
                .isEqualTo("--format is given twice ('csv' and 'json'): give it once");
        assertThat(type("query \"SELECT 1\" --force --force").error()).isEqualTo("--force is given twice: give it once");
    }

    @Test
    void reportWithoutOutputWritesBesideItsResultsAndSaysWhereNeverReplacingAFile() throws Exception {
        Path results = new dev.benchbox.results.ResultStore(dir.resolve("kept")).write(dev.benchbox.results.compare.Fixtures.duckdb(0.01,
                dev.benchbox.results.compare.Fixtures.stat("Q1", 10, null)));
        String stem = results.getFileName().toString().replace(".json", "");
        Result first = type("report " + results);
        assertThat(first.error()).isNull();
        assertThat(first.output()).isEqualTo("Report of 1 run written to " + dir.resolve("kept/" + stem + "-report.html") + "\n");
        assertThat(dir.resolve("kept/" + stem + "-report.html")).content().contains("<!DOCTYPE html>");
        // a second report takes the next free name; nothing lands in the current folder
        assertThat(type("report " + results).output()).isEqualTo("Report of 1 run written to " + dir.resolve("kept/" + stem + "-report-2.html") + "\n");
        assertThat(Path.of("report.html")).doesNotExist();
    }

    @Test
    void runRefusesAResultsFolderItCannotWriteBeforeAnyWork() throws Exception {
        type("connect duckdb");
        // as root a read-only folder is still writable: a file where the folder should be is refused the same way
        Path folder = dir.resolve("results");
        java.nio.file.Files.deleteIfExists(folder);
        java.nio.file.Files.writeString(folder, "not a folder\n");
        try {
            Result run = type("run tpch --scale 0.01 --queries 1");
            assertThat(run.error()).isEqualTo("cannot write results to " + folder + ": " + folder + " is not a folder; nothing was run");
            assertThat(run.output()).doesNotContain("generating");
            assertThat(session.platform().listTables("main")).isEmpty();
        } finally {
            java.nio.file.Files.delete(folder);
        }
        Path afile = java.nio.file.Files.writeString(dir.resolve("afile"), "mine\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> dev.benchbox.platform.emr.DryRunRecorder.open(afile, false))
                .hasMessage("cannot write the dry run to " + afile + ": it is a file, not a folder; give a new or empty folder");
        assertThat(afile).hasContent("mine");
        assertThat(dev.benchbox.files.IoReasons.of(new java.nio.file.AccessDeniedException("afile")))
                .isEqualTo("permission denied (afile)");
        assertThat(dev.benchbox.files.IoReasons.of(new java.nio.file.FileSystemException("out", null, "Read-only file system")))
                .isEqualTo("Read-only file system (out)");
        assertThat(dev.benchbox.files.IoReasons.of(new java.nio.file.FileAlreadyExistsException("afile")))
                .isEqualTo("a file is already there (afile)");
    }

    @Test
    void aKilledLoadsStagingTablesAreHiddenAndRemovedAtTheNextConnectSayingSo() {
        Path db = dir.resolve("killed.duckdb");
        assertThat(type("connect duckdb --path " + db).error()).isNull();
        // what a load killed between filling its staging tables and swapping them in leaves behind
        assertThat(type("query \"CREATE TABLE region AS SELECT 1 AS r_regionkey\"").error()).isNull();
        type("query \"CREATE TABLE region__benchbox_loading AS SELECT 2 AS r_regionkey\"");
        type("query \"CREATE SCHEMA other\"");
        type("query \"CREATE TABLE other.nation__benchbox_loading AS SELECT 3 AS n\"");
        type("query \"CREATE TABLE region_loading_notes AS SELECT 'mine' AS note\"");
        assertThat(type("tables").output()).contains("region").contains("region_loading_notes").doesNotContain("__benchbox_loading");
        assertThat(session.platform().listTables("main")).containsExactly("region", "region_loading_notes");
        type("disconnect");

        Result connected = type("connect duckdb --path " + db);
        assertThat(connected.error()).isNull();
        assertThat(connected.output()).contains("\nRemoved the 2 staging tables an interrupted load left (main.region__benchbox_loading, "
                + "other.nation__benchbox_loading); the tables it was replacing are as they were\n");
        assertThat(type("query \"SELECT count(*) AS n FROM duckdb_tables() WHERE table_name LIKE '%benchbox%'\" --format csv").output())
                .startsWith("n\n0\n");
        assertThat(type("query \"SELECT r_regionkey FROM region\" --format csv").output()).startsWith("r_regionkey\n1\n");
        type("disconnect");
        // nothing left: nothing said
        assertThat(type("connect duckdb --path " + db).output()).doesNotContain("staging");
    }
}
