package dev.benchbox.platform;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Interactive sessions of a platform (EMR Serverless sessions through Spark Connect): a driver kept up so ad-hoc
 * queries answer in about a second instead of a job run each. While one is open, the platform runs
 * {@link Platform#execute} through it. A platform without them answers {@link Platform#sessions()} with empty.
 */
public interface SessionControl {

    /** Live state changes while a session starts or stops. */
    @FunctionalInterface
    interface Progress {
        Progress NONE = (id, state, since) -> { };

        void stateChanged(String sessionId, String state, Duration sinceRequest);
    }

    /**
     * Starts a session and waits until it accepts queries; one line (and nothing left running) when it cannot.
     *
     * @param name the session's name, or null for a generated one
     * @param idleTimeoutMinutes minutes without work after which the service ends it; null for the default
     */
    default SessionInfo start(String name, Integer idleTimeoutMinutes, Progress progress) {
        return start(name, idleTimeoutMinutes, null, progress);
    }

    /**
     * Starts a session for work in {@code schema}: a platform may start it differently for that schema's tables (EMR
     * Serverless gives a session over Iceberg tables Iceberg's catalog, as its job runs get).
     *
     * @param schema the connected schema, or null for none
     */
    SessionInfo start(String name, Integer idleTimeoutMinutes, String schema, Progress progress);

    /** The session this connection opened, as the service describes it now; empty when none is open. */
    Optional<SessionInfo> status();

    /** Terminates the open session and waits until it ended; one line when none is open. */
    SessionInfo stop(Progress progress);

    /** Whether a session is open, so queries go through it. */
    boolean isOpen();

    /**
     * A benchmark stream through the open session ({@code run tpch --via session}): warm-ups, then iterations of
     * every query, one after another, each timed as a user of the session waits for it (round trip included),
     * unlike a job run's in-driver timing. SQL errors are executions with an error; Ctrl-C ends the run.
     */
    List<QueryExecution> runBatch(String schema, List<BatchQuery> queries, int warmups, int iterations, int maxRowsKept,
            BatchListener listener);
}
