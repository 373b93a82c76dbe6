package dev.benchbox.standin;

import dev.benchbox.standin.JobExecutor.JobResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;
import software.amazon.awssdk.services.emrserverless.model.ApplicationState;
import software.amazon.awssdk.services.emrserverless.model.InitialCapacityConfig;
import software.amazon.awssdk.services.emrserverless.model.JobRun;
import software.amazon.awssdk.services.emrserverless.model.JobRunState;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Billing as GetJobRun reports it, with a clock the job moves by a known duration. */
@WithAwsStandIn
class BillingStandInTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    private AwsStandIn aws;
    private EmrServerlessClient emr;

    @BeforeEach
    void standIn(AwsStandIn standIn) {
        aws = standIn;
    }

    private void start(Duration jobDuration) {
        aws.reset(aws.config().withClock(clock).withExecutor(r -> {
            clock.advance(jobDuration);
            return JobResult.success();
        }));
        emr = aws.emrServerlessClient();
    }

    @AfterEach
    void stop() {
        emr.close();
    }

    private String application(Map<String, InitialCapacityConfig> initialCapacity) {
        String id = emr.createApplication(b -> b.releaseLabel("emr-7.5.0").type("SPARK").initialCapacity(initialCapacity)).applicationId();
        Await.until("created", () -> emr.getApplication(b -> b.applicationId(id)).application().state() == ApplicationState.CREATED);
        return id;
    }

    private JobRun run(String appId, String sparkSubmitParameters) {
        String run = emr.startJobRun(b -> b.applicationId(appId).executionRoleArn(AwsStandIn.EXECUTION_ROLE)
                .jobDriver(d -> d.sparkSubmit(s -> s.entryPoint("s3://b/job.jar").sparkSubmitParameters(sparkSubmitParameters)))).jobRunId();
        return Await.value("job run ends", () -> emr.getJobRun(b -> b.applicationId(appId).jobRunId(run)).jobRun(),
                r -> r.state() == JobRunState.SUCCESS);
    }

    @Test
    void sizedWorkersAreBilledForTheirRunningTime() {
        start(Duration.ofSeconds(90));
        String app = application(Map.of());

        JobRun run = run(app, "--class Main --conf spark.executor.instances=2 --conf spark.driver.cores=2 --conf spark.driver.memory=6g "
                + "--conf spark.emr-serverless.executor.disk=50g");

        // driver 2 vCPU/7 GB/20 GB + 2 executors 4 vCPU/16 GB/50 GB for 90 s = 0.025 h
        assertThat(run.totalExecutionDurationSeconds()).isEqualTo(90);
        assertThat(Duration.between(run.startedAt(), run.endedAt())).isEqualTo(Duration.ofSeconds(90));
        assertThat(run.totalResourceUtilization().vcpuHour()).isEqualTo(0.25);
        assertThat(run.totalResourceUtilization().memoryGBHour()).isEqualTo(0.975);
        assertThat(run.totalResourceUtilization().storageGBHour()).isEqualTo(3.0);
        assertThat(run.billedResourceUtilization().vcpuHour()).isEqualTo(0.25);
        assertThat(run.billedResourceUtilization().memoryGBHour()).isEqualTo(0.975);
        assertThat(run.billedResourceUtilization().storageGBHour()).isEqualTo(1.5);
    }

    @Test
    void shortJobIsBilledTheOneMinuteMinimumPerWorker() {
        start(Duration.ofSeconds(20));
        String app = application(Map.of());

        JobRun run = run(app, "--class Main");

        // EMR defaults: driver + 3 executors, each 4 vCPU / 16 GB / 20 GB
        assertThat(run.totalExecutionDurationSeconds()).isEqualTo(20);
        assertThat(run.totalResourceUtilization().vcpuHour()).isEqualTo(0.089);
        assertThat(run.totalResourceUtilization().memoryGBHour()).isEqualTo(0.356);
        assertThat(run.totalResourceUtilization().storageGBHour()).isEqualTo(0.444);
        assertThat(run.billedResourceUtilization().vcpuHour()).isEqualTo(0.267);
        assertThat(run.billedResourceUtilization().memoryGBHour()).isEqualTo(1.067);
        assertThat(run.billedResourceUtilization().storageGBHour()).isEqualTo(0.0);
    }

    @Test
    void idlePreInitialisedWorkersAreNotBilledToTheJob() {
        start(Duration.ofMinutes(10));
        var worker = InitialCapacityConfig.builder().workerConfiguration(w -> w.cpu("4 vCPU").memory("16 GB").disk("20 GB"));
        String app = application(Map.of("Driver", worker.workerCount(2L).build(), "Executor", worker.workerCount(10L).build()));

        JobRun run = run(app, "--class Main");

        // the job used 1 driver + 3 executors of the 12 warm workers: 4 × 4 vCPU × 1/6 h
        assertThat(run.billedResourceUtilization().vcpuHour()).isEqualTo(2.667);
        assertThat(run.billedResourceUtilization().memoryGBHour()).isEqualTo(10.667);
        assertThat(run.totalResourceUtilization().storageGBHour()).isEqualTo(13.333);
    }
}
