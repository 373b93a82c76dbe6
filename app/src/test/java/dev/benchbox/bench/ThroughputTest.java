package dev.benchbox.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.benchbox.BenchboxException;
import dev.benchbox.platform.BatchListener;
import dev.benchbox.platform.BatchQuery;
import dev.benchbox.dataset.Column;
import dev.benchbox.platform.LoadProgress;
import dev.benchbox.platform.LoadReport;
import dev.benchbox.platform.Platform;
import dev.benchbox.platform.QueryExecution;
import dev.benchbox.platform.QuerySummary;
import dev.benchbox.platform.RowSink;
import dev.benchbox.platform.duckdb.DuckDbPlatform;
import dev.benchbox.results.QueryResult;
import dev.benchbox.session.Session;
import dev.benchbox.tpch.ValidationMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Throughput tests: streams side by side, each in its own query order, with the throughput metric. */
class ThroughputTest {
    @TempDir
    Path results;

    private static final PowerRunService.Listener QUIET = new PowerRunService.Listener() {
        @Override
        public void loading(double scaleFactor) {
        }

        @Override
        public void validated(QueryResult result) {
        }

        @Override
        public void executed(QueryExecution execution) {
        }
    };

    @Test
    void streamsRunSideBySideEachInItsOwnOrderAndYieldThroughputAtSize() {
        CyclicBarrier bothStreamsRunning = new CyclicBarrier(2);
        List<List<String>> orders = Collections.synchronizedList(new ArrayList<>());
        Session session = new Session();
        session.connect(new FakeStreamingPlatform() {
            @Override
            public List<QueryExecution> runBatch(String schema, List<BatchQuery> queries, int warmups, int iterations,
                    int maxRowsKept, BatchListener listener) {
                orders.add(queries.stream().map(BatchQuery::id).toList());
                try {
                    // proves the streams overlap: neither gets past here until the other arrived
                    bothStreamsRunning.await(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                List<QueryExecution> executions = new ArrayList<>();
                for (BatchQuery query : queries) {
                    QueryExecution execution = new QueryExecution(query.id(), 1, false, 5_000_000, 1, List.of("x"),
                            List.of(List.of(1)), null);
                    executions.add(execution);
                    listener.executed(execution);
                }
                return executions;
            }
        });
        PowerRunService service = new PowerRunService(session, results);

        PowerRunService.Report report = service.run(new PowerRunRequest(0.01, List.of(1, 6, 14), 0, 1, ValidationMode.OFF, 2),
                LoadProgress.NONE, QUIET);

        assertThat(orders).containsExactlyInAnyOrder(List.of("Q1", "Q6", "Q14"), List.of("Q6", "Q14", "Q1"));
        assertThat(report.result().queries()).hasSize(6)
                .extracting(QueryResult::stream).containsOnly(1, 2);
        assertThat(report.result().summary().streams()).isEqualTo(2);
        assertThat(report.result().summary().throughputAtSize()).isPositive();
        assertThat(report.result().summary().throughputNote()).startsWith("2 streams side by side");
    }

    @Test
    void duckDbRefusesStreamsBeforeRunningAnything() {
        Session session = new Session();
        session.connect(DuckDbPlatform.open(null));
        try {
            PowerRunService service = new PowerRunService(session, results);
            List<Double> loading = new java.util.ArrayList<>();
            PowerRunService.Listener listener = new PowerRunService.Listener() {
                @Override
                public void loading(double scaleFactor) {
                    loading.add(scaleFactor);
                }

                @Override
                public void validated(QueryResult result) {
                }

                @Override
                public void executed(QueryExecution execution) {
                }
            };
            // a fresh schema: refused before generating or loading anything (at SF 10 that would take minutes)
            assertThatThrownBy(() -> service.run(new PowerRunRequest(0.01, List.of(1), 0, 1, ValidationMode.OFF, 2),
                    LoadProgress.NONE, listener))
                    .isInstanceOf(BenchboxException.class)
                    .hasMessage("--streams runs concurrent job runs: it needs emr-serverless (duckdb runs one stream at a time here)");
            assertThat(loading).isEmpty();
            assertThat(session.platform().listTables("main")).isEmpty();
            assertThat(results).isEmptyDirectory();
        } finally {
            session.disconnect();
        }
    }

    @Test
    void streamCountIsCheckedWhereItIsTyped() {
        assertThatThrownBy(() -> new PowerRunRequest(1, List.of(1), 0, 1, ValidationMode.OFF, 0))
                .hasMessage("invalid --streams 0: expected 1 to 64");
    }

    /** A platform whose data is already loaded and which runs batches concurrently. */
    private abstract static class FakeStreamingPlatform extends LoadedFakePlatform {
        FakeStreamingPlatform() {
            super(dev.benchbox.dataset.Scale.of(0.01));
        }

        @Override
        public boolean concurrentStreams() {
            return true;
        }
    }

}
