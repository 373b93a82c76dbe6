package dev.benchbox.cost;

import dev.benchbox.BenchboxException;

/**
 * One EMR Serverless worker's size. Only the sizes EMR Serverless offers are accepted, so an estimate is never made
 * for a worker AWS would refuse: 1 vCPU 2–8 GB, 2 vCPU 4–16 GB, 4 vCPU 8–30 GB (1 GB steps); 8 vCPU 16–60 GB
 * (4 GB steps); 16 vCPU 32–120 GB (8 GB steps); disk 20–200 GB.
 *
 * @param vCpu     virtual CPUs
 * @param memoryGb memory in GB
 * @param diskGb   ephemeral storage in GB
 */
public record WorkerSize(int vCpu, int memoryGb, int diskGb) {

    /** EMR Serverless's default driver and executor: 4 vCPU, 16 GB, 20 GB disk. */
    public static final WorkerSize DEFAULT = new WorkerSize(4, 16, 20);

    /** Smallest and largest ephemeral disk AWS allows per worker, in GB. */
    public static final int MIN_DISK_GB = 20;
    public static final int MAX_DISK_GB = 200;

    public WorkerSize {
        MemoryRange memory = MemoryRange.forVCpus(vCpu)
                .orElseThrow(() -> new BenchboxException("EMR Serverless has no " + vCpu + "-vCPU workers: use 1, 2, 4, 8 or 16"));
        if (!memory.allows(memoryGb)) {
            throw new BenchboxException("a " + vCpu + "-vCPU worker has " + memory + ", not " + memoryGb + " GB");
        }
        if (!diskAllowed(diskGb)) {
            throw new BenchboxException("worker disk must be 20-200 GB, not " + diskGb + " GB");
        }
    }

    public static boolean diskAllowed(int diskGb) {
        return diskGb >= MIN_DISK_GB && diskGb <= MAX_DISK_GB;
    }

    /**
     * The memory AWS allows a worker with a given number of vCPUs: the one place that knows EMR Serverless's
     * worker combinations (connect, capacity and estimates all check against it).
     */
    public record MemoryRange(int minGb, int maxGb, int stepGb) {
        public static java.util.Optional<MemoryRange> forVCpus(int vCpu) {
            return java.util.Optional.ofNullable(switch (vCpu) {
                case 1 -> new MemoryRange(2, 8, 1);
                case 2 -> new MemoryRange(4, 16, 1);
                case 4 -> new MemoryRange(8, 30, 1);
                case 8 -> new MemoryRange(16, 60, 4);
                case 16 -> new MemoryRange(32, 120, 8);
                default -> null;
            });
        }

        public boolean allows(int memoryGb) {
            return memoryGb >= minGb && memoryGb <= maxGb && memoryGb % stepGb == 0;
        }

        /** e.g. {@code 16-60 GB of memory in 4 GB steps}. */
        @Override
        public String toString() {
            return minGb + "-" + maxGb + " GB of memory" + (stepGb > 1 ? " in " + stepGb + " GB steps" : "");
        }
    }

    /** e.g. {@code 4 vCPU / 16 GB / 20 GB disk}. */
    public String describe() {
        return vCpu + " vCPU / " + memoryGb + " GB / " + diskGb + " GB disk";
    }
}
