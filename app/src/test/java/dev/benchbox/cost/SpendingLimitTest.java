package dev.benchbox.cost;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SpendingLimitTest {
    private static final Rates VIRGINIA = PricingTable.load().price("us-east-1", Architecture.X86_64);
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final WorkerSize STANDARD = new WorkerSize(4, 16, 20);

    private static SpendingLimit limit(String usd, SpendingLimit.PreInitialized warm) {
        return new SpendingLimit(new BigDecimal(usd), VIRGINIA, JobCapacity.DEFAULT, warm, T0);
    }

    @Test
    void aRunningJobIsProjectedAtItsWorkersForItsTimeAtLeastAMinuteAndStopsOncePastTheLimit() {
        SpendingLimit cap = limit("0.05", SpendingLimit.PreInitialized.NONE);

        // waiting bills nothing; just started bills a minute: 4 workers × (4 vCPU, 16 GB) / 60 = $0.0202
        assertThat(cap.check("j1", null, T0.plusSeconds(30))).isEmpty();
        assertThat(cap.check("j1", T0.plusSeconds(30), T0.plusSeconds(31))).isEmpty();
        assertThat(cap.projected(T0.plusSeconds(31))).isCloseTo(new BigDecimal("0.0201968"), org.assertj.core.data.Offset.offset(new BigDecimal("0.0000001")));
        // 10 minutes: 16 vCPU × 1/6 h × $0.052624 + 64 GB × 1/6 h × $0.0057785 = $0.20197
        assertThat(cap.check("j1", T0.plusSeconds(30), T0.plusSeconds(630))).contains(
                "projected cost $0.21 passed --max-cost $0.05 while job run j1 ran 10m 00s on 4 workers (each billed at least a minute)");
        assertThat(cap.exceeded()).isTrue();
        // it keeps saying so: every other job run of the work stops too
        assertThat(cap.check("j2", null, T0.plusSeconds(631))).isPresent();

        cap.ended("j1", new ResourceUtilization(2.667, 10.667, 0), T0.plusSeconds(640));
        assertThat(cap.explanation("power run (job run j1) was cancelled")).isEqualTo("projected cost $0.21 passed --max-cost $0.05 while "
                + "job run j1 ran 10m 00s on 4 workers (each billed at least a minute): power run (job run j1) was cancelled; "
                + "billed so far $0.20 (job runs as AWS billed them), see 'cost'");
    }

    @Test
    void endedRunsCountAsBilledAndIdlePreInitialisedWorkersBillWhileNoJobUsesThem() {
        SpendingLimit.PreInitialized warm = new SpendingLimit.PreInitialized(1, STANDARD, 4, STANDARD);
        SpendingLimit cap = limit("0.50", warm);

        // a job on the warm workers (a driver and 3 executors) leaves one executor idle: 4 vCPU, 16 GB, 20 GB disk for 10 minutes
        assertThat(cap.check("j1", T0, T0)).isEmpty();
        assertThat(cap.check("j1", T0, T0.plus(Duration.ofMinutes(10)))).isEmpty();
        cap.ended("j1", new ResourceUtilization(2.667, 10.667, 0), T0.plus(Duration.ofMinutes(10)));
        // $0.201987 billed + idle 0.6667 vCPU-h, 2.667 GB-h, 3.333 storage GB-h = $0.050862
        assertThat(cap.projected(T0.plus(Duration.ofMinutes(10)))).isCloseTo(new BigDecimal("0.252849"),
                org.assertj.core.data.Offset.offset(new BigDecimal("0.000001")));
        // then all five warm workers idle 15 minutes more: 5 vCPU-h, 20 GB-h, 25 storage GB-h = $0.38147
        assertThat(cap.check("j2", null, T0.plus(Duration.ofMinutes(25)))).contains("projected cost $0.64 passed --max-cost $0.50");
        assertThat(cap.explanation("nothing else was running")).isEqualTo("projected cost $0.64 passed --max-cost $0.50: nothing else "
                + "was running; billed so far $0.63 (job runs as AWS billed them and $0.43 of idle pre-initialised workers), see 'cost'");
    }

    @Test
    void anOpenSessionCountsAsBilledSinceItStartedAndTakesWarmWorkersLikeAJob() {
        SpendingLimit.PreInitialized warm = new SpendingLimit.PreInitialized(1, STANDARD, 3, STANDARD);
        SpendingLimit cap = limit("0.50", warm);

        // the session's own figure (its workers since it started, idle included) replaces the last one; its warm workers are not idle
        assertThat(cap.checkSession("s1", new ResourceUtilization(1.333, 5.333, 0), Duration.ofMinutes(5), T0.plus(Duration.ofMinutes(5))))
                .isEmpty();
        assertThat(cap.projected(T0.plus(Duration.ofMinutes(5)))).isCloseTo(new BigDecimal("0.10097"),
                org.assertj.core.data.Offset.offset(new BigDecimal("0.00001")));
        assertThat(cap.checkSession("s1", new ResourceUtilization(8, 32, 0), Duration.ofMinutes(30), T0.plus(Duration.ofMinutes(30))))
                .contains("projected cost $0.61 passed --max-cost $0.50 while session s1 had been up 30m 00s (billed from its start, idle time included)");
        cap.ended("s1", new ResourceUtilization(8, 32, 0), T0.plus(Duration.ofMinutes(31)));
        assertThat(cap.projected(T0.plus(Duration.ofMinutes(31)))).isCloseTo(new BigDecimal("0.605904"),
                org.assertj.core.data.Offset.offset(new BigDecimal("0.000001")));
        assertThat(cap.explanation("the running statement was cancelled")).endsWith(
                ": the running statement was cancelled; billed so far $0.61 (job runs and sessions as AWS billed them), see 'cost'");
    }
}
