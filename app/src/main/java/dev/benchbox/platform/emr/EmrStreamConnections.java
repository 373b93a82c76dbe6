package dev.benchbox.platform.emr;

import static java.util.Objects.requireNonNull;

import dev.benchbox.BenchboxException;
import dev.benchbox.cost.JobRunUsage;
import dev.benchbox.platform.BatchListener;
import dev.benchbox.platform.BatchQuery;
import dev.benchbox.platform.QueryExecution;
import dev.benchbox.platform.StreamConnections;
import dev.benchbox.platform.emr.job.IcebergCatalog;
import dev.benchbox.platform.emr.job.JobRunService;
import dev.benchbox.platform.emr.job.RunManifest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Streams over Iceberg tables on EMR Serverless: each stream a job run of its own (its queries and refresh functions
 * timed in the driver), so the throughput test's streams run side by side on the application as far as its
 * {@code maxConcurrentRuns} allows. The tables are put back by Iceberg snapshot rollback, and counted by
 * {@code count(*)} in a job run (Glue's {@code numRows} is what the load recorded, not what the refresh functions left).
 */
final class EmrStreamConnections implements StreamConnections {
    /** A schema's Glue database and how a job run finds its tables. */
    record Target(String database, RunManifest.Catalog catalog, Map<String, String> locations) {
        Target {
            requireNonNull(database, "database is null");
            requireNonNull(catalog, "catalog is null");
            locations = Map.copyOf(locations);
        }
    }

    private final JobRuns jobs;
    private final Function<String, Target> targets;
    private final Supplier<JobRunService.Progress> progress;
    private final Supplier<StreamRuns> streamRuns;

    /**
     * @param targets    a schema's database and tables, read when a connection opens (refusing a missing database)
     * @param progress   where job-run progress goes, read at each run
     * @param streamRuns the application's limit on concurrent job runs, read when asked
     */
    EmrStreamConnections(JobRuns jobs, Function<String, Target> targets, Supplier<JobRunService.Progress> progress,
            Supplier<StreamRuns> streamRuns) {
        this.jobs = requireNonNull(jobs, "jobs is null");
        this.targets = requireNonNull(targets, "targets is null");
        this.progress = requireNonNull(progress, "progress is null");
        this.streamRuns = requireNonNull(streamRuns, "streamRuns is null");
    }

    @Override
    public StreamConnection open(String schema) {
        Target target = targets.apply(schema);
        return new StreamConnection() {
            @Override
            public List<QueryExecution> runStream(List<BatchQuery> queries, int maxRowsKept, BatchListener listener) {
                StepsRun run = EmrStreamConnections.this.run("query stream", target, queries, maxRowsKept, (execution, started) -> { });
                run.executions().forEach(listener::executed);
                return run.executions();
            }

            @Override
            public void runTransaction(List<String> statements) {
                throw new BenchboxException("emr-serverless runs no multi-statement transactions: its refresh functions run as "
                        + "steps of a stream's job run");
            }

            @Override
            public StepsRun runSteps(List<Step> steps, int maxRowsKept, StepListener listener) {
                List<BatchQuery> entries = steps.stream().map(Step::entry).toList();
                return EmrStreamConnections.this.run(kind(entries), target, entries, maxRowsKept, listener);
            }

            @Override
            public void close() {
                // a job run ends with its stream: nothing stays open
            }
        };
    }

    /** Iceberg commits each statement on its own: RF1's two inserts (and RF2's two deletes) are two commits. */
    @Override
    public java.util.Optional<String> refreshNotAtomic() {
        return java.util.Optional.of("on Iceberg tables each statement commits on its own, so a refresh function that "
                + "changes two tables does so in two commits, not one transaction");
    }

    @Override
    public java.util.Optional<StreamRuns> streamRuns() {
        return java.util.Optional.of(streamRuns.get());
    }

    /**
     * One job run: the tables' rows and current snapshots. Putting back is another: each table rolled back to its
     * snapshot ({@code CALL <catalog>.system.rollback_to_snapshot}), then counted.
     */
    @Override
    public Checkpoint checkpoint(String schema, List<String> tables, List<String> restoreStatements) {
        Target target = targets.apply(schema);
        List<BatchQuery> recording = new ArrayList<>(StreamConnections.countQueries(tables));
        for (String table : tables) {
            recording.add(new BatchQuery("snapshot_" + table, "SELECT snapshot_id FROM " + qualified(target, table)
                    + ".refs WHERE name = 'main'"));
        }
        List<QueryExecution> recorded = run("data check", target, recording, 1, (execution, started) -> { }).executions();
        Map<String, Long> rows = StreamConnections.counted(tables, recorded);
        Map<String, Long> snapshots = new LinkedHashMap<>();
        for (String table : tables) {
            QueryExecution snapshot = find(recorded, "snapshot_" + table);
            if (snapshot == null || snapshot.failed() || snapshot.rows().isEmpty()
                    || !(snapshot.rows().get(0).get(0) instanceof Number id)) {
                throw new BenchboxException("could not read the current Iceberg snapshot of " + table + " before the refresh "
                        + "functions: " + (snapshot != null && snapshot.failed() ? firstLine(snapshot.error()) : "no snapshot came back"));
            }
            snapshots.put(table, id.longValue());
        }
        return new Checkpoint() {
            @Override
            public Map<String, Long> rows() {
                return rows;
            }

            @Override
            public Map<String, Long> restore() {
                List<BatchQuery> back = new ArrayList<>();
                snapshots.forEach((table, id) -> back.add(new BatchQuery("rollback_" + table, rollback(target, table, id))));
                back.addAll(StreamConnections.countQueries(tables));
                List<QueryExecution> done = run("data restore", target, back, 1, (execution, started) -> { }).executions();
                List<String> failed = new ArrayList<>();
                snapshots.forEach((table, id) -> {
                    QueryExecution rollback = find(done, "rollback_" + table);
                    if (rollback == null || rollback.failed()) {
                        failed.add(table + " (" + (rollback == null ? "not run" : firstLine(rollback.error())) + "; by hand: "
                                + rollback(target, table, id) + ")");
                    }
                });
                if (!failed.isEmpty()) {
                    throw new BenchboxException("rolling back to the snapshots before the refresh functions failed for "
                            + String.join(", ", failed));
                }
                return StreamConnections.counted(tables, done);
            }
        };
    }

    /** The statements of a stream as one job run, every step timed in the driver; ids must be unique. */
    /** What a stream's job run is called in the ledger and on the bill: by what it runs. */
    static String kind(List<BatchQuery> entries) {
        boolean refreshes = entries.stream().anyMatch(BatchQuery::isRefresh);
        boolean queries = entries.stream().anyMatch(entry -> !entry.isRefresh());
        return refreshes && queries ? "power test" : refreshes ? "refresh stream" : "query stream";
    }

    private StepsRun run(String kind, Target target, List<BatchQuery> entries, int maxRowsKept, StepListener listener) {
        JobRuns.Batch batch = jobs.runRecorded(kind, target.database(), target.catalog(), target.locations(), entries,
                maxRowsKept, progress.get());
        List<QueryExecution> executions = batch.executions();
        JobRunUsage usage = batch.usage();
        // each step starts where the run reached its first query, then after the steps before it (driver times)
        long at = firstStepAfter(usage);
        for (QueryExecution execution : executions) {
            listener.executed(execution, at);
            at += execution.elapsedNanos();
        }
        return new StepsRun(executions, usage == null ? null : usage.jobRunId(), usage == null ? null : usage.queued());
    }

    /**
     * From the job run's submission (AWS's {@code createdAt}) to its first query (the driver's clock; another machine's,
     * so a clock skew shows here): queue, workers, Spark's start. Zero where either is unknown.
     */
    static long firstStepAfter(JobRunUsage usage) {
        if (usage == null || usage.createdAt() == null || usage.driver() == null || usage.driver().firstQuery() == null) {
            return 0;
        }
        return Math.max(0, Duration.between(usage.createdAt(), usage.driver().firstQuery()).toNanos());
    }

    /** {@code glue_catalog.`db`.`table`}: through Iceberg's catalog, where its metadata tables are. */
    private static String qualified(Target target, String table) {
        return IcebergCatalog.NAME + ".`" + target.database() + "`.`" + table + "`";
    }

    static String rollback(Target target, String table, long snapshot) {
        return "CALL " + IcebergCatalog.NAME + ".system.rollback_to_snapshot('" + target.database() + "." + table + "', "
                + snapshot + ")";
    }

    private static QueryExecution find(List<QueryExecution> executions, String id) {
        return executions.stream().filter(e -> e.queryId().equals(id) && !e.warmup()).findFirst().orElse(null);
    }

    private static String firstLine(String text) {
        return text == null ? "failed" : text.strip().split("\\R", 2)[0];
    }
}
