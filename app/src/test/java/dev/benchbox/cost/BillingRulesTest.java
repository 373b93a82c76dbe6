package dev.benchbox.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.benchbox.BenchboxException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BillingRulesTest {
    private static final Rates US_EAST_1 = PricingTable.load().price("us-east-1", Architecture.X86_64);

    @Test
    void twentySecondJobWithFourWorkersBillsFourWorkerMinutes() {
        Duration twentySeconds = Duration.ofSeconds(20);

        ResourceUtilization billed = BillingRules.billed(JobCapacity.DEFAULT, twentySeconds);
        ResourceUtilization total = BillingRules.total(JobCapacity.DEFAULT, twentySeconds);

        // 4 workers × 1 minute × 4 vCPU = 16 vCPU-minutes; × 16 GB = 64 GB-minutes; 20 GB disk each is free.
        assertThat(billed).isEqualTo(new ResourceUtilization(16.0 / 60, 64.0 / 60, 0));
        // What ran: 4 workers × 20 s.
        assertThat(total).isEqualTo(new ResourceUtilization(320.0 / 3600, 1280.0 / 3600, 1600.0 / 3600));
        // 16/60 × 0.052624 + 64/60 × 0.0057785 = 0.0201968
        assertThat(Usd.cost(CostCalculator.cost(billed, US_EAST_1).total())).isEqualTo("$0.02");
        assertThat(CostCalculator.cost(billed, US_EAST_1).total().doubleValue()).isCloseTo(0.0201968,
                org.assertj.core.data.Offset.offset(1e-15));
    }

    @Test
    void perSecondAfterTheFirstMinuteRoundedUpToWholeSeconds() {
        assertThat(BillingRules.billedDuration(Duration.ZERO)).isEqualTo(Duration.ofMinutes(1));
        assertThat(BillingRules.billedDuration(Duration.ofSeconds(59, 999_000_000))).isEqualTo(Duration.ofMinutes(1));
        assertThat(BillingRules.billedDuration(Duration.ofSeconds(60))).isEqualTo(Duration.ofSeconds(60));
        assertThat(BillingRules.billedDuration(Duration.ofSeconds(61))).isEqualTo(Duration.ofSeconds(61));
        assertThat(BillingRules.billedDuration(Duration.ofMillis(90_001))).isEqualTo(Duration.ofSeconds(91));

        // One 2 vCPU / 8 GB worker for 90 s: 180 vCPU-seconds = 0.05 vCPU-h, 720 GB-seconds = 0.2 GB-h.
        assertThat(BillingRules.billed(new WorkerSize(2, 8, 20), 1, Duration.ofSeconds(90)))
                .isEqualTo(new ResourceUtilization(0.05, 0.2, 0));
    }

    @Test
    void storageIsFreeUpToTwentyGigabytesPerWorker() {
        Duration halfHour = Duration.ofMinutes(30);

        assertThat(BillingRules.billed(WorkerSize.DEFAULT, 4, halfHour)).isEqualTo(new ResourceUtilization(8, 32, 0));
        assertThat(BillingRules.total(WorkerSize.DEFAULT, 4, halfHour)).isEqualTo(new ResourceUtilization(8, 32, 40));

        // 50 GB disks: 30 GB each is billed. 2 workers × 2 h × 30 GB = 120 storage GB-h of 200 that ran.
        WorkerSize bigDisk = new WorkerSize(2, 8, 50);
        assertThat(BillingRules.billed(bigDisk, 2, Duration.ofHours(2))).isEqualTo(new ResourceUtilization(8, 32, 120));
        assertThat(BillingRules.total(bigDisk, 2, Duration.ofHours(2))).isEqualTo(new ResourceUtilization(8, 32, 200));
        // 120 × 0.000111 = 0.01332
        assertThat(CostCalculator.cost(new ResourceUtilization(0, 0, 120), US_EAST_1).total())
                .isEqualByComparingTo("0.01332");
    }

    @Test
    void driverAndExecutorsOfDifferentSizesAddUp() {
        JobCapacity capacity = new JobCapacity(new WorkerSize(2, 8, 20), 2, new WorkerSize(8, 32, 60));

        // 10 minutes: driver 2 vCPU + executors 16 vCPU = 18 vCPU × 1/6 h = 3 vCPU-h; (8 + 64) GB / 6 = 12 GB-h;
        // storage billed 2 × 40 GB / 6 = 13.333… GB-h, total (20 + 120) / 6.
        assertThat(BillingRules.billed(capacity, Duration.ofMinutes(10)))
                .isEqualTo(new ResourceUtilization(3, 12, 48000.0 / 3600));
        assertThat(BillingRules.total(capacity, Duration.ofMinutes(10)))
                .isEqualTo(new ResourceUtilization(3, 12, 84000.0 / 3600));
        assertThat(capacity.describe())
                .isEqualTo("driver 2 vCPU / 8 GB / 20 GB disk + 2 executors of 8 vCPU / 32 GB / 60 GB disk");
        assertThat(JobCapacity.DEFAULT.describe()).isEqualTo("1 driver + 3 executors, 4 vCPU / 16 GB / 20 GB disk each");
    }

    @Test
    void onlyWorkerSizesEmrOffersAreAccepted() {
        assertThatThrownBy(() -> new WorkerSize(3, 8, 20)).isInstanceOf(BenchboxException.class)
                .hasMessage("invalid worker size 3vCPU-8GB: EMR Serverless workers have 1, 2, 4, 8 or 16 vCPU");
        assertThatThrownBy(() -> new WorkerSize(4, 32, 20)).isInstanceOf(BenchboxException.class)
                .hasMessage("invalid worker size 4vCPU-32GB: a 4-vCPU worker takes 8-30 GB of memory");
        assertThatThrownBy(() -> new WorkerSize(8, 18, 20)).isInstanceOf(BenchboxException.class)
                .hasMessage("invalid worker size 8vCPU-18GB: a 8-vCPU worker takes 16-60 GB of memory in 4 GB steps");
        assertThatThrownBy(() -> new WorkerSize(4, 16, 10)).isInstanceOf(BenchboxException.class)
                .hasMessage("invalid worker size 4vCPU-16GB-10GB: disk must be 20-200 GB");
        assertThat(new WorkerSize(16, 120, 200).describe()).isEqualTo("16 vCPU / 120 GB / 200 GB disk");
        assertThat(new WorkerSize(16, 120, 200)).hasToString("16vCPU-120GB-200GB");
        assertThat(WorkerSize.DEFAULT).hasToString("4vCPU-16GB");
    }
}
