package dev.benchbox.platform;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;

/**
 * An interactive session (EMR Serverless: StartSession/GetSession) as the service describes it.
 *
 * @param id the service's session id
 * @param name the session's name, or null
 * @param state the service's state, e.g. {@code IDLE}
 * @param stateDetails why it is in that state (may be empty)
 * @param releaseLabel the release it runs
 * @param createdAt when it was asked for
 * @param startedAt when it was ready, or null
 * @param endedAt when it ended, or null
 * @param idleTimeoutMinutes minutes without work after which the service ends it
 */
public record SessionInfo(String id, String name, String state, String stateDetails, String releaseLabel, Instant createdAt,
        Instant startedAt, Instant endedAt, long idleTimeoutMinutes) {
    public SessionInfo {
        requireNonNull(id, "id is null");
        requireNonNull(state, "state is null");
        stateDetails = stateDetails == null ? "" : stateDetails;
    }

    /** Whether the session accepts queries. */
    public boolean ready() {
        return state.equals("STARTED") || state.equals("IDLE") || state.equals("BUSY");
    }

    /** Whether it ended (TERMINATED or FAILED): it bills no more. */
    public boolean ended() {
        return state.equals("TERMINATED") || state.equals("FAILED");
    }

    /** Asked for → ready, when both are known. */
    public Duration startUp() {
        return createdAt == null || startedAt == null ? null : Duration.between(createdAt, startedAt);
    }
}
