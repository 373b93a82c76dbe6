package dev.benchbox.session;

import dev.benchbox.benchmark.Benchmark;
import dev.benchbox.cost.Architecture;
import dev.benchbox.cost.BillingProfile;
import dev.benchbox.cost.CostEstimate;
import dev.benchbox.cost.CostEstimator;
import dev.benchbox.cost.CostReport;
import dev.benchbox.cost.JobCapacity;
import dev.benchbox.cost.MaxCost;
import dev.benchbox.cost.PricingTable;
import dev.benchbox.platform.Platform;
import java.math.BigDecimal;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** The session's spending: what its job runs cost, what a run would cost, and the --max-cost guard. */
@Service
public class CostService {
    /** Where estimates are priced when no billed platform is connected: AWS's defaults. */
    /** What an estimate assumes without a connection: AWS's default Spark capacity, us-east-1, x86_64. */
    public static final BillingProfile DEFAULT_PROFILE = new BillingProfile(JobCapacity.DEFAULT, "us-east-1", Architecture.X86_64);

    private final Session session;

    public CostService(Session session) {
        this.session = session;
    }

    public CostReport report() {
        // idle pre-initialised workers bill too, though no job run reports them: their own line
        java.util.List<dev.benchbox.cost.JobRunUsage> all = new java.util.ArrayList<>(session.jobRuns());
        all.addAll(session.idleCapacity());
        return CostReport.of(all, PricingTable.load());
    }

    /** The tags the connected platform puts on what it creates (empty when it bills nothing). */
    public java.util.Map<String, String> connectionTags() {
        return session.currentPlatform().flatMap(Platform::costAllocation).map(dev.benchbox.platform.CostAllocation::tags)
                .orElse(java.util.Map.of());
    }

    /**
     * {@code --max-cost} held while the work runs on the connected platform (nothing to hold without a limit, or on a
     * platform that bills nothing): close it when the work is done.
     */
    public dev.benchbox.platform.SpendingCap.Scope capWhileRunning(String maxCost) {
        if (maxCost == null) {
            return dev.benchbox.platform.SpendingCap.Scope.NONE;
        }
        BigDecimal limit = MaxCost.parse(maxCost);
        return session.currentPlatform().map(platform -> dev.benchbox.platform.SpendingCap.over(platform, limit))
                .orElse(dev.benchbox.platform.SpendingCap.Scope.NONE);
    }

    /** The billing profile of the connected platform, if it bills per job. */
    public Optional<BillingProfile> connectedProfile() {
        return session.currentPlatform().flatMap(Platform::billingProfile);
    }

    /**
     * An estimate for a power run of the benchmark ({@code powerRuns} = warm-ups + iterations) on the connected
     * platform or AWS's defaults, from the benchmark's own estimate table.
     */
    public CostEstimate estimate(Benchmark benchmark, double scaleFactor, int powerRuns) {
        BillingProfile profile = connectedProfile().orElse(DEFAULT_PROFILE);
        return CostEstimator.load(benchmark.costEstimates(), benchmark.title()).estimate(scaleFactor, powerRuns, profile.capacity(), profile.region(),
                profile.architecture());
    }

    /**
     * Refuses work whose estimate exceeds the limit, before anything starts. Platforms that do not bill per
     * job (DuckDB) cost nothing, so any limit passes.
     */
    public void checkMaxCost(String maxCost, Benchmark benchmark, double scaleFactor, int powerRuns) {
        if (maxCost == null) {
            return;
        }
        BigDecimal limit = MaxCost.parse(maxCost);
        if (connectedProfile().isEmpty()) {
            return;
        }
        MaxCost.check(estimate(benchmark, scaleFactor, powerRuns), limit);
    }
}
