package dev.benchbox.platform.emr;

import dev.benchbox.cost.WorkerSize;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The workers and Spark settings one sweep configuration's job runs ask for, on top of the application's: the
 * driver's size, the executors' count and size, further Spark properties. Null parts leave the platform's own.
 *
 * @param driver the driver's worker size, or null
 * @param executors the executors (count and size), or null
 * @param spark further Spark properties, in order
 */
record JobShape(WorkerSize driver, WorkerCapacity executors, Map<String, String> spark) {
    static final JobShape NONE = new JobShape(null, null, Map.of());

    JobShape {
        spark = Collections.unmodifiableMap(new LinkedHashMap<>(spark));
    }

    /**
     * The Spark properties that make a job run ask for these workers (EMR Serverless sizes its workers from them),
     * then the further ones. The executor count is fixed (dynamic allocation off), so what is billed is what was asked.
     */
    Map<String, String> sparkConf() {
        Map<String, String> conf = new LinkedHashMap<>();
        if (driver != null) {
            conf.put("spark.driver.cores", Integer.toString(driver.vCpu()));
            conf.put("spark.driver.memory", heapGb(driver) + "g");
            if (driver.diskGb() != WorkerSize.DEFAULT_DISK_GB) {
                conf.put("spark.emr-serverless.driver.disk", driver.diskGb() + "g");
            }
        }
        if (executors != null) {
            conf.put("spark.executor.instances", Integer.toString(executors.count()));
            conf.put("spark.dynamicAllocation.enabled", "false");
            if (executors.size().diskGb() != WorkerSize.DEFAULT_DISK_GB) {
                conf.put("spark.emr-serverless.executor.disk", executors.size().diskGb() + "g");
            }
        }
        conf.putAll(spark);
        return conf;
    }

    /** Spark's heap plus its ~10% overhead must fit the worker: 14g on a 16 GB worker. */
    static int heapGb(WorkerSize size) {
        return Math.max(1, (int) Math.floor(size.memoryGb() * 0.875));
    }
}
