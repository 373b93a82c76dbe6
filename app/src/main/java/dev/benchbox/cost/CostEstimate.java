package dev.benchbox.cost;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/**
 * What a TPC-H run on EMR Serverless is expected to cost before it starts, with the assumptions behind the figure
 * so that users can judge it.
 *
 * @param scaleFactor the TPC-H scale factor
 * @param powerRuns   power runs in the one job run (warm-ups plus measured iterations)
 * @param capacity    the workers the job run will use
 * @param rates       the prices applied
 * @param duration    the expected job run duration, submit to end
 * @param billed      the expected {@code billedResourceUtilization}
 * @param cost        the dollars for {@code billed}, exact
 * @param assumptions what the estimate takes for granted, one sentence each
 * @param benchmark   the benchmark's title, {@code TPC-H} or {@code TPC-DS}
 */
public record CostEstimate(double scaleFactor, int powerRuns, JobCapacity capacity, Rates rates, Duration duration,
        ResourceUtilization billed, Cost cost, List<String> assumptions, String benchmark) {

    public CostEstimate {
        requireNonNull(capacity, "capacity is null");
        requireNonNull(rates, "rates is null");
        requireNonNull(duration, "duration is null");
        requireNonNull(billed, "billed is null");
        requireNonNull(cost, "cost is null");
        assumptions = List.copyOf(assumptions);
        requireNonNull(benchmark, "benchmark is null");
        if (powerRuns < 1) {
            throw new IllegalArgumentException("powerRuns must be at least 1: " + powerRuns);
        }
    }

    /** The estimated dollars, exact; compare this with {@code --max-cost} through {@link MaxCost#check}. */
    public BigDecimal usd() {
        return cost.total();
    }
}
