package dev.benchbox.cost;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;

/**
 * Turns resource use into dollars. Every product is exact: {@link BigDecimal#valueOf(double)} takes the double AWS
 * reported at its shortest decimal form (0.267 stays 0.267) and the rates are exact decimals.
 */
public final class CostCalculator {

    private final PricingTable pricing;

    public CostCalculator(PricingTable pricing) {
        this.pricing = requireNonNull(pricing, "pricing is null");
    }

    /** Dollars for a utilization at the given rates. */
    public static Cost cost(ResourceUtilization utilization, Rates rates) {
        requireNonNull(utilization, "utilization is null");
        requireNonNull(rates, "rates is null");
        return new Cost(
                BigDecimal.valueOf(utilization.vCpuHours()).multiply(rates.perVCpuHour()),
                BigDecimal.valueOf(utilization.memoryGbHours()).multiply(rates.perMemoryGbHour()),
                BigDecimal.valueOf(utilization.storageGbHours()).multiply(rates.perStorageGbHour()));
    }

    /** A job run's billed and total cost at the prices of its own region and architecture. */
    public JobRunCost cost(JobRunUsage run) {
        requireNonNull(run, "run is null");
        Rates rates = pricing.price(run.region(), run.architecture());
        return new JobRunCost(run, rates, cost(run.billed(), rates), cost(run.total(), rates));
    }

    public PricingTable pricing() {
        return pricing;
    }
}
