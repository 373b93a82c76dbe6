package dev.benchbox.cost;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;

/**
 * EMR Serverless's on-demand prices in one region for one architecture, in US dollars. Exact decimals, as AWS
 * publishes them, so that costs are exact until they are rounded for display.
 *
 * @param region          the AWS region, e.g. {@code us-east-1}
 * @param architecture    the workers' architecture
 * @param perVCpuHour     USD per vCPU-hour
 * @param perMemoryGbHour USD per GB-hour of memory
 * @param perStorageGbHour USD per GB-hour of ephemeral storage (billed only above 20 GB per worker)
 */
public record Rates(String region, Architecture architecture, BigDecimal perVCpuHour, BigDecimal perMemoryGbHour,
        BigDecimal perStorageGbHour) {

    public Rates {
        requireNonNull(region, "region is null");
        requireNonNull(architecture, "architecture is null");
        requireNonNull(perVCpuHour, "perVCpuHour is null");
        requireNonNull(perMemoryGbHour, "perMemoryGbHour is null");
        requireNonNull(perStorageGbHour, "perStorageGbHour is null");
        if (perVCpuHour.signum() < 0 || perMemoryGbHour.signum() < 0 || perStorageGbHour.signum() < 0) {
            throw new IllegalArgumentException("negative price for " + region + " " + architecture);
        }
    }

    /** e.g. {@code us-east-1 x86_64: $0.052624/vCPU-h, $0.0057785/GB-h, $0.000111/storage GB-h}. */
    public String describe() {
        return region + " " + architecture + ": $" + perVCpuHour.toPlainString() + "/vCPU-h, $"
                + perMemoryGbHour.toPlainString() + "/GB-h, $" + perStorageGbHour.toPlainString() + "/storage GB-h";
    }
}
