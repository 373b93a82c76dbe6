package dev.benchbox.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.benchbox.BenchboxException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CostEstimatorTest {
    private static final CostEstimator ESTIMATOR = CostEstimator.load();

    @Test
    void sf001PowerRunOnDefaultCapacity() {
        CostEstimate estimate = ESTIMATOR.estimate(0.01, JobCapacity.DEFAULT, "us-east-1", Architecture.X86_64);

        // 2 minutes × 4 workers × (4 vCPU, 16 GB); the 20 GB disks are free.
        assertThat(estimate.duration()).isEqualTo(Duration.ofMinutes(2));
        assertThat(estimate.billed()).isEqualTo(new ResourceUtilization(1920.0 / 3600, 7680.0 / 3600, 0));
        // (1920 × 0.052624 + 7680 × 0.0057785) / 3600 = 0.0403936
        assertThat(estimate.usd().doubleValue()).isCloseTo(0.0403936, offset(1e-12));
        assertThat(Usd.estimate(estimate.usd())).isEqualTo("$0.05");
    }

    @Test
    void sf1PowerRunOnDefaultCapacity() {
        CostEstimate estimate = ESTIMATOR.estimate(1, JobCapacity.DEFAULT, "us-east-1", Architecture.X86_64);

        assertThat(estimate.duration()).isEqualTo(Duration.ofMinutes(5));
        assertThat(estimate.billed()).isEqualTo(new ResourceUtilization(4800.0 / 3600, 19200.0 / 3600, 0));
        // (4800 × 0.052624 + 19200 × 0.0057785) / 3600 = 0.100984
        assertThat(estimate.usd().doubleValue()).isCloseTo(0.100984, offset(1e-12));
        assertThat(Usd.estimate(estimate.usd())).isEqualTo("$0.11");
        assertThat(estimate.assumptions()).hasSize(5).allSatisfy(a -> assertThat(a).doesNotContain("\n"));
    }

    @Test
    void tpcdsHasItsOwnTableAndSaysSo() {
        CostEstimate estimate = CostEstimator.load(new dev.benchbox.benchmark.TpcdsBenchmark().costEstimates(), "TPC-DS").estimate(1, JobCapacity.DEFAULT, "us-east-1", Architecture.X86_64);

        // 1080 s (18 minutes) on the reference capacity, which is AWS's default
        assertThat(estimate.duration()).isEqualTo(Duration.ofMinutes(18));
        assertThat(estimate.benchmark()).isEqualTo("TPC-DS");
        assertThat(estimate.assumptions().get(0)).isEqualTo("job time: 1m 30s of start-up plus 16m 30s of queries, from the TPC-DS "
                + "estimate table (an estimate, not a measurement)");
        assertThat(estimate.usd()).isGreaterThan(ESTIMATOR.estimate(1, JobCapacity.DEFAULT, "us-east-1", Architecture.X86_64).usd());
        // a benchmark whose estimate table is not shipped fails naming it
        assertThatThrownBy(() -> CostEstimator.load("/pricing/tpcx-estimates.json", "TPCx"))
                .hasMessage("/pricing/tpcx-estimates.json is missing from the classpath");
    }

    @Test
    void arm64IsCheaperForTheSameRun() {
        CostEstimate estimate = ESTIMATOR.estimate(1, JobCapacity.DEFAULT, "us-east-1", Architecture.ARM64);

        assertThat(estimate.usd().doubleValue()).isCloseTo(0.100984 * 0.8, offset(1e-12));
    }

    @Test
    void durationFollowsTheTable() {
        TpchEstimates table = TpchEstimates.load();
        JobCapacity capacity = JobCapacity.DEFAULT;

        assertThat(table.jobDuration(0.001, 1, capacity)).isEqualTo(Duration.ofMinutes(2)); // held below the table
        assertThat(table.jobDuration(0.1, 1, capacity)).isEqualTo(Duration.ofSeconds(170)); // 90 + 30 × √7, up
        assertThat(table.jobDuration(10, 1, capacity)).isEqualTo(Duration.ofMinutes(15));
        assertThat(table.jobDuration(100, 1, capacity)).isEqualTo(Duration.ofMinutes(60));
        assertThat(table.jobDuration(1000, 1, capacity)).isEqualTo(Duration.ofSeconds(90 + 35100)); // linear above
        // Warm-up plus three iterations in one job: start-up once, queries four times.
        assertThat(table.jobDuration(1, 4, capacity)).isEqualTo(Duration.ofSeconds(90 + 4 * 210));
    }

    @Test
    void moreExecutorsShortenQueryTimeSubLinearlyButNotStartUp() {
        JobCapacity eightWorkers = new JobCapacity(WorkerSize.DEFAULT, 7, WorkerSize.DEFAULT);

        CostEstimate estimate = ESTIMATOR.estimate(10, eightWorkers, "us-east-1", Architecture.X86_64);

        // 90 + 810 × (12 / 28) ^ 0.7 = 537.6 s, rounded up
        assertThat(estimate.duration()).isEqualTo(Duration.ofSeconds(538));
        assertThat(estimate.billed()).isEqualTo(new ResourceUtilization(8 * 538 * 4 / 3600.0, 8 * 538 * 16 / 3600.0, 0));
        // Twice the executors (×2.33 vCPUs) cost more in total but finish sooner.
        CostEstimate reference = ESTIMATOR.estimate(10, JobCapacity.DEFAULT, "us-east-1", Architecture.X86_64);
        assertThat(estimate.duration()).isLessThan(reference.duration());
        assertThat(estimate.usd()).isGreaterThan(reference.usd());
    }

    @Test
    void diskAboveTwentyGigabytesIsInTheEstimate() {
        WorkerSize bigDisk = new WorkerSize(4, 16, 100);
        CostEstimate estimate = ESTIMATOR.estimate(1, new JobCapacity(bigDisk, 3, bigDisk), "us-east-1",
                Architecture.X86_64);

        assertThat(estimate.billed().storageGbHours()).isEqualTo(4 * 300 * 80 / 3600.0);
    }

    @Test
    void badInputsAreOneLineErrors() {
        assertThatThrownBy(() -> ESTIMATOR.estimate(0, JobCapacity.DEFAULT, "us-east-1", Architecture.X86_64))
                .isInstanceOf(BenchboxException.class).hasMessage("scale factor must be a positive number, not 0.0");
        assertThatThrownBy(() -> ESTIMATOR.estimate(Double.NaN, JobCapacity.DEFAULT, "us-east-1", Architecture.X86_64))
                .isInstanceOf(BenchboxException.class).hasMessage("scale factor must be a positive number, not NaN");
        assertThatThrownBy(() -> ESTIMATOR.estimate(1, new JobCapacity(WorkerSize.DEFAULT, 0, WorkerSize.DEFAULT),
                "us-east-1", Architecture.X86_64))
                .isInstanceOf(BenchboxException.class).hasMessage("an estimate needs at least one executor");
        assertThatThrownBy(() -> ESTIMATOR.estimate(1, JobCapacity.DEFAULT, "nowhere-1", Architecture.X86_64))
                .isInstanceOf(BenchboxException.class).hasMessageStartingWith("no EMR Serverless prices for region 'nowhere-1'");
    }

    @Test
    void tableFileSaysItIsAnEstimate() {
        TpchEstimates table = TpchEstimates.load();

        assertThat(table.note()).startsWith("An estimate, not a measurement.");
        assertThat(table.reference()).isEqualTo(JobCapacity.DEFAULT);
        assertThat(table.points()).extracting(TpchEstimates.Point::scale).containsExactly(0.01, 1.0, 10.0, 100.0);
        assertThatThrownBy(() -> new TpchEstimates(JobCapacity.DEFAULT, 90, 0.7, List.of(new TpchEstimates.Point(1, 60)), ""))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
