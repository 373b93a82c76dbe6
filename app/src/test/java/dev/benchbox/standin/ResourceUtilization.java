package dev.benchbox.standin;

/**
 * Aggregate resource use of a job run as EMR Serverless reports it, in vCPU-hours, GB-hours of memory and
 * GB-hours of storage (rounded to 3 decimals as AWS shows them).
 */
public record ResourceUtilization(double vCpuHour, double memoryGbHour, double storageGbHour) {

    public static final ResourceUtilization ZERO = new ResourceUtilization(0, 0, 0);
}
