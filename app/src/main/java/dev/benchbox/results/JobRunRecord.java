package dev.benchbox.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.benchbox.cost.CostCalculator;
import dev.benchbox.cost.JobRunCost;
import dev.benchbox.cost.JobRunUsage;
import dev.benchbox.cost.PricingTable;
import dev.benchbox.cost.ResourceUtilization;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A job run behind a benchmark run, as the results file records it: AWS's own resource figures, what ran
 * and what was billed, and their price; the job's overhead (queue, start, teardown) is its wall time minus
 * the queries' in-driver time. With the driver's own milestones ({@code driver}, its clock) the run's time splits into
 * waiting, driver start, queries and teardown ({@code time_split}, {@link JobTimeSplit}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobRunRecord(String jobRunId, String kind, String state, Instant createdAt, Instant startedAt, Instant endedAt,
        Long queuedMs, long totalExecutionDurationSeconds, Long noticedAfterMs, Long wallMs, Double queriesInDriverMs,
        Double overheadMs, ResourceUtilization total, ResourceUtilization billed, BigDecimal totalUsd, BigDecimal billedUsd,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) java.util.Map<String, String> tags, dev.benchbox.cost.DriverClock driver,
        JobTimeSplit timeSplit) {

    /** A record without the driver's milestones (a file written before they were recorded, or a run that has none). */
    public JobRunRecord(String jobRunId, String kind, String state, Instant createdAt, Instant startedAt, Instant endedAt,
            Long queuedMs, long totalExecutionDurationSeconds, Long noticedAfterMs, Long wallMs, Double queriesInDriverMs,
            Double overheadMs, ResourceUtilization total, ResourceUtilization billed, BigDecimal totalUsd, BigDecimal billedUsd,
            java.util.Map<String, String> tags) {
        this(jobRunId, kind, state, createdAt, startedAt, endedAt, queuedMs, totalExecutionDurationSeconds, noticedAfterMs, wallMs,
                queriesInDriverMs, overheadMs, total, billed, totalUsd, billedUsd, tags, null, null);
    }

    /** A record with no tags (a file written before they were recorded). */
    public JobRunRecord(String jobRunId, String kind, String state, Instant createdAt, Instant startedAt, Instant endedAt,
            Long queuedMs, long totalExecutionDurationSeconds, Long noticedAfterMs, Long wallMs, Double queriesInDriverMs,
            Double overheadMs, ResourceUtilization total, ResourceUtilization billed, BigDecimal totalUsd, BigDecimal billedUsd) {
        this(jobRunId, kind, state, createdAt, startedAt, endedAt, queuedMs, totalExecutionDurationSeconds, noticedAfterMs, wallMs,
                queriesInDriverMs, overheadMs, total, billed, totalUsd, billedUsd, java.util.Map.of());
    }

    public JobRunRecord {
        tags = tags == null ? java.util.Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(tags));
    }

    public static JobRunRecord of(JobRunUsage usage, PricingTable pricing) {
        JobRunCost cost = new CostCalculator(pricing).cost(usage);
        return new JobRunRecord(usage.jobRunId(), usage.kind(), usage.state(), usage.createdAt(), usage.startedAt(),
                usage.endedAt(), usage.queueDuration().map(d -> d.toMillis()).orElse(null),
                usage.totalExecutionDurationSeconds(), usage.noticeDelay().map(d -> d.toMillis()).orElse(null),
                usage.wallClock().map(d -> d.toMillis()).orElse(null), null, null,
                usage.total(), usage.billed(), cost.total().total(), cost.billed().total(), usage.tags(), usage.driver(),
                JobTimeSplit.of(usage.createdAt(), usage.startedAt(), usage.endedAt(), usage.queued() == null ? null
                        : usage.queued().toMillis(), usage.driver()).orElse(null));
    }

    /**
     * The same record with the time the queries took inside the driver (warm-ups included) and what the job
     * cost around them: queue, start-up and teardown, submit to end minus query time.
     */
    public JobRunRecord withQueryTime(double inDriverMs) {
        Double overhead = wallMs == null ? null : Math.round((wallMs - inDriverMs) * 1000) / 1000.0;
        return new JobRunRecord(jobRunId, kind, state, createdAt, startedAt, endedAt, queuedMs, totalExecutionDurationSeconds,
                noticedAfterMs, wallMs, Math.round(inDriverMs * 1000) / 1000.0, overhead, total, billed, totalUsd, billedUsd, tags,
                driver, timeSplit);
    }
}
