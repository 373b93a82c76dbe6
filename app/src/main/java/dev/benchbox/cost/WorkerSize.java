package dev.benchbox.cost;

import dev.benchbox.BenchboxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One EMR Serverless worker's size: the one record for it, used by {@code connect}'s options, capacity, job shapes
 * and cost estimates alike. Only the sizes EMR Serverless offers are accepted, so nothing is estimated or sent for a
 * worker AWS would refuse: 1 vCPU 2–8 GB, 2 vCPU 4–16 GB, 4 vCPU 8–30 GB (1 GB steps); 8 vCPU 16–60 GB (4 GB steps);
 * 16 vCPU 32–120 GB (8 GB steps); disk 20–200 GB.
 *
 * @param vCpu     virtual CPUs
 * @param memoryGb memory in GB
 * @param diskGb   ephemeral storage in GB (AWS's default is 20)
 */
public record WorkerSize(int vCpu, int memoryGb, int diskGb) {

    /** Smallest and largest ephemeral disk AWS allows per worker, in GB; the smallest is also AWS's default. */
    public static final int MIN_DISK_GB = 20;
    public static final int MAX_DISK_GB = 200;
    public static final int DEFAULT_DISK_GB = MIN_DISK_GB;

    /** EMR Serverless's default driver and executor: 4 vCPU, 16 GB, 20 GB disk. */
    public static final WorkerSize DEFAULT = new WorkerSize(4, 16, DEFAULT_DISK_GB);

    private static final Pattern TEXT = Pattern.compile("(\\d+)\\s*vcpu-(\\d+)\\s*gb(?:-(\\d+)\\s*gb)?");

    public WorkerSize {
        MemoryRange memory = MemoryRange.forVCpus(vCpu)
                .orElseThrow(() -> new BenchboxException("invalid worker size " + text(vCpu, memoryGb, diskGb)
                        + ": EMR Serverless workers have 1, 2, 4, 8 or 16 vCPU"));
        if (!memory.allows(memoryGb)) {
            throw new BenchboxException("invalid worker size " + text(vCpu, memoryGb, diskGb) + ": a " + vCpu
                    + "-vCPU worker takes " + memory);
        }
        if (!diskAllowed(diskGb)) {
            throw new BenchboxException("invalid worker size " + text(vCpu, memoryGb, diskGb) + ": disk must be 20-200 GB");
        }
    }

    /** Parses {@code 4vCPU-16GB} or {@code 4vCPU-16GB-50GB} (the last one is disk). */
    public static WorkerSize parse(String text) {
        Matcher m = TEXT.matcher(text == null ? "" : text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new BenchboxException("invalid worker size '" + text + "': expected e.g. 4vCPU-16GB or 4vCPU-16GB-50GB (disk)");
        }
        return new WorkerSize(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                m.group(3) == null ? DEFAULT_DISK_GB : Integer.parseInt(m.group(3)));
    }

    public static boolean diskAllowed(int diskGb) {
        return diskGb >= MIN_DISK_GB && diskGb <= MAX_DISK_GB;
    }

    /** {@code 4 vCPU} as the API's CpuSize. */
    public String cpu() {
        return vCpu + " vCPU";
    }

    /** {@code 16 GB} as the API's MemorySize. */
    public String memory() {
        return memoryGb + " GB";
    }

    /** {@code 20 GB} as the API's DiskSize. */
    public String disk() {
        return diskGb + " GB";
    }

    /** e.g. {@code 4 vCPU / 16 GB / 20 GB disk}. */
    public String describe() {
        return vCpu + " vCPU / " + memoryGb + " GB / " + diskGb + " GB disk";
    }

    /** As {@code connect} takes it: {@code 4vCPU-16GB}, with {@code -50GB} when the disk is not the default. */
    @Override
    public String toString() {
        return text(vCpu, memoryGb, diskGb);
    }

    private static String text(int vCpu, int memoryGb, int diskGb) {
        return vCpu + "vCPU-" + memoryGb + "GB" + (diskGb == DEFAULT_DISK_GB ? "" : "-" + diskGb + "GB");
    }

    /**
     * The memory AWS allows a worker with a given number of vCPUs: the one place that knows EMR Serverless's
     * worker combinations (connect, capacity and estimates all check against it).
     */
    public record MemoryRange(int minGb, int maxGb, int stepGb) {
        public static Optional<MemoryRange> forVCpus(int vCpu) {
            return Optional.ofNullable(switch (vCpu) {
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
}
