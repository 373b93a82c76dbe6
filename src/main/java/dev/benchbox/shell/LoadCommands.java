package dev.benchbox.shell;

import dev.benchbox.BenchboxException;
import dev.benchbox.platform.LoadProgress;
import dev.benchbox.platform.LoadReport;
import dev.benchbox.platform.Platform;
import dev.benchbox.session.LedgerEntry;
import dev.benchbox.session.Session;
import dev.benchbox.tpch.TpchSchema;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.shell.Availability;
import org.springframework.shell.standard.ShellComponent;
import org.springframework.shell.standard.ShellMethod;
import org.springframework.shell.standard.ShellMethodAvailability;
import org.springframework.shell.standard.ShellOption;

/** {@code load tpch} (generate) and {@code load} (from files). */
@ShellComponent
public class LoadCommands {
    private final Session session;
    private final ConnectedAvailability availability;
    private final ProgressBars progressBars;
    private final TableNameCache tableNames;
    private final Console console;

    public LoadCommands(Session session, ConnectedAvailability availability, ProgressBars progressBars,
            TableNameCache tableNames, Console console) {
        this.session = session;
        this.availability = availability;
        this.progressBars = progressBars;
        this.tableNames = tableNames;
        this.console = console;
    }

    @ShellMethod(key = "load tpch", value = "Generate TPC-H data at a scale factor and load it.", group = "Data")
    public String loadTpch(
            @ShellOption(value = "--scale", help = "scale factor, e.g. 0.01 or 1") String scale,
            @ShellOption(value = "--tables", defaultValue = ShellOption.NULL, valueProvider = TpchTableProvider.class,
                    help = "comma-separated tables (default: all eight)") String tables,
            @ShellOption(value = "--schema", defaultValue = ShellOption.NULL, help = "target schema (default: current)") String schema) {
        double scaleFactor = TpchSchema.parseScale(scale);
        List<String> selected = TpchSchema.parseTables(tables);
        Platform platform = session.platform();
        String target = schema == null ? session.schema() : schema;
        Instant started = Instant.now();
        LoadReport report;
        try (LoadProgress progress = progressBars.create()) {
            report = platform.loadTpch(target, scaleFactor, selected, progress);
        }
        tableNames.invalidate();
        session.record(new LedgerEntry(started, platform.name(), "load", "TPC-H SF" + TpchSchema.formatScale(scaleFactor),
                report.elapsedNanos() / 1e6));
        return summary("TPC-H SF" + TpchSchema.formatScale(scaleFactor), target, report);
    }

    @ShellMethod(key = "load", value = "Load tables from .tbl, .csv or .parquet files named after them.", group = "Data")
    public String load(
            @ShellOption(value = "--tables", valueProvider = TpchTableProvider.class, help = "comma-separated table names") String tables,
            @ShellOption(value = "--source", help = "directory holding TABLE.tbl, TABLE.csv or TABLE.parquet") String source,
            @ShellOption(value = "--schema", defaultValue = ShellOption.NULL, help = "target schema (default: current)") String schema) {
        List<String> selected = new ArrayList<>();
        for (String table : tables.split(",")) {
            String name = table.trim().toLowerCase(Locale.ROOT);
            if (!name.isEmpty()) {
                SchemaCommands.requireIdentifier(name, "table");
                selected.add(name);
            }
        }
        if (selected.isEmpty()) {
            throw new BenchboxException("name the tables to load with --tables t1,t2");
        }
        Platform platform = session.platform();
        String target = schema == null ? session.schema() : schema;
        Instant started = Instant.now();
        LoadReport report;
        try (LoadProgress progress = progressBars.create()) {
            report = platform.loadFiles(target, selected, Path.of(source), progress);
        }
        tableNames.invalidate();
        session.record(new LedgerEntry(started, platform.name(), "load", "files from " + source, report.elapsedNanos() / 1e6));
        return summary("files from " + source, target, report);
    }

    private String summary(String what, String schema, LoadReport report) {
        StringBuilder out = new StringBuilder();
        int width = report.rowCounts().keySet().stream().mapToInt(String::length).max().orElse(0);
        for (Map.Entry<String, Long> entry : report.rowCounts().entrySet()) {
            out.append(String.format(Locale.ROOT, "  %-" + width + "s %,12d rows%n", entry.getKey(), entry.getValue()));
        }
        long total = report.rowCounts().values().stream().mapToLong(Long::longValue).sum();
        out.append(String.format(Locale.ROOT, "Loaded %s into %s: %d tables, %,d rows in %.1f s",
                what, schema, report.rowCounts().size(), total, report.elapsedNanos() / 1e9));
        return out.toString();
    }

    @ShellMethodAvailability({"load tpch", "load"})
    public Availability connected() {
        return availability.check();
    }
}
