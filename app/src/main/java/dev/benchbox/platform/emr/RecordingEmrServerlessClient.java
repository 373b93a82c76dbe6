package dev.benchbox.platform.emr;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;
import software.amazon.awssdk.services.emrserverless.model.Application;
import software.amazon.awssdk.services.emrserverless.model.ApplicationState;
import software.amazon.awssdk.services.emrserverless.model.CreateApplicationRequest;
import software.amazon.awssdk.services.emrserverless.model.CreateApplicationResponse;
import software.amazon.awssdk.services.emrserverless.model.DeleteApplicationRequest;
import software.amazon.awssdk.services.emrserverless.model.DeleteApplicationResponse;
import software.amazon.awssdk.services.emrserverless.model.GetApplicationRequest;
import software.amazon.awssdk.services.emrserverless.model.GetApplicationResponse;
import software.amazon.awssdk.services.emrserverless.model.GetJobRunRequest;
import software.amazon.awssdk.services.emrserverless.model.GetJobRunResponse;
import software.amazon.awssdk.services.emrserverless.model.JobRun;
import software.amazon.awssdk.services.emrserverless.model.JobRunState;
import software.amazon.awssdk.services.emrserverless.model.StartApplicationRequest;
import software.amazon.awssdk.services.emrserverless.model.StartApplicationResponse;
import software.amazon.awssdk.services.emrserverless.model.StartJobRunRequest;
import software.amazon.awssdk.services.emrserverless.model.StartJobRunResponse;
import software.amazon.awssdk.services.emrserverless.model.StopApplicationRequest;
import software.amazon.awssdk.services.emrserverless.model.StopApplicationResponse;
import software.amazon.awssdk.services.emrserverless.model.UpdateApplicationRequest;
import software.amazon.awssdk.services.emrserverless.model.UpdateApplicationResponse;

/**
 * The EMR Serverless client of a dry run: each request that would change something is written by the
 * {@link DryRunRecorder} and answered with a canned response; reads (GetApplication) are answered from what the
 * recorded requests would have done, and are not written. A created application is CREATED, as AWS answers, so
 * the preview shows the StartApplication connecting sends; an existing one is previewed as STARTED (its real
 * state cannot be known without asking AWS). StartJobRun is written too, and the run is answered as SUCCESS at once
 * (GetJobRun), its canned output left by the {@link PreviewJob}: the code that submits and follows a job run runs to
 * its end on the same path as a real one.
 */
final class RecordingEmrServerlessClient implements EmrServerlessClient {
    private final DryRunRecorder recorder;
    private final EmrOptions options;
    private final PreviewJob job;
    private final Map<String, ApplicationState> states = new ConcurrentHashMap<>();
    private final Map<String, StartJobRunRequest> runs = new ConcurrentHashMap<>();

    RecordingEmrServerlessClient(DryRunRecorder recorder, EmrOptions options, PreviewJob job) {
        this.recorder = requireNonNull(recorder, "recorder is null");
        this.options = requireNonNull(options, "options is null");
        this.job = requireNonNull(job, "job is null");
    }

    /** The one job run id of a dry run (its runs are told apart by their files, not their ids). */
    static final String DRY_RUN_JOB_RUN_ID = "dry-run";

    @Override
    public StartJobRunResponse startJobRun(StartJobRunRequest request) {
        // the canned output is left before the request is written: the file is named after the kind of run
        recorder.record("StartJobRun", job.ran(request), request);
        runs.put(DRY_RUN_JOB_RUN_ID, request);
        return StartJobRunResponse.builder().applicationId(request.applicationId()).jobRunId(DRY_RUN_JOB_RUN_ID).build();
    }

    @Override
    public GetJobRunResponse getJobRun(GetJobRunRequest request) {
        StartJobRunRequest started = runs.get(request.jobRunId());
        return GetJobRunResponse.builder().jobRun(JobRun.builder().applicationId(request.applicationId()).jobRunId(request.jobRunId())
                .name(started == null ? null : started.name()).state(JobRunState.SUCCESS).stateDetails("dry run: nothing ran")
                .build()).build();
    }

    @Override
    public CreateApplicationResponse createApplication(CreateApplicationRequest request) {
        recorder.record("CreateApplication", request.name(), request);
        states.put(ApplicationManager.DRY_RUN_APPLICATION_ID, ApplicationState.CREATED);
        return CreateApplicationResponse.builder().applicationId(ApplicationManager.DRY_RUN_APPLICATION_ID).name(request.name()).build();
    }

    @Override
    public GetApplicationResponse getApplication(GetApplicationRequest request) {
        ApplicationState state = states.getOrDefault(request.applicationId(), ApplicationState.STARTED);
        return GetApplicationResponse.builder().application(Application.builder().applicationId(request.applicationId())
                .name(options.applicationName()).releaseLabel(options.releaseLabel()).type("SPARK").state(state).build()).build();
    }

    @Override
    public StartApplicationResponse startApplication(StartApplicationRequest request) {
        recorder.record("StartApplication", null, request);
        states.put(request.applicationId(), ApplicationState.STARTED);
        return StartApplicationResponse.builder().build();
    }

    @Override
    public StopApplicationResponse stopApplication(StopApplicationRequest request) {
        recorder.record("StopApplication", null, request);
        states.put(request.applicationId(), ApplicationState.STOPPED);
        return StopApplicationResponse.builder().build();
    }

    @Override
    public UpdateApplicationResponse updateApplication(UpdateApplicationRequest request) {
        recorder.record("UpdateApplication", null, request);
        return UpdateApplicationResponse.builder().build();
    }

    @Override
    public DeleteApplicationResponse deleteApplication(DeleteApplicationRequest request) {
        recorder.record("DeleteApplication", null, request);
        states.put(request.applicationId(), ApplicationState.TERMINATED);
        return DeleteApplicationResponse.builder().build();
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
    }
}
