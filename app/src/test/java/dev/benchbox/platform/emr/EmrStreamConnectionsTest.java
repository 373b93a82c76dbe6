package dev.benchbox.platform.emr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.benchbox.BenchboxException;
import dev.benchbox.cost.Architecture;
import dev.benchbox.cost.DriverClock;
import dev.benchbox.cost.JobRunUsage;
import dev.benchbox.cost.ResourceUtilization;
import dev.benchbox.platform.BatchListener;
import dev.benchbox.platform.BatchQuery;
import dev.benchbox.platform.QueryExecution;
import dev.benchbox.platform.QuerySummary;
import dev.benchbox.platform.RefreshFunction;
import dev.benchbox.platform.RowSink;
import dev.benchbox.platform.StreamConnections;
import dev.benchbox.platform.StreamConnections.Step;
import dev.benchbox.platform.emr.job.JobRunService;
import dev.benchbox.platform.emr.job.RunManifest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Streams on EMR Serverless as job runs, with doubles for the job runs: what each run is asked to do, and what comes back. */
class EmrStreamConnectionsTest {
    private static final RefreshFunction RF1 = new RefreshFunction(List.of("INSERT INTO orders SELECT * FROM benchbox_rf_orders"),
            new RefreshFunction.StagedRows("tpch", 0.01, 1));

    /** Job runs that answer each entry; counts and snapshots as the tables would give them. */
    private static final class FakeJobRuns implements JobRuns {
        final List<List<BatchQuery>> batches = new ArrayList<>();
        final List<RunManifest.Catalog> catalogs = new ArrayList<>();
        final List<String> kinds = new ArrayList<>();
        final List<JobRunUsage> ledger = new ArrayList<>();
        Duration queued = Duration.ZERO;
        String failing;

        @Override
        public QuerySummary execute(String database, RunManifest.Catalog catalog, Map<String, String> tables, String sql, int maxRows,
                RowSink sink, JobRunService.Progress progress) {
            throw new AssertionError("streams run as batches");
        }

        @Override
        public Batch runRecorded(String kind, String database, RunManifest.Catalog catalog, Map<String, String> tables,
                List<BatchQuery> queries, int maxRowsKept, JobRunService.Progress progress) {
            kinds.add(kind);
            List<QueryExecution> executions = runBatch(database, catalog, tables, queries, 0, 1, maxRowsKept, BatchListener.NONE, progress);
            return new Batch(executions, ledger.get(ledger.size() - 1));
        }

        @Override
        public List<QueryExecution> runBatch(String database, RunManifest.Catalog catalog, Map<String, String> tables,
                List<BatchQuery> queries, int warmups, int iterations, int maxRowsKept, BatchListener listener,
                JobRunService.Progress progress) {
            assertThat(warmups).isZero();
            assertThat(iterations).isOne();
            batches.add(queries);
            catalogs.add(catalog);
            String id = "00job" + batches.size();
            progress.submitted(id);
            Instant created = Instant.parse("2026-12-08T03:00:00Z");
            ledger.add(new JobRunUsage(id, "benchbox power run", "power run", "SUCCESS", ResourceUtilization.ZERO,
                    ResourceUtilization.ZERO, 60, created, created.plusSeconds(5), created.plusSeconds(60), queued,
                    Architecture.X86_64, "us-east-1", created.plusSeconds(61), Map.of(),
                    new DriverClock(created.plusSeconds(6), created.plusSeconds(7), created.plusSeconds(20), created.plusSeconds(30),
                            created.plusSeconds(50))));
            List<QueryExecution> executions = new ArrayList<>();
            for (BatchQuery query : queries) {
                List<List<Object>> rows = query.id().startsWith("count_") ? List.of(List.of(query.id().equals("count_orders") ? 15000L : 60175L))
                        : query.id().startsWith("snapshot_") ? List.of(List.of(query.id().equals("snapshot_orders") ? 111L : 222L))
                        : List.of();
                String error = query.id().equals(failing) ? "Cannot roll back to 111: not an ancestor\n\tat org.apache..." : null;
                executions.add(new QueryExecution(query.id(), 1, false, 2_000_000_000L, rows.size(), List.of("c"), rows, error));
            }
            return executions;
        }

        @Override
        public List<JobRunUsage> jobRuns() {
            return List.copyOf(ledger);
        }
    }

    private final FakeJobRuns jobs = new FakeJobRuns();
    private final List<String> opened = new ArrayList<>();

    private EmrStreamConnections connections() {
        return new EmrStreamConnections(jobs, schema -> {
            opened.add(schema);
            return new EmrStreamConnections.Target("tpch_iceberg", RunManifest.Catalog.ICEBERG, Map.of());
        }, () -> JobRunService.Progress.NONE, () -> new StreamConnections.StreamRuns("job run", 15, "the application's maxConcurrentRuns"));
    }

    @Test
    void aStreamsStepsAreOneJobRunOverTheIcebergCatalogTimedFromItsFirstQuery() {
        List<Step> steps = List.of(Step.refresh("RF1-1", List.of("INSERT INTO orders VALUES (1)"), RF1),
                Step.query(new BatchQuery("Q14", "select 14")), Step.query(new BatchQuery("Q2", "select 2")));
        List<Long> starts = new ArrayList<>();
        jobs.queued = Duration.ofMillis(12_300);

        StreamConnections.StepsRun run;
        try (StreamConnections.StreamConnection connection = connections().open("tpch_iceberg")) {
            run = connection.runSteps(steps, 0, (execution, started) -> starts.add(started));
        }

        assertThat(jobs.batches).hasSize(1);
        // the refresh function goes as its staged form: the job makes the rows, the literal statements stay here
        assertThat(jobs.batches.get(0)).extracting(BatchQuery::id).containsExactly("RF1-1", "Q14", "Q2");
        assertThat(jobs.batches.get(0).get(0).refresh()).isEqualTo(RF1);
        assertThat(jobs.catalogs).containsExactly(RunManifest.Catalog.ICEBERG);
        assertThat(run.runId()).isEqualTo("00job1");
        assertThat(run.queued()).isEqualTo(Duration.ofMillis(12_300));
        // the first query 30 s after submission (driver's clock), then after the 2 s of each step before
        assertThat(starts).containsExactly(30_000_000_000L, 32_000_000_000L, 34_000_000_000L);
    }

    @Test
    void theTablesAreRecordedInOneJobRunAndPutBackBySnapshotRollbackInAnother() {
        StreamConnections.Checkpoint checkpoint = connections().checkpoint("tpch_iceberg", List.of("lineitem", "orders"), List.of("unused"));

        assertThat(checkpoint.rows()).containsExactly(Map.entry("lineitem", 60175L), Map.entry("orders", 15000L));
        assertThat(jobs.batches.get(0)).extracting(BatchQuery::sql).contains("SELECT count(*) FROM orders",
                "SELECT snapshot_id FROM glue_catalog.`tpch_iceberg`.`orders`.refs WHERE name = 'main'");

        assertThat(checkpoint.restore()).containsEntry("orders", 15000L);
        assertThat(jobs.batches).hasSize(2);
        assertThat(jobs.batches.get(1)).extracting(BatchQuery::sql).startsWith(
                "CALL glue_catalog.system.rollback_to_snapshot('tpch_iceberg.lineitem', 222)",
                "CALL glue_catalog.system.rollback_to_snapshot('tpch_iceberg.orders', 111)");
    }

    @Test
    void aRollbackThatFailsIsSaidPlainlyWithWhatToTypeByHand() {
        StreamConnections.Checkpoint checkpoint = connections().checkpoint("tpch_iceberg", List.of("orders"), List.of());
        jobs.failing = "rollback_orders";

        assertThatThrownBy(checkpoint::restore).isInstanceOf(BenchboxException.class).hasMessage(
                "rolling back to the snapshots before the refresh functions failed for orders (Cannot roll back to 111: not an "
                        + "ancestor; by hand: CALL glue_catalog.system.rollback_to_snapshot('tpch_iceberg.orders', 111))");
    }

    @Test
    void eachJobRunIsRecordedAsWhatItRuns() {
        try (StreamConnections.StreamConnection connection = connections().open("tpch_iceberg")) {
            connection.runSteps(List.of(Step.refresh("RF1-1", List.of("INSERT INTO orders VALUES (1)"), RF1),
                    Step.query(new BatchQuery("Q14", "select 14"))), 0, (execution, started) -> { });
            connection.runSteps(List.of(Step.refresh("RF1-2", List.of("INSERT INTO orders VALUES (1)"), RF1)), 0, (execution, started) -> { });
            connection.runSteps(List.of(Step.query(new BatchQuery("Q2", "select 2"))), 0, (execution, started) -> { });
        }
        connections().checkpoint("tpch_iceberg", List.of("orders"), List.of()).restore();

        assertThat(jobs.kinds).containsExactly("power test", "refresh stream", "query stream", "data check", "data restore");
    }

    @Test
    void refreshFunctionsAreNotAtomicAndTheLimitIsReported() {
        assertThat(connections().refreshNotAtomic()).hasValueSatisfying(why -> assertThat(why).contains("each statement commits on its own"));
        assertThat(connections().streamRuns()).hasValue(new StreamConnections.StreamRuns("job run", 15, "the application's maxConcurrentRuns"));
        assertThatThrownBy(() -> connections().open("tpch_iceberg").runTransaction(List.of("DELETE FROM orders")))
                .isInstanceOf(BenchboxException.class).hasMessageContaining("no multi-statement transactions");
    }
}
