package dev.benchbox.shell;

import dev.benchbox.BenchboxException;
import dev.benchbox.platform.Platform;
import dev.benchbox.platform.CapacityControl;
import dev.benchbox.platform.PlatformProvider.Connection;
import dev.benchbox.session.Session;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.springframework.shell.standard.ShellComponent;
import org.springframework.shell.standard.ShellMethod;
import org.springframework.shell.standard.ShellOption;

/** {@code connect}, {@code disconnect}, {@code status}. */
@ShellComponent
public class ConnectionCommands {
    private final Session session;
    private final PlatformFactory platforms;
    private final TableNameCache tableNames;

    private final ConnectionGuard guard;
    private final Console console;
    private final SessionCommands sessions;

    public ConnectionCommands(Session session, PlatformFactory platforms, TableNameCache tableNames, ConnectionGuard guard,
            Console console, SessionCommands sessions) {
        this.guard = guard;
        this.console = console;
        this.sessions = sessions;
        this.session = session;
        this.platforms = platforms;
        this.tableNames = tableNames;
    }

    /**
     * {@code connect}, as {@link ConnectCommand} registers it.
     *
     * @param flags     every platform option's key and its flag's value (null when the flag was not given)
     * @param sparkConf {@code --spark-conf key=value} pairs: Spark settings on every job run of this connection
     */
    public String connect(String platform, String path, Map<String, String> flags, String[] platformOptions, String dryRun,
            boolean replace, boolean startSession, String[] sparkConf) {
        // checked before anything connects: a malformed value costs no AWS call
        Map<String, String> spark = dev.benchbox.platform.SparkSettings.parse(sparkConf);
        if (!guard.beforeReplacing()) {
            return ConnectionGuard.kept(session.platform());
        }
        Connection opened = platforms.open(platform, path, PlatformOptions.merge(flags, platformOptions),
                dryRun == null ? null : Path.of(dryRun), replace);
        try {
            SparkConfs.sessionDefaults(opened.platform(), spark);
            // only now, with the new connection open and checked, is the current one closed: a failure above changes nothing
            guard.replacing();
        } catch (RuntimeException e) {
            opened.platform().close();
            throw e;
        }
        session.connect(opened.platform()).forEach(console::warnNote);
        tableNames.invalidate();
        String connected = connectedMessage(opened, session.schema())
                + (spark.isEmpty() ? "" : System.lineSeparator() + "Spark settings on every job run: " + describe(spark));
        if (!startSession) {
            return connected;
        }
        if (opened.platform().sessions().isEmpty()) {
            return connected + System.lineSeparator() + "--session: " + opened.platform().name() + " has no sessions (EMR Serverless 7.13.0+ has)";
        }
        console.println(connected);
        return sessions.startAfterConnect();
    }

    private static String describe(Map<String, String> conf) {
        return String.join(" ", dev.benchbox.Redaction.settings(conf).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }

    static String connectedMessage(Connection connection, String schema) {
        StringBuilder message = new StringBuilder("Connected to " + connection.platform().description() + ", schema " + schema);
        connection.notes().forEach(note -> message.append(System.lineSeparator()).append(note));
        return message.toString();
    }

    @ShellMethod(key = "disconnect", value = "Close the connection, releasing what this session created (--delete: delete an application it created).",
            group = "Session")
    public String disconnect(
            @ShellOption(value = "--delete", defaultValue = "false", help = "emr-serverless: delete the application this session created") boolean delete) {
        if (!session.isConnected()) {
            return "Not connected";
        }
        Platform platform = session.platform();
        if (delete) {
            platform.capacity().orElseThrow(() -> new BenchboxException("--delete is not offered by the connected platform ("
                    + platform.name() + "): it deletes an EMR Serverless application this session created")).deleteOnClose();
        }
        String note = platform.closingNote().orElse(null);
        List<String> leftRunning = session.disconnect();
        String done = note == null ? "Disconnected" : "Disconnected: " + note;
        return leftRunning.isEmpty() ? done : done + System.lineSeparator() + String.join(System.lineSeparator(), leftRunning);
    }

    @ShellMethod(key = "status", value = "Show the connection, schema and output settings.", group = "Session")
    public String status() {
        if (!session.isConnected()) {
            return "Not connected (run 'connect duckdb')";
        }
        Platform platform = session.platform();
        return String.join(System.lineSeparator(),
                "Platform: " + platform.description(),
                "Schema:   " + session.schema() + Loaded.in(platform, session.schema()).describe(),
                "Output:   " + session.format().name().toLowerCase(java.util.Locale.ROOT) + ", at most "
                        + (session.maxRows() == 0 ? "all" : session.maxRows()) + " rows on screen",
                "Ran:      " + session.ledger().size() + " loads, queries and runs this session");
    }
}
