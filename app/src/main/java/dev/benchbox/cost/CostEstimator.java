package dev.benchbox.cost;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Estimates what a TPC-H power run on EMR Serverless will cost before it is started ({@code cost estimate} and
 * {@code --max-cost}): the expected job duration from {@link TpchEstimates}, billed by {@link BillingRules} for the
 * configured capacity, priced by {@link PricingTable}.
 */
public final class CostEstimator {

    private final PricingTable pricing;
    private final TpchEstimates estimates;
    private final String title;

    public CostEstimator(PricingTable pricing, TpchEstimates estimates) {
        this(pricing, estimates, "TPC-H");
    }

    /** With the estimate table of the benchmark titled {@code title} ({@code TPC-H}, {@code TPC-DS}). */
    public CostEstimator(PricingTable pricing, TpchEstimates estimates, String title) {
        this.pricing = requireNonNull(pricing, "pricing is null");
        this.estimates = requireNonNull(estimates, "estimates is null");
        this.title = requireNonNull(title, "title is null");
    }

    /** With the prices and the TPC-H estimate table shipped with BenchBox. */
    public static CostEstimator load() {
        return new CostEstimator(PricingTable.load(), TpchEstimates.load());
    }

    /** With the prices and a benchmark's estimate table (a classpath resource), for the benchmark titled {@code title}. */
    public static CostEstimator load(String resource, String title) {
        return new CostEstimator(PricingTable.load(), TpchEstimates.load(resource), title);
    }

    /** One power run at {@code scaleFactor} as one job run. */
    public CostEstimate estimate(double scaleFactor, JobCapacity capacity, String region, Architecture architecture) {
        return estimate(scaleFactor, 1, capacity, region, architecture);
    }

    /**
     * {@code powerRuns} power runs (warm-ups plus iterations) at {@code scaleFactor} in one job run.
     *
     * @throws dev.benchbox.BenchboxException for a region without prices, a scale factor that is not positive or a
     *                                        capacity without executors
     */
    public CostEstimate estimate(double scaleFactor, int powerRuns, JobCapacity capacity, String region,
            Architecture architecture) {
        requireNonNull(capacity, "capacity is null");
        if (powerRuns < 1) {
            throw new IllegalArgumentException("powerRuns must be at least 1: " + powerRuns);
        }
        Rates rates = pricing.price(region, architecture);
        Duration duration = estimates.jobDuration(scaleFactor, powerRuns, capacity);
        ResourceUtilization billed = BillingRules.billed(capacity, duration);
        return new CostEstimate(scaleFactor, powerRuns, capacity, rates, duration, billed,
                CostCalculator.cost(billed, rates), assumptions(scaleFactor, powerRuns, capacity), title);
    }

    private List<String> assumptions(double scaleFactor, int powerRuns, JobCapacity capacity) {
        JobCapacity reference = estimates.reference();
        long startup = Math.round(estimates.startupSeconds());
        double queries = estimates.querySeconds(scaleFactor, capacity);
        String perRun = powerRuns == 1 ? "" : " per power run, " + powerRuns + " power runs";
        return List.of(
                "job time: " + CostFormat.duration(Duration.ofSeconds(startup)) + " of start-up plus "
                        + CostFormat.duration(Duration.ofSeconds((long) Math.ceil(queries - 1e-9))) + " of queries" + perRun
                        + ", from the " + title + " estimate table (an estimate, not a measurement)",
                "the table is for " + reference.describe() + "; query time scales as (" + reference.executorVCpus()
                        + " / executor vCPUs) ^ " + String.format(Locale.ROOT, "%.1f", estimates.scalingExponent())
                        + ", start-up not at all",
                "every worker is billed for the whole job run (dynamic allocation can only make it cheaper)",
                "AWS's billing: per second, at least 1 minute per worker, storage only above "
                        + BillingRules.FREE_STORAGE_GB_PER_WORKER + " GB per worker",
                "prices as of " + pricing.asOf() + "; S3, Glue, CloudWatch, data transfer and pre-initialized capacity are not included");
    }

    public PricingTable pricing() {
        return pricing;
    }

    public TpchEstimates estimates() {
        return estimates;
    }
}
