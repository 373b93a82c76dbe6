package dev.benchbox.shell;

import dev.benchbox.BenchboxException;
import dev.benchbox.platform.Platform;
import dev.benchbox.session.Session;
import java.util.Optional;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.shell.context.InteractionMode;
import org.springframework.shell.context.ShellContext;
import org.springframework.stereotype.Component;

/**
 * Runs before a {@code connect} replaces the session's connection: says what is being closed and what is lost.
 * Interactively it asks before discarding data that lives only in this process (an in-memory DuckDB holding
 * tables), also when the {@code connect} comes from a {@code script} run inside the shell; a "no" keeps the
 * connection and fails the command, so a script stops there. Non-interactively (a one-shot command or
 * {@code --script}) nobody can answer: the same warning goes to standard error and the connect goes ahead,
 * because the data was made by that same run, whose author wrote the second {@code connect}.
 */
@Component
public class ConnectionGuard {
    private final Session session;
    private final Console console;
    private final ShellContext shellContext;
    private final ObjectProvider<LineReader> lineReader;

    public ConnectionGuard(Session session, Console console, ShellContext shellContext, ObjectProvider<LineReader> lineReader) {
        this.session = session;
        this.console = console;
        this.shellContext = shellContext;
        this.lineReader = lineReader;
    }

    /** @throws BenchboxException when the user chose to keep the current connection */
    public void beforeReplacing() {
        Optional<Platform> current = session.currentPlatform();
        if (current.isEmpty()) {
            return;
        }
        Platform platform = current.get();
        Optional<String> lost = platform.lostOnClose();
        if (lost.isEmpty()) {
            // what closing does to what it holds (EMR: stopping the application this session created)
            console.note("Closing " + platform.description() + platform.closingNote().map(note -> ": " + note).orElse(""));
            return;
        }
        String warning = "Closing " + platform.description() + " discards its " + lost.get();
        if (shellContext.getInteractionMode() != InteractionMode.INTERACTIVE) {
            console.warnNote(warning);
            return;
        }
        console.warn(warning);
        if (!ask("Discard and connect? [y/N] ")) {
            throw new BenchboxException("kept the connection to " + platform.description() + ": nothing was closed");
        }
    }

    /** Yes only for y or yes; Ctrl-C, Ctrl-D and anything else are no. */
    private boolean ask(String question) {
        LineReader reader = lineReader.getObject();
        Object history = reader.getVariable(LineReader.DISABLE_HISTORY);
        // the answer is not a command: keep it out of the history
        reader.setVariable(LineReader.DISABLE_HISTORY, true);
        try {
            String answer = reader.readLine(question).strip();
            return answer.equalsIgnoreCase("y") || answer.equalsIgnoreCase("yes");
        } catch (UserInterruptException | EndOfFileException e) {
            return false;
        } finally {
            reader.setVariable(LineReader.DISABLE_HISTORY, history == null ? false : history);
        }
    }
}
