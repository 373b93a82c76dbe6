package dev.benchbox.shell;

import dev.benchbox.BenchboxException;
import dev.benchbox.dataset.Column;
import dev.benchbox.session.Session;
import java.util.List;
import org.springframework.shell.Availability;
import org.springframework.shell.standard.ShellComponent;
import org.springframework.shell.standard.ShellMethod;
import org.springframework.shell.standard.ShellMethodAvailability;
import org.springframework.shell.standard.ShellOption;

/** {@code create-schema}, {@code use}, {@code tables}, {@code describe}. */
@ShellComponent
public class SchemaCommands {
    private final Session session;
    private final ConnectedAvailability availability;
    private final TableNameCache tableNames;
    private final DryRuns dryRuns;

    public SchemaCommands(Session session, ConnectedAvailability availability, TableNameCache tableNames, DryRuns dryRuns) {
        this.session = session;
        this.availability = availability;
        this.tableNames = tableNames;
        this.dryRuns = dryRuns;
    }

    @ShellMethod(key = "create-schema", value = "Create a schema (if it does not exist) and use it; on emr-serverless a Glue database.", group = "Data")
    public String createSchema(@ShellOption(value = "--name", help = "schema name") String name,
            @ShellOption(value = "--dry-run", valueProvider = PathCompletion.Folder.class, defaultValue = ShellOption.NULL, help = "emr-serverless: write the request to this directory instead") String dryRun,
            @ShellOption(value = "--replace", defaultValue = "false", help = "with --dry-run: replace an earlier dry run in that directory (its files only)") boolean replace) {
        requireIdentifier(name, "schema");
        dev.benchbox.platform.Platform target = dryRuns.target(dryRun, replace);
        var recorder = DryRuns.recorder(target);
        int before = recorder.map(r -> r.filesWritten()).orElse(0);
        target.createSchema(name);
        if (dryRun != null) {
            return DryRuns.summary(recorder.orElseThrow(), before);
        }
        session.use(name);
        tableNames.invalidate();
        return "Schema " + name + " ready (now in use)" + recorder.map(r -> System.lineSeparator() + DryRuns.summary(r, before)).orElse("");
    }

    @ShellMethod(key = "use", value = "Switch to an existing schema.", group = "Data")
    public String use(@ShellOption(value = "--name", valueProvider = SchemaNameProvider.class, help = "schema name") String name) {
        session.use(name);
        tableNames.invalidate();
        return "Using schema " + name;
    }

    @ShellMethod(key = "tables", value = "List the tables of the current schema (through the open session, if any).", group = "Data")
    public String tables() {
        List<String> tables = session.platform().listTables(session.schema());
        tableNames.store(tables); // what completion offers next, without a look-up of its own
        if (tables.isEmpty()) {
            return "No tables in schema " + session.schema() + " (load some with 'load tpch --scale 0.01')";
        }
        return String.join(System.lineSeparator(), tables);
    }

    @ShellMethod(key = "describe", value = "Show the columns of a table (as the open session's Spark reports them, if one is open).", group = "Data")
    public String describe(@ShellOption(value = "--table", valueProvider = TableNameProvider.class, help = "table name") String table) {
        List<Column> columns = session.platform().describeTable(session.schema(), table);
        int width = columns.stream().mapToInt(c -> c.name().length()).max().orElse(0);
        StringBuilder out = new StringBuilder();
        for (Column column : columns) {
            if (out.length() > 0) {
                out.append(System.lineSeparator());
            }
            out.append(String.format("%-" + width + "s  %s", column.name(), column.type()));
        }
        return out.toString();
    }

    @ShellMethodAvailability({"create-schema", "use", "tables", "describe"})
    public Availability connected() {
        return availability.check();
    }

    static void requireIdentifier(String name, String what) {
        if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]{0,254}")) {
            throw new BenchboxException("invalid " + what + " name '" + name + "': use letters, digits and _ (not starting with a digit)");
        }
    }
}
