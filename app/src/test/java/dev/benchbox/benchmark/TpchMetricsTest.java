package dev.benchbox.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The specification's formulas on made-up timing intervals whose results are known by hand. */
class TpchMetricsTest {
    @Test
    void powerIsThirtySixHundredTimesScaleOverTheGeometricMeanOfTheTwentyFourIntervals() {
        // 22 queries and both refresh functions of 2 s: geometric mean 2 s
        assertThat(TpchMetrics.powerAtSize(1, Collections.nCopies(22, 2.0), 2.0, 2.0)).isCloseTo(1800.0, within(1e-9));
        // SF 10, queries of 4 s, refresh functions of 1 s: (4^22 × 1 × 1)^(1/24) = 4^(11/12)
        assertThat(TpchMetrics.powerAtSize(10, Collections.nCopies(22, 4.0), 1.0, 1.0))
                .isCloseTo(36000 / Math.pow(4, 11.0 / 12), within(1e-6));
    }

    @Test
    void intervalsBelowAThousandthOfTheLongestCountAsAThousandth() {
        List<Double> queries = new ArrayList<>(Collections.nCopies(22, 1.0));
        queries.set(0, 1000.0);
        queries.set(1, 0.0001); // counts as 1 s, a thousandth of 1000 s
        // (1000 × 1^23)^(1/24)
        assertThat(TpchMetrics.powerAtSize(1, queries, 1.0, 1.0)).isCloseTo(3600 / Math.pow(1000, 1.0 / 24), within(1e-9));
    }

    @Test
    void throughputIsStreamsTimesTwentyTwoQueriesPerHourTimesScale() {
        // 2 streams × 22 queries in 44 s: 3600 queries per hour at SF 1
        assertThat(TpchMetrics.throughputAtSize(1, 2, 44)).isCloseTo(3600.0, within(1e-9));
        assertThat(TpchMetrics.throughputAtSize(100, 5, 3600)).isCloseTo(11000.0, within(1e-9));
    }

    @Test
    void qphHIsTheGeometricMeanOfPowerAndThroughput() {
        assertThat(TpchMetrics.qphH(1800, 3200)).isCloseTo(2400.0, within(1e-9));
    }

    @Test
    void minimumStreamsFollowTheSpecificationsTable() {
        assertThat(TpchMetrics.minimumStreams(0.01)).isEqualTo(2);
        assertThat(TpchMetrics.minimumStreams(1)).isEqualTo(2);
        assertThat(TpchMetrics.minimumStreams(10)).isEqualTo(3);
        assertThat(TpchMetrics.minimumStreams(30)).isEqualTo(4);
        assertThat(TpchMetrics.minimumStreams(100)).isEqualTo(5);
        assertThat(TpchMetrics.minimumStreams(300)).isEqualTo(6);
        assertThat(TpchMetrics.minimumStreams(1000)).isEqualTo(7);
        assertThat(TpchMetrics.minimumStreams(3000)).isEqualTo(8);
        assertThat(TpchMetrics.minimumStreams(10000)).isEqualTo(9);
    }

    @Test
    void onlyTheSpecificationsScaleFactorsArePublishable() {
        assertThat(TpchMetrics.publishable(1)).isTrue();
        assertThat(TpchMetrics.publishable(1000)).isTrue();
        assertThat(TpchMetrics.publishable(0.01)).isFalse();
        assertThat(TpchMetrics.publishable(2)).isFalse();
    }

    @Test
    void powerNeedsAllTwentyTwoQueries() {
        assertThatThrownBy(() -> TpchMetrics.powerAtSize(1, List.of(1.0), 1, 1))
                .hasMessage("Power@Size needs the 22 query intervals, got 1");
    }
}
