package dev.benchbox.shell;

import dev.benchbox.session.Session;
import jakarta.annotation.PreDestroy;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Closes the connection when the shell ends (exit, Ctrl-D, end of a script or one-shot command) and says
 * what closing does first — e.g. that it is stopping the EMR Serverless application this session created —
 * so the last seconds of the shell are not silent. Destroyed before {@link Session}, which depends on nothing.
 */
@Component
@Lazy(false) // nothing injects it: with lazy initialisation it would never exist, and so never close anything
public class SessionCloser {
    private final Session session;
    private final Console console;

    public SessionCloser(Session session, Console console) {
        this.session = session;
        this.console = console;
    }

    @PreDestroy
    public void close() {
        if (session.isConnected()) {
            session.platform().closingNote().ifPresent(note -> console.note("Closing the connection: " + note));
            // on screen, not only in the log: what is left running bills until someone stops it
            session.disconnect().forEach(console::warnNote);
        }
    }
}
