package dev.benchbox.cost;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The session's EMR Serverless job runs with their dollars, per run and in total: what the {@code cost} command
 * shows and the results JSON can keep.
 *
 * @param runs the job runs in the order they ran, each priced at its own region and architecture
 */
public record CostReport(List<JobRunCost> runs) {

    public CostReport {
        runs = List.copyOf(runs);
    }

    /** Prices every run with {@code pricing}. */
    public static CostReport of(List<JobRunUsage> runs, PricingTable pricing) {
        CostCalculator calculator = new CostCalculator(pricing);
        return new CostReport(requireNonNull(runs, "runs is null").stream().map(calculator::cost).toList());
    }

    public boolean isEmpty() {
        return runs.isEmpty();
    }

    /** AWS's billed utilization, summed over the runs. */
    public ResourceUtilization billedUtilization() {
        return runs.stream().map(r -> r.usage().billed()).reduce(ResourceUtilization.ZERO, ResourceUtilization::plus);
    }

    /** What ran, summed over the runs. */
    public ResourceUtilization totalUtilization() {
        return runs.stream().map(r -> r.usage().total()).reduce(ResourceUtilization.ZERO, ResourceUtilization::plus);
    }

    /** What the session's runs cost, exact: the sum of exact per-run costs, not of rounded ones. */
    public Cost billedCost() {
        return runs.stream().map(JobRunCost::billed).reduce(Cost.ZERO, Cost::plus);
    }

    /** What the resources that ran would cost without billing's minimums, exact. */
    public Cost totalCost() {
        return runs.stream().map(JobRunCost::total).reduce(Cost.ZERO, Cost::plus);
    }

    /** AWS's {@code totalExecutionDurationSeconds}, summed. */
    public long executionSeconds() {
        return runs.stream().mapToLong(r -> r.usage().totalExecutionDurationSeconds()).sum();
    }

    /** The distinct prices the runs were priced at, in order of first use. */
    public List<Rates> ratesUsed() {
        return runs.stream().map(JobRunCost::rates).distinct().toList();
    }
}
