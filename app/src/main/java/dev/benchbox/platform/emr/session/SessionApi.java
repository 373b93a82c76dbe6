package dev.benchbox.platform.emr.session;

import static java.util.Objects.requireNonNull;

import dev.benchbox.platform.SessionInfo;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The EMR Serverless session operations (StartSession, GetSession, GetSessionEndpoint, ListSessions,
 * TerminateSession). The AWS SDK versions the registry serves have none of them, so {@link SignedSessionApi} makes
 * them as REST-JSON calls signed with the SDK's own SigV4 signer; this interface is what the rest of the shell
 * sees, so the SDK's client can replace it later in one place.
 */
public interface SessionApi extends AutoCloseable {

    /**
     * StartSession's input, with the API's member names.
     *
     * @param applicationId the application
     * @param clientToken idempotency token: a retried start carries the same one
     * @param executionRoleArn the role the session runs as
     * @param name the session's name, or null
     * @param idleTimeoutMinutes always set, so a session never outlives the shell by accident
     * @param sparkDefaults spark-defaults properties of the session (may be empty)
     * @param tags tags of the session
     */
    record StartRequest(String applicationId, String clientToken, String executionRoleArn, String name, long idleTimeoutMinutes,
            Map<String, String> sparkDefaults, Map<String, String> tags) {
        public StartRequest {
            requireNonNull(applicationId, "applicationId is null");
            requireNonNull(clientToken, "clientToken is null");
            requireNonNull(executionRoleArn, "executionRoleArn is null");
            sparkDefaults = Map.copyOf(sparkDefaults);
            tags = Map.copyOf(tags);
        }
    }

    /**
     * GetSessionEndpoint's answer: where Spark Connect listens and the token it accepts until {@code expiresAt}.
     * The token is a credential: never printed or logged ({@link #toString()} hides it).
     */
    record Endpoint(String url, String authToken, Instant expiresAt) {
        public Endpoint {
            requireNonNull(url, "url is null");
            requireNonNull(authToken, "authToken is null");
            requireNonNull(expiresAt, "expiresAt is null");
        }

        @Override
        public String toString() {
            return "Endpoint[url=" + url + ", authToken=***, expiresAt=" + expiresAt + "]";
        }
    }

    /** Usage AWS reports for an ended session (GetSession's billed and total utilization). */
    record Utilization(double vCpuHour, double memoryGbHour, double storageGbHour) {
        public static final Utilization ZERO = new Utilization(0, 0, 0);
    }

    /** GetSession's answer: the session and, once it ended, what it used and what AWS billed. */
    record Described(SessionInfo info, Utilization total, Utilization billed, long totalExecutionDurationSeconds) {
        public Described {
            requireNonNull(info, "info is null");
        }
    }

    /** Returns the new session's id. */
    String start(StartRequest request);

    Described get(String applicationId, String sessionId);

    Endpoint endpoint(String applicationId, String sessionId);

    /** Sessions of the application in the given states (all when empty), every page. */
    List<SessionInfo> list(String applicationId, List<String> states);

    void terminate(String applicationId, String sessionId);

    /** GetResourceDashboard for the session: a link to its Spark UI, valid for about an hour. */
    String dashboard(String applicationId, String sessionId);

    /** Whether the application has {@code interactiveConfiguration.sessionEnabled} (GetApplication; the SDK drops the member). */
    boolean sessionsEnabled(String applicationId);

    /** UpdateApplication with {@code interactiveConfiguration.sessionEnabled=true}; AWS takes it only while CREATED or STOPPED. */
    void enableSessions(String applicationId, String clientToken);

    @Override
    default void close() {
    }
}
