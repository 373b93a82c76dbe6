package dev.benchbox.standin;

import dev.benchbox.standin.JobExecutor.JobResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;
import software.amazon.awssdk.services.emrserverless.model.ApplicationState;
import software.amazon.awssdk.services.emrserverless.model.EmrServerlessException;
import software.amazon.awssdk.services.emrserverless.model.InitialCapacityConfig;
import software.amazon.awssdk.services.emrserverless.model.InternalServerException;
import software.amazon.awssdk.services.emrserverless.model.JobRun;
import software.amazon.awssdk.services.emrserverless.model.JobRunState;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.GlueException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@WithAwsStandIn
class FaultInjectionTest {

    private final CountDownLatch release = new CountDownLatch(1);
    private AwsStandIn aws;
    private EmrServerlessClient emr;

    @BeforeEach
    void standIn(AwsStandIn standIn) {
        aws = standIn;
    }

    private void start(StandInConfig config) {
        aws.reset(config);
        // No retries: each injected fault must surface exactly once.
        emr = aws.configure(EmrServerlessClient.builder()).overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    private void start() {
        start(StandInConfig.forTests(aws.config().dataDir()).withExecutor(r -> {
            release.await();
            return JobResult.success();
        }));
    }

    @AfterEach
    void stop() {
        release.countDown();
        emr.close();
    }

    private String application() {
        String id = emr.createApplication(b -> b.releaseLabel("emr-7.5.0").type("SPARK")).applicationId();
        Await.until("created", () -> emr.getApplication(b -> b.applicationId(id)).application().state() == ApplicationState.CREATED);
        return id;
    }

    private String submit(String app) {
        return emr.startJobRun(b -> b.applicationId(app).executionRoleArn(AwsStandIn.EXECUTION_ROLE)
                .jobDriver(d -> d.sparkSubmit(s -> s.entryPoint("s3://b/job.jar")))).jobRunId();
    }

    private JobRun awaitRun(String app, String run, JobRunState state) {
        return Await.value("run " + state, () -> emr.getJobRun(b -> b.applicationId(app).jobRunId(run)).jobRun(), r -> r.state() == state);
    }

    @Test
    void throttledCallsFailWithThrottlingExceptionThenRecover() {
        start();
        aws.faults().throttleNext(Service.EMR_SERVERLESS, 2);

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> emr.listApplications(b -> { })).isInstanceOfSatisfying(EmrServerlessException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(429);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
                assertThat(e.isThrottlingException()).isTrue();
            });
        }
        assertThat(emr.listApplications(b -> { }).applications()).isEmpty();
    }

    @Test
    void sdkRetriesATransientServerError() {
        start();
        aws.faults().serverErrorNext(Service.GLUE, 1);
        java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
        software.amazon.awssdk.core.interceptor.ExecutionInterceptor countAttempts = new software.amazon.awssdk.core.interceptor.ExecutionInterceptor() {
            @Override
            public void beforeTransmission(software.amazon.awssdk.core.interceptor.Context.BeforeTransmission context,
                    software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
                attempts.incrementAndGet();
            }
        };

        try (GlueClient glue = aws.configure(GlueClient.builder()).overrideConfiguration(c -> c.addExecutionInterceptor(countAttempts)).build()) {
            assertThat(glue.getDatabases(b -> { }).databaseList()).isEmpty();
        }
        // the 500 was served and the SDK sent the call again: two attempts, one answered with the fault
        assertThat(aws.faults().injected(Service.GLUE)).isEqualTo(1);
        assertThat(attempts).hasValue(2);
        assertThat(aws.requests()).filteredOn(r -> r.operation().equals("GetDatabases")).hasSize(1);
    }

    @Test
    void serverErrorsUseEachServicesErrorShape() {
        start();
        aws.faults().serverErrorNext(Service.EMR_SERVERLESS, 1).serverErrorNext(Service.GLUE, 1).throttleNext(Service.S3, 1);

        assertThatThrownBy(() -> emr.listApplications(b -> { }))
                .isInstanceOfSatisfying(InternalServerException.class, e -> assertThat(e.statusCode()).isEqualTo(500));
        try (GlueClient glue = aws.configure(GlueClient.builder()).overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build()) {
            assertThatThrownBy(() -> glue.getDatabases(b -> { })).isInstanceOfSatisfying(GlueException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(500);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalServiceException");
            });
        }
        try (S3Client s3 = aws.configure(S3Client.builder()).forcePathStyle(true)
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build()) {
            assertThatThrownBy(() -> s3.putObject(b -> b.bucket(aws.bucket()).key("k"), RequestBody.fromString("v")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(503);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SlowDown");
                    });
            s3.putObject(b -> b.bucket(aws.bucket()).key("k"), RequestBody.fromString("v"));
        }
    }

    @Test
    void aRefusedCallChangesNothingAndOnlyTheNextCallOfItsOperationIsRefused() {
        start();
        String app = application();
        aws.faults().refuseNext("UpdateApplication", "Initial capacity exceeds the maximum capacity");
        InitialCapacityConfig driver = InitialCapacityConfig.builder().workerCount(1L)
                .workerConfiguration(w -> w.cpu("2 vCPU").memory("4 GB")).build();

        emr.getApplication(b -> b.applicationId(app)); // another operation is not refused
        assertThatThrownBy(() -> emr.updateApplication(b -> b.applicationId(app).initialCapacity(Map.of("Driver", driver))))
                .isInstanceOfSatisfying(EmrServerlessException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Initial capacity exceeds the maximum capacity");
                });
        assertThat(emr.getApplication(b -> b.applicationId(app)).application().initialCapacity()).isEmpty();
        emr.updateApplication(b -> b.applicationId(app).initialCapacity(Map.of("Driver", driver)));
        assertThat(emr.getApplication(b -> b.applicationId(app)).application().initialCapacity()).containsKey("Driver");
    }

    @Test
    void nextJobFailsWithTheGivenStateDetailsAndIsBilledItsMinimum() {
        start();
        String app = application();
        aws.faults().failNextJob("Driver lost: simulated");

        JobRun failed = awaitRun(app, submit(app), JobRunState.FAILED);

        assertThat(failed.stateDetails()).isEqualTo("Driver lost: simulated");
        assertThat(failed.billedResourceUtilization().vcpuHour()).isEqualTo(0.267);
    }

    @Test
    void stoppingTheApplicationNowFailsItsRunningJob() {
        start();
        String app = application();
        String run = submit(app);
        awaitRun(app, run, JobRunState.RUNNING);

        aws.stopApplicationNow(app);

        JobRun failed = awaitRun(app, run, JobRunState.FAILED);
        assertThat(failed.stateDetails()).contains("was stopped");
        Await.until("stopped", () -> emr.getApplication(b -> b.applicationId(app)).application().state() == ApplicationState.STOPPED);
    }

    @Test
    void coldStartLatencyAppliesOnlyWithoutPreInitialisedCapacity() {
        // Cold starts take "forever" here, warm ones are instant: only the application with initial capacity gets going.
        start(StandInConfig.forTests(aws.config().dataDir()).withStartLatencies(Duration.ofHours(1), Duration.ofMillis(5)).withExecutor(r -> JobResult.success()));
        String cold = application();
        var worker = InitialCapacityConfig.builder().workerConfiguration(w -> w.cpu("4 vCPU").memory("16 GB"));
        String warm = emr.createApplication(b -> b.releaseLabel("emr-7.5.0").type("SPARK")
                .initialCapacity(Map.of("Driver", worker.workerCount(1L).build(), "Executor", worker.workerCount(3L).build()))).applicationId();
        Await.until("created", () -> emr.getApplication(b -> b.applicationId(warm)).application().state() == ApplicationState.CREATED);

        String coldRun = submit(cold);
        awaitRun(warm, submit(warm), JobRunState.SUCCESS);

        assertThat(emr.getApplication(b -> b.applicationId(cold)).application().state()).isEqualTo(ApplicationState.STARTING);
        assertThat(emr.getJobRun(b -> b.applicationId(cold).jobRunId(coldRun)).jobRun().state()).isIn(JobRunState.SUBMITTED, JobRunState.PENDING);
    }
}
