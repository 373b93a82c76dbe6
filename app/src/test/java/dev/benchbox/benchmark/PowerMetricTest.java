package dev.benchbox.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class PowerMetricTest {
    private static final double EPSILON = 1e-9;

    @Test
    void powerIs3600TimesScaleOverTheGeometricMean() {
        // geometric mean of 2 s and 8 s is 4 s: 3600 × 1 / 4
        assertThat(PowerMetric.powerAtSize(1, List.of(2.0, 8.0))).isCloseTo(900.0, within(EPSILON));
        // 3600 × 0.01 / 4
        assertThat(PowerMetric.powerAtSize(0.01, List.of(2.0, 8.0))).isCloseTo(9.0, within(EPSILON));
        // geometric mean of 1, 10, 100 s is 10 s: 3600 × 10 / 10
        assertThat(PowerMetric.powerAtSize(10, List.of(1.0, 10.0, 100.0))).isCloseTo(3600.0, within(EPSILON));
    }

    @Test
    void intervalsShorterThanAThousandthOfTheLongestAreRaisedToIt() {
        // longest 1000 s: floor 1 s, so 0.0001 s counts as 1 s; geometric mean of 1000, 1, 1 is 10 s
        assertThat(PowerMetric.powerAtSize(1, List.of(1000.0, 0.0001, 1.0))).isCloseTo(360.0, within(EPSILON));
        // a zero interval is raised too instead of making the mean zero
        assertThat(PowerMetric.powerAtSize(1, List.of(1000.0, 0.0, 1.0))).isCloseTo(360.0, within(EPSILON));
    }

    @Test
    void intervalsAtOrAboveTheFloorAreUnchanged() {
        // floor is 0.1 s; 0.1 s stays: geometric mean of 100 and 0.1 is sqrt(10) s
        assertThat(PowerMetric.powerAtSize(1, List.of(100.0, 0.1))).isCloseTo(3600 / Math.sqrt(10), within(EPSILON));
    }

    @Test
    void powerNeedsAtLeastOneInterval() {
        assertThatThrownBy(() -> PowerMetric.powerAtSize(1, Collections.emptyList()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no timing intervals");
    }

    @Test
    void geometricMeanOfHandComputedValues() {
        assertThat(PowerMetric.geometricMean(List.of(2.0, 8.0))).isCloseTo(4.0, within(EPSILON));
        assertThat(PowerMetric.geometricMean(List.of(1.0, 10.0, 100.0))).isCloseTo(10.0, within(EPSILON));
        assertThat(PowerMetric.geometricMean(List.of(5.0))).isCloseTo(5.0, within(EPSILON));
    }

    @Test
    void geometricMeanOfNothingIsZero() {
        assertThat(PowerMetric.geometricMean(List.of())).isZero();
    }

    @Test
    void geometricMeanTreatsZeroAsTinyRatherThanCollapsing() {
        // zero is raised to 1e-9: sqrt(1e-9 × 1)
        assertThat(PowerMetric.geometricMean(List.of(0.0, 1.0))).isCloseTo(Math.sqrt(1e-9), within(1e-15));
    }
}
