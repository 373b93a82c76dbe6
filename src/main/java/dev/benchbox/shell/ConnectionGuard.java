package dev.benchbox.shell;

import dev.benchbox.BenchboxException;
import dev.benchbox.platform.Platform;
import dev.benchbox.session.Session;
import java.util.Optional;
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
    private final Questions questions;

    public ConnectionGuard(Session session, Console console, Questions questions) {
        this.session = session;
        this.console = console;
        this.questions = questions;
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
        if (!questions.canAsk()) {
            console.warnNote(warning);
            return;
        }
        console.warn(warning);
        if (!questions.ask("Discard and connect? [y/N] ")) {
            throw new BenchboxException("kept the connection to " + platform.description() + ": nothing was closed");
        }
    }
}
