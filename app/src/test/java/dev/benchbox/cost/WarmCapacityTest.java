package dev.benchbox.cost;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WarmCapacityTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final WorkerSize STANDARD = new WorkerSize(4, 16, 20);
    /** A driver and 4 executors kept warm; job runs ask for 3 executors. */
    private static final SpendingLimit.PreInitialized WARM = new SpendingLimit.PreInitialized(1, STANDARD, 4, STANDARD);

    private static JobRunUsage run(String id, Instant created, Instant started, Instant ended) {
        return new JobRunUsage(id, "benchbox power run", "power run", "SUCCESS", ResourceUtilization.ZERO, ResourceUtilization.ZERO,
                Duration.between(started, ended).toSeconds(), created, started, ended, null, Architecture.X86_64, "us-east-1", null);
    }

    private static Optional<JobRunUsage> usage(WarmCapacity warm, Instant now, List<JobRunUsage> runs) {
        return warm.usage("00app", now, runs, 3, Architecture.X86_64, "us-east-1");
    }

    @Test
    void warmWorkersNoJobUsesBillUntilTheShellStopsTheApplication() {
        WarmCapacity warm = new WarmCapacity(WARM, Duration.ofMinutes(15));
        warm.started(T0);
        // a 10-minute job on the driver and 3 warm executors: one executor idles beside it
        JobRunUsage job = run("j1", T0.plusSeconds(60), T0.plusSeconds(120), T0.plusSeconds(720));
        warm.stopped(T0.plusSeconds(900));

        JobRunUsage idle = usage(warm, T0.plusSeconds(5000), List.of(job)).orElseThrow();
        // 5 workers × 900 s - (1 + 3) workers × 600 s = 2100 worker-seconds of 4 vCPU / 16 GB (20 GB disk: no storage billed)
        assertThat(idle.billed()).isEqualTo(new ResourceUtilization(4 * 2100 / 3600.0, 16 * 2100 / 3600.0, 0));
        assertThat(idle.total()).isEqualTo(idle.billed());
        assertThat(idle.totalExecutionDurationSeconds()).isEqualTo(900);
        assertThat(idle.state()).isEqualTo("STOPPED");
        assertThat(idle.kind()).isEqualTo(CostReportPrinter.IDLE_CAPACITY);
    }

    @Test
    void theApplicationStopsItselfAnIdleTimeoutAfterItsLastJobAndStartsAgainWithTheNext() {
        WarmCapacity warm = new WarmCapacity(WARM, Duration.ofMinutes(15));
        warm.started(T0);
        JobRunUsage first = run("j1", T0, T0, T0.plusSeconds(300));
        // an hour later: it stopped itself at 5 + 15 minutes and started again with this run
        JobRunUsage second = run("j2", T0.plusSeconds(3600), T0.plusSeconds(3630), T0.plusSeconds(3930));

        JobRunUsage idle = usage(warm, T0.plusSeconds(10_000), List.of(first, second)).orElseThrow();
        // up 0-1200 s and 3600-4830 s: 2430 s × 5 workers, less 4 workers × (300 + 300) s
        long workerSeconds = 2430 * 5 - 4 * 600;
        assertThat(idle.totalExecutionDurationSeconds()).isEqualTo(2430);
        assertThat(idle.billed().vCpuHours()).isEqualTo(4 * workerSeconds / 3600.0);
        assertThat(idle.state()).isEqualTo("STARTED");
        assertThat(usage(new WarmCapacity(WARM, Duration.ofMinutes(15)), T0, List.of())).isEmpty();
    }

    @Test
    void theCostReportShowsItAsItsOwnLineAndSaysWhy() {
        WarmCapacity warm = new WarmCapacity(WARM, Duration.ofMinutes(15));
        warm.started(T0);
        warm.stopped(T0.plusSeconds(600));
        StringWriter out = new StringWriter();
        new CostReportPrinter(out).print(CostReport.of(List.of(usage(warm, T0.plusSeconds(600), List.of()).orElseThrow()), PricingTable.load()));
        // 5 workers × 10 minutes: 3.333 vCPU-h, 13.333 GB-h = $0.2525
        assertThat(out.toString().replace(System.lineSeparator(), "\n")).isEqualTo("""
                Job run  Name                          State    Run time          vCPU-h    GB-h  Storage GB-h   Cost
                00app    idle pre-initialised workers  STOPPED   10m 00s  billed   3.333  13.333         0.000  $0.25
                                                                          total    3.333  13.333         0.000  $0.25
                All      idle workers                            10m 00s  billed   3.333  13.333         0.000  $0.25
                                                                          total    3.333  13.333         0.000  $0.25
                Billed is what AWS charges: each worker at least 1 minute, storage only above 20 GB per worker. Total is what ran.
                Idle pre-initialised workers bill while their application is started, in no job run's figures: their line counts the time this shell had it started, to its auto-stop, less what job runs used.
                Prices: us-east-1 x86_64: $0.052624/vCPU-h, $0.0057785/GB-h, $0.000111/storage GB-h
                """);
    }

    @Test
    void aUsersOwnApplicationCountsFromWhenTheShellSawItStartedUntilItDisconnectedAndTheCostSaysSo() {
        WarmCapacity warm = new WarmCapacity(WARM, Duration.ofDays(3650), WarmCapacity.SEEN_STARTED);
        warm.started(T0.plusSeconds(100)); // connected: seen STARTED; whatever it idled before is unknown
        warm.disconnected(T0.plusSeconds(700));

        JobRunUsage idle = usage(warm, T0.plusSeconds(5000), List.of()).orElseThrow();
        // 5 workers × 600 s of 4 vCPU / 16 GB (the driver's and the executors' added), nothing after the disconnect
        assertThat(idle.billed()).isEqualTo(new ResourceUtilization(4 * 600 / 3600.0 + 4 * 2400 / 3600.0,
                16 * 600 / 3600.0 + 16 * 2400 / 3600.0, 0));
        assertThat(idle.name()).isEqualTo("idle pre-initialised workers since seen started");
        assertThat(idle.state()).isEqualTo("DISCONNECTED");
        StringWriter out = new StringWriter();
        new CostReportPrinter(out).print(CostReport.of(List.of(idle), PricingTable.load()));
        assertThat(out.toString()).contains("An application this shell did not start counts from when the shell first saw it started,"
                + " and only while connected: its idle time before or after that is unknown to the shell.\n");
    }
}
