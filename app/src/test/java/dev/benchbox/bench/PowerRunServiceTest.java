package dev.benchbox.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.benchbox.results.QueryResult;
import dev.benchbox.results.RunResult;
import dev.benchbox.tpch.ValidationMode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PowerRunServiceTest {
    private static final String NOT_COMPLIANT = "; the refresh functions RF1/RF2 were not part of this run, "
            + "so this is not a specification-compliant Power@Size";

    @Test
    void summaryOfASubsetOfQueriesSaysWhatRanAndWhatWasLeftOut() {
        PowerRunRequest request = new PowerRunRequest(1, List.of(1, 6), 0, 1, ValidationMode.EXACT);

        RunResult.Summary summary = PowerRunService.summarize(request, List.of(
                passed("Q1", 1, 100), passed("Q6", 1, 400)));

        // geometric mean of 0.1 s and 0.4 s is 0.2 s: 3600 × 1 / 0.2
        assertThat(summary).isEqualTo(new RunResult.Summary(2, 2, 0, 0, 500.0, 200.0, 18000.0,
                "computed over 2 query timing intervals" + NOT_COMPLIANT + ", and only 2 of the 22 queries ran"));
    }

    @Test
    void wrongAnswersCountAsFailedButStillGiveAPower() {
        PowerRunRequest request = new PowerRunRequest(0.01, List.of(1, 6), 0, 1, ValidationMode.EXACT);

        RunResult.Summary summary = PowerRunService.summarize(request, List.of(
                passed("Q1", 1, 2000), result("Q6", 1, 8000, QueryResult.FAILED)));

        // geometric mean of 2 s and 8 s is 4 s: 3600 × 0.01 / 4
        assertThat(summary.queries()).isEqualTo(2);
        assertThat(summary.passed()).isEqualTo(1);
        assertThat(summary.failed()).isEqualTo(1);
        assertThat(summary.errors()).isZero();
        assertThat(summary.powerAtSize()).isEqualTo(9.0);
    }

    @Test
    void errorsLeavePowerOutAndSaySo() {
        PowerRunRequest request = new PowerRunRequest(1, List.of(1, 6, 14), 0, 1, ValidationMode.EXACT);

        RunResult.Summary summary = PowerRunService.summarize(request, List.of(
                passed("Q1", 1, 100), result("Q6", 1, 3, QueryResult.ERROR), result("Q14", 1, 7, QueryResult.ERROR)));

        assertThat(summary).isEqualTo(new RunResult.Summary(3, 1, 0, 2, 110.0, Math.round(Math.cbrt(2100) * 1000) / 1000.0,
                null, "Power@Size not computed: 2 query execution(s) failed"));
    }

    @Test
    void severalIterationsUseEachQuerysGeometricMean() {
        PowerRunRequest request = new PowerRunRequest(1, List.of(1, 6), 1, 2, ValidationMode.ROWCOUNT);

        RunResult.Summary summary = PowerRunService.summarize(request, List.of(
                passed("Q1", 1, 100), passed("Q6", 1, 200), passed("Q1", 2, 400), passed("Q6", 2, 200)));

        // Q1: sqrt(0.1 × 0.4) = 0.2 s, Q6: 0.2 s; 3600 / 0.2
        assertThat(summary.queries()).isEqualTo(4);
        assertThat(summary.totalMs()).isEqualTo(900.0);
        assertThat(summary.geometricMeanMs()).isEqualTo(200.0);
        assertThat(summary.powerAtSize()).isEqualTo(18000.0);
        assertThat(summary.powerNote()).isEqualTo("computed over 2 query timing intervals (each the geometric mean of 2 iterations)"
                + NOT_COMPLIANT + ", and only 2 of the 22 queries ran");
    }

    @Test
    void allTwentyTwoQueriesOnlyMentionTheMissingRefreshFunctions() {
        PowerRunRequest request = new PowerRunRequest(0.01, IntStream.rangeClosed(1, 22).boxed().toList(), 0, 1,
                ValidationMode.EXACT);
        List<QueryResult> results = new ArrayList<>();
        for (int q = 1; q <= 22; q++) {
            results.add(passed("Q" + q, 1, 1000));
        }

        RunResult.Summary summary = PowerRunService.summarize(request, results);

        // every interval 1 s: 3600 × 0.01 / 1
        assertThat(summary).isEqualTo(new RunResult.Summary(22, 22, 0, 0, 22000.0, 1000.0, 36.0,
                "computed over 22 query timing intervals" + NOT_COMPLIANT));
    }

    @Test
    void aRunOnDuckDbRecordsStatisticsWithTheFirstWarmupAsTheColdTime(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        dev.benchbox.session.Session session = new dev.benchbox.session.Session();
        session.connect(dev.benchbox.platform.duckdb.DuckDbPlatform.open(null));
        try {
            java.util.Map<String, Double> warmups = new java.util.LinkedHashMap<>();
            PowerRunService.Report report = new PowerRunService(session, dir).run(
                    new PowerRunRequest(0.01, List.of(1, 6), 1, 3, ValidationMode.EXACT), dev.benchbox.platform.LoadProgress.NONE,
                    new PowerRunService.Listener() {
                        @Override
                        public void loading(double scaleFactor) {
                        }

                        @Override
                        public void executed(dev.benchbox.platform.QueryExecution execution) {
                            if (execution.warmup()) {
                                warmups.put(execution.queryId(), Math.round(execution.elapsedMillis() * 1000) / 1000.0);
                            }
                        }

                        @Override
                        public void validated(QueryResult result) {
                        }
                    });

            List<dev.benchbox.results.QueryStatistics> stats = report.result().statistics();
            assertThat(stats).extracting(dev.benchbox.results.QueryStatistics::id).containsExactly("Q1", "Q6");
            for (dev.benchbox.results.QueryStatistics q : stats) {
                assertThat(q.samples()).isEqualTo(3);
                assertThat(q.coldMs()).isEqualTo(warmups.get(q.id()));
                List<Double> times = report.result().queries().stream().filter(r -> r.id().equals(q.id())).map(QueryResult::ms)
                        .sorted().toList();
                assertThat(q.minMs()).isEqualTo(times.get(0));
                assertThat(q.medianMs()).isEqualTo(times.get(1));
                assertThat(q.maxMs()).isEqualTo(times.get(2));
                assertThat(q.cv()).isNotNull();
            }
            // and the file holds them
            assertThat(new dev.benchbox.results.ResultStore(dir).read(report.file()).statistics()).isEqualTo(stats);

            dev.benchbox.results.RunConfiguration config = report.result().configuration();
            assertThat(config.engine().platform()).isEqualTo("duckdb");
            assertThat(config.engine().version()).isEqualTo(session.platform().version());
            assertThat(config.engine().settings()).containsOnlyKeys("threads", "memory_limit");
            assertThat(config.engine().releaseLabel()).isNull();
            assertThat(config.benchmark()).isEqualTo("tpch");
            assertThat(config.scaleFactor()).isEqualTo(0.01);
            assertThat(config.queries()).containsExactly("Q1", "Q6");
            assertThat(config.warmups()).isEqualTo(1);
            assertThat(config.iterations()).isEqualTo(3);
            assertThat(config.streams()).isEqualTo(1);
            assertThat(config.validation()).isEqualTo("exact");
            // the build's version, filtered into application.properties by Maven
            assertThat(config.shellVersion()).matches("\\d+\\.\\d+\\.\\d+.*");
            assertThat(new dev.benchbox.results.ResultStore(dir).read(report.file()).configuration()).isEqualTo(config);
        } finally {
            session.disconnect();
        }
    }

    private static QueryResult passed(String id, int iteration, double ms) {
        return result(id, iteration, ms, QueryResult.VALIDATED);
    }

    private static QueryResult result(String id, int iteration, double ms, String status) {
        return new QueryResult(id, iteration, ms, 1, status, "exact", null);
    }
}
