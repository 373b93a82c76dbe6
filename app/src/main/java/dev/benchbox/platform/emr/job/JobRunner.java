package dev.benchbox.platform.emr.job;

import static java.util.Objects.requireNonNull;

import dev.benchbox.BenchboxException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;
import software.amazon.awssdk.services.emrserverless.model.JobRun;
import software.amazon.awssdk.services.emrserverless.model.JobRunState;
import software.amazon.awssdk.services.emrserverless.model.StartJobRunRequest;
import software.amazon.awssdk.services.emrserverless.model.StartJobRunResponse;
import software.amazon.awssdk.services.emrserverless.model.ValidationException;
import software.amazon.awssdk.services.emrserverless.model.ApplicationState;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Submits a job run and follows it to its end, polling as its {@link PollSchedule} says: backing off to
 * {@link #MAX_POLL} while it starts, every quarter second near its expected end, inside a share of GetJobRun's
 * quota. A client-side timeout or an interrupt (Ctrl-C) cancels the run and waits until AWS says it is cancelled: no
 * job is left running behind the user.
 */
public final class JobRunner {
    static final Duration MAX_POLL = Duration.ofMillis(1500);
    static final Duration CANCEL_WAIT = Duration.ofMinutes(5);
    private static final Set<JobRunState> TERMINAL = Set.of(JobRunState.SUCCESS, JobRunState.FAILED, JobRunState.CANCELLED);
    private static final int STDERR_LINES = 3;

    private final EmrServerlessClient emr;
    private final S3Client s3;
    private final Backoff polling;
    private final PollSchedule schedule;

    public JobRunner(EmrServerlessClient emr, S3Client s3) {
        this(emr, s3, Backoff.DEFAULT);
    }

    /** @param polling the platform's polling, capped so that the end of a run is noticed within {@link #MAX_POLL} */
    public JobRunner(EmrServerlessClient emr, S3Client s3, Backoff polling) {
        this(emr, s3, polling, PollSchedule.of(polling));
    }

    JobRunner(EmrServerlessClient emr, S3Client s3, Backoff polling, PollSchedule schedule) {
        this.emr = requireNonNull(emr, "emr is null");
        this.s3 = requireNonNull(s3, "s3 is null");
        this.polling = requireNonNull(polling, "polling is null").cappedAt(MAX_POLL);
        this.schedule = requireNonNull(schedule, "schedule is null");
    }

    /** Told about the run as it goes. */
    public interface Listener {
        Listener NONE = new Listener() { };

        default void submitted(String jobRunId) {
        }

        default void stateChanged(String jobRunId, JobRunState state, Duration sinceSubmit) {
        }

        /** A poll found the run still in {@code state}: lets a display keep ticking between changes. */
        default void stillIn(String jobRunId, JobRunState state, Duration sinceSubmit) {
        }

        /** Asked at each poll of an unfinished run: a reason here cancels the run (e.g. a spending limit passed). */
        default java.util.Optional<String> stopReason(JobRun run) {
            return java.util.Optional.empty();
        }

        /** The run reached an end (SUCCESS, FAILED or CANCELLED): its final description, for the cost ledger. */
        default void ended(JobRun run) {
        }
    }

    /** The request as StartJobRun takes it: also what a dry run writes. */
    public static StartJobRunRequest startRequest(JobRequest request, String clientToken) {
        return StartJobRunRequest.builder()
                .applicationId(request.applicationId())
                .clientToken(clientToken)
                .executionRoleArn(request.executionRoleArn())
                .name(request.name())
                .executionTimeoutMinutes((long) request.timeoutMinutes())
                .tags(request.tags())
                .jobDriver(driver -> driver.sparkSubmit(spark -> spark
                        .entryPoint(request.entryPoint())
                        .entryPointArguments(request.arguments())
                        .sparkSubmitParameters(request.sparkSubmitParameters())))
                .configurationOverrides(overrides -> overrides.monitoringConfiguration(monitoring -> monitoring
                        .s3MonitoringConfiguration(s3Monitoring -> s3Monitoring.logUri(request.logUri()))))
                .build();
    }

    /**
     * Runs the job to SUCCESS and returns its final description; a FAILED or CANCELLED run is a
     * one-line {@link BenchboxException} with AWS's stateDetails, the log location and the last lines of
     * the driver's stderr.
     */
    public JobRun run(JobRequest request, Listener listener) {
        Instant submitted = Instant.now();
        StartJobRunResponse started = submit(request);
        String jobRunId = started.jobRunId();
        listener.submitted(jobRunId);
        long deadline = System.nanoTime() + Duration.ofMinutes(request.timeoutMinutes()).plusMinutes(1).toNanos();
        JobRunState last = null;
        PollSchedule.Run polls = schedule.start();
        while (true) {
            JobRun run;
            try {
                polls.pause(last);
                run = describe(request.applicationId(), jobRunId);
                polls.answered();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // kept for the caller: a sweep or a stream loop stops on it
                cancel(request, jobRunId, listener, submitted);
                throw new dev.benchbox.platform.WorkCancelled("job run " + jobRunId + " cancelled (interrupted)");
            } catch (SdkServiceException e) {
                if (!e.isThrottlingException() || System.nanoTime() > deadline) {
                    throw e;
                }
                polls.throttled(); // the SDK's retries were not enough: poll less often, the run goes on
                continue;
            }
            if (run.state() != last) {
                last = run.state();
                listener.stateChanged(jobRunId, last, Duration.between(submitted, Instant.now()));
            } else {
                listener.stillIn(jobRunId, last, Duration.between(submitted, Instant.now()));
            }
            if (TERMINAL.contains(run.state())) {
                polls.ended();
                listener.ended(run);
                return finished(request, run);
            }
            java.util.Optional<String> stop = listener.stopReason(run);
            if (stop.isPresent()) {
                cancel(request, jobRunId, listener, submitted);
                throw new dev.benchbox.platform.WorkCancelled(stop.get() + ": job run " + jobRunId + " was cancelled");
            }
            if (System.nanoTime() > deadline) {
                cancel(request, jobRunId, listener, submitted);
                throw new BenchboxException("job run " + jobRunId + " timed out after " + request.timeoutMinutes()
                        + " minutes (timeout_minutes) and was cancelled");
            }
        }
    }

    /**
     * StartJobRun, once more when the application was STOPPING: its idle timeout can stop it between two runs, and it
     * takes job runs again (starting itself) once STOPPED. The retry keeps the client token, so it cannot start two runs.
     */
    private StartJobRunResponse submit(JobRequest request) {
        StartJobRunRequest start = startRequest(request, UUID.randomUUID().toString());
        try {
            return emr.startJobRun(start);
        } catch (ValidationException refused) {
            if (!waitedUntilStopped(request.applicationId())) {
                throw refused;
            }
            return emr.startJobRun(start);
        }
    }

    /** Whether the application was STOPPING and is now STOPPED (within {@link #CANCEL_WAIT}). */
    private boolean waitedUntilStopped(String applicationId) {
        ApplicationState state = applicationState(applicationId);
        if (state != ApplicationState.STOPPING) {
            return false;
        }
        long deadline = System.nanoTime() + CANCEL_WAIT.toNanos();
        for (int poll = 0; state == ApplicationState.STOPPING && System.nanoTime() < deadline; poll++) {
            try {
                polling.pause(poll);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchboxException("interrupted while application " + applicationId + " was stopping; no job run was started");
            }
            state = applicationState(applicationId);
        }
        return state == ApplicationState.STOPPED;
    }

    private ApplicationState applicationState(String applicationId) {
        return emr.getApplication(r -> r.applicationId(applicationId)).application().state();
    }

    private JobRun describe(String applicationId, String jobRunId) {
        return emr.getJobRun(r -> r.applicationId(applicationId).jobRunId(jobRunId)).jobRun();
    }

    private JobRun finished(JobRequest request, JobRun run) {
        if (run.state() == JobRunState.SUCCESS) {
            return run;
        }
        String details = run.stateDetails() == null || run.stateDetails().isBlank() ? "no details" : oneLine(run.stateDetails());
        String logs = driverLog(request, run.jobRunId(), "stderr.gz");
        String tail = stderrTail(logs);
        throw new BenchboxException("job run " + run.jobRunId() + " " + run.state() + ": " + details + " (driver log: " + logs + ")"
                + (tail.isEmpty() ? "" : "; stderr ends: " + tail));
    }

    /** The AWS CLI command that does {@code action} to the job run by hand. */
    private String byHand(String action, JobRequest request, String jobRunId) {
        String command = "aws emr-serverless " + action + " --application-id " + request.applicationId() + " --job-run-id " + jobRunId;
        try {
            var config = emr.serviceClientConfiguration();
            return command + (config.region() == null ? "" : " --region " + config.region().id())
                    + config.endpointOverride().map(uri -> " --endpoint-url " + uri).orElse("");
        } catch (UnsupportedOperationException e) {
            return command; // a test's stand-in client without a configuration
        }
    }

    /** Cancels and waits for CANCELLED (or any end), whatever happens to this thread meanwhile. */
    private void cancel(JobRequest request, String jobRunId, Listener listener, Instant submitted) {
        boolean interrupted = Thread.interrupted();
        try {
            emr.cancelJobRun(r -> r.applicationId(request.applicationId()).jobRunId(jobRunId));
            long until = System.nanoTime() + CANCEL_WAIT.toNanos();
            JobRunState last = null;
            while (System.nanoTime() < until) {
                JobRun run = describe(request.applicationId(), jobRunId);
                if (run.state() != last) {
                    last = run.state();
                    listener.stateChanged(jobRunId, last, Duration.between(submitted, Instant.now()));
                }
                if (TERMINAL.contains(run.state())) {
                    listener.ended(run);
                    return;
                }
                sleepUninterruptibly(polling.delayMillis(2));
            }
            throw new BenchboxException("job run " + jobRunId + " did not reach CANCELLED within "
                    + CANCEL_WAIT.toMinutes() + " minutes: check it with " + byHand("get-job-run", request, jobRunId));
        } catch (SdkException e) {
            // on screen with the command: the run bills until it is cancelled
            throw new BenchboxException("could not cancel job run " + jobRunId + ": " + oneLine(e.getMessage())
                    + " — cancel it by hand: " + byHand("cancel-job-run", request, jobRunId), e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void sleepUninterruptibly(long millis) {
        long until = System.nanoTime() + millis * 1_000_000;
        while (true) {
            long left = until - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                Thread.sleep(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                // keep waiting: the run must be seen cancelled; the interrupt is restored by the caller
            }
        }
    }

    /** Where EMR Serverless writes a driver log of a run under the monitoring log URI. */
    public static String driverLog(JobRequest request, String jobRunId, String file) {
        String base = request.logUri().endsWith("/") ? request.logUri() : request.logUri() + "/";
        return base + "applications/" + request.applicationId() + "/jobs/" + jobRunId + "/SPARK_DRIVER/" + file;
    }

    /** The last lines of the gzipped driver stderr, joined with " | "; empty when it cannot be read. */
    String stderrTail(String uri) {
        S3Uri location = S3Uri.parse(uri);
        Deque<String> lines = new ArrayDeque<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                s3.getObject(r -> r.bucket(location.bucket()).key(location.key()))), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    lines.addLast(line.strip());
                    if (lines.size() > STDERR_LINES) {
                        lines.removeFirst();
                    }
                }
            }
        } catch (IOException | SdkException e) {
            return "";
        }
        return String.join(" | ", lines);
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " | ");
    }
}
