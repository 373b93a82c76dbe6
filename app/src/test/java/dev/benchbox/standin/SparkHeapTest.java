package dev.benchbox.standin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SparkHeapTest {

    @AfterEach
    void clear() {
        System.clearProperty(SparkHeap.MAX_PROPERTY);
    }

    @Test
    void asksForEmrsDefaultHeapWhenTheJobSetsNone() {
        assertThat(SparkHeap.requestedMb(Map.of())).isEqualTo(14 * 1024);
    }

    @Test
    void asksForTheLargerOfDriverAndExecutorHeap() {
        assertThat(SparkHeap.requestedMb(Map.of("spark.driver.memory", "6g", "spark.executor.memory", "7g"))).isEqualTo(7 * 1024);
        assertThat(SparkHeap.requestedMb(Map.of("spark.driver.memory", "3g", "spark.executor.memory", "2048m"))).isEqualTo(3 * 1024);
    }

    @Test
    void theCapLimitsTheHeapAndTheLogSaysSo() {
        System.setProperty(SparkHeap.MAX_PROPERTY, "2g");
        assertThat(SparkHeap.heapMb(Map.of())).isEqualTo(2048);
        assertThat(SparkHeap.describe(Map.of())).isEqualTo("stand-in: Spark JVM heap 2048m (the job asks 14336m for its "
                + "driver/executors; capped by benchbox.standin.spark.max-heap or this machine's memory)");
    }

    @Test
    void aJobAskingLessThanTheCapGetsWhatItAsks() {
        System.setProperty(SparkHeap.MAX_PROPERTY, "3g");
        Map<String, String> conf = Map.of("spark.driver.memory", "1g", "spark.executor.memory", "1536m");
        assertThat(SparkHeap.heapMb(conf)).isEqualTo(1536);
        assertThat(SparkHeap.describe(conf)).isEqualTo("stand-in: Spark JVM heap 1536m (as the job asks for its driver/executors)");
    }

    @Test
    void theDefaultCapIsHalfTheMachineWithinOneToFourGigabytes() {
        long machineMb = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getTotalMemorySize() >> 20;
        assertThat(SparkHeap.maxMb()).isEqualTo(Math.max(1024, Math.min(4096, machineMb / 2)));
    }

    @Test
    void aMalformedCapIsOneLine() {
        System.setProperty(SparkHeap.MAX_PROPERTY, "lots");
        assertThatThrownBy(() -> SparkHeap.heapMb(Map.of())).hasMessage(
                "benchbox.standin.spark.max-heap must be a size like 4g or 3072m, got \"lots\"");
    }
}
