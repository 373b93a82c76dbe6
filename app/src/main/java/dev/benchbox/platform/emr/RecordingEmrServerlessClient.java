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
import software.amazon.awssdk.services.emrserverless.model.StartApplicationRequest;
import software.amazon.awssdk.services.emrserverless.model.StartApplicationResponse;
import software.amazon.awssdk.services.emrserverless.model.StopApplicationRequest;
import software.amazon.awssdk.services.emrserverless.model.StopApplicationResponse;
import software.amazon.awssdk.services.emrserverless.model.UpdateApplicationRequest;
import software.amazon.awssdk.services.emrserverless.model.UpdateApplicationResponse;

/**
 * The EMR Serverless client of a dry run: each request that would change something is written by the
 * {@link DryRunRecorder} and answered with a canned response; reads (GetApplication) are answered from what the
 * recorded requests would have done, and are not written. A created application is CREATED, as AWS answers, so
 * the preview shows the StartApplication connecting sends; an existing one is previewed as STARTED (its real
 * state cannot be known without asking AWS).
 */
final class RecordingEmrServerlessClient implements EmrServerlessClient {
    private final DryRunRecorder recorder;
    private final EmrOptions options;
    private final Map<String, ApplicationState> states = new ConcurrentHashMap<>();

    RecordingEmrServerlessClient(DryRunRecorder recorder, EmrOptions options) {
        this.recorder = requireNonNull(recorder, "recorder is null");
        this.options = requireNonNull(options, "options is null");
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
