package dev.benchbox.platform.emr.session;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.benchbox.BenchboxException;
import dev.benchbox.platform.emr.job.ReleaseLabel;
import dev.benchbox.platform.SessionInfo;
import java.util.Map;
import java.util.Optional;

/**
 * Sessions of a dry run: {@code session start} writes the StartSession request (with its path parameter) as the API
 * receives it, checked like a live start first; nothing is sent and no session opens, so none is ever used, billed
 * or left to terminate.
 */
public final class PreviewSessions implements EmrSessions {
    private final RequestWriter recorder;
    private final String applicationId;
    private final String executionRoleArn;
    private final String releaseLabel;
    private final java.util.function.Supplier<Map<String, String>> tags;
    private final java.util.function.Predicate<String> icebergTables;
    private final String staging;

    public PreviewSessions(RequestWriter recorder, String applicationId, String executionRoleArn, String releaseLabel) {
        this(recorder, applicationId, executionRoleArn, releaseLabel, () -> Map.of("created-by", "benchbox"));
    }

    /** @param tags the tags a session started now would carry */
    public PreviewSessions(RequestWriter recorder, String applicationId, String executionRoleArn, String releaseLabel,
            java.util.function.Supplier<Map<String, String>> tags) {
        this(recorder, applicationId, executionRoleArn, releaseLabel, tags, database -> false, null);
    }

    /**
     * @param icebergTables whether a Glue database holds Iceberg tables, as the dry run knows them
     * @param staging the staging location (Iceberg's warehouse is under it)
     */
    public PreviewSessions(RequestWriter recorder, String applicationId, String executionRoleArn, String releaseLabel,
            java.util.function.Supplier<Map<String, String>> tags, java.util.function.Predicate<String> icebergTables, String staging) {
        this.icebergTables = requireNonNull(icebergTables, "icebergTables is null");
        this.staging = staging;
        this.tags = requireNonNull(tags, "tags is null");
        this.recorder = requireNonNull(recorder, "recorder is null");
        this.applicationId = requireNonNull(applicationId, "applicationId is null");
        this.executionRoleArn = requireNonNull(executionRoleArn, "executionRoleArn is null");
        this.releaseLabel = requireNonNull(releaseLabel, "releaseLabel is null");
    }

    @Override
    public SessionInfo start(String name, Integer idleTimeoutMinutes, String schema, Progress progress) {
        long idle = idleTimeoutMinutes == null ? EmrSessionControl.DEFAULT_IDLE_TIMEOUT_MINUTES : idleTimeoutMinutes;
        if (idle < 1 || idle > 10080) {
            throw new BenchboxException("invalid --idle-timeout-minutes " + idle + ": expected 1 to 10080 (7 days)");
        }
        if (!ReleaseLabel.supportsSessions(releaseLabel)) {
            throw new BenchboxException("release " + releaseLabel + ": " + ReleaseLabel.SESSIONS_NEED);
        }
        String sessionName = name == null ? dev.benchbox.platform.emr.job.ResourceNames.createdAt(java.time.Instant.now()) : name;
        SessionApi.StartRequest request = new SessionApi.StartRequest(applicationId, "dry-run-client-token", executionRoleArn, sessionName,
                idle, EmrSessionControl.sparkDefaults(schema != null && icebergTables.test(EmrSessionControl.database(schema)), staging),
                tags.get());
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
        throw noSession();
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

    @Override
    public dev.benchbox.platform.QuerySummary execute(String database, String sql, dev.benchbox.platform.RowSink sink) {
        throw noSession();
    }

    @Override
    public java.util.List<String> listTables(String database) {
        throw noSession();
    }

    @Override
    public java.util.List<dev.benchbox.dataset.Column> describeTable(String database, String table) {
        throw noSession();
    }

    @Override
    public java.util.List<dev.benchbox.cost.JobRunUsage> usage() {
        return java.util.List.of();
    }

    @Override
    public boolean used() {
        return false; // nothing was asked of AWS
    }

    @Override
    public Optional<String> notTerminated() {
        return Optional.empty();
    }

    @Override
    public void close() {
    }

    private static BenchboxException noSession() {
        return new BenchboxException("no session is open (a dry run starts none)");
    }
}
