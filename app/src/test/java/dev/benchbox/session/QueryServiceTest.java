package dev.benchbox.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.benchbox.BenchboxException;
import dev.benchbox.platform.duckdb.DuckDbPlatform;
import dev.benchbox.results.print.OutputFormat;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryServiceTest {
    private static final String FIVE_ROWS = "SELECT range AS n, 'v' || range AS label FROM range(5) ORDER BY n";

    @TempDir
    Path dir;

    private final Session session = new Session();
    private final QueryService queries = new QueryService(session);

    @BeforeEach
    void connect() {
        session.connect(DuckDbPlatform.open(null));
    }

    @AfterEach
    void disconnect() {
        session.close();
    }

    @Test
    void screenShowsUpToTheLimitAndCountsTheRest() {
        StringWriter out = new StringWriter();

        QueryService.Outcome outcome = queries.toScreen(FIVE_ROWS, OutputFormat.CSV, 2, out);

        assertThat(out.toString()).isEqualTo("n,label\n0,v0\n1,v1\n");
        assertThat(outcome.summary().rowCount()).isEqualTo(5);
        assertThat(outcome.shown()).isEqualTo(2);
        assertThat(outcome.hidden()).isEqualTo(3);
        assertThat(outcome.file()).isNull();
    }

    @Test
    void zeroLimitShowsEveryRow() {
        StringWriter out = new StringWriter();

        QueryService.Outcome outcome = queries.toScreen(FIVE_ROWS, OutputFormat.CSV, 0, out);

        assertThat(out.toString()).isEqualTo("n,label\n0,v0\n1,v1\n2,v2\n3,v3\n4,v4\n");
        assertThat(outcome.shown()).isEqualTo(5);
        assertThat(outcome.hidden()).isZero();
    }

    @Test
    void statementWithoutRowsPrintsNothing() {
        StringWriter out = new StringWriter();

        QueryService.Outcome outcome = queries.toScreen("CREATE TABLE t (a INTEGER)", OutputFormat.TABLE, 10, out);

        assertThat(out.toString()).isEmpty();
        assertThat(outcome.shown()).isZero();
        assertThat(outcome.hidden()).isZero();
    }

    @Test
    void eachStatementIsRecordedInTheLedger() {
        queries.toScreen("SELECT   1\n  AS one", OutputFormat.CSV, 10, new StringWriter());

        assertThat(session.ledger()).singleElement().satisfies(entry -> {
            assertThat(entry.platform()).isEqualTo("duckdb");
            assertThat(entry.kind()).isEqualTo("query");
            assertThat(entry.detail()).isEqualTo("SELECT 1 AS one");
        });
    }

    @Test
    void blankSqlIsAOneLineError() {
        assertThatThrownBy(() -> queries.toScreen("  ", OutputFormat.CSV, 10, new StringWriter()))
                .isInstanceOf(BenchboxException.class)
                .hasMessage("no SQL given: query \"SELECT ...\"");
    }

    @Test
    void fileGetsEveryRowAndNoPartialIsLeft() throws Exception {
        Path file = dir.resolve("out.csv");

        QueryService.Outcome outcome = queries.toFile(FIVE_ROWS, OutputFormat.CSV, file, false);

        assertThat(Files.readString(file)).isEqualTo("n,label\n0,v0\n1,v1\n2,v2\n3,v3\n4,v4\n");
        assertThat(outcome.file()).isEqualTo(file.toAbsolutePath());
        assertThat(outcome.shown()).isEqualTo(5);
        assertThat(outcome.hidden()).isZero();
        assertThat(listing()).containsExactly("out.csv");
    }

    @Test
    void fileReplacesAnEarlierResultWhenTheQuerySucceeds() throws Exception {
        Path file = dir.resolve("out.csv");
        Files.writeString(file, "old\n");

        queries.toFile("SELECT 1 AS a", OutputFormat.CSV, file, true);

        assertThat(Files.readString(file)).isEqualTo("a\n1\n");
    }

    @Test
    void failingQueryLeavesAnExistingFileUntouched() throws Exception {
        Path file = dir.resolve("out.csv");
        Files.writeString(file, "earlier result\n");

        assertThatThrownBy(() -> queries.toFile("SELECT * FROMM region", OutputFormat.CSV, file, true))
                .isInstanceOf(BenchboxException.class)
                .hasMessage("Parser Error: syntax error at or near \"region\" (at line 1, column 16)");

        assertThat(Files.readString(file)).isEqualTo("earlier result\n");
        assertThat(listing()).containsExactly("out.csv");
        assertThat(session.ledger()).isEmpty();
    }

    @Test
    void failingQueryCreatesNoFile() throws Exception {
        assertThatThrownBy(() -> queries.toFile("SELECT * FROM missing", OutputFormat.CSV, dir.resolve("out.csv"), false))
                .isInstanceOf(BenchboxException.class);

        assertThat(listing()).isEmpty();
    }

    @Test
    void aLinkPlantedAtTheOldSideFileNameIsNotFollowed() throws Exception {
        Path victim = Files.writeString(dir.resolve("victim.txt"), "precious\n");
        Files.createSymbolicLink(dir.resolve("out.csv.partial"), victim);

        queries.toFile("SELECT 1 AS a", OutputFormat.CSV, dir.resolve("out.csv"), false);

        assertThat(victim).hasContent("precious");
        assertThat(dir.resolve("out.csv")).hasContent("a\n1");
        assertThat(listing()).containsExactly("out.csv", "out.csv.partial", "victim.txt");
    }

    @Test
    void fileInAMissingDirectoryIsAOneLineError() {
        Path file = dir.resolve("no/such/out.csv");

        assertThatThrownBy(() -> queries.toFile("SELECT 1", OutputFormat.CSV, file, false))
                .isInstanceOf(BenchboxException.class)
                .hasMessage("cannot write " + file + ": directory " + file.getParent() + " does not exist");
    }

    @Test
    void directoryAsOutputIsAOneLineError() {
        assertThatThrownBy(() -> queries.toFile("SELECT 1", OutputFormat.CSV, dir, false))
                .isInstanceOf(BenchboxException.class)
                .hasMessage("cannot write " + dir + ": it is a directory");
    }

    @Test
    void queriesNeedAConnection() {
        session.disconnect();

        assertThatThrownBy(() -> queries.toScreen("SELECT 1", OutputFormat.CSV, 10, new StringWriter()))
                .isInstanceOf(BenchboxException.class)
                .hasMessage("not connected: run 'connect duckdb' first");
    }

    @Test
    void queriesRunInTheSessionsSchema() {
        session.platform().createSchema("bench");
        queries.toScreen("CREATE TABLE bench.t AS SELECT 'bench' AS s", OutputFormat.CSV, 0, new StringWriter());
        session.use("bench");
        StringWriter out = new StringWriter();

        queries.toScreen("SELECT s FROM t", OutputFormat.CSV, 0, out);

        assertThat(out.toString()).isEqualTo("s\nbench\n");
    }

    private java.util.List<String> listing() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
