package dev.benchbox.cost;

import java.time.Instant;

/**
 * A job run's milestones as its Spark driver saw them, on the driver's wall clock (UTC, like AWS's job run times, but
 * another machine's clock: the two can disagree by a clock's skew).
 *
 * @param jvmStarted   the driver's JVM started
 * @param mainStarted  the job's {@code main} began
 * @param sparkReady   the Spark session was up
 * @param firstQuery   the first query was submitted; null when the run had none
 * @param lastQueryEnd the last query's last row was received; null when the run had none
 */
public record DriverClock(Instant jvmStarted, Instant mainStarted, Instant sparkReady, Instant firstQuery, Instant lastQueryEnd) {
    public DriverClock {
        java.util.Objects.requireNonNull(jvmStarted, "jvmStarted is null");
        java.util.Objects.requireNonNull(mainStarted, "mainStarted is null");
        java.util.Objects.requireNonNull(sparkReady, "sparkReady is null");
    }
}
