package dev.benchbox.standin;

/**
 * The size of one EMR Serverless worker: vCPUs, memory and disk in GB.
 *
 * @param vcpu     virtual CPUs
 * @param memoryGb memory in GB
 * @param diskGb   ephemeral storage in GB (EMR's minimum and default is 20)
 */
public record WorkerSize(int vcpu, int memoryGb, int diskGb) {

    /** EMR Serverless's default driver and executor worker: 4 vCPU, 16 GB, 20 GB disk. */
    public static final WorkerSize DEFAULT = new WorkerSize(4, 16, 20);

    public WorkerSize {
        if (vcpu <= 0 || memoryGb <= 0 || diskGb <= 0) {
            throw new IllegalArgumentException("worker size must be positive: " + vcpu + " vCPU, " + memoryGb + " GB, " + diskGb + " GB disk");
        }
    }

    /**
     * The worker EMR Serverless allocates for a Spark process asking for {@code cores} and {@code heapGb}:
     * the heap plus Spark's 10% memory overhead, rounded up to the memory steps that worker's vCPU class
     * allows (1 vCPU 2–8 GB, 2 vCPU 4–16, 4 vCPU 8–30 in 1 GB steps; 8 vCPU 16–60 in 4 GB steps;
     * 16 vCPU 32–120 in 8 GB steps). The 14 GB default heap thus lands on the 16 GB default worker.
     */
    public static WorkerSize forSpark(int cores, double heapGb, int diskGb) {
        int[] range = switch (cores) {
            case 1 -> new int[] {2, 8, 1};
            case 2 -> new int[] {4, 16, 1};
            case 4 -> new int[] {8, 30, 1};
            case 8 -> new int[] {16, 60, 4};
            case 16 -> new int[] {32, 120, 8};
            default -> throw new IllegalArgumentException("EMR Serverless has no " + cores + "-vCPU workers");
        };
        double withOverhead = heapGb + Math.max(0.384, heapGb * 0.10);
        int memory = (int) Math.ceil(withOverhead - 1e-9);
        memory = Math.max(range[0], ((memory + range[2] - 1) / range[2]) * range[2]);
        if (memory > range[1]) {
            throw new IllegalArgumentException(heapGb + " GB heap does not fit a " + cores + "-vCPU worker (max " + range[1] + " GB)");
        }
        if (diskGb < 20 || diskGb > 200) {
            throw new IllegalArgumentException("worker disk must be 20-200 GB, not " + diskGb);
        }
        return new WorkerSize(cores, memory, diskGb);
    }
}
