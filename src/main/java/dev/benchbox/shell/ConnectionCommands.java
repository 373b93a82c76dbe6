package dev.benchbox.shell;

import dev.benchbox.platform.Platform;
import dev.benchbox.session.Session;
import org.springframework.shell.standard.ShellComponent;
import org.springframework.shell.standard.ShellMethod;
import org.springframework.shell.standard.ShellOption;

/** {@code connect}, {@code disconnect}, {@code status}. */
@ShellComponent
public class ConnectionCommands {
    private final Session session;
    private final PlatformFactory platforms;
    private final TableNameCache tableNames;

    public ConnectionCommands(Session session, PlatformFactory platforms, TableNameCache tableNames) {
        this.session = session;
        this.platforms = platforms;
        this.tableNames = tableNames;
    }

    @ShellMethod(key = "connect", value = "Connect to a platform: duckdb (embedded, in-memory unless --path FILE).", group = "Session")
    public String connect(
            @ShellOption(value = "--platform", defaultValue = "duckdb", help = "platform name: duckdb") String platform,
            @ShellOption(value = "--path", defaultValue = ShellOption.NULL, help = "DuckDB database file (default: in-memory)") String path) {
        Platform opened = platforms.open(platform, path);
        session.connect(opened);
        tableNames.invalidate();
        return "Connected to " + opened.description() + ", schema " + session.schema();
    }

    @ShellMethod(key = "disconnect", value = "Close the connection, releasing what this session created.", group = "Session")
    public String disconnect() {
        return session.disconnect() ? "Disconnected" : "Not connected";
    }

    @ShellMethod(key = "status", value = "Show the connection, schema and output settings.", group = "Session")
    public String status() {
        if (!session.isConnected()) {
            return "Not connected (run 'connect duckdb')";
        }
        Platform platform = session.platform();
        return String.join(System.lineSeparator(),
                "Platform: " + platform.description(),
                "Schema:   " + session.schema() + platform.loadedTpchScale(session.schema())
                        .map(sf -> " (TPC-H SF" + dev.benchbox.tpch.TpchSchema.formatScale(sf) + " loaded)").orElse(""),
                "Output:   " + session.format().name().toLowerCase(java.util.Locale.ROOT) + ", at most "
                        + (session.maxRows() == 0 ? "all" : session.maxRows()) + " rows on screen",
                "Ran:      " + session.ledger().size() + " loads, queries and runs this session");
    }
}
