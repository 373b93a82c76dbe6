package dev.benchbox.results;

import dev.benchbox.cost.DriverClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Where a job run's time went, from submission to end, in four consecutive parts that add up to it exactly. AWS's
 * times ({@code createdAt}, {@code startedAt}, {@code endedAt}) and the driver's ({@link DriverClock}) are both UTC wall
 * clocks, but different machines': a skew between them moves time between driver start and teardown (a part can even
 * come out negative), never between the sum and the other parts, since the queries are timed on the driver's clock
 * alone and the waiting on AWS's alone.
 *
 * @param waitingMs      submitted to RUNNING (AWS's clock): queued, then waiting for workers (the driver's container)
 * @param queuedMs       of which QUEUED (AWS's {@code queuedDurationMilliseconds}, the application at its concurrency
 *                       limit); null when AWS did not report it
 * @param driverStartMs  RUNNING to the first query (mixed clocks): the driver's launch, its Spark session, the catalog
 * @param launchMs       of which RUNNING to the driver's JVM (mixed clocks)
 * @param sparkStartMs   of which the driver's JVM to its Spark session up (the driver's clock)
 * @param queriesMs      first query submitted to last query's last row (the driver's clock): the queries with what the
 *                       driver did between them (writing each result); the queries' own time is {@code queries_in_driver_ms}
 * @param teardownMs     last query's end to the run's end (mixed clocks): the summary written, Spark stopped, workers released
 */
public record JobTimeSplit(long waitingMs, Long queuedMs, long driverStartMs, long launchMs, long sparkStartMs, long queriesMs,
        long teardownMs) {

    /** The split, when AWS's three times and the driver's milestones with a query are all known. */
    public static Optional<JobTimeSplit> of(Instant createdAt, Instant startedAt, Instant endedAt, Long queuedMs, DriverClock driver) {
        if (createdAt == null || startedAt == null || endedAt == null || driver == null || driver.firstQuery() == null
                || driver.lastQueryEnd() == null) {
            return Optional.empty();
        }
        return Optional.of(new JobTimeSplit(ms(createdAt, startedAt), queuedMs, ms(startedAt, driver.firstQuery()),
                ms(startedAt, driver.jvmStarted()), ms(driver.jvmStarted(), driver.sparkReady()),
                ms(driver.firstQuery(), driver.lastQueryEnd()), ms(driver.lastQueryEnd(), endedAt)));
    }

    private static long ms(Instant from, Instant to) {
        return Duration.between(from, to).toMillis();
    }

    /** Submitted to ended: the sum of the four parts. */
    public long totalMs() {
        return waitingMs + driverStartMs + queriesMs + teardownMs;
    }

    /** {@code 95.3 s = waiting 40.1 s (queued 0.0 s) + driver start 30.2 s + queries 14.3 s + teardown 10.7 s}. */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "%.1f s = waiting %.1f s%s + driver start %.1f s + queries %.1f s + teardown %.1f s",
                totalMs() / 1000.0, waitingMs / 1000.0, queuedMs == null ? "" : String.format(java.util.Locale.ROOT, " (queued %.1f s)",
                        queuedMs / 1000.0), driverStartMs / 1000.0, queriesMs / 1000.0, teardownMs / 1000.0);
    }
}
