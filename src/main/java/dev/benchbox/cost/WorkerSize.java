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

    public WorkerSize {
        int[] memory = switch (vCpu) {
            case 1 -> new int[] {2, 8, 1};
            case 2 -> new int[] {4, 16, 1};
            case 4 -> new int[] {8, 30, 1};
            case 8 -> new int[] {16, 60, 4};
            case 16 -> new int[] {32, 120, 8};
            default -> throw new BenchboxException("EMR Serverless has no " + vCpu + "-vCPU workers: use 1, 2, 4, 8 or 16");
        };
        if (memoryGb < memory[0] || memoryGb > memory[1] || memoryGb % memory[2] != 0) {
            throw new BenchboxException("a " + vCpu + "-vCPU worker has " + memory[0] + "-" + memory[1] + " GB of memory"
                    + (memory[2] > 1 ? " in " + memory[2] + " GB steps" : "") + ", not " + memoryGb + " GB");
        }
        if (diskGb < 20 || diskGb > 200) {
            throw new BenchboxException("worker disk must be 20-200 GB, not " + diskGb + " GB");
        }
    }

    /** e.g. {@code 4 vCPU / 16 GB / 20 GB disk}. */
    public String describe() {
        return vCpu + " vCPU / " + memoryGb + " GB / " + diskGb + " GB disk";
    }
}
