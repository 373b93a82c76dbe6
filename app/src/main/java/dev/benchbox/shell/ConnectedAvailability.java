package dev.benchbox.shell;

import dev.benchbox.session.Session;
import org.springframework.shell.Availability;
import org.springframework.stereotype.Component;

/** Commands that act on a platform are unavailable until {@code connect}. */
@Component
public class ConnectedAvailability {
    private final Session session;

    public ConnectedAvailability(Session session) {
        this.session = session;
    }

    public Availability check() {
        return session.isConnected()
                ? Availability.available()
                : Availability.unavailable("you are not connected (run 'connect duckdb' first)");
    }
}
