package dev.benchbox.standin;

import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Runs a job run once it reaches RUNNING. The stand-in's default runs it for real in a child JVM with Spark
 * ({@link SparkJobExecutor}); state-machine tests pass a scripted one. Called on a job thread of its own;
 * cancelling the run interrupts that thread, and the executor must then stop the job and return or throw.
 */
@FunctionalInterface
public interface JobExecutor {

    /** Everything about one run an executor needs. */
    record JobRequest(String applicationId, String jobRunId, String entryPoint, List<String> entryPointArguments,
                      SparkSubmitParameters parameters, Map<String, String> sparkConf, String logUri, String releaseLabel) {
        public JobRequest {
            requireNonNull(applicationId, "applicationId is null");
            requireNonNull(releaseLabel, "releaseLabel is null");
            requireNonNull(jobRunId, "jobRunId is null");
            requireNonNull(entryPoint, "entryPoint is null");
            entryPointArguments = List.copyOf(requireNonNull(entryPointArguments, "entryPointArguments is null"));
            requireNonNull(parameters, "parameters is null");
            sparkConf = Map.copyOf(requireNonNull(sparkConf, "sparkConf is null"));
        }
    }

    /** How a run ended: success, or failure with the stateDetails EMR would show. */
    record JobResult(boolean succeeded, String stateDetails) {
        public JobResult {
            requireNonNull(stateDetails, "stateDetails is null");
        }

        public static JobResult success() {
            return new JobResult(true, "");
        }

        public static JobResult failure(String stateDetails) {
            return new JobResult(false, stateDetails);
        }
    }

    JobResult run(JobRequest request) throws Exception;
}
