package dev.benchbox.cost;

import static java.util.Objects.requireNonNull;

/**
 * What a platform that bills per job run charges by: the capacity a job gets, where it runs and on which
 * architecture. Used for estimates before anything runs.
 */
public record BillingProfile(JobCapacity capacity, String region, Architecture architecture) {
    public BillingProfile {
        requireNonNull(capacity, "capacity is null");
        requireNonNull(region, "region is null");
        requireNonNull(architecture, "architecture is null");
    }
}
