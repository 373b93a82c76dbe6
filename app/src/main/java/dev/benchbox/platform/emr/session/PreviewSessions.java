package dev.benchbox.platform.emr.session;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.benchbox.BenchboxException;
import dev.benchbox.platform.SessionControl;
import dev.benchbox.platform.SessionInfo;
import dev.benchbox.platform.emr.DryRunRecorder;
import java.util.Map;
import java.util.Optional;

/**
 * Sessions of a dry run: {@code session start} writes the StartSession request (with its path parameter) as the API
 * receives it, checked like a live start first; nothing is sent and no session opens.
 */
public final class PreviewSessions implements SessionControl {
    private final DryRunRecorder recorder;
    private final String applicationId;
    private final String executionRoleArn;
    private final String releaseLabel;

    public PreviewSessions(DryRunRecorder recorder, String applicationId, String executionRoleArn, String releaseLabel) {
        this.recorder = requireNonNull(recorder, "recorder is null");
        this.applicationId = requireNonNull(applicationId, "applicationId is null");
        this.executionRoleArn = requireNonNull(executionRoleArn, "executionRoleArn is null");
        this.releaseLabel = requireNonNull(releaseLabel, "releaseLabel is null");
    }

    @Override
    public SessionInfo start(String name, Integer idleTimeoutMinutes, Progress progress) {
        long idle = idleTimeoutMinutes == null ? EmrSessionControl.DEFAULT_IDLE_TIMEOUT_MINUTES : idleTimeoutMinutes;
        if (idle < 1 || idle > 10080) {
            throw new BenchboxException("invalid --idle-timeout-minutes " + idle + ": expected 1 to 10080 (7 days)");
        }
        if (!EmrSessionControl.supportsSessions(releaseLabel)) {
            throw new BenchboxException("release " + releaseLabel + ": sessions need " + EmrSessionControl.MIN_RELEASE + " or later");
        }
        String sessionName = name == null ? "benchbox-session" : name;
        SessionApi.StartRequest request = new SessionApi.StartRequest(applicationId, "dry-run-client-token", executionRoleArn, sessionName,
                idle, Map.of("spark.hadoop.hive.metastore.client.factory.class",
                        "com.amazonaws.glue.catalog.metastore.AWSGlueDataCatalogHiveClientFactory"), Map.of("created-by", "benchbox"));
        ObjectNode json = SignedSessionApi.startBody(request);
        ObjectNode withPath = json.objectNode().put("applicationId", applicationId);
        withPath.setAll(json);
        recorder.record("StartSession", null, withPath);
        return new SessionInfo("dry-run", sessionName, "SUBMITTED", "dry run: StartSession written to " + recorder.directory(),
                releaseLabel, null, null, null, idle);
    }

    @Override
    public Optional<SessionInfo> status() {
        return Optional.empty();
    }

    @Override
    public SessionInfo stop(Progress progress) {
        throw new BenchboxException("no session is open (a dry run starts none)");
    }

    @Override
    public boolean isOpen() {
        return false;
    }

    @Override
    public java.util.List<dev.benchbox.platform.QueryExecution> runBatch(String schema, java.util.List<dev.benchbox.platform.BatchQuery> queries,
            int warmups, int iterations, int maxRowsKept, dev.benchbox.platform.BatchListener listener) {
        throw new BenchboxException("--via session is not previewed: a dry run writes the job run a power run sends");
    }
}
