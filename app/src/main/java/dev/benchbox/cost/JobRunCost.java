package dev.benchbox.cost;

import static java.util.Objects.requireNonNull;

/**
 * A job run with its dollars: {@code billed} is what AWS charges, {@code total} what the resources that actually
 * ran would cost without the one-minute minimum and the free 20 GB of storage.
 *
 * @param usage  the run
 * @param rates  the prices used
 * @param billed dollars for {@code billedResourceUtilization}
 * @param total  dollars for {@code totalResourceUtilization}
 */
public record JobRunCost(JobRunUsage usage, Rates rates, Cost billed, Cost total) {
    public JobRunCost {
        requireNonNull(usage, "usage is null");
        requireNonNull(rates, "rates is null");
        requireNonNull(billed, "billed is null");
        requireNonNull(total, "total is null");
    }
}
