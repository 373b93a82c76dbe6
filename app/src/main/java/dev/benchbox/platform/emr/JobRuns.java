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
    QuerySummary execute(String database, Map<String, String> tables, String sql, int maxRows, RowSink sink,
            JobRunService.Progress progress);

    List<QueryExecution> runBatch(String database, Map<String, String> tables, List<BatchQuery> queries, int warmups, int iterations,
            int maxRowsKept, BatchListener listener, JobRunService.Progress progress);

    List<JobRunUsage> jobRuns();

    /** Job runs on the application, through {@link JobRunService}. */
    static JobRuns of(JobRunService service) {
        return new JobRuns() {
            @Override
            public QuerySummary execute(String database, Map<String, String> tables, String sql, int maxRows, RowSink sink,
                    JobRunService.Progress progress) {
                return service.execute(database, tables, sql, maxRows, sink, progress);
            }

            @Override
            public List<QueryExecution> runBatch(String database, Map<String, String> tables, List<BatchQuery> queries, int warmups,
                    int iterations, int maxRowsKept, BatchListener listener, JobRunService.Progress progress) {
                return service.runBatch(database, tables, queries, warmups, iterations, maxRowsKept, listener, progress);
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
        public QuerySummary execute(String database, Map<String, String> tables, String sql, int maxRows, RowSink sink,
                JobRunService.Progress progress) {
            throw new BenchboxException("query needs AWS: it is not available in a dry run");
        }

        @Override
        public List<QueryExecution> runBatch(String database, Map<String, String> tables, List<BatchQuery> queries, int warmups,
                int iterations, int maxRowsKept, BatchListener listener, JobRunService.Progress progress) {
            throw new BenchboxException("run needs AWS: it is not available in a dry run");
        }

        @Override
        public List<JobRunUsage> jobRuns() {
            return List.of();
        }
    };
}
