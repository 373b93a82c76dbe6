package dev.benchbox.benchmark;

import java.util.List;

/**
 * TPC-H Power@Size (specification §5.4.1): 3600 × SF divided by the geometric mean of the timing
 * intervals (in seconds) of the queries and refresh functions of the power test. Intervals shorter
 * than 1/1000 of the longest are raised to that (§5.4.1.4), so one tiny query cannot dominate.
 */
public final class PowerMetric {
    private PowerMetric() {
    }

    public static double powerAtSize(double scaleFactor, List<Double> intervalSeconds) {
        if (intervalSeconds.isEmpty()) {
            throw new IllegalArgumentException("no timing intervals");
        }
        double longest = intervalSeconds.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        double floor = longest / 1000.0;
        double logSum = 0;
        for (double seconds : intervalSeconds) {
            logSum += Math.log(Math.max(seconds, floor));
        }
        double geometricMean = Math.exp(logSum / intervalSeconds.size());
        return 3600.0 * scaleFactor / geometricMean;
    }

    public static double geometricMean(List<Double> values) {
        if (values.isEmpty()) {
            return 0;
        }
        double logSum = 0;
        for (double value : values) {
            logSum += Math.log(Math.max(value, 1e-9));
        }
        return Math.exp(logSum / values.size());
    }
}
