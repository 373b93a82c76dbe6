package dev.benchbox.results.compare;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * The statistics that tell a change from noise: a bootstrap confidence interval of a median, a bootstrap test of a
 * difference of medians, a one-sample t-test (for the geometric mean's log ratios), and the Benjamini–Hochberg adjustment that keeps the false-discovery rate across many queries.
 * Everything is deterministic: the bootstrap draws from a fixed seed, so a comparison prints the same every time.
 */
public final class Noise {
    /** Resamples per bootstrap interval: enough for stable 2.5% and 97.5% percentiles. */
    static final int RESAMPLES = 2000;
    /** The seed of every bootstrap, so a comparison is reproducible. */
    static final long SEED = 20_240_607L;
    /** Samples per run a query needs before its noise can be judged (fewer give intervals as wide as the samples). */
    public static final int MIN_SAMPLES = 3;
    /** The intervals' level: 95%. */
    public static final double ALPHA = 0.05;
    /**
     * The false-discovery rate a change must clear after Benjamini–Hochberg: 10%, because the test is one of three
     * conditions (with non-overlapping intervals and a minimum absolute difference) and with four warm samples a
     * side a 5% rate over 22 queries would miss a 50% slowdown that had one outlier.
     */
    public static final double FDR = 0.10;

    private Noise() {
    }

    /** A confidence interval. */
    public record Interval(double low, double high) {
        public Interval {
            if (!(low <= high)) {
                throw new IllegalArgumentException("interval low " + low + " above high " + high);
            }
        }

        boolean overlaps(Interval other) {
            return low <= other.high && other.low <= high;
        }
    }

    /** The median (the mean of the middle two for an even count). */
    public static double median(double[] samples) {
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /**
     * A percentile-bootstrap 95% interval of the median: the median of {@value #RESAMPLES} resamples (with
     * replacement, seeded) and their 2.5th and 97.5th percentiles.
     */
    public static Interval medianInterval(double[] samples) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("an interval needs samples");
        }
        SplittableRandom random = new SplittableRandom(SEED);
        double[] medians = new double[RESAMPLES];
        double[] resample = new double[samples.length];
        for (int r = 0; r < RESAMPLES; r++) {
            for (int i = 0; i < samples.length; i++) {
                resample[i] = samples[random.nextInt(samples.length)];
            }
            medians[r] = median(resample);
        }
        Arrays.sort(medians);
        return new Interval(medians[(int) Math.floor(RESAMPLES * ALPHA / 2)], medians[(int) Math.ceil(RESAMPLES * (1 - ALPHA / 2)) - 1]);
    }

    /**
     * The two-sided bootstrap p-value of a difference of medians: {@value #RESAMPLES} seeded resamples of each side;
     * the share of them in which the difference of the resampled medians has the other sign (or is zero), doubled.
     * Medians, like the intervals, so one slow outlier among a few samples does not hide a real change (Welch's
     * t-test, on means, would).
     */
    public static double medianDifferenceP(double[] base, double[] run) {
        if (base.length < 2 || run.length < 2) {
            throw new IllegalArgumentException("a bootstrap test needs two samples a side");
        }
        SplittableRandom random = new SplittableRandom(SEED);
        double observed = median(run) - median(base);
        double[] a = new double[base.length];
        double[] b = new double[run.length];
        int against = 0;
        for (int r = 0; r < RESAMPLES; r++) {
            for (int i = 0; i < a.length; i++) {
                a[i] = base[random.nextInt(base.length)];
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = run[random.nextInt(run.length)];
            }
            double difference = median(b) - median(a);
            if (observed == 0 || Math.signum(difference) != Math.signum(observed)) {
                against++;
            }
        }
        return Math.min(1, 2.0 * (against + 1) / (RESAMPLES + 1));
    }

    /** The one-sided p-value that the mean of {@code values} is above 0 (a one-sample t-test); at least two values. */
    public static double aboveZeroP(double[] values) {
        if (values.length < 2) {
            throw new IllegalArgumentException("a t-test needs two values");
        }
        double mean = mean(values);
        double se = Math.sqrt(variance(values, mean) / values.length);
        if (se == 0) {
            return mean > 0 ? 0 : 1;
        }
        return 1 - new TDistribution(null, values.length - 1).cumulativeProbability(mean / se);
    }

    /**
     * Benjamini–Hochberg adjusted p-values (q-values), in the order given: a discovery at {@code q < alpha} keeps the
     * expected share of false discoveries among all discoveries under {@code alpha}.
     */
    public static double[] adjust(double[] p) {
        int m = p.length;
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(p[x], p[y]));
        double[] q = new double[m];
        double running = 1;
        for (int rank = m; rank >= 1; rank--) {
            int i = order[rank - 1];
            running = Math.min(running, p[i] * m / rank);
            q[i] = Math.min(1, running);
        }
        return q;
    }

    private static double[] logs(double[] values) {
        return Arrays.stream(values).map(v -> Math.log(Math.max(v, 1e-6))).toArray();
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).sum() / values.length;
    }

    private static double variance(double[] values, double mean) {
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return squares / (values.length - 1);
    }
}
