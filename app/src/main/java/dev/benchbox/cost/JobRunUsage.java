package dev.benchbox.cost;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One EMR Serverless job run as the session's ledger keeps it: what it was, how it ended, what it used and what AWS
 * billed for it. Built by the EMR platform from {@code GetJobRun}; the times AWS may omit are nullable.
 *
 * @param jobRunId                      AWS's job run id
 * @param name                          the job run's name (ours, e.g. {@code benchbox tpch sf1 power})
 * @param kind                          what it ran, in a word or two: {@code query}, {@code power run}, {@code stream 2}
 * @param state                         the final (or last seen) state: {@code SUCCESS}, {@code FAILED}, ...
 * @param total                         {@code totalResourceUtilization}: what ran
 * @param billed                        {@code billedResourceUtilization}: what costs money
 * @param totalExecutionDurationSeconds AWS's {@code totalExecutionDurationSeconds}: from RUNNING to the end
 * @param createdAt                     when the run was submitted; null if unknown
 * @param startedAt                     when it started running; null if it never did or is unknown
 * @param endedAt                       when it ended; null if unknown
 * @param queued                        AWS's {@code queuedDurationMilliseconds} as a duration; null if not reported
 * @param architecture                  the application's architecture, which picks the price
 * @param region                        the AWS region, which picks the price
 * @param noticedAt                     when the shell saw the run's end (how quickly polling noticed); null if unknown
 * @param tags                          the tags AWS has on the run (cost allocation groups the bill by them); empty if none
 * @param driver                        the driver's own milestones, when the job reported them; null otherwise
 */
public record JobRunUsage(
        String jobRunId,
        String name,
        String kind,
        String state,
        ResourceUtilization total,
        ResourceUtilization billed,
        long totalExecutionDurationSeconds,
        Instant createdAt,
        Instant startedAt,
        Instant endedAt,
        Duration queued,
        Architecture architecture,
        String region,
        Instant noticedAt,
        java.util.Map<String, String> tags,
        DriverClock driver) {

    /** A run whose driver's milestones are not known (every run but the job's own query runs). */
    public JobRunUsage(String jobRunId, String name, String kind, String state, ResourceUtilization total, ResourceUtilization billed,
            long totalExecutionDurationSeconds, Instant createdAt, Instant startedAt, Instant endedAt, Duration queued,
            Architecture architecture, String region, Instant noticedAt, java.util.Map<String, String> tags) {
        this(jobRunId, name, kind, state, total, billed, totalExecutionDurationSeconds, createdAt, startedAt, endedAt, queued,
                architecture, region, noticedAt, tags, null);
    }

    /** A run whose tags are not known. */
    public JobRunUsage(String jobRunId, String name, String kind, String state, ResourceUtilization total, ResourceUtilization billed,
            long totalExecutionDurationSeconds, Instant createdAt, Instant startedAt, Instant endedAt, Duration queued,
            Architecture architecture, String region, Instant noticedAt) {
        this(jobRunId, name, kind, state, total, billed, totalExecutionDurationSeconds, createdAt, startedAt, endedAt, queued,
                architecture, region, noticedAt, java.util.Map.of());
    }

    public JobRunUsage {
        tags = tags == null ? java.util.Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(tags));
        requireNonNull(jobRunId, "jobRunId is null");
        requireNonNull(name, "name is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(state, "state is null");
        requireNonNull(total, "total is null");
        requireNonNull(billed, "billed is null");
        requireNonNull(architecture, "architecture is null");
        requireNonNull(region, "region is null");
        if (totalExecutionDurationSeconds < 0) {
            throw new IllegalArgumentException("totalExecutionDurationSeconds is negative: " + totalExecutionDurationSeconds);
        }
        if (queued != null && queued.isNegative()) {
            throw new IllegalArgumentException("queued duration is negative: " + queued);
        }
    }

    /** The same run with its driver's milestones. */
    public JobRunUsage withDriver(DriverClock clock) {
        return new JobRunUsage(jobRunId, name, kind, state, total, billed, totalExecutionDurationSeconds, createdAt, startedAt, endedAt,
                queued, architecture, region, noticedAt, tags, clock);
    }

    /** The {@link #kind()} of an EMR interactive session, which the ledger keeps beside the job runs. */
    public static final String SESSION = "session";

    /** Whether this is an EMR interactive session rather than a job run. */
    public boolean isSession() {
        return SESSION.equals(kind);
    }

    /** Time spent waiting before running: AWS's own figure if it gave one, else submitted → started. */
    public Optional<Duration> queueDuration() {
        if (queued != null) {
            return Optional.of(queued);
        }
        if (createdAt != null && startedAt != null && !startedAt.isBefore(createdAt)) {
            return Optional.of(Duration.between(createdAt, startedAt));
        }
        return Optional.empty();
    }

    /** How long after the run ended the shell noticed it, when both are known. */
    public Optional<Duration> noticeDelay() {
        if (endedAt != null && noticedAt != null) {
            return Optional.of(Duration.between(endedAt, noticedAt));
        }
        return Optional.empty();
    }

    /** Submitted → ended, the whole wait the user saw, when both ends are known. */
    public Optional<Duration> wallClock() {
        if (createdAt != null && endedAt != null && !endedAt.isBefore(createdAt)) {
            return Optional.of(Duration.between(createdAt, endedAt));
        }
        return Optional.empty();
    }
}
