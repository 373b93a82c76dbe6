package dev.benchbox.platform.emr;

import dev.benchbox.BenchboxException;
import dev.benchbox.cost.JobRunUsage;
import dev.benchbox.platform.BatchListener;
import dev.benchbox.platform.BatchQuery;
import dev.benchbox.platform.QueryExecution;
import dev.benchbox.platform.QuerySummary;
import dev.benchbox.platform.RowSink;
import dev.benchbox.platform.emr.job.JobRunService;
import java.util.List;
import java.util.Map;

/** Statements and batches as job runs, and the ledger of job runs; a dry run has none to run. */
interface JobRuns {
    QuerySummary execute(String database, dev.benchbox.platform.emr.job.RunManifest.Catalog catalog, Map<String, String> tables, String sql, int maxRows, RowSink sink,
            JobRunService.Progress progress);

    List<QueryExecution> runBatch(String database, dev.benchbox.platform.emr.job.RunManifest.Catalog catalog, Map<String, String> tables, List<BatchQuery> queries, int warmups, int iterations,
            int maxRowsKept, BatchListener listener, JobRunService.Progress progress);

    /** One job run's executions and its usage (what the ledger holds for it). */
    record Batch(List<QueryExecution> executions, JobRunUsage usage) {
    }

    /** As {@link #runBatch}, no warm-up and one iteration, the job run recorded as {@code kind} (a power test, a stream, a data check). */
    Batch runRecorded(String kind, String database, dev.benchbox.platform.emr.job.RunManifest.Catalog catalog,
            Map<String, String> tables, List<BatchQuery> queries, int maxRowsKept, JobRunService.Progress progress);

    List<JobRunUsage> jobRuns();

    /** The shell's view of job-run progress as the job-run code reports it (SDK states named as AWS names them). */
    static JobRunService.Progress progress(dev.benchbox.platform.JobProgress target) {
        return new JobRunService.Progress() {
            @Override
            public void submitted(String jobRunId) {
                target.submitted(jobRunId);
            }

            @Override
            public void stateChanged(String jobRunId, software.amazon.awssdk.services.emrserverless.model.JobRunState state,
                    java.time.Duration sinceSubmit) {
                target.stateChanged(jobRunId, state.toString(), sinceSubmit);
            }

            @Override
            public void stillIn(String jobRunId, software.amazon.awssdk.services.emrserverless.model.JobRunState state,
                    java.time.Duration sinceSubmit) {
                target.waiting("job run " + jobRunId + " " + state, sinceSubmit);
            }
        };
    }

    /** Job runs on the application, through {@link JobRunService}. */
    static JobRuns of(JobRunService service) {
        return new JobRuns() {
            @Override
            public QuerySummary execute(String database, dev.benchbox.platform.emr.job.RunManifest.Catalog catalog, Map<String, String> tables, String sql, int maxRows, RowSink sink,
                    JobRunService.Progress progress) {
                return service.execute(database, catalog, tables, sql, maxRows, sink, progress);
            }

            @Override
            public List<QueryExecution> runBatch(String database, dev.benchbox.platform.emr.job.RunManifest.Catalog catalog, Map<String, String> tables, List<BatchQuery> queries, int warmups,
                    int iterations, int maxRowsKept, BatchListener listener, JobRunService.Progress progress) {
                return service.runBatch(database, catalog, tables, queries, warmups, iterations, maxRowsKept, listener, progress);
            }

            @Override
            public Batch runRecorded(String kind, String database, dev.benchbox.platform.emr.job.RunManifest.Catalog catalog,
                    Map<String, String> tables, List<BatchQuery> queries, int maxRowsKept, JobRunService.Progress progress) {
                JobRunService.Outcome outcome = service.run(kind, database, catalog, tables, queries, 0, 1, maxRowsKept, progress);
                return new Batch(outcome.results().executions(), outcome.usage());
            }

            @Override
            public List<JobRunUsage> jobRuns() {
                return service.jobRuns();
            }
        };
    }

    /** A dry run's: a job run's results cannot be previewed, so {@code query} and {@code run} say so (run --dry-run previews the request). */
    JobRuns NONE_IN_A_DRY_RUN = new JobRuns() {
        @Override
        public QuerySummary execute(String database, dev.benchbox.platform.emr.job.RunManifest.Catalog catalog, Map<String, String> tables, String sql, int maxRows, RowSink sink,
                JobRunService.Progress progress) {
            throw new BenchboxException("query needs AWS: it is not available in a dry run");
        }

        @Override
        public List<QueryExecution> runBatch(String database, dev.benchbox.platform.emr.job.RunManifest.Catalog catalog, Map<String, String> tables, List<BatchQuery> queries, int warmups,
                int iterations, int maxRowsKept, BatchListener listener, JobRunService.Progress progress) {
            throw new BenchboxException("run needs AWS: it is not available in a dry run");
        }

        @Override
        public Batch runRecorded(String kind, String database, dev.benchbox.platform.emr.job.RunManifest.Catalog catalog,
                Map<String, String> tables, List<BatchQuery> queries, int maxRowsKept, JobRunService.Progress progress) {
            throw new BenchboxException("run needs AWS: it is not available in a dry run");
        }

        @Override
        public List<JobRunUsage> jobRuns() {
            return List.of();
        }
    };
}
