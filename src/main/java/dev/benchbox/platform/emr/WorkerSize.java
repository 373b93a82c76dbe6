package dev.benchbox.platform.emr;

import dev.benchbox.BenchboxException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One EMR Serverless worker's size, checked against the combinations AWS allows: 1 vCPU with 2-8 GB,
 * 2 vCPU with 4-16 GB, 4 vCPU with 8-30 GB (1 GB steps), 8 vCPU with 16-60 GB (4 GB steps),
 * 16 vCPU with 32-120 GB (8 GB steps), disk 20-200 GB.
 *
 * @param vcpu virtual CPUs
 * @param memoryGb memory in GB
 * @param diskGb ephemeral disk in GB (AWS's default is 20)
 */
public record WorkerSize(int vcpu, int memoryGb, int diskGb) {
    public static final int DEFAULT_DISK_GB = 20;
    private static final Pattern TEXT = Pattern.compile("(\\d+)\\s*vcpu-(\\d+)\\s*gb(?:-(\\d+)\\s*gb)?");

    public WorkerSize {
        // AWS's combinations live in one place, the cost model's worker size; here they get the connect wording
        dev.benchbox.cost.WorkerSize.MemoryRange range = dev.benchbox.cost.WorkerSize.MemoryRange.forVCpus(vcpu)
                .orElseThrow(() -> new BenchboxException("invalid worker size " + describe(vcpu, memoryGb, diskGb)
                        + ": EMR Serverless workers have 1, 2, 4, 8 or 16 vCPU"));
        if (!range.allows(memoryGb)) {
            throw new BenchboxException("invalid worker size " + describe(vcpu, memoryGb, diskGb) + ": a " + vcpu
                    + "-vCPU worker takes " + range);
        }
        if (!dev.benchbox.cost.WorkerSize.diskAllowed(diskGb)) {
            throw new BenchboxException("invalid worker size " + describe(vcpu, memoryGb, diskGb) + ": disk must be 20-200 GB");
        }
    }

    /** The same size in the cost model, for estimates. */
    public dev.benchbox.cost.WorkerSize toCost() {
        return new dev.benchbox.cost.WorkerSize(vcpu, memoryGb, diskGb);
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

    /** {@code 4 vCPU} as the API's CpuSize. */
    public String cpu() {
        return vcpu + " vCPU";
    }

    /** {@code 16 GB} as the API's MemorySize. */
    public String memory() {
        return memoryGb + " GB";
    }

    /** {@code 20 GB} as the API's DiskSize. */
    public String disk() {
        return diskGb + " GB";
    }

    @Override
    public String toString() {
        return describe(vcpu, memoryGb, diskGb);
    }

    private static String describe(int vcpu, int memoryGb, int diskGb) {
        return vcpu + "vCPU-" + memoryGb + "GB" + (diskGb == DEFAULT_DISK_GB ? "" : "-" + diskGb + "GB");
    }
}
