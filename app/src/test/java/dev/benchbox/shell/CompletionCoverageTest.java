package dev.benchbox.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.benchbox.standin.Await;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.Parser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.shell.command.CommandCatalog;
import org.springframework.shell.command.CommandOption;
import org.springframework.shell.command.CommandRegistration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * TAB through the shell's own completer (JLine's {@link Completer} and {@link Parser} as the interactive shell has
 * them), for every option of every command: an option whose values can be offered offers them and nothing else; the
 * free-text ones are listed below with the reason, and offer nothing (so TAB leaves the line as it was).
 */
@SpringBootTest(properties = {"spring.shell.interactive.enabled=false", "benchbox.errors-on-terminal=true"})
@Import(ShellTestSupport.class)
class CompletionCoverageTest {
    @TempDir
    static Path home;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("benchbox.results-dir", () -> home.resolve("results").toString());
        registry.add("BENCHBOX_HOME", () -> home.resolve("home").toString());
    }

    /** "command --option" → why TAB offers nothing there. */
    static final Map<String, String> FREE_TEXT = Map.ofEntries(
            Map.entry("query --sql", "SQL text"),
            Map.entry("query --max-rows", "a number"),
            Map.entry("query --max-cost", "an amount in USD"),
            Map.entry("output --max-rows", "a number"),
            Map.entry("compare --fail-on-regression", "a percentage"),
            Map.entry("compare --min-difference", "milliseconds"),
            Map.entry("cost estimate --warmup", "a number"),
            Map.entry("cost estimate --iterations", "a number"),
            Map.entry("capacity set --driver", "a count and a worker size (1x4vCPU-16GB): hundreds of valid sizes"),
            Map.entry("capacity set --executors", "a count and a worker size (4x4vCPU-16GB): hundreds of valid sizes"),
            Map.entry("capacity set --max-cpu", "a number"),
            Map.entry("capacity set --max-memory", "a number"),
            Map.entry("iam-policy --s3-staging-dir", "the user's S3 prefix: listing buckets would call AWS"),
            Map.entry("iam-policy --database", "a Glue database, given without a connection: nothing to list"),
            Map.entry("iam-policy --execution-role-arn", "an IAM role: listing roles would call AWS"),
            Map.entry("load --parts", "a number"),
            Map.entry("load --max-cost", "an amount in USD"),
            Map.entry("load --from", "an S3 prefix: listing it would call AWS"),
            Map.entry("load --spark-conf", "any Spark property=value"),
            Map.entry("run --queries", "query numbers and ranges, e.g. 1,3,6 or 1-5"),
            Map.entry("run --warmup", "a number"),
            Map.entry("run --iterations", "a number"),
            Map.entry("run --max-cost", "an amount in USD"),
            Map.entry("run --streams", "a number"),
            Map.entry("run --seed", "a number"),
            Map.entry("cache limit --size", "a size such as 20GB"),
            Map.entry("connect --tag", "the user's own key=value tags"),
            Map.entry("run --spark-conf", "any Spark property=value"),
            Map.entry("create-schema --name", "a new name"),
            Map.entry("session start --idle-timeout-minutes", "a number"),
            Map.entry("session start --name", "a new name"),
            Map.entry("connect --s3-staging-dir", "the user's S3 prefix: listing buckets would call AWS"),
            Map.entry("connect --execution-role-arn", "an IAM role: listing roles would call AWS"),
            Map.entry("connect --application-id", "an application of the account: listing them would call AWS"),
            Map.entry("connect --application-name", "a new name"),
            Map.entry("connect --database", "a Glue database: listing them would call AWS before connecting"),
            Map.entry("connect --timeout-minutes", "a number"),
            Map.entry("connect --initial-capacity", "counts and worker sizes: hundreds of valid sizes"),
            Map.entry("connect --max-cpu", "a number"),
            Map.entry("connect --max-memory", "a number"),
            Map.entry("connect --idle-timeout-minutes", "a number"),
            Map.entry("connect --profile", "an AWS profile: its names sit in the credentials files, which completion does not read"),
            Map.entry("connect --endpoint-url", "a URL"),
            Map.entry("connect --aws-timeout-seconds", "a number"),
            Map.entry("connect --spark-conf", "any Spark property=value"));

    /** Options whose values come from what the session did: nothing to offer on a fresh DuckDB connection. */
    static final Map<String, String> FROM_THE_SESSION = Map.of(
            "job-runs --id", "this session's EMR job runs, from the shell's ledger: a DuckDB connection has none");

    @Autowired
    Completer completer;
    @Autowired
    Parser parser;
    @Autowired
    LineReader lineReader;
    @Autowired
    CommandCatalog commands;
    @Autowired
    BenchboxShell shell;
    @Autowired
    Terminal terminal;
    @Autowired
    dev.benchbox.session.Session session;
    @Autowired
    TableNameCache tableNames;

    @BeforeEach
    void connectedWithATable() {
        type("connect duckdb");
        type("query \"CREATE TABLE nation (n INTEGER)\"");
        tableNames.invalidate();
        Await.until("the table name cache", () -> !tableNames.refreshing() && tableNames.tables().contains("nation"));
        ShellTestSupport.takeOutput(terminal);
    }

    @AfterEach
    void disconnect() {
        session.disconnect();
    }

    private void type(String line) {
        BenchboxShell.Outcome outcome = shell.execute(parser.parse(line, line.length(), Parser.ParseContext.ACCEPT_LINE).words(), line);
        assertThat(outcome.failure()).as(line).isNull();
    }

    /** What TAB at the end of {@code line} offers, through the interactive shell's completer. */
    private List<String> tab(String line) {
        List<Candidate> candidates = new ArrayList<>();
        completer.complete(lineReader, parser.parse(line, line.length(), Parser.ParseContext.COMPLETE), candidates);
        return candidates.stream().map(Candidate::value).toList();
    }

    @Test
    void everyOptionThatTakesAValueOffersItsValuesOrIsListedAsFreeText() {
        Map<String, String> wrong = new TreeMap<>();
        List<String> seen = new ArrayList<>();
        for (CommandRegistration command : commands.getRegistrations().values()) {
            for (CommandOption option : command.getOptions()) {
                if (!OptionCompletion.takesValue(option) || Arrays.asList(option.getLongNames()).contains("help")) {
                    continue;
                }
                String name = command.getCommand() + " --" + option.getLongNames()[0];
                seen.add(name);
                List<String> offered = tab(name + " ");
                if (offered.stream().anyMatch(value -> value.startsWith("-"))) {
                    wrong.put(name, "offers option names where its value goes: " + offered);
                } else if (FREE_TEXT.containsKey(name) && !offered.isEmpty()) {
                    wrong.put(name, "is listed as free text but offers " + offered + ": take it off the list");
                } else if (!FREE_TEXT.containsKey(name) && !FROM_THE_SESSION.containsKey(name) && offered.isEmpty()) {
                    wrong.put(name, "offers nothing: give it a value provider, or list it as free text with the reason");
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(seen).containsAll(FREE_TEXT.keySet());
    }

    @Test
    void valuesAreTheOptionsOwn() {
        assertThat(tab("run tpch --validate ")).containsExactlyInAnyOrder("exact", "rowcount", "cross", "off");
        assertThat(tab("query \"SELECT 1\" --format ")).containsExactlyInAnyOrder("table", "csv", "json", "markdown");
        assertThat(tab("run tpch --via s")).containsExactly("session");
        assertThat(tab("load tpch --generate ")).containsExactlyInAnyOrder("local", "cluster");
        assertThat(tab("run tpcds --scale ")).contains("1").doesNotContain("100");
        assertThat(tab("run tpch --scale ")).contains("0.01", "1");
        assertThat(tab("connect emr-serverless --architecture ")).containsExactlyInAnyOrder("x86_64", "arm64");
        assertThat(tab("connect emr-serverless --region eu-")).isNotEmpty().allMatch(region -> region.startsWith("eu-"));
        assertThat(tab("connect emr-serverless --release-label ")).contains("emr-7.0.0", "emr-7.13.0");
        assertThat(tab("run tpch --platform-option s3")).containsExactly("s3_staging_dir=");
        assertThat(tab("run tpch --sweep ")).contains("executors=", "architecture=", "threads=");
    }

    @Test
    void optionNamesComeWhereAnOptionGoesAndNotTwice() {
        assertThat(tab("run tpch --scale 1 ")).contains("--validate", "--iterations", "--spark-conf").doesNotContain("--scale", "--help");
        assertThat(tab("run tpch --spark-conf a=b --")).contains("--spark-conf");
        assertThat(tab("query \"SELECT 1\" --f")).containsExactly("--format", "--force");
    }

    @Test
    void wordsTypedWithoutTheirOptionNameComplete(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("runs"));
        Files.writeString(dir.resolve("a.json"), "{}");
        Files.writeString(dir.resolve("b.json"), "{}");
        Files.writeString(dir.resolve("notes.txt"), "");
        Files.writeString(dir.resolve("tour.bbx"), "");
        String folder = dir + "/";
        assertThat(tab("compare " + folder)).containsExactlyInAnyOrder(folder + "a.json", folder + "b.json", folder + "runs/");
        assertThat(tab("compare " + folder + "a.json " + folder + "b")).containsExactly(folder + "b.json");
        assertThat(tab("report " + folder + "a")).containsExactly(folder + "a.json");
        assertThat(tab("report " + folder + "a.json --output " + folder + "n")).containsExactly(folder + "notes.txt");
        assertThat(tab("script " + folder)).containsExactlyInAnyOrder(folder + "tour.bbx", folder + "runs/");
        assertThat(tab("run tpch --dry-run " + folder)).containsExactly(folder + "runs/");
        assertThat(tab("connect duckdb --path " + folder + "t")).containsExactly(folder + "tour.bbx");
        assertThat(tab("connect e")).containsExactly("emr-serverless");
        assertThat(tab("run t")).contains("tpch", "tpcds");
        assertThat(tab("describe n")).containsExactly("nation");
        assertThat(tab("use m")).containsExactly("main");
        // a positional word already given: what comes next is an option
        assertThat(tab("describe nation ")).isEmpty();
    }

    /** TAB in a real line reader (the interactive one's completer, parser and options): what the line becomes. */
    private String lineAfterTab(String typed) throws Exception {
        ByteArrayInputStream keys = new ByteArrayInputStream((typed + "\t\n").getBytes(StandardCharsets.UTF_8));
        try (Terminal keyboard = TerminalBuilder.builder().system(false).provider("exec").type("xterm").streams(keys, new ByteArrayOutputStream())
                .encoding(StandardCharsets.UTF_8).build()) {
            LineReader reader = LineReaderBuilder.builder().terminal(keyboard).completer(completer).parser(parser).build();
            reader.unsetOpt(LineReader.Option.INSERT_TAB);
            return reader.readLine("> ");
        }
    }

    @Test
    void tabNeverRewritesAValueIntoAnOption() throws Exception {
        assertThat(lineAfterTab("run tpch --validate ")).isEqualTo("run tpch --validate ");
        assertThat(lineAfterTab("run tpch --validate r")).isEqualTo("run tpch --validate rowcount ");
        assertThat(lineAfterTab("query \"SELECT 1\" --format j")).isEqualTo("query \"SELECT 1\" --format json ");
        assertThat(lineAfterTab("run tpch --iterations ")).isEqualTo("run tpch --iterations ");
    }
}
