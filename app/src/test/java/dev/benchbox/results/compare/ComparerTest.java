package dev.benchbox.results.compare;

import static dev.benchbox.results.compare.Fixtures.duckdb;
import static dev.benchbox.results.compare.Fixtures.named;
import static dev.benchbox.results.compare.Fixtures.stat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.benchbox.BenchboxException;
import dev.benchbox.results.RunResult;
import dev.benchbox.results.TimingMethod;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ComparerTest {
    private final Comparer comparer = new Comparer();

    private static Change change(Comparison comparison, String query, int run) {
        return comparison.queries().stream().filter(q -> q.id().equals(query)).findFirst().orElseThrow().cells().get(run).change();
    }

    @Test
    void aCancelledRunsUnfinishedQueriesAreMissingNotRegressionsAndTheComparisonSaysItIsIncomplete() {
        Map<String, double[]> full = new java.util.LinkedHashMap<>();
        full.put("Q1", new double[] {200, 100, 101, 99, 100});
        full.put("Q2", new double[] {200, 100, 101, 99, 100});
        Map<String, double[]> part = new java.util.LinkedHashMap<>();
        part.put("Q1", new double[] {200, 100, 100, 99, 101});
        RunResult finished = Fixtures.measured(full);
        RunResult cut = Fixtures.measured(part);
        RunResult cancelled = new RunResult(cut.run().cancelled(new dev.benchbox.results.Cancellation("run cancelled", null, List.of(), 5, 10)),
                cut.benchmark(), cut.platform(), cut.summary(), cut.queries(), cut.jobRuns(), cut.statistics(), cut.configuration());

        Comparison comparison = comparer.compare(List.of(named("a", finished), named("b", cancelled)), 0, 10.0, false);

        assertThat(change(comparison, "Q2", 1)).isEqualTo(Change.MISSING);
        assertThat(comparison.regressions()).isEmpty();
        assertThat(comparison.incomplete()).isEqualTo("incomplete: b cancelled after 5 of 10 measured executions; what a run did not "
                + "finish is missing, not slower, and the geometric means are over the queries every run timed");
        assertThat(comparer.compare(List.of(named("a", finished), named("c", finished)), 0, 10.0, false).incomplete()).isNull();
        java.io.StringWriter text = new java.io.StringWriter();
        new TextComparisonPrinter(false).print(comparison, text);
        assertThat(text.toString()).contains("\nNote: incomplete: b cancelled after 5 of 10 measured executions; ");
    }

    @Nested
    class Noise {
        // baseline and candidate: a cold first iteration, then warm ones with about 10% noise (Q1), 1% (Q2)
        private final Comparison comparison = comparer.compare(List.of(
                named("a", duckdb(1, stat("Q1", 100, 0.10), stat("Q2", 100, 0.01), stat("Q3", 100, null), stat("Q4", 100, 0.01))),
                named("b", duckdb(1, stat("Q1", 110, 0.10), stat("Q2", 150, 0.01), stat("Q3", 105, null), stat("Q4", 60, 0.01)))),
                0, 10.0, false);

        @Test
        void aTenPercentSlowdownWithinTenPercentNoiseIsNotAChange() {
            // warm 90/100/110 against 99/110/121: the medians' intervals overlap
            assertThat(change(comparison, "Q1", 1)).isEqualTo(Change.SAME);
        }

        @Test
        void fiftyPercentSlowerBeyondOnePercentNoiseIsARegression() {
            assertThat(change(comparison, "Q2", 1)).isEqualTo(Change.REGRESSION);
            assertThat(comparison.regressions()).contains(new Comparison.Regression("b", "Q2", 50.0));
        }

        @Test
        void withOneIterationThereIsNoNoiseEstimateSoNothingIsJudged() {
            assertThat(change(comparison, "Q3", 1)).isEqualTo(Change.UNJUDGED);
            assertThat(comparison.tooFewIterations()).isEqualTo("too few iterations to tell a change from noise: Q3 has 1 warm "
                    + "sample in a, and judging needs at least 3 a run (iterations beyond the cold first one: run with --iterations 4 or more)");
        }

        @Test
        void fasterBeyondTheNoiseIsFaster() {
            assertThat(change(comparison, "Q4", 1)).isEqualTo(Change.FASTER);
            assertThat(change(comparison, "Q4", 0)).isEqualTo(Change.BASELINE);
        }

        @Test
        void theColdIterationIsReportedApartWithTheMediansInterval() {
            Comparison.Cell cell = comparison.queries().get(0).cells().get(0);
            assertThat(cell.coldMs()).isEqualTo(200.0);
            assertThat(cell.samples()).isEqualTo(3);
            assertThat(cell.ciLowMs()).isEqualTo(90.0);
            assertThat(cell.ciHighMs()).isEqualTo(110.0);
        }

        @Test
        void theGeometricMeanIsNotJudgedWhenAQueryCannotBe() {
            assertThat(comparison.runs().get(1).change()).isEqualTo(Change.UNJUDGED);
            assertThat(comparison.regressions()).extracting(Comparison.Regression::query).containsExactly("Q2");
        }
    }

    @Nested
    class RealisticNoise {
        /** Times like a DuckDB SF 0.01 run's: a slow cold iteration, then warm ones a few percent apart, an outlier now and then. */
        private Map<String, double[]> run(long seed, double slowdownOfQ5) {
            java.util.Random random = new java.util.Random(seed);
            Map<String, double[]> times = new java.util.LinkedHashMap<>();
            for (int q = 1; q <= 22; q++) {
                double base = 20 + 7 * q;
                double[] iterations = new double[5];
                iterations[0] = base * 3;
                for (int i = 1; i < 5; i++) {
                    double noise = Math.exp(0.05 * random.nextGaussian()) * (random.nextDouble() < 0.05 ? 1.3 : 1);
                    iterations[i] = base * noise * (q == 5 ? slowdownOfQ5 : 1);
                }
                times.put("Q" + q, iterations);
            }
            return times;
        }

        @Test
        void twoRunsOfTheSameConfigurationHaveNoRegression() {
            for (long seed = 1; seed <= 20; seed++) {
                Comparison comparison = comparer.compare(List.of(named("a", Fixtures.measured(run(seed, 1))),
                        named("b", Fixtures.measured(run(seed + 1000, 1)))), 0, 10.0, false);
                assertThat(comparison.regressions()).as("seed " + seed).isEmpty();
                assertThat(comparison.tooFewIterations()).isNull();
            }
        }

        @Test
        void aQueryFiftyPercentSlowerIsCaughtWithFiveIterations() {
            for (long seed = 1; seed <= 20; seed++) {
                Comparison comparison = comparer.compare(List.of(named("a", Fixtures.measured(run(seed, 1))),
                        named("b", Fixtures.measured(run(seed + 1000, 1.5)))), 0, 10.0, false);
                assertThat(comparison.regressions()).as("seed " + seed).extracting(Comparison.Regression::query).containsExactly("Q5");
            }
        }
    }

    @Nested
    class Timing {
        private final RunResult job = Fixtures.emr("x86_64", 3, "0.20", 2000, 60000, 30000, stat("Q1", 1000, 0.02));
        private final RunResult session = Fixtures.timed(duckdb(0.01, stat("Q1", 1040, 0.02)), TimingMethod.SESSION, Map.of());

        @Test
        void runsTimedInDifferentPlacesAreRefusedInOneLine() {
            assertThatThrownBy(() -> comparer.compare(List.of(named("job", job), named("session", session)), 0, null, 5, false, false))
                    .isInstanceOf(BenchboxException.class)
                    .hasMessage("job in the Spark driver, session as a session round trip from the shell: a ratio across them "
                            + "compares more than the engines; add --allow-mixed-timing to compare them anyway");
        }

        @Test
        void allowedTheyAreComparedAndMarked() {
            Comparison comparison = comparer.compare(List.of(named("job", job), named("session", session)), 0, null, 5, false, true);

            assertThat(comparison.timingNote())
                    .isEqualTo("timed differently: job in the Spark driver, session as a session round trip from the shell");
            assertThat(comparison.runs()).extracting(Comparison.RunColumn::timing).containsExactly(TimingMethod.DRIVER, TimingMethod.SESSION);
            assertThat(TextComparisonPrinter.timing(comparison)).startsWith("Compared with --allow-mixed-timing although timed differently");
        }

        @Test
        void anOldFileIsInferredFromWhatItRecordsOrSaidToBeUnknown() {
            RunResult oldSession = Fixtures.timed(session, null,
                    Map.of("timing", "through the interactive session, round trip per query"));
            RunResult oldJob = Fixtures.timed(job, null, Map.of());
            RunResult oldLocal = Fixtures.timed(duckdb(0.01, stat("Q1", 1000, 0.02)), null, Map.of());

            assertThat(oldSession.timingMethod()).isEqualTo(TimingMethod.SESSION);
            assertThat(oldJob.timingMethod()).isEqualTo(TimingMethod.DRIVER);
            assertThat(oldLocal.timingMethod()).isEqualTo(TimingMethod.UNKNOWN);
            assertThatThrownBy(() -> comparer.compare(List.of(named("a", oldJob), named("b", oldSession)), 0, null, 5, false, false))
                    .hasMessageStartingWith("a in the Spark driver, b as a session round trip from the shell");
            assertThat(comparer.compare(List.of(named("a", oldJob), named("b", oldLocal)), 0, null, 5, false, false).timingNote())
                    .isEqualTo("timing method not recorded for b (a results file written before it was)");
        }
    }

    @Test
    void withoutAThresholdNothingIsARegression() {
        Comparison comparison = comparer.compare(List.of(named("a", duckdb(1, stat("Q1", 100, 0.01), stat("Q2", 100, 0.01))),
                named("b", duckdb(1, stat("Q1", 200, 0.01), stat("Q2", 200, 0.01)))), 0, null, false);

        assertThat(change(comparison, "Q1", 1)).isEqualTo(Change.SLOWER);
        assertThat(comparison.runs().get(1).change()).isEqualTo(Change.SLOWER);
        assertThat(comparison.regressions()).isEmpty();
    }

    @Test
    void aSlowerGeometricMeanBeyondTheThresholdIsARegressionOfItsOwn() {
        Comparison comparison = comparer.compare(List.of(
                named("a", duckdb(1, stat("Q1", 100, 0.01), stat("Q2", 100, 0.01), stat("Q3", 100, 0.01))),
                named("b", duckdb(1, stat("Q1", 108, 0.01), stat("Q2", 109, 0.01), stat("Q3", 107, 0.01)))), 0, 5.0, false);

        assertThat(comparison.regressions()).containsExactly(new Comparison.Regression("b", "Q1", 8.0),
                new Comparison.Regression("b", "Q2", 9.0), new Comparison.Regression("b", "Q3", 7.0),
                new Comparison.Regression("b", "geomean", 8.0));
    }

    @Test
    void theBaselineCanBeAnyRunAndQueriesOnlyOneRunTimedAreMissingElsewhere() {
        Comparison comparison = comparer.compare(List.of(
                named("a", duckdb(1, stat("Q1", 200, null), stat("Q6", 10, null))),
                named("b", duckdb(1, stat("Q1", 100, null)))), 1, null, false);

        assertThat(comparison.baseline()).isEqualTo("b");
        assertThat(change(comparison, "Q1", 0)).isEqualTo(Change.UNJUDGED);
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
                named("local", duckdb(0.01, stat("Q1", 1000, null)))), 0, null, 5, false, true); // a local run beside job runs: timed differently, allowed

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

    @Test
    void phasesAreMediansOverTheWarmSamplesAndTheLargestMoveIsNamed() {
        // three warm samples of Q1 around 1000 ms (cold 2000 ms set apart), each with 70 ms of planning
        RunResult run = Fixtures.withPhases(Fixtures.emr("x86_64", 3, "0.20", 2000, 60000, 30000, stat("Q1", 1000, 0.02)),
                "Q1", 5, 20, 30, 15);
        Comparison.Phases phases = Comparer.phases(run).get("Q1");
        assertThat(phases.planningMs()).isEqualTo(70.0);
        assertThat(phases.executionMs()).isEqualTo(930.0);
        assertThat(phases.phasesMs()).containsExactly(Map.entry("parsing", 5.0), Map.entry("analysis", 20.0),
                Map.entry("optimization", 30.0), Map.entry("planning", 15.0));

        Comparison.Phases slowerPlan = new Comparison.Phases(100, 930, Map.of("parsing", 5.0, "analysis", 50.0));
        assertThat(Comparer.moved(phases, slowerPlan)).isEqualTo(new Comparison.Moved("analysis", 30.0));
        assertThat(Comparer.moved(phases, slowerPlan).describe()).isEqualTo("analysis +30 ms");
        assertThat(Comparer.moved(phases, new Comparison.Phases(70, 880, phases.phasesMs())).describe()).isEqualTo("execution -50 ms");
        // nothing moved, or one side without phases: nothing to name
        assertThat(Comparer.moved(phases, phases)).isNull();
        assertThat(Comparer.moved(null, phases)).isNull();
        // a query some of whose executions lack phases has none
        RunResult partly = new RunResult(run.run(), run.benchmark(), run.platform(), run.summary(),
                run.queries().stream().map(q -> q.iteration() == 3 ? q.withPhases(Map.of()) : q).toList(), run.jobRuns(),
                run.statistics(), run.configuration());
        assertThat(Comparer.phases(partly)).doesNotContainKey("Q1");
    }
}
