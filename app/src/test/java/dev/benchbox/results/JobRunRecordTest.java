package dev.benchbox.results;

import static org.assertj.core.api.Assertions.assertThat;

import dev.benchbox.cost.Architecture;
import dev.benchbox.cost.DriverClock;
import dev.benchbox.cost.JobRunUsage;
import dev.benchbox.cost.PricingTable;
import dev.benchbox.cost.ResourceUtilization;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A job run as the results file records it: its time split from AWS's times and the driver's milestones. */
class JobRunRecordTest {
    private static final Instant CREATED = Instant.parse("2026-01-01T10:00:00Z");

    private static JobRunUsage usage(Duration queued) {
        return new JobRunUsage("00f1", "benchbox power run r-1", "power run", "SUCCESS", new ResourceUtilization(0.1, 0.4, 0),
                new ResourceUtilization(0.1, 0.4, 0), 50, CREATED, CREATED.plusSeconds(20), CREATED.plusSeconds(70), queued,
                Architecture.X86_64, "us-east-1", CREATED.plusSeconds(71), java.util.Map.of());
    }

    @Test
    void aRunWithItsDriversMilestonesSplitsIntoWaitingDriverStartQueriesAndTeardown() {
        DriverClock driver = new DriverClock(CREATED.plusSeconds(24), CREATED.plusMillis(24_400), CREATED.plusSeconds(33),
                CREATED.plusSeconds(35), CREATED.plusSeconds(62));

        JobRunRecord record = JobRunRecord.of(usage(Duration.ofSeconds(8)).withDriver(driver), PricingTable.load()).withQueryTime(25_000);

        assertThat(record.timeSplit()).isEqualTo(new JobTimeSplit(20_000, 8_000L, 15_000, 4_000, 9_000, 27_000, 8_000));
        assertThat(record.timeSplit().totalMs()).isEqualTo(record.wallMs());
        assertThat(record.driver()).isEqualTo(driver);
        assertThat(record.queriesInDriverMs()).isEqualTo(25_000.0);
    }

    @Test
    void aRunWithoutThemHasNoSplit() {
        JobRunRecord record = JobRunRecord.of(usage(null), PricingTable.load());

        assertThat(record.timeSplit()).isNull();
        assertThat(record.driver()).isNull();
        assertThat(record.queuedMs()).as("AWS gave none: submitted to RUNNING").isEqualTo(20_000L);
    }
}
