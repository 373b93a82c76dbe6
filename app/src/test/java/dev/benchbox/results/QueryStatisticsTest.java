package dev.benchbox.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class QueryStatisticsTest {
    private static QueryResult ran(String id, int iteration, double ms) {
        return new QueryResult(id, iteration, ms, 1, QueryResult.VALIDATED, "exact", null);
    }

    @Nested
    class WithoutWarmups {
        @Test
        void iterationOneIsColdAndLeftOutOfTheSpread() {
            List<QueryStatistics> stats = QueryStatistics.of(List.of(ran("Q1", 1, 500), ran("Q1", 2, 100), ran("Q1", 3, 120),
                    ran("Q1", 4, 110)), 0, Map.of());

            // warm samples 100, 120, 110: mean 110, sample sd 10, CV 10/110
            assertThat(stats).containsExactly(new QueryStatistics("Q1", 3, 500.0, false, 100, 110, 120, 110, 0.090909));
        }

        @Test
        void oneIterationHasOnlyTheColdTimeAndSaysSo() {
            List<QueryStatistics> stats = QueryStatistics.of(List.of(ran("Q1", 1, 12.5), ran("Q6", 1, 3)), 0, Map.of());

            assertThat(stats).containsExactly(new QueryStatistics("Q1", 1, 12.5, true, 12.5, 12.5, 12.5, 12.5, null),
                    new QueryStatistics("Q6", 1, 3.0, true, 3, 3, 3, 3, null));
        }
    }

    @Nested
    class WithWarmups {
        @Test
        void everyMeasuredIterationCountsAndTheFirstWarmupIsCold() {
            List<QueryStatistics> stats = QueryStatistics.of(List.of(ran("Q3", 1, 40), ran("Q3", 2, 10), ran("Q3", 3, 20),
                    ran("Q3", 4, 30)), 1, Map.of("Q3", 900.0));

            // even count: the median is the mean of the middle two; sd of 10,20,30,40 is 12.9099, mean 25
            assertThat(stats).containsExactly(new QueryStatistics("Q3", 4, 900.0, false, 10, 25, 40, 25, 0.516398));
        }

        @Test
        void aWarmupThatFailedLeavesTheColdTimeUnknown() {
            List<QueryStatistics> stats = QueryStatistics.of(List.of(ran("Q3", 1, 40), ran("Q3", 2, 40)), 1, Map.of());

            assertThat(stats.get(0).coldMs()).isNull();
            assertThat(stats.get(0).cv()).isEqualTo(0.0);
        }
    }

    @Test
    void executionsThatDidNotRunAreNotTimesAndAQueryWithNoneHasNoStatistics() {
        List<QueryStatistics> stats = QueryStatistics.of(List.of(
                ran("Q1", 1, 50), ran("Q1", 2, 10), new QueryResult("Q1", 3, 0.2, 0, QueryResult.ERROR, null, "boom"),
                ran("Q1", 4, 30),
                new QueryResult("Q2", 1, 1, 0, QueryResult.ERROR, null, "boom"),
                new QueryResult("Q6", 1, 7, 1, QueryResult.FAILED, "exact", "wrong")), 0, Map.of());

        assertThat(stats).extracting(QueryStatistics::id).containsExactly("Q1", "Q6");
        assertThat(stats.get(0)).isEqualTo(new QueryStatistics("Q1", 2, 50.0, false, 10, 20, 30, 20, 0.707107));
    }

    @Test
    void streamsOfAThroughputTestPoolTheirWarmIterations() {
        List<QueryStatistics> stats = QueryStatistics.of(List.of(ran("Q1", 1, 90).inStream(1), ran("Q1", 1, 80).inStream(2),
                ran("Q1", 2, 10).inStream(1), ran("Q1", 2, 12).inStream(2)), 0, Map.of());

        assertThat(stats).containsExactly(new QueryStatistics("Q1", 2, 90.0, false, 10, 11, 12, 11, 0.128565));
    }
}
