package dev.benchbox.platform.emr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.benchbox.cost.WorkerSize;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The exact settings each rule gives, scale by scale; the README's table explains each one. */
class SparkTuningTest {
    private static final WorkerSize STANDARD = new WorkerSize(4, 16, 20);
    /** EMR's default 4 vCPU / 16 GB workers, none warm, no maximum capacity known. */
    private static final SparkTuning.Workers DEFAULT = new SparkTuning.Workers(STANDARD, STANDARD, 0, null, null);
    /** At most 400 vCPU / 1600 GB: 99 executors beside the driver. */
    private static final SparkTuning.Workers CAPPED = new SparkTuning.Workers(STANDARD, STANDARD, 0, 400, 1600);

    private static Map<String, String> run(double scale, SparkTuning.Workers workers) {
        return SparkTuning.conf(SparkTuning.forRun(scale, workers, null));
    }

    private static Map<String, String> expected(int executors, long partitions, String broadcast, int timeout) {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("spark.executor.instances", Integer.toString(executors));
        conf.put("spark.dynamicAllocation.maxExecutors", Integer.toString(executors));
        conf.putAll(withoutExecutors(partitions, broadcast, timeout));
        return conf;
    }

    private static Map<String, String> withoutExecutors(long partitions, String broadcast, int timeout) {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("spark.sql.shuffle.partitions", Long.toString(partitions));
        conf.put("spark.sql.adaptive.enabled", "true");
        conf.put("spark.sql.adaptive.coalescePartitions.enabled", "true");
        conf.put("spark.sql.adaptive.coalescePartitions.parallelismFirst", "false");
        conf.put("spark.sql.adaptive.advisoryPartitionSizeInBytes", "128m");
        conf.put("spark.sql.adaptive.skewJoin.enabled", "true");
        conf.put("spark.sql.autoBroadcastJoinThreshold", broadcast);
        conf.put("spark.sql.broadcastTimeout", Integer.toString(timeout));
        return conf;
    }

    @Test
    void smallScalesRunOnEmrsThreeStartingExecutorsWithTwoPartitionsPerCore() {
        // SF 0.01 and SF 1 scan well under 1 GB: EMR's 3 executors, 12 cores, 24 partitions
        assertThat(run(0.01, DEFAULT)).containsExactlyEntriesOf(expected(3, 24, "28m", 300));
        assertThat(run(1, DEFAULT)).containsExactlyEntriesOf(expected(3, 24, "28m", 300));
    }

    @Test
    void executorsAndPartitionsGrowWithTheScaleUpToTheCeiling() {
        // SF 100: ~36 GB of Parquet, 36 cores = 9 executors; 800 partitions of 128 MB, rounded up to 23 waves of 36 cores
        assertThat(run(100, DEFAULT)).containsExactlyEntriesOf(expected(9, 828, "28m", 300));
        // SF 1000: 359 cores = 90 executors; 8000 partitions -> 23 waves of 360
        assertThat(run(1000, DEFAULT)).containsExactlyEntriesOf(expected(90, 8280, "28m", 600));
        // SF 10000 would want 897 executors: no maximum capacity known, at most 100; 80000 partitions = 200 waves of 400
        assertThat(run(10_000, DEFAULT)).containsExactlyEntriesOf(expected(100, 80_000, "28m", 1200));
    }

    @Test
    void theApplicationsMaximumCapacityCapsTheExecutors() {
        // 400 vCPU / 1600 GB less the driver's 4 / 16: 99 executors, 396 cores, 80000 partitions -> 203 waves
        assertThat(run(10_000, CAPPED)).containsExactlyEntriesOf(expected(99, 80_388, "28m", 1200));
        // memory can be the tighter limit: 400 vCPU but 816 GB -> 50 executors of 16 GB
        assertThat(run(10_000, new SparkTuning.Workers(STANDARD, STANDARD, 0, 400, 816)).get("spark.executor.instances")).isEqualTo("50");
    }

    @Test
    void preInitialisedExecutorsAreAlwaysUsedAndTheBroadcastLimitFollowsTheSmallerHeap() {
        // 5 warm executors of 2 vCPU / 4 GB (3 GB heap) with a 2 vCPU / 4 GB driver: 10 cores, 20 partitions, Spark's 10 MB
        WorkerSize small = new WorkerSize(2, 4, 20);
        assertThat(run(1, new SparkTuning.Workers(small, small, 5, null, null)))
                .containsExactlyEntriesOf(expected(5, 20, "10m", 300));
        // 16 vCPU / 64 GB workers (56 GB heap) for both: 112 MB
        WorkerSize large = new WorkerSize(16, 64, 20);
        assertThat(run(1, new SparkTuning.Workers(large, large, 0, null, null)).get("spark.sql.autoBroadcastJoinThreshold"))
                .isEqualTo("112m");
        // 8 vCPU / 32 GB executors (28 GB heap) beside the standard driver (14 GB heap): the driver's heap sets it
        assertThat(run(1, new SparkTuning.Workers(STANDARD, new WorkerSize(8, 32, 20), 0, null, null))
                .get("spark.sql.autoBroadcastJoinThreshold")).isEqualTo("28m");
    }

    @Test
    void aSweepsFixedExecutorsAreNotDerivedButSizeThePartitions() {
        // 8 executors of 4 vCPU: 32 cores; SF 100's 800 partitions -> 25 waves of 32
        assertThat(SparkTuning.conf(SparkTuning.forRun(100, DEFAULT, 8))).containsExactlyEntriesOf(withoutExecutors(800, "28m", 300));
    }

    @Test
    void generationGivesEveryPartItsOwnCoreInOneWave() {
        Map<String, String> expected = new LinkedHashMap<>(); // in submission order (Map.of's order varies from run to run)
        expected.put("spark.executor.instances", "4");
        expected.put("spark.dynamicAllocation.maxExecutors", "4");
        expected.put("spark.speculation", "false");
        assertThat(SparkTuning.conf(SparkTuning.forGeneration(14, DEFAULT))).containsExactlyEntriesOf(expected);
        assertThat(SparkTuning.conf(SparkTuning.forGeneration(3000, CAPPED)).get("spark.executor.instances")).isEqualTo("99");
    }

    @Test
    void everyRuleSaysWhy() {
        assertThat(SparkTuning.forRun(100, DEFAULT, null)).allSatisfy(s -> assertThat(s.why()).isNotBlank());
        assertThat(SparkTuning.forRun(100, DEFAULT, null).get(0).why())
                .isEqualTo("one core per GB of Parquet scanned, at least 3 (EMR's start) and the pre-initialised executors, "
                        + "at most 100 (no maximum capacity known; max_cpu/max_memory set one)");
    }

    @Test
    void userValuesWinAndTheirExecutorCountMovesTheDerivedMaximum() {
        Map<String, String> derived = run(1, DEFAULT);
        Map<String, String> user = new LinkedHashMap<>();
        user.put("spark.sql.shuffle.partitions", "7");
        user.put("spark.executor.instances", "6");
        user.put("spark.eventLog.enabled", "false");
        Map<String, String> merged = SparkTuning.merge(derived, user);
        assertThat(merged).containsEntry("spark.sql.shuffle.partitions", "7").containsEntry("spark.executor.instances", "6")
                .containsEntry("spark.dynamicAllocation.maxExecutors", "6").containsEntry("spark.eventLog.enabled", "false")
                .containsEntry("spark.sql.broadcastTimeout", "300").hasSize(derived.size() + 1);
        // a maximum the user gives stays theirs
        user.put("spark.dynamicAllocation.maxExecutors", "12");
        assertThat(SparkTuning.merge(derived, user)).containsEntry("spark.dynamicAllocation.maxExecutors", "12");
        assertThat(SparkTuning.executors(merged, 3)).isEqualTo(6);
    }
}
