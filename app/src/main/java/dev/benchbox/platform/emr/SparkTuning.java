package dev.benchbox.platform.emr;

import static java.util.Objects.requireNonNull;

import dev.benchbox.cost.WorkerSize;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The spark-submit settings a job run gets from its work: the scale and the workers it runs on. Pure arithmetic
 * (no AWS call), each rule with the reason for its value; the README's table says the same in one line per rule.
 * Users win: {@link #merge} puts their {@code --spark-conf} values over these.
 */
final class SparkTuning {
    /** EMR Serverless starts a job with 3 executors unless told otherwise: no tuned run asks for fewer. */
    static final int MIN_RUN_EXECUTORS = 3;
    /** The ceiling when the application's maximum capacity is not known to this shell (an application it did not create, or none set). */
    static final int DEFAULT_MAX_EXECUTORS = 100;
    /** One executor core per this much Parquet a run scans. */
    static final long PARQUET_BYTES_PER_CORE = 1L << 30;
    /** The largest stage's shuffle input, about the data set's uncompressed size: ~1 GB per SF. */
    static final long SHUFFLE_BYTES_PER_SF = 1L << 30;
    static final long TARGET_PARTITION_BYTES = 128L << 20;
    /**
     * Spark judges a broadcast by its compressed Parquet size; built in memory it is several times larger, and the
     * driver and every executor hold a copy: 2 MB per GB of the smaller heap. Measured: 8 MB per GB (112 MB) let
     * TPC-H SF 1's Q5 and Q21 broadcast orders and fail with "Not enough memory to build and broadcast" (stand-in, 1 GB heap).
     */
    static final int BROADCAST_MB_PER_HEAP_GB = 2;
    /** Spark's own default: no tuned threshold goes below it. */
    static final int SPARK_DEFAULT_BROADCAST_MB = 10;

    /** One derived Spark property and why it has that value. */
    record Setting(String key, String value, String why) {
        Setting {
            requireNonNull(key, "key is null");
            requireNonNull(value, "value is null");
            requireNonNull(why, "why is null");
        }
    }

    /**
     * The workers a job run may use.
     *
     * @param driver the driver's worker
     * @param executor each executor's worker
     * @param preInitializedExecutors executors the application keeps warm (0 when none)
     * @param maxCpu the application's maximum vCPUs, or null when not known
     * @param maxMemoryGb the application's maximum memory, or null when not known
     */
    record Workers(WorkerSize driver, WorkerSize executor, int preInitializedExecutors, Integer maxCpu, Integer maxMemoryGb) {
        Workers {
            requireNonNull(driver, "driver is null");
            requireNonNull(executor, "executor is null");
        }

        /** As many executors as fit beside the driver in the maximum capacity, or the default ceiling. */
        int maxExecutors() {
            if (maxCpu == null || maxMemoryGb == null) {
                return DEFAULT_MAX_EXECUTORS;
            }
            int byCpu = (maxCpu - driver.vCpu()) / executor.vCpu();
            int byMemory = (maxMemoryGb - driver.memoryGb()) / executor.memoryGb();
            return Math.max(1, Math.min(byCpu, byMemory));
        }

        String ceiling() {
            return maxCpu == null || maxMemoryGb == null ? "at most " + DEFAULT_MAX_EXECUTORS + " (no maximum capacity known; max_cpu/max_memory set one)"
                    : "at most " + maxExecutors() + " (beside the driver within the maximum " + maxCpu + " vCPU / " + maxMemoryGb + " GB)";
        }
    }

    private SparkTuning() {
    }

    /**
     * A query run (power run, throughput stream) at {@code scale}.
     *
     * @param fixedExecutors executors a sweep configuration fixes, or null to derive them
     */
    static List<Setting> forRun(double scale, Workers workers, Integer fixedExecutors) {
        List<Setting> settings = new ArrayList<>();
        int cores = workers.executor().vCpu();
        int executors;
        if (fixedExecutors != null) {
            executors = fixedExecutors;
        } else {
            long wantedCores = ceilDiv(GenerationPlanner.parquetBytes(scale), PARQUET_BYTES_PER_CORE);
            int derived = (int) Math.max(Math.max(MIN_RUN_EXECUTORS, workers.preInitializedExecutors()), ceilDiv(wantedCores, cores));
            executors = Math.min(derived, Math.max(workers.maxExecutors(), workers.preInitializedExecutors()));
            String why = "one core per GB of Parquet scanned, at least " + MIN_RUN_EXECUTORS + " (EMR's start) and the pre-initialised "
                    + "executors, " + workers.ceiling();
            settings.add(new Setting("spark.executor.instances", Integer.toString(executors), why));
            settings.add(new Setting("spark.dynamicAllocation.maxExecutors", Integer.toString(executors),
                    "the run starts at full width and never asks for more than it was priced at"));
        }
        int totalCores = executors * cores;
        long bySize = ceilDiv((long) Math.ceil(scale * SHUFFLE_BYTES_PER_SF), TARGET_PARTITION_BYTES);
        long partitions = ceilDiv(Math.max(2L * totalCores, bySize), totalCores) * totalCores;
        settings.add(new Setting("spark.sql.shuffle.partitions", Long.toString(partitions),
                "about 128 MB per partition of the largest stage (~1 GB per SF), at least 2 per core, whole waves of "
                        + totalCores + " cores"));
        settings.add(new Setting("spark.sql.adaptive.enabled", "true", "re-plans each stage from measured sizes (Spark 3.5's default, "
                + "recorded so results say so)"));
        settings.add(new Setting("spark.sql.adaptive.coalescePartitions.enabled", "true",
                "small stages merge their partitions instead of running thousands of tiny tasks"));
        settings.add(new Setting("spark.sql.adaptive.coalescePartitions.parallelismFirst", "false",
                "merge up to the advisory size, not down to 1 MB for parallelism (Spark's default favours tiny tasks)"));
        settings.add(new Setting("spark.sql.adaptive.advisoryPartitionSizeInBytes", "128m",
                "the same 128 MB the partition count was sized for"));
        settings.add(new Setting("spark.sql.adaptive.skewJoin.enabled", "true",
                "splits a partition far above the median (skewed data sets registered with --from)"));
        int heapGb = Math.min(JobShape.heapGb(workers.executor()), JobShape.heapGb(workers.driver()));
        int broadcastMb = Math.max(SPARK_DEFAULT_BROADCAST_MB, heapGb * BROADCAST_MB_PER_HEAP_GB);
        settings.add(new Setting("spark.sql.autoBroadcastJoinThreshold", broadcastMb + "m",
                "judged by compressed size, built several times larger in the driver and every executor: 2 MB per GB of the "
                        + "smaller heap (" + heapGb + " GB), at least Spark's 10 MB"));
        int timeout = scale <= 100 ? 300 : scale <= 1000 ? 600 : 1200;
        settings.add(new Setting("spark.sql.broadcastTimeout", Integer.toString(timeout),
                "a broadcast waits for its build side, which grows with the scale: 300 s to SF 100, 600 s to SF 1000, 1200 s above"));
        return List.copyOf(settings);
    }

    /** A generation job run of {@code totalParts} parts (one task each). */
    static List<Setting> forGeneration(int totalParts, Workers workers) {
        int cores = workers.executor().vCpu();
        int executors = (int) Math.max(1, Math.min(ceilDiv(totalParts, cores), workers.maxExecutors()));
        return List.of(
                new Setting("spark.executor.instances", Integer.toString(executors),
                        "every part its own core in one wave (" + totalParts + " parts / " + cores + " cores), " + workers.ceiling()),
                new Setting("spark.dynamicAllocation.maxExecutors", Integer.toString(executors),
                        "every part is the same work: nothing for dynamic allocation to learn"),
                new Setting("spark.speculation", "false", "a speculative copy of a part would write the same file twice"));
    }

    /** The settings as Spark properties, in order. */
    static Map<String, String> conf(List<Setting> settings) {
        Map<String, String> conf = new LinkedHashMap<>();
        settings.forEach(s -> conf.put(s.key(), s.value()));
        return conf;
    }

    /**
     * Derived settings with the user's over them (user values win). A user's {@code spark.executor.instances}
     * also moves the derived {@code spark.dynamicAllocation.maxExecutors} with it, unless that is given too:
     * Spark refuses more initial executors than the maximum.
     */
    static Map<String, String> merge(Map<String, String> derived, Map<String, String> user) {
        Map<String, String> all = new LinkedHashMap<>(derived);
        all.putAll(user);
        String instances = user.get("spark.executor.instances");
        if (instances != null && derived.containsKey("spark.dynamicAllocation.maxExecutors")
                && !user.containsKey("spark.dynamicAllocation.maxExecutors")) {
            all.put("spark.dynamicAllocation.maxExecutors", instances);
        }
        return Collections.unmodifiableMap(all);
    }

    /** The executors {@code conf} asks for ({@code spark.executor.instances}), or {@code otherwise} when it names none. */
    static int executors(Map<String, String> conf, int otherwise) {
        String instances = conf.get("spark.executor.instances");
        try {
            return instances == null ? otherwise : Math.max(1, Integer.parseInt(instances.trim()));
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
