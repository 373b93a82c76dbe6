package dev.benchbox.standin;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BillingTest {

    private static List<Billing.WorkerUsage> workers(int count, WorkerSize size, Duration running) {
        return java.util.Collections.nCopies(count, new Billing.WorkerUsage(size, running));
    }

    @Test
    void totalIsWorkersTimesSizeTimesRunningTime() {
        var usage = workers(4, WorkerSize.DEFAULT, Duration.ofMinutes(30));

        assertThat(Billing.total(usage)).isEqualTo(new ResourceUtilization(8.0, 32.0, 40.0));
    }

    @Test
    void billedChargesNoStorageUpToTwentyGigabytesPerWorker() {
        var usage = workers(4, WorkerSize.DEFAULT, Duration.ofMinutes(30));

        assertThat(Billing.billed(usage)).isEqualTo(new ResourceUtilization(8.0, 32.0, 0.0));
    }

    @Test
    void billedChargesStorageAboveTwentyGigabytes() {
        var usage = workers(1, new WorkerSize(2, 8, 50), Duration.ofHours(2));

        assertThat(Billing.total(usage)).isEqualTo(new ResourceUtilization(4.0, 16.0, 100.0));
        assertThat(Billing.billed(usage)).isEqualTo(new ResourceUtilization(4.0, 16.0, 60.0));
    }

    @Test
    void billedChargesAtLeastOneMinutePerWorker() {
        var usage = workers(4, WorkerSize.DEFAULT, Duration.ofSeconds(30));

        assertThat(Billing.total(usage)).isEqualTo(new ResourceUtilization(0.133, 0.533, 0.667));
        assertThat(Billing.billed(usage)).isEqualTo(new ResourceUtilization(0.267, 1.067, 0.0));
    }

    @Test
    void sparkMemoryPlusOverheadRoundsUpToTheWorkerSizesEmrOffers() {
        assertThat(WorkerSize.forSpark(4, 14, 20)).isEqualTo(WorkerSize.DEFAULT);
        assertThat(WorkerSize.forSpark(2, 3, 20)).isEqualTo(new WorkerSize(2, 4, 20));
        assertThat(WorkerSize.forSpark(8, 28, 20)).isEqualTo(new WorkerSize(8, 32, 20));
        assertThat(WorkerSize.forSpark(1, 1, 20)).isEqualTo(new WorkerSize(1, 2, 20));
        assertThatThrownBy(() -> WorkerSize.forSpark(4, 40, 20)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WorkerSize.forSpark(3, 4, 20)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void jobWorkersFollowEmrDefaultsAndSparkProperties() {
        assertThat(EmrServerless.workers(Map.of())).containsExactly(WorkerSize.DEFAULT, WorkerSize.DEFAULT, WorkerSize.DEFAULT, WorkerSize.DEFAULT);
        assertThat(EmrServerless.workers(Map.of("spark.executor.instances", "1", "spark.driver.cores", "2", "spark.driver.memory", "6g",
                "spark.emr-serverless.executor.disk", "50g")))
                .containsExactly(new WorkerSize(2, 7, 20), new WorkerSize(4, 16, 50));
    }
}
