package dev.benchbox.benchmark;

import java.util.ArrayList;
import java.util.List;

/**
 * TPC-H's performance metrics (specification §5.4): Power@Size, Throughput@Size and their geometric mean QphH@Size.
 */
public final class TpchMetrics {
    private TpchMetrics() {
    }

    /**
     * Power@Size = 3600 × SF / (Π QI(i,0) × RI(1,0) × RI(2,0))^(1/24), over the 22 query intervals of stream 0 and the
     * two refresh intervals, in seconds; intervals below 1/1000 of the longest count as that (§5.4.1.4).
     */
    public static double powerAtSize(double scaleFactor, List<Double> querySeconds, double refresh1Seconds,
            double refresh2Seconds) {
        if (querySeconds.size() != 22) {
            throw new IllegalArgumentException("Power@Size needs the 22 query intervals, got " + querySeconds.size());
        }
        List<Double> intervals = new ArrayList<>(querySeconds);
        intervals.add(refresh1Seconds);
        intervals.add(refresh2Seconds);
        return PowerMetric.powerAtSize(scaleFactor, intervals);
    }

    /** Throughput@Size = S × 22 × 3600 / Ts × SF, Ts the throughput test's elapsed seconds. */
    public static double throughputAtSize(double scaleFactor, int streams, double elapsedSeconds) {
        if (streams < 1 || !(elapsedSeconds > 0)) {
            throw new IllegalArgumentException("Throughput@Size needs streams and an elapsed time");
        }
        return streams * 22 * 3600.0 / elapsedSeconds * scaleFactor;
    }

    /** QphH@Size = √(Power@Size × Throughput@Size). */
    public static double qphH(double power, double throughput) {
        return Math.sqrt(power * throughput);
    }

    /** §5.3.4's minimum query streams by scale factor; below SF 1, where the table has no entry, SF 1's. */
    public static int minimumStreams(double scaleFactor) {
        double[] scales = {1, 10, 30, 100, 300, 1000, 3000, 10000, 30000, 100000};
        int[] streams = {2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
        int minimum = 2;
        for (int i = 0; i < scales.length; i++) {
            if (scaleFactor >= scales[i]) {
                minimum = streams[i];
            }
        }
        return minimum;
    }

    /** The scale factors results may be published at (§4.1.3.1). */
    public static boolean publishable(double scaleFactor) {
        for (double scale : new double[] {1, 10, 30, 100, 300, 1000, 3000, 10000, 30000, 100000}) {
            if (scaleFactor == scale) {
                return true;
            }
        }
        return false;
    }
}
