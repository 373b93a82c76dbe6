package dev.benchbox.cost;

/**
 * Aggregate resources of a job run as EMR Serverless reports them in {@code totalResourceUtilization} and
 * {@code billedResourceUtilization}. Doubles, because that is what the API returns and stores; dollars are
 * computed from them exactly with {@link CostCalculator}.
 *
 * @param vCpuHours      vCPU-hours
 * @param memoryGbHours  GB-hours of memory
 * @param storageGbHours GB-hours of ephemeral storage
 */
public record ResourceUtilization(double vCpuHours, double memoryGbHours, double storageGbHours) {

    /** Nothing used; the start of every sum. */
    public static final ResourceUtilization ZERO = new ResourceUtilization(0, 0, 0);

    public ResourceUtilization {
        check("vCPU-hours", vCpuHours);
        check("memory GB-hours", memoryGbHours);
        check("storage GB-hours", storageGbHours);
    }

    /**
     * From the API's boxed values, where a missing member (AWS omits them on runs that never started) means zero.
     */
    public static ResourceUtilization ofNullable(Double vCpuHours, Double memoryGbHours, Double storageGbHours) {
        return new ResourceUtilization(orZero(vCpuHours), orZero(memoryGbHours), orZero(storageGbHours));
    }

    public ResourceUtilization plus(ResourceUtilization other) {
        return new ResourceUtilization(vCpuHours + other.vCpuHours, memoryGbHours + other.memoryGbHours,
                storageGbHours + other.storageGbHours);
    }

    private static double orZero(Double value) {
        return value == null ? 0 : value;
    }

    private static void check(String what, double value) {
        // NaN fails both comparisons, so test for "not >= 0" rather than "< 0".
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(what + " must be a finite non-negative number, not " + value);
        }
    }
}
