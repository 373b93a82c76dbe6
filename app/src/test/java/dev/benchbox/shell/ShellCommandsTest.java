package dev.benchbox.shell;

import dev.benchbox.shell.ShellTestSupport.Result;

import dev.benchbox.IntegrationTest;
import dev.benchbox.standin.Await;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
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
import org.springframework.shell.CompletionContext;
import org.springframework.shell.CompletionProposal;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Drives the shell's commands as a user types them, through the shell's own command execution. */
@SpringBootTest(properties = {"spring.shell.interactive.enabled=false", "benchbox.errors-on-terminal=true"})
@Import(ShellTestSupport.class)
class ShellCommandsTest {
    @TempDir
    static Path results;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("benchbox.results-dir", () -> results.toString());
        registry.add("BENCHBOX_HOME", () -> results.resolve("home").toString());
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
    TableNameProvider tableNameProvider;
    @Autowired
    TableNameCache tableNameCache;

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
    void crossValidationIsRefusedOnDuckDbAndWithoutCachedDataBeforeConnecting() {
        String onDuckDb = "--validate cross compares a platform's answers with DuckDB's, so on duckdb it would check nothing: "
                + "use --validate exact or rowcount";
        Result oneShot = type("run --platform duckdb --benchmark tpch --scale 0.01 --validate cross");
        assertThat(oneShot.outcome().failed()).isTrue();
        assertThat(oneShot.error()).isEqualTo(onDuckDb);
        assertThat(session.isConnected()).isFalse();

        assertThat(type("run --platform emr-serverless --benchmark tpch --scale 10 --validate cross").error())
                .isEqualTo("--validate cross needs the TPC-H SF 10 data on this machine, and the data cache does not hold it: "
                        + "run 'load tpch --scale 10 --generate local' first, or drop --validate cross");
        assertThat(session.isConnected()).isFalse();

        // connected: refused before the data is loaded
        type("connect duckdb");
        assertThat(type("run tpch --scale 0.01 --validate cross").error()).isEqualTo(onDuckDb);
        assertThat(session.platform().loadedScale(session.schema(), dev.benchbox.benchmark.Benchmarks.get("tpch").dataSet())).isEmpty();
    }

    @Test
    void commandsNeedingAConnectionSayHowToConnect() {
        for (String line : List.of("query \"SELECT 1\"", "tables", "describe region", "load tpch --scale 0.01", "create-schema s")) {
            Result result = type(line);
            assertThat(result.outcome().failed()).as(line).isTrue();
            assertThat(result.error()).as(line).endsWith("is not available: you are not connected (run 'connect duckdb' first)");
        }
        assertThat(type("run tpch --scale 0.01").error())
                .isEqualTo("not connected: run 'connect duckdb' first, or give --platform duckdb");
    }

    @Test
    void emrOnlyCommandsOnDuckDbSayInOneLineThatThePlatformDoesNotOfferThem() {
        assertThat(type("connect duckdb").error()).isNull();
        String capacity = "is not offered by the connected platform (duckdb): it manages an EMR Serverless application; "
                + "connect emr-serverless for it";
        assertThat(type("capacity").error()).isEqualTo("'capacity' " + capacity);
        assertThat(type("capacity set --driver 1x4vCPU-16GB").error()).isEqualTo("'capacity set' " + capacity);
        assertThat(type("capacity start").error()).isEqualTo("'capacity start' " + capacity);
        assertThat(type("capacity stop").error()).isEqualTo("'capacity stop' " + capacity);
        String dryRun = "--dry-run is not offered by the connected platform (duckdb): it previews the requests sent to AWS, "
                + "so it needs an emr-serverless connection";
        Path preview = results.resolve("duckdb-preview");
        assertThat(type("create-schema s --dry-run " + preview).error()).isEqualTo(dryRun);
        assertThat(type("load tpch --scale 0.01 --dry-run " + preview).error()).isEqualTo(dryRun);
        assertThat(type("run tpch --scale 0.01 --dry-run " + preview).error()).isEqualTo(dryRun);
        assertThat(preview).doesNotExist();
        assertThat(session.platform().listTables("main")).isEmpty();
        assertThat(type("disconnect --delete").error()).isEqualTo("--delete is not offered by the connected platform (duckdb): "
                + "it deletes an EMR Serverless application this session created");
        assertThat(session.isConnected()).isTrue();
    }

    @Test
    void connectQueryAndStatus() {
        assertThat(type("connect duckdb").output()).startsWith("Connected to DuckDB v").contains("(in-memory), schema main");
        Result query = type("query \"SELECT 42 AS answer, 'x' AS label\"");
        assertThat(query.outcome().failed()).isFalse();
        assertThat(query.output()).contains(" answer | label").contains("     42 | x").contains("(1 row, ");
        assertThat(type("status").output()).contains("Schema:   main").contains("Output:   table, at most 100 rows on screen");
    }

    @Test
    void queryFormatsAndRowLimit() {
        type("connect duckdb");
        assertThat(type("query \"SELECT range AS n FROM range(3)\" --format csv").output()).startsWith("n\n0\n1\n2\n");
        Result limited = type("query \"SELECT range AS n FROM range(250)\" --max-rows 5");
        assertThat(limited.output()).contains("(250 rows, 245 not shown: raise --max-rows or use --output FILE;");
        assertThat(type("output --format json --max-rows 2").output()).contains("Output: json, at most 2 rows on screen");
        assertThat(type("query \"SELECT 1 AS a\"").output()).startsWith("[\n{\"a\":1}\n]");
    }

    @Autowired
    Console console;

    /** Types at a real JLine prompt: Ctrl-C (byte 3) is turned into the terminal's interrupt signal, as on a tty. */
    @Test
    void ctrlCAtThePromptClearsTheLineAndOnlyCtrlDEndsTheSession() throws Exception {
        java.io.PipedOutputStream keys = new java.io.PipedOutputStream();
        java.io.PipedInputStream keyboard = new java.io.PipedInputStream(keys, 4096);
        java.io.ByteArrayOutputStream echo = new java.io.ByteArrayOutputStream();
        java.io.OutputStream echoed = new java.io.OutputStream() {
            @Override
            public void write(int b) {
                synchronized (echo) {
                    echo.write(b);
                }
            }
        };
        Thread loop = null;
        try (Terminal tty = org.jline.terminal.TerminalBuilder.builder().system(false).provider("exec").type("xterm")
                .streams(keyboard, echoed).build()) {
            org.jline.reader.LineReader reader = org.jline.reader.LineReaderBuilder.builder().terminal(tty).parser(parser).build();
            loop = new Thread(() -> shell.run(new PromptInput(reader,
                    () -> new org.jline.utils.AttributedString("benchbox> "), console)));
            loop.start();
            StringBuilder screen = new StringBuilder();

            keys.write("connect duckdb\r".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            awaitScreen(screen, "Connected to DuckDB");
            keys.write(3);
            awaitScreen(screen, PromptInput.HINT);
            keys.write(3);
            awaitScreen(screen, PromptInput.HINT + "\n" + PromptInput.HINT);
            keys.write("query \"SELECT 'half-typed'\"".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            awaitEcho(echo, "half-typed'\""); // the whole line is in the reader's buffer: Ctrl-C lands on a half-typed line
            keys.write(3);
            awaitEcho(echo, "^C", echo.toString(java.nio.charset.StandardCharsets.UTF_8).lastIndexOf("half-typed"));
            keys.write("status\r".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            awaitScreen(screen, "Platform: DuckDB");
            assertThat(loop.isAlive()).as("Ctrl-C ended the session").isTrue();
            assertThat(session.isConnected()).isTrue();
            // the half-typed line was cleared, not run, and Ctrl-C with text on the line gives no hint
            assertThat(screen.toString()).doesNotContain("half-typed").doesNotContain("unknown");
            assertThat(screen.toString().split(java.util.regex.Pattern.quote(PromptInput.HINT), -1)).hasSize(3);

            keys.write(4);
            loop.join(10_000);
            assertThat(loop.isAlive()).as("Ctrl-D did not end the session").isFalse();
        } finally {
            keys.close();
            if (loop != null) {
                loop.join(10_000);
            }
            ShellTestSupport.takeOutput(terminal);
        }
    }

    private static void awaitEcho(java.io.ByteArrayOutputStream echo, String text) throws InterruptedException {
        awaitEcho(echo, text, 0);
    }

    private static void awaitEcho(java.io.ByteArrayOutputStream echo, String text, int from) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        while (true) {
            synchronized (echo) {
                if (echo.toString(java.nio.charset.StandardCharsets.UTF_8).indexOf(text, from) >= 0) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never echoed: " + text + "\n" + echo);
            }
            Thread.sleep(20);
        }
    }

    private void awaitScreen(StringBuilder screen, String text) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        while (!screen.toString().contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never shown: " + text + "\nscreen:\n" + screen);
            }
            Thread.sleep(20);
            screen.append(ShellTestSupport.takeOutput(terminal));
        }
    }

    @Autowired
    org.springframework.shell.context.ShellContext shellContext;

    @Test
    void connectWhileConnectedSaysWhatItClosesAndAsksBeforeDiscardingTables() {
        String memory = type("connect duckdb").output().replaceFirst("(?s)^Connected to (.*\\(in-memory\\)), schema main\n$", "$1");
        assertThat(memory).startsWith("DuckDB v").endsWith("(in-memory)");
        // nothing to lose: said, not asked
        assertThat(type("connect duckdb").output()).isEqualTo("Closing " + memory + "\nConnected to " + memory + ", schema main\n");

        type("query \"CREATE TABLE kept (a INTEGER)\"");
        type("create-schema other");
        type("query \"CREATE TABLE other.more (a INTEGER)\"");
        org.springframework.shell.context.InteractionMode mode = shellContext.getInteractionMode();
        shellContext.setInteractionMode(org.springframework.shell.context.InteractionMode.INTERACTIVE);
        try {
            // the test terminal's keyboard is at its end: Ctrl-D, which answers no
            Result refused = type("connect duckdb");
            assertThat(refused.output()).startsWith("Closing " + memory + " discards its 2 tables in schemas main, other\n"
                    + "Discard and connect? [y/N] ").doesNotContain("Connected");
            // keeping it is an answer, not a failure, and reads like the lines around it
            assertThat(refused.error()).isNull();
            assertThat(refused.output()).endsWith("Kept the connection to " + memory + ": nothing was closed\n");
            assertThat(type("query \"SELECT count(*) AS n FROM main.kept\"").outcome().failed()).isFalse();
        } finally {
            shellContext.setInteractionMode(mode);
        }
        // a script or a one-shot command cannot answer: it is told, and the connect goes ahead
        assertThat(type("connect duckdb").output()).isEqualTo("Closing " + memory + " discards its 2 tables in schemas main, other\n"
                + "Connected to " + memory + ", schema main\n");
        assertThat(type("query \"SELECT * FROM kept\"").outcome().failed()).isTrue();
    }

    @Test
    void answeringYesDiscardsTheInMemoryTables() throws Exception {
        type("connect duckdb");
        type("query \"CREATE TABLE gone (a INTEGER)\"");
        java.io.ByteArrayInputStream keyboard = new java.io.ByteArrayInputStream("y\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        org.springframework.shell.context.InteractionMode mode = shellContext.getInteractionMode();
        try (Terminal tty = org.jline.terminal.TerminalBuilder.builder().system(false).provider("exec").type(Terminal.TYPE_DUMB)
                .streams(keyboard, java.io.OutputStream.nullOutputStream()).build()) {
            org.jline.reader.LineReader reader = org.jline.reader.LineReaderBuilder.builder().terminal(tty).build();
            org.springframework.beans.factory.support.StaticListableBeanFactory beans = new org.springframework.beans.factory.support.StaticListableBeanFactory();
            beans.addBean("lineReader", reader);
            ConnectionGuard guard = new ConnectionGuard(session, console,
                    new Questions(shellContext, beans.getBeanProvider(org.jline.reader.LineReader.class)));
            shellContext.setInteractionMode(org.springframework.shell.context.InteractionMode.INTERACTIVE);
            guard.beforeReplacing();
            assertThat(reader.getHistory().size()).as("the answer is not a command").isZero();
        } finally {
            shellContext.setInteractionMode(mode);
        }
        assertThat(ShellTestSupport.takeOutput(terminal)).endsWith(" discards its 1 table in schema main\n");
    }

    @Test
    void helpShowsSynopsesAsUsersTypeThem() {
        String help = type("help query").output();
        assertThat(synopsis(help)).isEqualTo("query --sql SQL [--format table|csv|json|markdown] [--output FILE] [--max-rows N] [--max-cost USD] [--force]");
        assertThat(help).contains("       --max-rows N\n       rows shown on screen (0: all)\n")
                .doesNotContain("String").doesNotContain("Integer");
        assertThat(type("help script").output()).contains("script --file FILE [--continue-on-error]\n")
                .contains("       --continue-on-error\n       go on after a failing line (default: false)\n")
                .doesNotContain("boolean");
        assertThat(synopsis(type("help run").output()))
                .contains(" [--benchmark tpch|tpcds] [--scale SF] [--queries LIST] [--warmup N] [--iterations N]")
                .contains(" [--via job|session] [--sweep NAME=V1,V2] [--spark-conf KEY=VALUE]");
        assertThat(synopsis(type("help compare").output())).isEqualTo("compare [--files FILE...] [--baseline NAME] "
                + "[--format table|markdown|json|html] [--fail-on-regression PCT] [--min-difference MS] [--allow-mixed-timing] [--noise-floor FILE] "
                + "[--write-noise-floor FILE] [--replace] [--force]");
        assertThat(synopsis(type("help load").output())).contains(" [--generate local|cluster] [--table-format parquet|iceberg] [--parts N] [--max-cost USD] [--from S3_URI]");
        assertThat(synopsis(type("help session start").output())).contains("session start [--idle-timeout-minutes MINUTES] [--name NAME]");
    }

    /** The SYNOPSIS section as one line (on a terminal it wraps at a space to the terminal's width). */
    private static String synopsis(String help) {
        String section = help.substring(help.indexOf("SYNOPSIS\n") + "SYNOPSIS\n".length());
        return section.substring(0, section.indexOf("\n\n")).strip().replaceAll("\n +", " ");
    }

    /** On a terminal, a long line wraps at a space within its width; none is cut mid-word. */
    @Test
    void helpWrapsAtSpacesWithinTheTerminalsWidth() {
        int width = terminal.getWidth();
        assertThat(width).as("the test terminal's width").isPositive();
        for (String help : List.of(type("help").output(), type("help run").output(), type("help connect").output())) {
            assertThat(help.lines()).allMatch(line -> line.length() <= width, "fits in " + width + " columns");
        }
        // the issue's own case: 'parq' / 'uet' at 160 columns; now the word moves whole, under the text it continues
        assertThat(type("help").output()).contains("* load: Load data: ").contains(" .csv or\n               .parquet files.\n");
    }

    @Autowired
    org.springframework.shell.command.CommandCatalog commandCatalog;

    /** Options added after the synopses were written showed VALUE (--sweep VALUE): every option names what it takes. */
    @Test
    void noCommandsHelpFallsBackToAValuePlaceholder() {
        List<String> vague = new java.util.ArrayList<>();
        for (String command : new java.util.TreeSet<>(commandCatalog.getRegistrations().keySet())) {
            String help = type("help " + command).output();
            help.lines().filter(line -> line.replace("KEY=VALUE", "").contains("VALUE")).forEach(line -> vague.add(command + ": " + line.strip()));
        }
        assertThat(vague).isEmpty();
    }

    @Autowired
    org.jline.reader.LineReader lineReader;

    private List<String> complete(String... words) {
        List<String> list = List.of(words);
        return shell.complete(new CompletionContext(list, list.size() - 1, list.get(list.size() - 1).length(), null, null))
                .stream().map(CompletionProposal::value).toList();
    }

    @Test
    @IntegrationTest // generates, loads and runs TPC-DS: half a minute
    void runTpcdsOneShotRunsTwoPartQueriesAsTheSpecificationCountsThem() throws Exception {
        Result run = type("run --platform duckdb --benchmark tpcds --scale 0.01 --queries 3,14 --iterations 1");

        assertThat(run.error()).isNull();
        assertThat(run.output()).contains("Schema main does not hold TPC-DS SF0.01 yet: generating and loading it")
                .containsPattern("Q3   iteration 1 .* not validated: no reference answer at SF 0.01")
                .containsPattern("Q14a iteration 1 .* not validated")
                .containsPattern("Q14b iteration 1 .* not validated")
                .contains("TPC-DS SF0.01 on duckdb ")
                .contains(": 2 query executions, 0 validated, 2 ran but not validated (no reference answers at SF 0.01), "
                        + "0 failed, 0 errors")
                .containsPattern("Power test [0-9.]+ s \\(the TPC-DS power test time: 2 queries in one stream, times added; "
                        + "the load test, the throughput tests and data maintenance were not run, so there is no QphDS@SF, "
                        + "and only 2 of the 99 queries ran\\)")
                .contains("Results: ");
        try (var files = java.nio.file.Files.list(results)) {
            assertThat(files.map(f -> f.getFileName().toString())).anyMatch(name -> name.startsWith("tpcds_sf0.01_duckdb_"));
        }
        assertThat(type("run tpcds --scale 0.01 --queries 100").error())
                .isEqualTo("unknown TPC-DS query '100': expected numbers 1-99");
        assertThat(type("run tpcx --scale 1").error()).isEqualTo("unknown benchmark 'tpcx': expected tpch, tpcds or tiny");
        assertThat(type("run tpcds").error()).isEqualTo("missing --scale: run tpcds --scale SF (e.g. 1)");
        // the scales with reference answers
        assertThat(type("run tpch").error()).isEqualTo("missing --scale: run tpch --scale SF (e.g. 0.01, 0.1, 1, 10 or 100)");
        // DuckDB generates TPC-DS itself: the cluster's options are refused in one line
        assertThat(type("load tpcds --scale 0.01 --parts 2").error()).isEqualTo("--generate cluster and --parts need a platform "
                + "that generates in its cluster (emr-serverless); duckdb generates TPC-DS itself");
        // Iceberg tables are EMR's way to take the refresh functions: DuckDB's tables take them as they are
        assertThat(type("load tpch --scale 0.01 --table-format iceberg").error())
                .isEqualTo("--table-format iceberg is for emr-serverless; duckdb tables take the refresh functions as they are");
        assertThat(type("load tpch --scale 0.01 --table-format orc").error()).isEqualTo("--table-format must be parquet or iceberg, not 'orc'");
        assertThat(type("load --tables region --source . --table-format iceberg").error())
                .isEqualTo("--generate, --parts, --from, --table-format, --force and --no-cache go with 'load tpch'");
    }

    @Test
    void valuesComplete() {
        assertThat(complete("connect", "")).contains("duckdb", "emr-serverless");
        assertThat(complete("connect", "--platform", "e")).contains("emr-serverless").doesNotContain("duckdb");
        assertThat(complete("load", "")).contains("tpch");
        assertThat(complete("run", "")).contains("tpch", "tpcds");
        assertThat(complete("run", "--benchmark", "tpcd")).contains("tpcds").doesNotContain("tpch");
        assertThat(complete("run", "--platform", "d")).contains("duckdb").doesNotContain("emr-serverless");
        assertThat(complete("query", "\"SELECT 1\"", "--format", "")).contains("table", "csv", "json", "markdown");
        assertThat(complete("output", "--format", "j")).contains("json").doesNotContain("csv");
        assertThat(complete("compare", "a.json", "b.json", "--format", "")).contains("table", "markdown", "json", "html").doesNotContain("csv");
    }

    @Autowired
    org.springframework.context.ConfigurableApplicationContext context;

    @Test
    void theSessionCloserExistsFromTheStartDespiteLazyInitialisation() {
        // nothing injects it; if it were created lazily it would never close the connection at exit
        assertThat(context.getEnvironment().getProperty("spring.main.lazy-initialization")).isEqualTo("true");
        assertThat(context.getBeanFactory().containsSingleton("sessionCloser")).isTrue();
    }

    @Test
    void schemaNamesCompleteForUseAndLoadSchema() throws Exception {
        assertThat(type("connect duckdb").error()).isNull();
        assertThat(type("create-schema --name sales").error()).isNull();
        assertThat(type("create-schema --name staging").error()).isNull();
        // TAB never waits: the first one schedules the lookup, a later one shows it
        List<String> proposals = Await.value("schema names in the completion cache", () -> complete("use", "--name", "s"),
                found -> found.contains("staging"));
        assertThat(proposals).contains("sales", "staging").doesNotContain("main");
        assertThat(complete("load", "tpch", "--schema", "sa")).contains("sales").doesNotContain("staging", "main");
        assertThat(complete("use", "")).contains("main", "sales", "staging").doesNotContain("information_schema", "pg_catalog");
        assertThat(complete("use", "st")).contains("staging").doesNotContain("sales");
    }

    /** Found trying it: the first use <TAB> after create-schema offered no schema at all (only the second TAB did). */
    @Test
    void theFirstTabAfterCreateSchemaAlreadyOffersTheNewSchema() throws Exception {
        assertThat(type("connect duckdb").error()).isNull();
        assertThat(type("create-schema --name fresh").error()).isNull();
        // no TAB in between: only what the command itself scheduled
        Await.until("the look-ups create-schema scheduled", () -> !tableNameCache.refreshing());
        assertThat(complete("use", "")).contains("fresh", "main");
    }

    @Test
    void historyIsNumberedLines() throws Exception {
        lineReader.getHistory().purge();
        lineReader.getHistory().add("connect duckdb");
        lineReader.getHistory().add("query \"SELECT 1\"");
        lineReader.getHistory().add("history");
        assertThat(type("history").output()).isEqualTo("""
                  1  connect duckdb
                  2  query "SELECT 1"
                  3  history
                """);
    }

    @Test
    void scriptWithContinueOnErrorSaysOnceHowManyLinesFailed(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("mixed.bbx");
        Files.writeString(script, "connect duckdb\nquery \"SELEC 1\"\nquery \"SELECT 7 AS seven\" --format csv\n");
        Result result = type("script " + script + " --continue-on-error");
        assertThat(result.outcome().failed()).isTrue();
        assertThat(result.error()).isEqualTo(script + ": 1 of 3 lines failed");
        // the failing line is reported as it happens, the count only as the command's failure
        assertThat(result.output()).contains(script + ":2: Parser Error").contains("seven\n7\n").doesNotContain("lines failed");
    }

    @Test
    void countsAreSingularForOne(@TempDir Path dir) {
        type("connect duckdb");
        type("query \"CREATE TABLE one_row (a INTEGER)\"");
        assertThat(type("query \"INSERT INTO one_row VALUES (1)\"").output()).startsWith("OK, 1 row affected (");
        assertThat(type("query \"SELECT range AS n FROM range(2)\" --max-rows 1").output())
                .contains("(2 rows, 1 not shown: raise --max-rows or use --output FILE;");
        assertThat(type("query \"SELECT 1 AS a\" --output " + dir.resolve("one.csv")).output())
                .startsWith("1 row written to " + dir.resolve("one.csv") + " (csv) in ");
    }

    @Test
    void queryToFileStreamsEveryRow(@TempDir Path dir) throws Exception {
        type("connect duckdb");
        Path file = dir.resolve("out.csv");
        Result result = type("query \"SELECT range AS n FROM range(100000)\" --output " + file);
        assertThat(result.output()).startsWith("100,000 rows written to " + file + " (csv)");
        try (var lines = Files.lines(file)) {
            assertThat(lines.count()).isEqualTo(100_001);
        }
    }

    private static final String TPCH_SCALES = "; TPC-H takes 0.0001 to 100000 with at most 4 decimal places (e.g. 0.01 or 1)";

    @Test
    void scalesTheGeneratorsCannotHonourAreRefusedBeforeAnythingStarts() {
        // each of these once reached the generator: a division by zero deep in the load, SF 0.01's rows labelled
        // SF0.0001, and minutes of generation until the kernel killed the shell
        assertThat(type("run --platform duckdb --benchmark tpch --scale 1e9").error())
                .isEqualTo("invalid scale factor '1e9': above 100000, the largest scale the TPC defines" + TPCH_SCALES);
        assertThat(session.isConnected()).isFalse();
        type("connect duckdb");
        assertThat(type("load tpch --scale 0.00001").error())
                .isEqualTo("invalid scale factor '0.00001': below 0.0001 the TPC-H generator makes no supplier rows" + TPCH_SCALES);
        assertThat(type("load tpcds --scale 0.0001").error()).isEqualTo("invalid scale factor '0.0001': below 0.01 the TPC-DS "
                + "generator makes SF 0.01's rows; TPC-DS takes 0.01 to 100000 with at most 2 decimal places (e.g. 0.01 or 1)");
        assertThat(type("tables").output()).doesNotContain("supplier").doesNotContain("store_sales");
    }

    @Test
    void outputNeverReplacesAnInputOrTheOpenDatabaseAndAnyOtherFileOnlyWhenAskedTo(@TempDir Path dir) throws Exception {
        Path database = dir.resolve("db.duckdb");
        type("connect duckdb --path " + database);
        type("query \"CREATE TABLE t AS SELECT range AS n FROM range(1000)\"");
        type("query \"CHECKPOINT\"");
        byte[] stored = Files.readAllBytes(database);
        Path alias = Files.createSymbolicLink(dir.resolve("alias.csv"), database);
        for (Path named : List.of(database, dir.resolve(".").resolve("db.duckdb"), alias)) {
            assertThat(type("query \"SELECT * FROM t\" --force --output " + named).error())
                    .isEqualTo("cannot write " + named + ": it is the open database; give another --output");
        }
        assertThat(Files.readAllBytes(database)).isEqualTo(stored);

        Path notes = Files.writeString(dir.resolve("notes.csv"), "mine\n");
        Result refused = type("query \"SELECT 1 AS a\" --output " + notes);
        assertThat(refused.outcome().failed()).isTrue();
        assertThat(refused.error()).isEqualTo(notes + " already exists: give another --output, or add --force to replace it");
        org.springframework.shell.context.InteractionMode mode = shellContext.getInteractionMode();
        shellContext.setInteractionMode(org.springframework.shell.context.InteractionMode.INTERACTIVE);
        try {
            // the test terminal's keyboard is at its end: Ctrl-D, which answers no
            Result declined = type("query \"SELECT 1 AS a\" --output " + notes);
            assertThat(declined.output()).contains(notes + " already exists. Replace it? [y/N] ");
            assertThat(declined.error()).isEqualTo("kept " + notes + ": nothing was written");
        } finally {
            shellContext.setInteractionMode(mode);
        }
        assertThat(notes).hasContent("mine");
        assertThat(type("query \"SELECT 1 AS a\" --force --output " + notes).error()).isNull();
        assertThat(notes).hasContent("a\n1");

        Path run = dir.resolve("run.json");
        Files.move(new dev.benchbox.results.ResultStore(dir.resolve("results")).write(
                dev.benchbox.results.compare.Fixtures.duckdb(0.01, dev.benchbox.results.compare.Fixtures.stat("Q1", 10, 0.01))), run);
        String results = Files.readString(run);
        assertThat(type("report " + run + " --force --output " + dir.resolve("./run.json")).error())
                .isEqualTo("cannot write " + dir.resolve("./run.json") + ": it is an input of this command; give another --output");
        assertThat(run).hasContent(results);
        Path html = Files.writeString(dir.resolve("report.html"), "someone's\n");
        assertThat(type("report " + run + " --output " + html).error())
                .isEqualTo(html + " already exists: give another --output, or add --force to replace it");
        assertThat(html).hasContent("someone's");
        assertThat(type("report " + run + " --output " + html + " --force").error()).isNull();
        assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>");
    }

    @Test
    void badInputGivesOneLineErrors() {
        type("connect duckdb");
        assertThat(type("query \"SELECT 1 FROM range(3) WHER x\"").error())
                .isEqualTo("Parser Error: syntax error at or near \"x\" (at line 1, column 29)");
        assertThat(type("describe nosuch").error()).isEqualTo("unknown table 'nosuch' in schema 'main'");
        assertThat(type("load tpch --scale -1").error()).isEqualTo("invalid scale factor '-1': it must be greater than 0" + TPCH_SCALES);
        assertThat(type("load tpch --scale abc").error()).isEqualTo("invalid scale factor 'abc': not a number" + TPCH_SCALES);
        assertThat(type("load tpch --scale 0.01 --schema nope").error())
                .isEqualTo("schema 'nope' does not exist: create it with create-schema nope");
        assertThat(type("load tpch --scale 0.01 --tables lineitems").error()).startsWith("unknown TPC-H table 'lineitems'");
        assertThat(type("frobnicate").error()).isEqualTo("unknown command 'frobnicate': type help to list the commands");
        assertThat(type("compare a.json b.json --noise-floor f.json --write-noise-floor g.json").error())
                .isEqualTo("--noise-floor and --write-noise-floor go apart: one uses a floor, the other measures one on A/A runs");
        assertThat(type("compare a.json b.json --replace").error()).isEqualTo("--replace goes with --write-noise-floor");
        assertThat(type("query \"SELECT 1\" --bogus 1").error()).contains("--bogus");
        assertThat(type("run tpch --scale 0").error()).isEqualTo("invalid scale factor '0': it must be greater than 0" + TPCH_SCALES);
        assertThat(type("run tpch --scale 0.01 --queries 23").error()).startsWith("unknown TPC-H query '23'");
        assertThat(type("run tpch --scale 0.01 --validate maybe").error()).contains("maybe");
        assertThat(type("query \"SELECT 1\" --format xml").error())
                .isEqualTo("unknown format 'xml': expected one of table, csv, json, markdown");
        assertThat(type("load --tables region --source /no/such/dir").error())
                .isEqualTo("source directory '/no/such/dir' does not exist");
        assertThat(type("use nope").error()).isEqualTo("schema 'nope' does not exist: create it with create-schema nope");
        assertThat(type("script /no/such.bbx").error()).isEqualTo("cannot read script /no/such.bbx: no such file");
        // an option left without its value is said as such, not taken as absent
        assertThat(type("report --output").error()).isEqualTo("--output needs a value");
        assertThat(type("query \"SELECT 1\" --output --force").error()).isEqualTo("--output needs a value");
        assertThat(type("load tpch --scale").error()).isEqualTo("--scale needs a value");
        assertThat(type("query \"SELECT 1\" --format csv --max-rows 1").error()).isNull();
        assertThat(shell.optionWithoutValue(List.of("query", "--sql", "-- a comment first\nSELECT 1"))).isEmpty();
        // nothing above left the session unusable
        assertThat(type("query \"SELECT 1 AS ok\"").outcome().failed()).isFalse();
    }

    @Test
    void costOfAnEmbeddedSessionIsNothingAndEstimatesUseAwsDefaults() {
        assertThat(type("cost").output()).isEqualTo("Nothing has run on EMR Serverless since the shell started (DuckDB runs cost nothing).\n");
        assertThat(type("cost estimate --scale 1 --iterations 1").output())
                .startsWith("Not connected to EMR Serverless: estimating with 1 driver + 3 executors, 4 vCPU / 16 GB / 20 GB disk each "
                        + "in us-east-1 (x86_64)\n"
                        + "Estimated cost of a TPC-H SF1 power run on EMR Serverless: $0.11\n");
        // without --iterations, what a run does by default: 5 rounds in one job run (start-up paid once)
        assertThat(type("cost estimate --scale 1").output())
                .contains("Estimated cost of 5 TPC-H SF1 power runs in one job run on EMR Serverless: $0.39\n");
        assertThat(type("cost estimate --scale 0").error()).isEqualTo("invalid scale factor '0': it must be greater than 0" + TPCH_SCALES);
        assertThat(type("cost estimate --scale 0.001 --benchmark tpcds").error()).startsWith("invalid scale factor '0.001': below 0.01");
        type("connect duckdb");
        assertThat(type("run tpch --scale 0.01 --max-cost -1").error()).contains("-1");
        assertThat(type("query \"SELECT 1\" --max-cost abc").error()).contains("abc");
        // DuckDB costs nothing per job: any valid limit lets the work start
        assertThat(type("query \"SELECT 1 AS one\" --max-cost 0.01").outcome().failed()).isFalse();
    }

    /** Found trying it: the one-shot run said "(in-memory)" where connect says "(in-memory), schema main". */
    @Test
    void theOneShotRunSaysItConnectedInConnectsWords() {
        Result run = type("run --platform duckdb --benchmark tpch --scale 0.01 --queries 6");
        assertThat(run.error()).isNull();
        assertThat(run.output()).startsWith("Connected to DuckDB v").contains(" (in-memory), schema main\n");
    }

    /** Found trying it: TPC-DS's reason table has one row at SF 0.01, and the load said "1 rows". */
    @Test
    void aLoadCountsOneRowAsOne() {
        type("connect duckdb");
        Result load = type("load tpcds --scale 0.01 --tables reason");
        assertThat(load.error()).isNull();
        assertThat(load.output()).containsPattern("  reason +1 row\n").doesNotContain("1 rows")
                .contains("into main: 1 table, 1 row in ");
    }

    @Test
    void loadReportsRowCountsAndTablesComplete() throws Exception {
        type("connect duckdb");
        type("create-schema small");
        Result load = type("load tpch --scale 0.01 --tables region,nation");
        assertThat(load.output()).contains("  region            5 rows").contains("  nation           25 rows")
                .contains("Loaded TPC-H SF0.01 into small: 2 tables, 30 rows in ");
        assertThat(type("tables").output()).isEqualTo("nation\nregion\n");
        assertThat(type("describe region").output()).startsWith("r_regionkey  BIGINT\nr_name       VARCHAR");
        // completion reads a cache that is filled in the background: it never blocks
        List<String> proposals = Await.value("table names in the completion cache",
                () -> tableNameProvider.complete(new CompletionContext(List.of("describe", "n"), 1, 1, null, null))
                        .stream().map(CompletionProposal::value).toList(), found -> !found.isEmpty());
        assertThat(proposals).containsExactly("nation");
    }
}
