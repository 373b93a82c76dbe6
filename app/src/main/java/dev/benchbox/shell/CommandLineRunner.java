package dev.benchbox.shell;

import dev.benchbox.session.Session;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.core.annotation.Order;
import org.springframework.shell.ShellRunner;
import org.springframework.shell.context.InteractionMode;
import org.springframework.shell.context.ShellContext;
import org.springframework.stereotype.Component;

/**
 * Non-interactive use: {@code benchbox [--debug] --script FILE [--continue-on-error]} replays a script,
 * {@code benchbox [--debug] [--path DB] COMMAND ...} runs one command and exits, on the embedded DuckDB
 * (in memory, or the database file given with {@code --path}) unless the command connects itself. The exit status is non-zero when a
 * command failed, or (see {@link ExitStatus}) when a one-shot run left answers unvalidated. Without arguments the interactive shell runs instead.
 */
@Component
@Order(-100)
public class CommandLineRunner implements ShellRunner {
    private final BenchboxShell shell;
    private final ShellContext shellContext;
    private final ScriptRunner scriptRunner;
    private final ErrorReporter errorReporter;
    private final ExitStatus exitStatus;
    private final Console console;
    private final Session session;
    private final PlatformFactory platforms;
    private final SignalCancellation signals;

    public CommandLineRunner(BenchboxShell shell, ShellContext shellContext, ScriptRunner scriptRunner,
            ErrorReporter errorReporter, ExitStatus exitStatus, Console console, Session session, PlatformFactory platforms,
            SignalCancellation signals) {
        this.signals = signals;
        this.session = session;
        this.platforms = platforms;
        this.shell = shell;
        this.shellContext = shellContext;
        this.scriptRunner = scriptRunner;
        this.errorReporter = errorReporter;
        this.exitStatus = exitStatus;
        this.console = console;
    }

    private static final java.util.Set<String> AUTO_CONNECT_EXEMPT =
            java.util.Set.of("connect", "run", "help", "script", "disconnect", "status", "cost", "iam-policy",
                    "compare", "report");

    @Override
    public boolean run(String[] args) {
        List<String> words = new ArrayList<>(Arrays.asList(args));
        // launcher options come before the command
        String script = null;
        String databasePath = null;
        boolean continueOnError = false;
        while (!words.isEmpty() && words.get(0).startsWith("--")) {
            String option = words.get(0);
            if (option.equals("--debug")) {
                console.debug(true);
                words.remove(0);
            } else if (option.equals("--continue-on-error")) {
                continueOnError = true;
                words.remove(0);
            } else if (dev.benchbox.LauncherUsage.takesValue(option)) {
                words.remove(0);
                if (words.isEmpty()) {
                    errorReporter.report(null, new IllegalArgumentException(option + " needs a file: " + option + " FILE"));
                    exitStatus.fail();
                    return true;
                }
                if (option.equals("--path")) {
                    databasePath = words.remove(0);
                } else {
                    script = words.remove(0);
                }
            } else {
                break;
            }
        }
        if (script == null && words.isEmpty()) {
            // only launcher options: go interactive
            return false;
        }
        shellContext.setInteractionMode(InteractionMode.NONINTERACTIVE);
        String scriptFile = script;
        String database = databasePath;
        boolean goOn = continueOnError;
        // SIGINT and SIGTERM cancel the work as Ctrl-C does; closing the session afterwards stops what it started
        boolean[] reported = {false};
        signals.run(() -> reported[0] = execute(words, scriptFile, database, goOn));
        signals.received().ifPresent(signal -> {
            if (!reported[0]) {
                console.error(signals.prefix() + "cancelled");
            }
            exitStatus.cancelledBy(signal);
        });
        return true;
    }

    /** Runs the script or the one command; returns whether it reported a failure. */
    private boolean execute(List<String> words, String script, String databasePath, boolean continueOnError) {
        try {
            if (script != null) {
                if (!words.isEmpty()) {
                    throw new IllegalArgumentException("unexpected arguments after --script " + script + ": " + String.join(" ", words));
                }
                ScriptRunner.Report report = scriptRunner.run(Path.of(script), continueOnError);
                if (!report.succeeded()) {
                    if (!report.stopped() && signals.received().isEmpty()) {
                        console.warnNote(report.summary());
                    }
                    exitStatus.fail();
                    return true;
                }
                return false;
            }
            // a one-shot command runs on the embedded default unless it connects itself
            if (!AUTO_CONNECT_EXEMPT.contains(words.get(0)) && !session.isConnected()) {
                var opened = platforms.open("duckdb", databasePath, java.util.Map.of(), null, false);
                session.connect(opened.platform());
                // e.g. the staging tables a killed load left were removed: said once, on standard error
                opened.notes().forEach(console::warnNote);
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new dev.benchbox.BenchboxException(words.get(0) + " cancelled before it started");
            }
            BenchboxShell.Outcome outcome = shell.execute(words, String.join(" ", words));
            if (outcome.failed()) {
                errorReporter.report(signals.prefix(), outcome.failure());
                exitStatus.fail();
                return true;
            }
            // a script is a list of commands that succeeded; one run alone says whether its answers were checked
            exitStatus.reportUnvalidated();
        } catch (RuntimeException e) {
            errorReporter.report(signals.prefix(), e);
            exitStatus.fail();
            return true;
        }
        return false;
    }
}
