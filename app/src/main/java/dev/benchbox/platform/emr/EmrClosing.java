package dev.benchbox.platform.emr;

import static java.util.Objects.requireNonNull;

import dev.benchbox.BenchboxException;
import dev.benchbox.platform.emr.session.EmrSessions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What closing an EMR Serverless connection does, and says it does: applications a sweep created are deleted, the open
 * session terminated, the application stopped (or deleted, when asked) only if this session created it, the clients
 * closed if the connection owns them. Closing never fails: what it could not do comes back as lines, each with the
 * AWS CLI command that does it by hand.
 */
final class EmrClosing {
    private static final Logger log = LoggerFactory.getLogger(EmrClosing.class);

    private final EmrOptions options;
    private final ApplicationManager applications;
    private final String applicationId;
    private final boolean createdBySession;
    private final EmrSessions sessions;
    private final AwsClients clients;
    private final boolean ownsClients;
    /** Applications a sweep created and has not deleted yet: closing the connection deletes them (e.g. on exit mid-sweep). */
    private final Map<String, ApplicationManager> sweepApplications = new ConcurrentHashMap<>();
    private volatile boolean deleteOnClose;

    EmrClosing(EmrOptions options, ApplicationManager applications, String applicationId, boolean createdBySession, EmrSessions sessions,
            AwsClients clients, boolean ownsClients) {
        this.options = requireNonNull(options, "options is null");
        this.applications = requireNonNull(applications, "applications is null");
        this.applicationId = applicationId;
        this.createdBySession = createdBySession;
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.clients = requireNonNull(clients, "clients is null");
        this.ownsClients = ownsClients;
    }

    void sweepApplicationCreated(String id, ApplicationManager manager) {
        sweepApplications.put(id, manager);
    }

    void sweepApplicationDeleted(String id) {
        sweepApplications.remove(id);
    }

    /** Only an application this session created can be deleted. */
    void deleteOnClose() {
        if (!createdBySession) {
            throw new BenchboxException("application " + applicationId + " was not created by this session: "
                    + "BenchBox never stops or deletes an application you brought");
        }
        deleteOnClose = true;
    }

    /** What closing will do to the application, in words. */
    String note() {
        String session = sessions.isOpen() ? "terminating the open session, " : "";
        if (!createdBySession) {
            return session + "application " + applicationId + " left as it was (not created by this session)";
        }
        if (deleteOnClose) {
            return session + "deleting application " + applicationId + " (created by this session)";
        }
        // stopped costs nothing, but it stays in the account: say so, and how to delete it once the shell cannot
        return session + "stopping application " + applicationId + " (created by this session); it stays: delete it with "
                + applications.byHand("delete-application", applicationId);
    }

    /** Closes: deletes the sweeps' applications, terminates the session, stops or deletes the application if this session created it. */
    List<String> close() {
        List<String> leftRunning = new ArrayList<>();
        sweepApplications.forEach((id, manager) -> {
            try {
                manager.delete(id);
            } catch (RuntimeException e) {
                log.warn("could not delete application {} created for a sweep: {}", id, e.getMessage());
                leftRunning.add("could not delete application " + id + " created for a sweep (" + reason(e) + "): "
                        + cli("stop-application", id) + " && " + cli("delete-application", id));
            }
        });
        sweepApplications.clear();
        sessions.close(); // a session this shell started never outlives it (closing it never fails)
        try {
            if (createdBySession) {
                if (deleteOnClose) {
                    applications.delete(applicationId);
                } else {
                    applications.stop(applicationId, false);
                }
            }
        } catch (RuntimeException e) {
            // closing never fails; the application's own auto-stop is the safety net, but it bills until then
            log.warn("could not {} application {}: {}", deleteOnClose ? "delete" : "stop", applicationId, e.getMessage());
            leftRunning.add(deleteOnClose
                    ? "could not delete application " + applicationId + " (" + reason(e) + "): " + cli("stop-application", applicationId)
                            + " && " + cli("delete-application", applicationId)
                    : "could not stop application " + applicationId + " (" + reason(e) + "; it stops itself after "
                            + options.idleTimeoutMinutes() + " idle minutes): " + cli("stop-application", applicationId));
        } finally {
            if (ownsClients) {
                clients.close();
            }
        }
        sessions.notTerminated().ifPresent(id -> leftRunning.add("could not terminate session " + id + " on application "
                + applicationId + ": end it in EMR Studio, or stop the application: " + cli("stop-application", applicationId)));
        return List.copyOf(leftRunning);
    }

    /** The AWS CLI command that does {@code action} to application {@code id} by hand. */
    private String cli(String action, String id) {
        return "aws emr-serverless " + action + " --application-id " + id + " --region " + options.region()
                + (options.endpointUrl() == null ? "" : " --endpoint-url " + options.endpointUrl());
    }

    private static String reason(RuntimeException e) {
        String text = e instanceof AwsCallFailed call
                ? AwsFailureMessages.aws(call.service(), call.operation(), call.resource(), call.region(), call.getCause())
                : e.getMessage();
        return text == null ? e.getClass().getSimpleName() : text.lines().findFirst().orElse(text);
    }
}
