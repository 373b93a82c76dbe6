package dev.benchbox.platform.emr;

import dev.benchbox.BenchboxException;

/**
 * What {@code capacity set} and {@code initial_capacity} ask for: pre-initialised driver and executor
 * workers and the application's maximum capacity. Every part is optional (null: leave as it is / AWS's default).
 *
 * @param driver pre-initialised Spark drivers
 * @param executors pre-initialised Spark executors
 * @param maxCpu maximum vCPUs across all workers
 * @param maxMemoryGb maximum memory in GB across all workers
 */
public record CapacitySettings(WorkerCapacity driver, WorkerCapacity executors, Integer maxCpu, Integer maxMemoryGb) {
    public static final CapacitySettings NONE = new CapacitySettings(null, null, null, null);

    public CapacitySettings {
        if (maxCpu != null && maxCpu <= 0) {
            throw new BenchboxException("invalid maximum capacity " + maxCpu + " vCPU: expected a positive number");
        }
        if (maxMemoryGb != null && maxMemoryGb <= 0) {
            throw new BenchboxException("invalid maximum capacity " + maxMemoryGb + " GB: expected a positive number");
        }
        if ((maxCpu == null) != (maxMemoryGb == null)) {
            throw new BenchboxException("maximum capacity needs both --max-cpu and --max-memory (AWS requires both)");
        }
        if (maxCpu != null) {
            int cpu = 0;
            int memory = 0;
            for (WorkerCapacity w : new WorkerCapacity[] {driver, executors}) {
                if (w != null) {
                    cpu += w.count() * w.size().vCpu();
                    memory += w.count() * w.size().memoryGb();
                }
            }
            if (cpu > maxCpu || memory > maxMemoryGb) {
                throw new BenchboxException("maximum capacity " + maxCpu + " vCPU / " + maxMemoryGb
                        + " GB is below the pre-initialised capacity (" + cpu + " vCPU / " + memory + " GB)");
            }
        }
    }

    public boolean hasInitialCapacity() {
        return driver != null || executors != null;
    }

    public boolean hasMaximumCapacity() {
        return maxCpu != null;
    }

    public boolean isEmpty() {
        return !hasInitialCapacity() && !hasMaximumCapacity();
    }
}
