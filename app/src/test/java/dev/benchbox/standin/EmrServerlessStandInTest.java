package dev.benchbox.standin;

import dev.benchbox.standin.JobExecutor.JobResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;
import software.amazon.awssdk.services.emrserverless.model.ApplicationState;
import software.amazon.awssdk.services.emrserverless.model.ConflictException;
import software.amazon.awssdk.services.emrserverless.model.GetJobRunResponse;
import software.amazon.awssdk.services.emrserverless.model.JobRunState;
import software.amazon.awssdk.services.emrserverless.model.ResourceNotFoundException;
import software.amazon.awssdk.services.emrserverless.model.StartJobRunResponse;
import software.amazon.awssdk.services.emrserverless.model.ValidationException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@WithAwsStandIn
class EmrServerlessStandInTest {

    private final CountDownLatch release = new CountDownLatch(1);
    private AwsStandIn aws;
    private EmrServerlessClient emr;

    @BeforeEach
    void standIn(AwsStandIn standIn) {
        aws = standIn;
    }

    private void start(JobExecutor executor) {
        aws.reset(aws.config().withExecutor(executor));
        emr = aws.emrServerlessClient();
    }

    private void startWithInstantJobs() {
        start(request -> JobResult.success());
    }

    private void startWithBlockingJobs() {
        start(request -> {
            release.await(); // interrupted by cancellation
            return JobResult.success();
        });
    }

    @AfterEach
    void stop() {
        release.countDown();
        if (emr != null) {
            emr.close();
        }
    }

    /** Creates an application and waits until it is CREATED: AWS refuses job runs while it is CREATING. */
    private String createApplication() {
        return created(emr.createApplication(b -> b.name("bench").releaseLabel("emr-7.5.0").type("SPARK")).applicationId());
    }

    private String created(String id) {
        awaitApplication(id, ApplicationState.CREATED);
        return id;
    }

    private ApplicationState awaitApplication(String id, ApplicationState state) {
        return Await.value("application " + state, () -> emr.getApplication(b -> b.applicationId(id)).application().state(), s -> s == state);
    }

    private StartJobRunResponse submit(String appId) {
        return emr.startJobRun(b -> b.applicationId(appId).executionRoleArn(AwsStandIn.EXECUTION_ROLE).name("q1")
                .jobDriver(d -> d.sparkSubmit(s -> s.entryPoint("s3://" + aws.bucket() + "/jobs/job.jar")
                        .entryPointArguments("a", "b").sparkSubmitParameters("--class dev.benchbox.job.Main"))));
    }

    private GetJobRunResponse awaitRun(String appId, String runId, JobRunState state) {
        return Await.value("job run " + state, () -> emr.getJobRun(b -> b.applicationId(appId).jobRunId(runId)),
                r -> r.jobRun().state() == state);
    }

    @Test
    void applicationIsCreatedStartedStoppedAndTerminated() {
        startWithInstantJobs();
        String id = createApplication();
        awaitApplication(id, ApplicationState.CREATED);
        emr.startApplication(b -> b.applicationId(id));
        awaitApplication(id, ApplicationState.STARTED);
        emr.stopApplication(b -> b.applicationId(id));
        awaitApplication(id, ApplicationState.STOPPED);
        emr.deleteApplication(b -> b.applicationId(id));

        assertThat(emr.getApplication(b -> b.applicationId(id)).application().state()).isEqualTo(ApplicationState.TERMINATED);
        assertThat(aws.applicationStates(id))
                .containsExactly("CREATING", "CREATED", "STARTING", "STARTED", "STOPPING", "STOPPED", "TERMINATED");
    }

    @Test
    void applicationCarriesEmrDefaultsAndItsArn() {
        startWithInstantJobs();
        String id = createApplication();

        var app = emr.getApplication(b -> b.applicationId(id)).application();

        assertThat(app.arn()).isEqualTo("arn:aws:emr-serverless:us-east-1:123456789012:/applications/" + id);
        assertThat(app.autoStartConfiguration().enabled()).isTrue();
        assertThat(app.autoStopConfiguration().enabled()).isTrue();
        assertThat(app.autoStopConfiguration().idleTimeoutMinutes()).isEqualTo(15);
        assertThat(app.architectureAsString()).isEqualTo("X86_64");
        assertThat(app.createdAt()).isNotNull();
    }

    @Test
    void createApplicationWithTheSameClientTokenReturnsTheSameApplication() {
        startWithInstantJobs();
        String first = emr.createApplication(b -> b.releaseLabel("emr-7.5.0").type("SPARK").clientToken("token-1")).applicationId();
        String second = emr.createApplication(b -> b.releaseLabel("emr-7.5.0").type("SPARK").clientToken("token-1")).applicationId();

        assertThat(second).isEqualTo(first);
        assertThat(emr.listApplications(b -> { }).applications()).hasSize(1);
    }

    @Test
    void updatesAreRefusedWhileStartedAndAcceptedWhileStopped() {
        startWithInstantJobs();
        String id = createApplication();
        awaitApplication(id, ApplicationState.CREATED);
        emr.startApplication(b -> b.applicationId(id));
        awaitApplication(id, ApplicationState.STARTED);

        assertThatThrownBy(() -> emr.updateApplication(b -> b.applicationId(id).autoStopConfiguration(c -> c.idleTimeoutMinutes(5))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("STOPPED");
        assertThatThrownBy(() -> emr.deleteApplication(b -> b.applicationId(id))).isInstanceOf(ValidationException.class);

        emr.stopApplication(b -> b.applicationId(id));
        awaitApplication(id, ApplicationState.STOPPED);
        var updated = emr.updateApplication(b -> b.applicationId(id).autoStopConfiguration(c -> c.idleTimeoutMinutes(5))).application();
        assertThat(updated.autoStopConfiguration().idleTimeoutMinutes()).isEqualTo(5);
    }

    @Test
    void jobRunAutoStartsTheApplicationAndSucceeds() {
        startWithInstantJobs();
        String id = createApplication();
        awaitApplication(id, ApplicationState.CREATED);

        StartJobRunResponse started = submit(id);
        GetJobRunResponse done = awaitRun(id, started.jobRunId(), JobRunState.SUCCESS);

        assertThat(started.arn()).isEqualTo("arn:aws:emr-serverless:us-east-1:123456789012:/applications/" + id + "/jobruns/" + started.jobRunId());
        assertThat(aws.jobRunStates(id, started.jobRunId())).containsExactly("SUBMITTED", "PENDING", "SCHEDULED", "RUNNING", "SUCCESS");
        assertThat(aws.applicationStates(id)).containsSubsequence("CREATED", "STARTING", "STARTED");
        assertThat(done.jobRun().jobDriver().sparkSubmit().entryPointArguments()).containsExactly("a", "b");
        assertThat(done.jobRun().startedAt()).isNotNull();
        assertThat(done.jobRun().endedAt()).isNotNull();
        assertThat(done.jobRun().totalResourceUtilization()).isNotNull();
        assertThat(done.jobRun().billedResourceUtilization()).isNotNull();
    }

    @Test
    void jobRunIsRefusedWhenAutoStartIsDisabledAndTheApplicationIsNotStarted() {
        startWithInstantJobs();
        String id = emr.createApplication(b -> b.releaseLabel("emr-7.5.0").type("SPARK").autoStartConfiguration(c -> c.enabled(false))).applicationId();
        awaitApplication(id, ApplicationState.CREATED);

        assertThatThrownBy(() -> submit(id)).isInstanceOf(ValidationException.class).hasMessageContaining("auto-start is disabled");
    }

    @Test
    void startJobRunWithTheSameClientTokenReturnsTheSameRun() {
        startWithInstantJobs();
        String id = createApplication();
        var request = software.amazon.awssdk.services.emrserverless.model.StartJobRunRequest.builder().applicationId(id)
                .clientToken("run-token").executionRoleArn(AwsStandIn.EXECUTION_ROLE)
                .jobDriver(d -> d.sparkSubmit(s -> s.entryPoint("s3://b/job.jar"))).build();

        String first = emr.startJobRun(request).jobRunId();
        String second = emr.startJobRun(request).jobRunId();

        assertThat(second).isEqualTo(first);
    }

    @Test
    void failedJobReportsItsStateDetails() {
        start(request -> JobResult.failure("Query 7 failed: table lineitem not found"));
        String id = createApplication();

        String run = submit(id).jobRunId();
        GetJobRunResponse done = awaitRun(id, run, JobRunState.FAILED);

        assertThat(done.jobRun().stateDetails()).isEqualTo("Query 7 failed: table lineitem not found");
    }

    @Test
    void cancellingARunningJobEndsItCancelled() {
        startWithBlockingJobs();
        String id = createApplication();
        String run = submit(id).jobRunId();
        awaitRun(id, run, JobRunState.RUNNING);

        emr.cancelJobRun(b -> b.applicationId(id).jobRunId(run));
        awaitRun(id, run, JobRunState.CANCELLED);

        assertThat(aws.jobRunStates(id, run)).endsWith("RUNNING", "CANCELLING", "CANCELLED");
        assertThatThrownBy(() -> emr.cancelJobRun(b -> b.applicationId(id).jobRunId(run))).isInstanceOf(ValidationException.class);
    }

    @Test
    void stoppingAnApplicationWithARunningJobIsRefused() {
        startWithBlockingJobs();
        String id = createApplication();
        String run = submit(id).jobRunId();
        awaitRun(id, run, JobRunState.RUNNING);

        assertThatThrownBy(() -> emr.stopApplication(b -> b.applicationId(id))).isInstanceOf(ValidationException.class);
    }

    @Test
    void runsAreQueuedWhileTheConcurrencyLimitIsReached() {
        startWithBlockingJobs();
        String id = emr.createApplication(b -> b.releaseLabel("emr-7.5.0").type("SPARK")
                .schedulerConfiguration(s -> s.maxConcurrentRuns(1))).applicationId();
        created(id);
        String first = submit(id).jobRunId();
        awaitRun(id, first, JobRunState.RUNNING);
        String second = submit(id).jobRunId();
        awaitRun(id, second, JobRunState.QUEUED);

        release.countDown();

        awaitRun(id, first, JobRunState.SUCCESS);
        awaitRun(id, second, JobRunState.SUCCESS);
        assertThat(aws.jobRunStates(id, second)).containsExactly("SUBMITTED", "QUEUED", "PENDING", "SCHEDULED", "RUNNING", "SUCCESS");
    }

    @Test
    void getJobRunReportsTheTimesOfItsStateMachineTruthfully() {
        MutableClock clock = new MutableClock(java.time.Instant.parse("2026-01-01T10:00:00Z"));
        java.util.concurrent.CountDownLatch first = new java.util.concurrent.CountDownLatch(1);
        aws.reset(aws.config().withClock(clock).withExecutor(request -> {
            if (request.entryPointArguments().contains("first")) {
                first.await(); // the slot stays taken until the test lets it go
            }
            clock.advance(Duration.ofSeconds(30)); // each run computes for 30 s on the stand-in's clock
            return JobResult.success();
        }));
        emr = aws.emrServerlessClient();
        String id = emr.createApplication(b -> b.releaseLabel("emr-7.5.0").type("SPARK")
                .schedulerConfiguration(s -> s.maxConcurrentRuns(1))).applicationId();
        created(id);
        String running = emr.startJobRun(b -> b.applicationId(id).executionRoleArn(AwsStandIn.EXECUTION_ROLE)
                .jobDriver(d -> d.sparkSubmit(s -> s.entryPoint("s3://b/job.jar").entryPointArguments("first")))).jobRunId();
        awaitRun(id, running, JobRunState.RUNNING);
        String queued = submit(id).jobRunId();
        String cancelled = submit(id).jobRunId();
        awaitRun(id, cancelled, JobRunState.QUEUED);

        clock.advance(Duration.ofSeconds(12));
        emr.cancelJobRun(b -> b.applicationId(id).jobRunId(cancelled));
        clock.advance(Duration.ofSeconds(5));
        first.countDown();
        awaitRun(id, queued, JobRunState.SUCCESS);

        software.amazon.awssdk.services.emrserverless.model.JobRun ran = emr.getJobRun(b -> b.applicationId(id).jobRunId(queued)).jobRun();
        // queued from its submission until the first run ended (17 s, then the first run's 30 s), then 30 s RUNNING
        assertThat(ran.queuedDurationMilliseconds()).isEqualTo(17_000L + 30_000L);
        assertThat(java.time.Duration.between(ran.createdAt(), ran.startedAt())).isGreaterThanOrEqualTo(Duration.ofMillis(47_000));
        assertThat(java.time.Duration.between(ran.startedAt(), ran.endedAt())).isEqualTo(Duration.ofSeconds(30));
        assertThat(ran.totalExecutionDurationSeconds()).isEqualTo(30);
        assertThat(ran.attemptCreatedAt()).isEqualTo(ran.createdAt());
        software.amazon.awssdk.services.emrserverless.model.JobRun gone = emr.getJobRun(b -> b.applicationId(id).jobRunId(cancelled)).jobRun();
        // cancelled while queued: it never ran, and its 12 s in the queue are reported
        assertThat(gone.state()).isEqualTo(JobRunState.CANCELLED);
        assertThat(gone.queuedDurationMilliseconds()).isEqualTo(12_000L);
        assertThat(gone.startedAt()).isNull();
        assertThat(gone.totalExecutionDurationSeconds()).isZero();
        // never queued: nothing to report
        assertThat(emr.getJobRun(b -> b.applicationId(id).jobRunId(running)).jobRun().queuedDurationMilliseconds()).isNull();
    }

    @Test
    void idleApplicationStopsAfterItsIdleTimeout() {
        aws.reset(aws.config().withMinute(Duration.ofMillis(20)).withExecutor(r -> JobResult.success()));
        emr = aws.emrServerlessClient();
        String id = emr.createApplication(b -> b.releaseLabel("emr-7.5.0").type("SPARK")
                .autoStopConfiguration(c -> c.enabled(true).idleTimeoutMinutes(2))).applicationId();
        created(id);
        String run = submit(id).jobRunId();
        awaitRun(id, run, JobRunState.SUCCESS);

        awaitApplication(id, ApplicationState.STOPPED);

        assertThat(aws.applicationStates(id)).endsWith("STARTED", "STOPPING", "STOPPED");
    }

    @Test
    void listJobRunsFiltersByStateAndPaginatesNewestFirst() {
        start(request -> request.entryPointArguments().contains("fail") ? JobResult.failure("asked to") : JobResult.success());
        String id = createApplication();
        List<String> runs = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            runs.add(submit(id).jobRunId());
        }
        String failed = emr.startJobRun(b -> b.applicationId(id).executionRoleArn(AwsStandIn.EXECUTION_ROLE)
                .jobDriver(d -> d.sparkSubmit(s -> s.entryPoint("s3://b/job.jar").entryPointArguments("fail")))).jobRunId();
        runs.forEach(r -> awaitRun(id, r, JobRunState.SUCCESS));
        awaitRun(id, failed, JobRunState.FAILED);

        var page1 = emr.listJobRuns(b -> b.applicationId(id).maxResults(2));
        var page2 = emr.listJobRuns(b -> b.applicationId(id).maxResults(2).nextToken(page1.nextToken()));
        var onlyFailed = emr.listJobRuns(b -> b.applicationId(id).statesWithStrings("FAILED"));
        var all = emr.listJobRunsPaginator(b -> b.applicationId(id).maxResults(1)).jobRuns().stream().toList();

        assertThat(page1.jobRuns()).hasSize(2);
        assertThat(page2.jobRuns()).hasSize(2);
        assertThat(page2.nextToken()).isNull();
        assertThat(onlyFailed.jobRuns()).extracting(r -> r.id()).containsExactly(failed);
        assertThat(all).hasSize(4);
    }

    @Test
    void listApplicationsFiltersByState() {
        startWithInstantJobs();
        String created = createApplication();
        String stopped = createApplication();
        awaitApplication(created, ApplicationState.CREATED);
        awaitApplication(stopped, ApplicationState.CREATED);
        emr.deleteApplication(b -> b.applicationId(stopped));

        var live = emr.listApplications(b -> b.statesWithStrings("CREATED")).applications();

        assertThat(live).extracting(a -> a.id()).containsExactly(created);
    }

    @Test
    void dashboardUrlPointsAtTheStandIn() {
        startWithInstantJobs();
        String id = createApplication();
        String run = submit(id).jobRunId();

        String url = emr.getDashboardForJobRun(b -> b.applicationId(id).jobRunId(run)).url();

        assertThat(url).isEqualTo(aws.endpoint() + "/dashboard/" + id + "/" + run);
    }

    @Test
    void unknownApplicationIsResourceNotFound() {
        startWithInstantJobs();

        assertThatThrownBy(() -> emr.getApplication(b -> b.applicationId("00doesnotexist")))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    }

    @Test
    void requestBreakingTheModelIsRefusedWithAwsValidationMessage() {
        startWithInstantJobs();
        String id = createApplication();

        assertThatThrownBy(() -> emr.startJobRun(b -> b.applicationId(id).executionRoleArn("arn:aws:iam::12:role/x")
                .jobDriver(d -> d.sparkSubmit(s -> s.entryPoint("s3://b/job.jar")))))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value 'arn:aws:iam::12:role/x' at 'executionRoleArn' "
                            + "failed to satisfy constraint: Member must satisfy regular expression pattern: "
                            + "arn:(aws[a-zA-Z0-9-]*):iam::([0-9]{12}):(role((\\u002F)|(\\u002F[\\u0021-\\u007F]+\\u002F))[\\w+=,.@-]+)");
                });
        assertThatThrownBy(() -> emr.getApplication(b -> b.applicationId("Not-An-Id")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("regular expression pattern: [0-9a-z]+");
        assertThatThrownBy(() -> emr.listApplications(b -> b.maxResults(51)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("Member must have value less than or equal to 50");
    }

    @Test
    void unsupportedWorkerSizeIsRefused() {
        startWithInstantJobs();

        assertThatThrownBy(() -> emr.createApplication(b -> b.releaseLabel("emr-7.5.0").type("SPARK")
                .initialCapacity(java.util.Map.of("Driver", software.amazon.awssdk.services.emrserverless.model.InitialCapacityConfig.builder()
                        .workerCount(1L).workerConfiguration(w -> w.cpu("4 vCPU").memory("64 GB")).build()))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("64 GB is not supported for 4 vCPU");
    }

    @Test
    void recordedRequestsCarryTheApiMemberNamesAndPathParameters() {
        startWithInstantJobs();
        String id = createApplication();
        submit(id);

        RecordedRequest start = aws.requests().stream().filter(r -> r.operation().equals("StartJobRun")).findFirst().orElseThrow();

        assertThat(start.input().get("applicationId").asText()).isEqualTo(id);
        assertThat(start.input().at("/jobDriver/sparkSubmit/entryPoint").asText()).isEqualTo("s3://" + aws.bucket() + "/jobs/job.jar");
        assertThat(start.input().get("clientToken").asText()).isNotEmpty();
    }

    @Test
    void reusingAClientTokenForADifferentRequestIsAConflict() {
        startWithInstantJobs();
        emr.createApplication(b -> b.releaseLabel("emr-7.5.0").type("SPARK").clientToken("token-2"));

        assertThatThrownBy(() -> emr.createApplication(b -> b.releaseLabel("emr-7.1.0").type("SPARK").clientToken("token-2")))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.statusCode()).isEqualTo(409));
    }
}
