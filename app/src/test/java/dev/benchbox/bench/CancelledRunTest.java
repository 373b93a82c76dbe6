package dev.benchbox.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.benchbox.platform.BatchListener;
import dev.benchbox.platform.BatchQuery;
import dev.benchbox.platform.BatchRounds;
import dev.benchbox.platform.LoadProgress;
import dev.benchbox.platform.QueryExecution;
import dev.benchbox.platform.WorkCancelled;
import dev.benchbox.results.QueryResult;
import dev.benchbox.results.ResultStore;
import dev.benchbox.results.RunResult;
import dev.benchbox.session.Session;
import dev.benchbox.tpch.ValidationMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run stopped before its end (Ctrl-C, {@code --max-cost}): what finished is kept in a results file marked as cancelled,
 * the reason and how far it got recorded, no metric over part of the work, and the cancel still ends the command.
 */
class CancelledRunTest {
    @TempDir
    Path results;

    private final List<String> validated = new ArrayList<>();
    private final PowerRunService.Listener listener = new PowerRunService.Listener() {
        @Override
        public void loading(double scaleFactor) {
        }

        @Override
        public void validated(QueryResult result) {
            validated.add(result.id());
        }

        @Override
        public void executed(QueryExecution execution) {
        }
    };

    private static QueryExecution done(BatchQuery query) {
        return new QueryExecution(query.id(), 1, false, 5_000_000, 1, List.of("x"), List.of(List.of(1)), null);
    }

    @Test
    void aJobRunCancelledForItsBudgetKeepsWhatItFinishedThoughItReportedNothingBeforeTheCancel() throws Exception {
        Session session = new Session();
        session.connect(new LoadedFakePlatform(dev.benchbox.dataset.Scale.of(0.01)) {
            @Override
            public List<QueryExecution> runBatch(String schema, List<BatchQuery> queries, int warmups, int iterations, int maxRowsKept,
                    BatchListener batch) {
                // as a job run: nothing reaches the listener before its end; the cancel carries what finished
                throw new WorkCancelled("projected cost $0.21 passed --max-cost $0.05: job run j1 was cancelled",
                        List.of(done(queries.get(0)), done(queries.get(1))), null);
            }
        });
        PowerRunService service = new PowerRunService(session, results);

        PowerRunService.Cancelled cancelled = org.junit.jupiter.api.Assertions.assertThrows(PowerRunService.Cancelled.class,
                () -> service.run(new PowerRunRequest(0.01, List.of(1, 6, 14), 0, 1, ValidationMode.OFF, 1), LoadProgress.NONE, listener));

        assertThat(cancelled).hasMessage("projected cost $0.21 passed --max-cost $0.05: job run j1 was cancelled");
        assertThat(validated).containsExactly("Q1", "Q6");
        RunResult saved = new ResultStore(results).mapper().readValue(Files.readString(cancelled.report().file()), RunResult.class);
        assertThat(saved.queries()).extracting(QueryResult::id).containsExactly("Q1", "Q6");
        assertThat(saved.cancellation()).hasValueSatisfying(c -> {
            assertThat(c.reason()).isEqualTo("projected cost $0.21 passed --max-cost $0.05: job run j1 was cancelled");
            assertThat(c.describe()).isEqualTo("cancelled after 2 of 3 measured executions");
            assertThat(c.billedUsd()).isNull(); // nothing bills on this platform
        });
        assertThat(saved.summary().powerAtSize()).isNull();
        assertThat(saved.summary().powerNote()).isEqualTo("no metric: the run was cancelled before it finished");
        assertThat(session.ledger()).last().satisfies(entry -> assertThat(entry.toString()).contains("cancelled"));
    }

    @Test
    void ctrlCBetweenQueriesKeepsWhatRanAndTheFileIsWrittenThoughTheThreadIsInterrupted() {
        Session session = new Session();
        session.connect(new LoadedFakePlatform(dev.benchbox.dataset.Scale.of(0.01)) {
            @Override
            public List<QueryExecution> runBatch(String schema, List<BatchQuery> queries, int warmups, int iterations, int maxRowsKept,
                    BatchListener batch) {
                return BatchRounds.run(queries, warmups, iterations, batch, "run cancelled", (query, iteration, warmup) -> {
                    if (query.id().equals("Q6")) {
                        Thread.currentThread().interrupt(); // Ctrl-C while Q6 ran: it finishes, Q14 does not start
                    }
                    return done(query);
                });
            }
        });
        PowerRunService service = new PowerRunService(session, results);
        try {
            assertThatThrownBy(() -> service.run(new PowerRunRequest(0.01, List.of(1, 6, 14), 0, 2, ValidationMode.OFF, 1),
                    LoadProgress.NONE, listener))
                    .isInstanceOfSatisfying(PowerRunService.Cancelled.class, e -> {
                        assertThat(e).hasMessage("run cancelled");
                        assertThat(e.report().file()).exists();
                        assertThat(e.report().result().queries()).extracting(QueryResult::id).containsExactly("Q1", "Q6");
                        assertThat(e.report().result().run().cancelled().describe()).isEqualTo("cancelled after 2 of 6 measured executions");
                    });
            // the interrupt is the caller's to see: the shell's Ctrl-C handling
            assertThat(Thread.interrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
