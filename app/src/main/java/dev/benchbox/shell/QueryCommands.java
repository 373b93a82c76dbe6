package dev.benchbox.shell;

import dev.benchbox.results.print.OutputFormat;
import dev.benchbox.dataset.Scale;
import dev.benchbox.session.CostService;
import dev.benchbox.session.QueryService;
import dev.benchbox.session.Session;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.springframework.shell.Availability;
import org.springframework.shell.standard.ShellComponent;
import org.springframework.shell.standard.ShellMethod;
import org.springframework.shell.standard.ShellMethodAvailability;
import org.springframework.shell.standard.ShellOption;

/** {@code query} and the session's output settings. */
@ShellComponent
public class QueryCommands {
    private final Session session;
    private final QueryService queries;
    private final ConnectedAvailability availability;
    private final Console console;
    private final CostService costs;
    private final OutputGuard outputs;

    public QueryCommands(Session session, QueryService queries, ConnectedAvailability availability, Console console,
            CostService costs, OutputGuard outputs) {
        this.costs = costs;
        this.outputs = outputs;
        this.session = session;
        this.queries = queries;
        this.availability = availability;
        this.console = console;
    }

    @ShellMethod(key = "query", value = "Run one SQL statement and show its rows (Ctrl-C cancels it).", group = "Query")
    public void query(
            @ShellOption(value = "--sql", help = "the statement, quoted") String sql,
            @ShellOption(value = "--format", defaultValue = ShellOption.NULL, valueProvider = ValueChoices.Formats.class, help = "table, csv, json or markdown") String format,
            @ShellOption(value = "--output", valueProvider = PathCompletion.AnyFile.class, defaultValue = ShellOption.NULL, help = "write every row to this file") String output,
            @ShellOption(value = "--max-rows", defaultValue = ShellOption.NULL, help = "rows shown on screen (0: all)") Integer maxRows,
            @ShellOption(value = "--max-cost", defaultValue = ShellOption.NULL, help = "refuse to start when the estimate exceeds this many USD, and cancel the job run (or the session's statement, terminating the session) once what it will be billed passes it") String maxCost,
            @ShellOption(value = "--force", defaultValue = "false", help = "replace an existing --output file") boolean force) {
        // a single query is bounded by a power run's estimate at the scale the schema holds
        if (maxCost != null) {
            var loaded = Loaded.in(session.platform(), session.schema());
            costs.checkMaxCost(maxCost, loaded.benchmark(), loaded.scale().map(Scale::value).orElse(0.01), 1);
        }
        OutputFormat outputFormat = format == null ? null : OutputFormat.parse(format);
        if (maxRows != null && maxRows < 0) {
            throw new IllegalArgumentException("invalid --max-rows " + maxRows + ": expected 0 (all) or more");
        }
        // the limit holds while the statement runs too: passing it cancels its job run (or its statement and the open session)
        try (var cap = costs.capWhileRunning(maxCost)) {
            run(sql, outputFormat, output, maxRows, force);
        }
    }

    private void run(String sql, OutputFormat outputFormat, String output, Integer maxRows, boolean force) {
        PrintWriter out = console.writer();
        if (output != null) {
            Path file = Path.of(output);
            OutputFormat fileFormat = outputFormat != null ? outputFormat : formatForFile(file);
            boolean mayReplace = outputs.mayReplace(file, List.of(), force);
            QueryService.Outcome outcome = queries.toFile(sql, fileFormat, file, mayReplace);
            console.note(String.format(Locale.ROOT, "%s written to %s (%s) in %s",
                    rows(outcome.summary().rowCount()), output, fileFormat.name().toLowerCase(Locale.ROOT), elapsed(outcome)));
            return;
        }
        QueryService.Outcome outcome = queries.toScreen(sql, outputFormat != null ? outputFormat : session.format(),
                maxRows != null ? maxRows : session.maxRows(), out);
        out.flush();
        if (outcome.summary().columns().isEmpty()) {
            console.note(String.format(Locale.ROOT, "OK, %s affected (%s)", rows(outcome.summary().rowCount()), elapsed(outcome)));
        } else if (outcome.hidden() > 0) {
            console.note(String.format(Locale.ROOT, "(%s, %,d not shown: raise --max-rows or use --output FILE; %s)",
                    rows(outcome.summary().rowCount()), outcome.hidden(), elapsed(outcome)));
        } else {
            console.note(String.format(Locale.ROOT, "(%s, %s)", rows(outcome.summary().rowCount()), elapsed(outcome)));
        }
    }

    @ShellMethod(key = "output", value = "Show or set the output format and the rows shown on screen.", group = "Query")
    public String output(
            @ShellOption(value = "--format", defaultValue = ShellOption.NULL, valueProvider = ValueChoices.Formats.class, help = "table, csv, json or markdown") String format,
            @ShellOption(value = "--max-rows", defaultValue = ShellOption.NULL, help = "rows shown on screen (0: all)") Integer maxRows) {
        if (format != null) {
            session.format(OutputFormat.parse(format));
        }
        if (maxRows != null) {
            session.maxRows(maxRows);
        }
        return "Output: " + session.format().name().toLowerCase(Locale.ROOT) + ", at most "
                + (session.maxRows() == 0 ? "all" : String.valueOf(session.maxRows())) + " rows on screen";
    }

    private static OutputFormat formatForFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".json")) {
            return OutputFormat.JSON;
        }
        if (name.endsWith(".md")) {
            return OutputFormat.MARKDOWN;
        }
        if (name.endsWith(".txt")) {
            return OutputFormat.TABLE;
        }
        return OutputFormat.CSV;
    }

    /** {@code 1 row}, {@code 2 rows}, {@code 1,000 rows}. */
    static String rows(long count) {
        return String.format(Locale.ROOT, "%,d row%s", count, count == 1 ? "" : "s");
    }

    private static String elapsed(QueryService.Outcome outcome) {
        double ms = outcome.summary().elapsedNanos() / 1e6;
        return ms < 1000 ? String.format(Locale.ROOT, "%.1f ms", ms) : String.format(Locale.ROOT, "%.2f s", ms / 1000);
    }

    @ShellMethodAvailability({"query"})
    public Availability connected() {
        return availability.check();
    }
}
