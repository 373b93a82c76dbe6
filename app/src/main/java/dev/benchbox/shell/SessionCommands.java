package dev.benchbox.shell;

import dev.benchbox.BenchboxException;
import dev.benchbox.platform.Platform;
import dev.benchbox.platform.SessionControl;
import dev.benchbox.platform.SessionInfo;
import dev.benchbox.session.Session;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.springframework.shell.Availability;
import org.springframework.shell.standard.ShellComponent;
import org.springframework.shell.standard.ShellMethod;
import org.springframework.shell.standard.ShellMethodAvailability;
import org.springframework.shell.standard.ShellOption;

/**
 * {@code session start|status|stop}: an interactive session on the connected platform (EMR Serverless through Spark
 * Connect), through which {@code query}, {@code tables}, {@code describe} and table-name completion then answer in
 * about a second instead of a job run each.
 */
@ShellComponent
public class SessionCommands {
    private final Session session;
    private final Console console;
    private final DryRuns dryRuns;
    private final TableNameCache tableNames;

    public SessionCommands(Session session, Console console, DryRuns dryRuns, TableNameCache tableNames) {
        this.session = session;
        this.console = console;
        this.dryRuns = dryRuns;
        this.tableNames = tableNames;
    }

    @ShellMethod(key = "session start", value = "Start an interactive session on the connected EMR Serverless application (EMR 7.13.0+): "
            + "query then runs through Spark Connect in about a second; it bills while up and ends after its idle timeout.",
            group = "EMR Serverless")
    public String start(
            @ShellOption(value = "--idle-timeout-minutes", defaultValue = ShellOption.NULL, help = "end it after this many idle minutes (default 30)") Integer idleTimeoutMinutes,
            @ShellOption(value = "--name", defaultValue = ShellOption.NULL, help = "the session's name") String name,
            @ShellOption(value = "--dry-run", valueProvider = PathCompletion.Folder.class, defaultValue = ShellOption.NULL, help = "write the StartSession request to this directory instead") String dryRun,
            @ShellOption(value = "--replace", defaultValue = "false", help = "with --dry-run: replace an earlier dry run in that directory (its files only)") boolean replace) {
        Platform target = dryRuns.target(dryRun, replace);
        SessionControl sessions = control(target, "session start");
        // the connected schema's tables may need more of the session (Iceberg's catalog for Iceberg tables)
        SessionInfo info = sessions.start(name, idleTimeoutMinutes, session.schema(), this::progress);
        if (target.dryRun().isPresent()) {
            return "Dry run: StartSession written to " + target.dryRun().get().directory() + "; nothing was sent to AWS";
        }
        tableNames.invalidate(); // completion now offers what the session's Spark sees, fetched in the background
        // how long it took was said as it happened (session ... STARTED after 12.9 s): one figure, the wait the user saw
        return String.format(Locale.ROOT, "Session %s %s: queries now run through it (idle timeout %d minutes; it bills while up, "
                + "'session stop' ends it)", info.id(), info.state(), info.idleTimeoutMinutes());
    }

    @ShellMethod(key = "session status", value = "Show the open session: state, release, time up, idle timeout.", group = "EMR Serverless")
    public String status() {
        SessionControl sessions = control(session.platform(), "session status");
        return sessions.status().map(info -> describe(info) + JobRunCommands.sessionUi(session.platform()))
                .orElse("No session is open ('session start' opens one)");
    }

    @ShellMethod(key = "session stop", value = "Terminate the open session (it stops billing); queries go back to job runs.", group = "EMR Serverless")
    public String stop() {
        SessionControl sessions = control(session.platform(), "session stop");
        SessionInfo info = sessions.stop(this::progress);
        tableNames.invalidate(); // back to the catalog's names: the session's temporary views are gone
        return "Session " + info.id() + " " + info.state() + (info.stateDetails().isEmpty() ? "" : " - " + info.stateDetails())
                + "; 'cost' shows what it billed";
    }

    /** Starts a session right after {@code connect --session}. */
    String startAfterConnect() {
        return start(null, null, null, false);
    }

    private void progress(String id, String state, Duration since) {
        console.println(String.format(Locale.ROOT, "session %s %s after %.1f s", id, state, since.toMillis() / 1000.0));
    }

    static String describe(SessionInfo info) {
        StringBuilder out = new StringBuilder("Session:       ").append(info.id()).append(info.name() == null ? "" : " (" + info.name() + ")");
        out.append(System.lineSeparator()).append("State:         ").append(info.state())
                .append(info.stateDetails().isEmpty() ? "" : " - " + info.stateDetails());
        out.append(System.lineSeparator()).append("Release:       ").append(info.releaseLabel());
        if (info.startedAt() != null) {
            Instant end = info.endedAt() != null ? info.endedAt() : Instant.now();
            out.append(System.lineSeparator()).append("Up:            ").append(minutesSeconds(Duration.between(info.startedAt(), end)));
        }
        out.append(System.lineSeparator()).append("Idle timeout:  ").append(info.idleTimeoutMinutes()).append(" minutes");
        return out.toString();
    }

    private static String minutesSeconds(Duration d) {
        return String.format(Locale.ROOT, "%dm %02ds", d.toMinutes(), d.toSecondsPart());
    }

    private static SessionControl control(Platform platform, String command) {
        return platform.sessions().orElseThrow(() -> new BenchboxException("'" + command + "' is not offered by the connected platform ("
                + platform.name() + "): sessions are EMR Serverless's (7.13.0+); connect emr-serverless for them"));
    }

    @ShellMethodAvailability({"session start", "session status", "session stop"})
    public Availability connected() {
        return session.isConnected() ? Availability.available()
                : Availability.unavailable("you are not connected (run 'connect emr-serverless ...' first)");
    }
}
