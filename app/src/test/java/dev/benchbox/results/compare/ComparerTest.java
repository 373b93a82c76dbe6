package dev.benchbox.results.compare;

import static dev.benchbox.results.compare.Fixtures.duckdb;
import static dev.benchbox.results.compare.Fixtures.named;
import static dev.benchbox.results.compare.Fixtures.stat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.benchbox.BenchboxException;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ComparerTest {
    private final Comparer comparer = new Comparer();

    private static Change change(Comparison comparison, String query, int run) {
        return comparison.queries().stream().filter(q -> q.id().equals(query)).findFirst().orElseThrow().cells().get(run).change();
    }

    @Nested
    class Noise {
        // baseline and candidate each measured a CV of 10%: the noise of their ratio is sqrt(0.1² + 0.1²) = 14.1% on the
        // log scale, so anything within ln(ratio) ≤ 28.3% (a ratio up to 1.327) is noise
        private final Comparison comparison = comparer.compare(List.of(
                named("a", duckdb(1, stat("Q1", 100, 0.10), stat("Q2", 100, 0.01), stat("Q3", 100, null), stat("Q4", 100, 0.10))),
                named("b", duckdb(1, stat("Q1", 130, 0.10), stat("Q2", 150, 0.01), stat("Q3", 105, null), stat("Q4", 60, 0.10)))),
                0, 10.0, false);

        @Test
        void aThirtyPercentSlowdownWithinTenPercentNoiseIsNotARegression() {
            assertThat(change(comparison, "Q1", 1)).isEqualTo(Change.SAME);
        }

        @Test
        void fiftyPercentSlowerBeyondOnePercentNoiseIsARegression() {
            assertThat(change(comparison, "Q2", 1)).isEqualTo(Change.REGRESSION);
            assertThat(comparison.regressions()).contains(new Comparison.Regression("b", "Q2", 50.0));
        }

        @Test
        void withoutMeasuredNoiseEveryDifferenceCountsButOnlyBeyondTheThresholdIsARegression() {
            assertThat(change(comparison, "Q3", 1)).isEqualTo(Change.SLOWER);
        }

        @Test
        void fasterBeyondTheNoiseIsFaster() {
            assertThat(change(comparison, "Q4", 1)).isEqualTo(Change.FASTER);
            assertThat(change(comparison, "Q4", 0)).isEqualTo(Change.BASELINE);
        }

        @Test
        void theGeometricMeanHasTheNoiseOfAMeanOfLogs() {
            // ratios 1.3, 1.5, 1.05, 0.6: geomean ratio (1.3 × 1.5 × 1.05 × 0.6)^(1/4) = 1.0528;
            // noise sqrt(0.02 + 0.0002 + 0 + 0.02) / 4 = 5.01%: ln(1.0528) = 5.14% is within 2σ (10.02%)
            Comparison.RunColumn b = comparison.runs().get(1);
            assertThat(b.ratio()).isEqualTo(1.0528);
            assertThat(b.speedup()).isEqualTo(0.9499);
            assertThat(b.change()).isEqualTo(Change.SAME);
            assertThat(comparison.regressions()).extracting(Comparison.Regression::query).containsExactly("Q2");
        }
    }

    @Test
    void withoutAThresholdNothingIsARegression() {
        Comparison comparison = comparer.compare(List.of(named("a", duckdb(1, stat("Q1", 100, 0.01))),
                named("b", duckdb(1, stat("Q1", 200, 0.01)))), 0, null, false);

        assertThat(change(comparison, "Q1", 1)).isEqualTo(Change.SLOWER);
        assertThat(comparison.runs().get(1).change()).isEqualTo(Change.SLOWER);
        assertThat(comparison.regressions()).isEmpty();
    }

    @Test
    void aSlowerGeometricMeanBeyondTheThresholdIsARegressionOfItsOwn() {
        Comparison comparison = comparer.compare(List.of(
                named("a", duckdb(1, stat("Q1", 100, null), stat("Q2", 100, null))),
                named("b", duckdb(1, stat("Q1", 108, null), stat("Q2", 108, null)))), 0, 5.0, false);

        assertThat(comparison.regressions()).containsExactly(new Comparison.Regression("b", "Q1", 8.0),
                new Comparison.Regression("b", "Q2", 8.0), new Comparison.Regression("b", "geomean", 8.0));
    }

    @Test
    void theBaselineCanBeAnyRunAndQueriesOnlyOneRunTimedAreMissingElsewhere() {
        Comparison comparison = comparer.compare(List.of(
                named("a", duckdb(1, stat("Q1", 200, null), stat("Q6", 10, null))),
                named("b", duckdb(1, stat("Q1", 100, null)))), 1, null, false);

        assertThat(comparison.baseline()).isEqualTo("b");
        assertThat(change(comparison, "Q1", 0)).isEqualTo(Change.SLOWER);
        assertThat(change(comparison, "Q6", 0)).isEqualTo(Change.MISSING);
        assertThat(change(comparison, "Q6", 1)).isEqualTo(Change.MISSING);
        // the geometric means cover Q1 alone, the query both runs timed
        assertThat(comparison.runs()).extracting(Comparison.RunColumn::geometricMeanMs).containsExactly(200.0, 100.0);
        assertThat(comparison.runs().get(0).speedup()).isEqualTo(0.5);
    }

    @Test
    void costAndPricePerformanceComeFromTheBilledJobRuns() {
        Comparison comparison = comparer.compare(List.of(
                named("x86", Fixtures.emr("x86_64", 3, "0.20", 2000, 60000, 30000, stat("Q1", 1000, null))),
                named("arm", Fixtures.emr("arm64", 3, "0.16", 2000, 60000, 30000, stat("Q1", 1000, null))),
                named("local", duckdb(0.01, stat("Q1", 1000, null)))), 0, null, false);

        // Power@Size 3600 × 0.01 / 1 s = 36; 36 / $0.20 and 36 / $0.16
        assertThat(comparison.runs()).extracting(Comparison.RunColumn::billedUsd)
                .containsExactly(new java.math.BigDecimal("0.2000"), new java.math.BigDecimal("0.1600"), null);
        assertThat(comparison.runs()).extracting(Comparison.RunColumn::powerPerUsd).containsExactly(180.0, 225.0, null);
    }

    @Test
    void differentScalesAreRefusedInOneLineUnlessForced() {
        List<NamedResult> runs = List.of(named("a", duckdb(1, stat("Q1", 1, null))), named("b", duckdb(10, stat("Q1", 1, null))));

        assertThatThrownBy(() -> comparer.compare(runs, 0, null, false)).isInstanceOf(BenchboxException.class)
                .hasMessage("a is tpch SF1, b is tpch SF10: such runs measure different work; add --force to compare them anyway");
        assertThat(comparer.compare(runs, 0, null, true).mismatch()).isEqualTo("a is tpch SF1, b is tpch SF10");
    }

    @Test
    void describesAnEngineConfigurationInOneLine() {
        assertThat(Comparer.describe(Fixtures.emr("arm64", 4, "1", 0, 1, 1).configuration().engine()))
                .isEqualTo("emr-7.0.0, arm64, us-east-1, driver 1x4vCPU-16GB, executors 4x4vCPU-16GB, spark.executor.cores=4, "
                        + "spark.executor.memory=14g");
        assertThat(Comparer.describe(duckdb(1).configuration().engine())).isEqualTo("threads=2, memory_limit=1GiB");
    }

    @Test
    void whatDiffersLeavesOutTheSparkSettingsADifferingWorkerSizeBecomesButKeepsOthers() {
        dev.benchbox.results.EngineConfiguration.Workers driver = new dev.benchbox.results.EngineConfiguration.Workers(1, 4, 16, 20);
        List<dev.benchbox.results.EngineConfiguration> engines = List.of(
                new dev.benchbox.results.EngineConfiguration("emr-serverless", "emr-7.0.0", "emr-7.0.0", "x86_64", "us-east-1", driver,
                        new dev.benchbox.results.EngineConfiguration.Workers(1, 4, 16, 20), null, null,
                        java.util.Map.of("spark.executor.cores", "4", "spark.executor.instances", "1", "spark.sql.shuffle.partitions", "8")),
                new dev.benchbox.results.EngineConfiguration("emr-serverless", "emr-7.0.0", "emr-7.0.0", "x86_64", "us-east-1", driver,
                        new dev.benchbox.results.EngineConfiguration.Workers(2, 2, 8, 20), null, null,
                        java.util.Map.of("spark.executor.cores", "2", "spark.executor.instances", "2", "spark.sql.shuffle.partitions", "16")));

        assertThat(Comparer.differences(engines)).containsExactly("executors 1x4vCPU-16GB, spark.sql.shuffle.partitions=8",
                "executors 2x2vCPU-8GB, spark.sql.shuffle.partitions=16");
    }

    @Test
    void theTableShowsWhatDiffersBetweenConfigurationsAndEverythingWhenNothingDoes() {
        dev.benchbox.results.EngineConfiguration x86 = Fixtures.emr("x86_64", 3, "1", 0, 1, 1).configuration().engine();
        dev.benchbox.results.EngineConfiguration arm = Fixtures.emr("arm64", 8, "1", 0, 1, 1).configuration().engine();
        dev.benchbox.results.EngineConfiguration local = duckdb(1).configuration().engine();

        assertThat(Comparer.differences(List.of(x86, arm))).containsExactly("x86_64, executors 3x4vCPU-16GB",
                "arm64, executors 8x4vCPU-16GB");
        assertThat(Comparer.differences(List.of(local, local))).containsExactly("threads=2, memory_limit=1GiB",
                "threads=2, memory_limit=1GiB");
        assertThat(Comparer.differences(List.of(local, x86)).get(0)).isEqualTo("duckdb v1.4.4, threads=2, memory_limit=1GiB");
    }
}
