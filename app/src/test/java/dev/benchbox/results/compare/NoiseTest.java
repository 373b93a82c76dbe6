package dev.benchbox.results.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NoiseTest {
    @Test
    void theBootstrapIntervalIsReproducibleAndCoversTheTrueMedianAboutNinetyFivePercentOfTheTime() {
        double[] fixed = {10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20};
        assertThat(Noise.medianInterval(fixed)).isEqualTo(Noise.medianInterval(fixed));
        assertThat(Noise.medianInterval(fixed)).isEqualTo(new Noise.Interval(12, 18));

        // samples of 30 from an exponential distribution (median ln 2): count the intervals that hold it
        SplittableRandom random = new SplittableRandom(7);
        int covered = 0;
        for (int trial = 0; trial < 400; trial++) {
            double[] samples = new double[30];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = -Math.log(1 - random.nextDouble());
            }
            Noise.Interval interval = Noise.medianInterval(samples);
            if (interval.low() <= Math.log(2) && Math.log(2) <= interval.high()) {
                covered++;
            }
        }
        assertThat(covered / 400.0).isBetween(0.90, 0.99);
    }

    @Test
    void benjaminiHochbergMatchesTheTextbookExample() {
        // p-values 0.01, 0.04, 0.03, 0.005 (m = 4): sorted 0.005, 0.01, 0.03, 0.04 give 0.02, 0.02, 0.04, 0.04
        double[] q = Noise.adjust(new double[] {0.01, 0.04, 0.03, 0.005});
        assertThat(q).containsExactly(new double[] {0.02, 0.04, 0.04, 0.02}, within(1e-12));
        assertThat(Noise.adjust(new double[] {0.5, 0.9})).containsExactly(new double[] {0.9, 0.9}, within(1e-12));
    }

    @Test
    void theBootstrapTestOfMediansSeparatesAClearSlowdownFromNoiseDespiteAnOutlier() {
        double[] base = {100, 102, 98, 101};
        // every resample of the slower run has the larger median: the floor, 2/2001
        assertThat(Noise.medianDifferenceP(base, new double[] {150, 153, 147, 220})).isEqualTo(2.0 / 2001);
        assertThat(Noise.medianDifferenceP(base, new double[] {99, 103, 100, 98})).isGreaterThan(0.3);
        assertThat(Noise.medianDifferenceP(base, base)).isEqualTo(1.0);
        // t = 1 with one degree of freedom (the Cauchy distribution): one-sided p = 1/4
        assertThat(Noise.aboveZeroP(new double[] {0, 2})).isCloseTo(0.25, within(1e-9));
    }
}
