package dev.benchbox.shell;

import dev.benchbox.platform.Platform;
import dev.benchbox.session.Session;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Runs around a {@code connect} that replaces the session's connection. Before the new connection is opened it asks,
 * interactively, before discarding data that lives only in this process (an in-memory DuckDB holding tables), also
 * when the {@code connect} comes from a {@code script} run inside the shell; a "no" keeps the connection and fails the
 * command, so a script stops there. Once the new connection is open, just before the old one closes, it says what is
 * closed and what closing does or loses: a {@code connect} that fails closes nothing, so it says nothing. Non-interactively
 * (a one-shot command or {@code --script}) nobody can answer: the warning goes to standard error and the connect goes
 * ahead, because the data was made by that same run, whose author wrote the second {@code connect}.
 */
@Component
public class ConnectionGuard {
    private final Session session;
    private final Console console;
    private final Questions questions;

    public ConnectionGuard(Session session, Console console, Questions questions) {
        this.session = session;
        this.console = console;
        this.questions = questions;
    }

    /**
     * Before the new connection is opened: interactively, asks before data only this process holds would be lost.
     *
     * @return false when the user chose to keep the current connection (an answer, not a failure: {@link #kept} says so)
     */
    public boolean beforeReplacing() {
        Optional<Platform> current = session.currentPlatform();
        if (current.isEmpty() || !interactive()) {
            return true;
        }
        Platform platform = current.get();
        Optional<String> lost = platform.lostOnClose();
        if (lost.isEmpty()) {
            return true;
        }
        console.warn(lost(platform, lost.get()));
        return questions.ask("Discard and connect? [y/N] ");
    }

    /** What is said when the user kept the current connection. */
    static String kept(Platform platform) {
        return "Kept the connection to " + platform.description() + ": nothing was closed";
    }

    /** The new connection is open: says what closing the current one does (unless the question said it already). */
    public void replacing() {
        Optional<Platform> current = session.currentPlatform();
        if (current.isEmpty()) {
            return;
        }
        Platform platform = current.get();
        Optional<String> lost = platform.lostOnClose();
        if (lost.isEmpty()) {
            // what closing does to what it holds (EMR: stopping the application this session created)
            console.note("Closing " + platform.description() + platform.closingNote().map(note -> ": " + note).orElse(""));
        } else if (!interactive()) {
            console.warnNote(lost(platform, lost.get()));
        }
    }

    private static String lost(Platform platform, String what) {
        return "Closing " + platform.description() + " discards its " + what;
    }

    private boolean interactive() {
        return questions.canAsk();
    }
}
