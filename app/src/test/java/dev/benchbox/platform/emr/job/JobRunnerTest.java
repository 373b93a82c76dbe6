package dev.benchbox.platform.emr.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.benchbox.BenchboxException;
import dev.benchbox.standin.Await;
import dev.benchbox.standin.AwsStandIn;
import dev.benchbox.standin.WithAwsStandIn;
import dev.benchbox.standin.JobExecutor;
import dev.benchbox.standin.JobExecutor.JobResult;
import dev.benchbox.standin.Service;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;
import software.amazon.awssdk.services.emrserverless.model.ApplicationState;
import software.amazon.awssdk.services.emrserverless.model.JobRun;
import software.amazon.awssdk.services.emrserverless.model.JobRunState;
import software.amazon.awssdk.services.s3.S3Client;

/** Job runs followed to their end against the AWS stand-in, with scripted job outcomes. */
@WithAwsStandIn
class JobRunnerTest {
    private final CountDownLatch release = new CountDownLatch(1);
    private AwsStandIn aws;
    private EmrServerlessClient emr;
    private S3Client s3;
    private String applicationId;

    @BeforeEach
    void standIn(AwsStandIn standIn) {
        aws = standIn;
    }

    private void start(JobExecutor executor) {
        aws.reset(aws.config().withExecutor(executor));
        emr = aws.emrServerlessClient();
        s3 = aws.s3Client();
        applicationId = emr.createApplication(b -> b.name("bench").releaseLabel("emr-7.0.0").type("SPARK")
                .autoStartConfiguration(a -> a.enabled(true))).applicationId();
        Await.value("application created", () -> emr.getApplication(b -> b.applicationId(applicationId)).application().state(),
                s -> s == ApplicationState.CREATED);
    }

    @AfterEach
    void stop() {
        release.countDown();
        if (emr != null) {
            emr.close();
            s3.close();
        }
    }

    private JobRequest request() {
        return new JobRequest(applicationId, AwsStandIn.EXECUTION_ROLE, "benchbox-test",
                "s3://" + aws.bucket() + "/jobs/job.jar", List.of("s3://" + aws.bucket() + "/runs/r1/manifest.json"),
                "--class dev.benchbox.job.BenchboxJob", "s3://" + aws.bucket() + "/logs/", 5, Map.of("benchbox", "test"));
    }

    @Test
    void successfulRunIsFollowedToSuccessThroughEveryState() {
        start(request -> JobResult.success());
        List<JobRunState> states = new CopyOnWriteArrayList<>();
        JobRun run = new JobRunner(emr, s3).run(request(), new JobRunner.Listener() {
            @Override
            public void stateChanged(String jobRunId, JobRunState state, java.time.Duration sinceSubmit) {
                states.add(state);
            }
        });
        assertThat(run.state()).isEqualTo(JobRunState.SUCCESS);
        assertThat(states).last().isEqualTo(JobRunState.SUCCESS);
        assertThat(run.billedResourceUtilization()).isNotNull();
        assertThat(aws.requests()).filteredOn(r -> r.operation().equals("StartJobRun")).hasSize(1);
    }

    @Test
    void pollsBetweenStateChangesReportTheStateStillHeldSoADisplayCanTick() {
        start(request -> {
            // running until the runner has reported it still RUNNING (bounded: without that report the assertions fail)
            release.await(20, java.util.concurrent.TimeUnit.SECONDS);
            return JobResult.success();
        });
        List<String> events = new CopyOnWriteArrayList<>();
        new JobRunner(emr, s3).run(request(), new JobRunner.Listener() {
            @Override
            public void stateChanged(String jobRunId, JobRunState state, java.time.Duration sinceSubmit) {
                events.add("changed " + state);
            }

            @Override
            public void stillIn(String jobRunId, JobRunState state, java.time.Duration sinceSubmit) {
                events.add("still " + state);
                if (state == JobRunState.RUNNING) {
                    release.countDown();
                }
            }
        });
        // a run that lasts until it was polled while RUNNING; each "still" repeats the last change
        assertThat(events).contains("changed RUNNING", "still RUNNING");
        String last = null;
        for (String event : events) {
            if (event.startsWith("still ")) {
                assertThat(event.substring(6)).isEqualTo(last);
            } else {
                last = event.substring(8);
            }
        }
        assertThat(events).last().isEqualTo("changed SUCCESS");
    }

    @Test
    void pollsThrottledBeyondTheSdksRetriesSlowDownAndTheRunIsStillFollowedToItsEnd() {
        start(request -> JobResult.success());
        List<JobRunState> states = new CopyOnWriteArrayList<>();

        JobRun run = new JobRunner(emr, s3).run(request(), new JobRunner.Listener() {
            @Override
            public void submitted(String jobRunId) {
                // more throttled answers than the SDK retries for one call: the poll itself fails, twice
                aws.faults().throttleNext(Service.EMR_SERVERLESS, 8);
            }

            @Override
            public void stateChanged(String jobRunId, JobRunState state, java.time.Duration sinceSubmit) {
                states.add(state);
            }
        });

        assertThat(run.state()).isEqualTo(JobRunState.SUCCESS);
        assertThat(states).last().isEqualTo(JobRunState.SUCCESS);
        assertThat(aws.faults().injected(Service.EMR_SERVERLESS)).isEqualTo(8);
    }

    @Test
    void aRunSubmittedWhileTheApplicationStopsWaitsUntilItStoppedAndStartsIt() {
        aws.reset(aws.config().withTransition(java.time.Duration.ofSeconds(1)));
        start(request -> JobResult.success());
        emr.startApplication(b -> b.applicationId(applicationId));
        Await.value("application started", () -> emr.getApplication(b -> b.applicationId(applicationId)).application().state(),
                s -> s == ApplicationState.STARTED);
        aws.stopApplicationNow(applicationId);

        JobRun run = new JobRunner(emr, s3).run(request(), JobRunner.Listener.NONE);

        assertThat(run.state()).isEqualTo(JobRunState.SUCCESS);
        assertThat(aws.applicationStates(applicationId)).containsSubsequence("STARTED", "STOPPING", "STOPPED", "STARTING", "STARTED");
    }

    @Test
    void failedRunGivesStateDetailsLogLocationAndStderrTail() {
        start(request -> {
            // what EMR leaves behind: the driver's stderr, gzipped, under the monitoring log URI
            String key = "logs/applications/" + request.applicationId() + "/jobs/" + request.jobRunId() + "/SPARK_DRIVER/stderr.gz";
            s3.putObject(b -> b.bucket(aws.bucket()).key(key), RequestBody.fromBytes(gzip(
                    "INFO starting\nWARN something\nERROR AnalysisException: table not found\n\tat Job.main\nExiting\n")));
            return JobResult.failure("ExitCode: 1. Last few exceptions: AnalysisException: table not found");
        });
        assertThatThrownBy(() -> new JobRunner(emr, s3).run(request(), JobRunner.Listener.NONE))
                .isInstanceOf(BenchboxException.class)
                .hasMessageContaining(" FAILED: ExitCode: 1. Last few exceptions: AnalysisException: table not found")
                .hasMessageContaining("(driver log: s3://" + aws.bucket() + "/logs/applications/" + applicationId + "/jobs/")
                .hasMessageEndingWith("stderr ends: ERROR AnalysisException: table not found | at Job.main | Exiting")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void interruptCancelsTheRunAndWaitsForCancelled() throws Exception {
        start(request -> {
            release.await(); // runs until cancelled
            return JobResult.success();
        });
        AtomicReference<String> runId = new AtomicReference<>();
        CountDownLatch running = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean stillInterrupted = new java.util.concurrent.atomic.AtomicBoolean();
        Thread shell = new Thread(() -> {
            try {
                new JobRunner(emr, s3).run(request(), new JobRunner.Listener() {
                    @Override
                    public void stateChanged(String jobRunId, JobRunState state, java.time.Duration sinceSubmit) {
                        runId.set(jobRunId);
                        if (state == JobRunState.RUNNING) {
                            running.countDown();
                        }
                    }
                });
            } catch (Throwable t) {
                failure.set(t);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        shell.start();
        running.await();
        shell.interrupt(); // what Ctrl-C does to the command thread
        shell.join(120_000);
        assertThat(shell.isAlive()).isFalse();
        assertThat(failure.get()).isInstanceOf(BenchboxException.class).hasMessageContaining("cancelled (interrupted)");
        // the caller (a sweep, a stream loop) must still see the Ctrl-C, or it would go on to its next job run
        assertThat(stillInterrupted).isTrue();
        assertThat(aws.jobRunStates(applicationId, runId.get())).last().isEqualTo("CANCELLED");
        assertThat(emr.getJobRun(b -> b.applicationId(applicationId).jobRunId(runId.get())).jobRun().state())
                .isEqualTo(JobRunState.CANCELLED);
    }

    @Test
    void throttlingAndServerErrorsAreRetriedWithoutLosingTheRun() {
        start(request -> JobResult.success());
        aws.faults().throttleNext(Service.EMR_SERVERLESS, 2).serverErrorNext(Service.EMR_SERVERLESS, 1);
        JobRun run = new JobRunner(emr, s3).run(request(), JobRunner.Listener.NONE);
        assertThat(run.state()).isEqualTo(JobRunState.SUCCESS);
        // a retried StartJobRun carries the same clientToken: still one job run
        assertThat(emr.listJobRuns(b -> b.applicationId(applicationId)).jobRuns()).hasSize(1);
    }

    private static byte[] gzip(String text) {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
            try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
                gzip.write(text.getBytes(StandardCharsets.UTF_8));
            }
            return bytes.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
